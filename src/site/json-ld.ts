import type { Release } from '../model/release.ts';
import { absoluteUrl } from './open-graph.ts';
import { registryArea } from './registry-areas.ts';
import type { Link, RenderSite } from './view-types.ts';

// Characters that could end a <script> element, open an HTML comment, or end a
// line in pre-2019 JavaScript parsers; `\u` escapes keep the JSON identical.
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * Serialises data for an inline `<script type="application/ld+json">`: no
 * content can close the element (`</script>`), open a comment (`<!--`) or
 * break a line (U+2028, U+2029).
 */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    SCRIPT_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The site's logo, a raster image as Google asks of a publisher: `templates/assets/logo.png`. */
export const SITE_LOGO = { path: '/assets/logo.png', width: 192, height: 192 } as const;

/**
 * schema.org data for a release page: a NewsArticle and its BreadcrumbList
 * (home › area › year › release), with absolute URLs. The author is the
 * force, named as areas.yaml names its area, at the site its release came from.
 */
export function buildReleaseJsonLd(
  release: Release,
  breadcrumbs: readonly Link[],
  site: RenderSite,
): object[] {
  const url = absoluteUrl(site, release.url);
  const article = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: release.headline,
    description: release.description,
    datePublished: release.local.iso,
    dateModified: (release.modified ?? release.local).iso,
    image: [release.og.image ?? registryArea(site, release.areaSlug)?.image?.url ?? site.image.url],
    url,
    mainEntityOfPage: url,
    inLanguage: site.language,
    isBasedOn: release.sourceUrl,
    contentLocation: { '@type': 'Place', name: release.area },
    articleSection: release.area,
    author: {
      '@type': 'Organization',
      name: registryArea(site, release.areaSlug)?.name ?? release.area,
      url: new URL(release.sourceUrl).origin,
    },
    publisher: {
      '@type': 'Organization',
      name: site.title,
      url: absoluteUrl(site, '/'),
      logo: {
        '@type': 'ImageObject',
        url: absoluteUrl(site, SITE_LOGO.path),
        width: SITE_LOGO.width,
        height: SITE_LOGO.height,
      },
    },
  };
  const trail = [...breadcrumbs, { label: release.headline, url: release.url }];
  const list = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.label,
      item: absoluteUrl(site, crumb.url),
    })),
  };
  return [article, list];
}
