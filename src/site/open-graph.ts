import type { SiteConfig } from '../model/site-config.ts';
import { withPathPrefix } from './paths.ts';

/** One `<meta>` tag: `property` for Open Graph and article, `name` for the rest. */
export interface MetaTag {
  readonly attribute: 'property' | 'name';
  readonly key: string;
  readonly content: string;
}

/** What a page says about itself when shared. */
export interface ShareInput {
  readonly kind: 'article' | 'website';
  readonly title: string;
  readonly description: string;
  /** Site-relative path of the page: `/2020/09/16/slug/`. */
  readonly path: string;
  /** The page's own picture; the site default is used when absent. */
  readonly image?: ShareImage | undefined;
  readonly locale?: string | undefined;
  /** ISO 8601 instant, for articles. */
  readonly publishedTime?: string | undefined;
  /** When an article last changed (updated or corrected), ISO 8601; absent when never. */
  readonly modifiedTime?: string | undefined;
  /** The area, for articles. */
  readonly section?: string | undefined;
  /**
   * Whether search engines may index the page; false for the 404 page, which
   * then names no canonical URL (it is not the page at any address).
   */
  readonly indexable?: boolean;
}

/** A share picture; its size in pixels when the settings give it. */
export interface ShareImage {
  readonly url: string;
  readonly alt: string;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
}

/** Everything the layout prints about sharing: the canonical URL (null on the 404 page) and meta tags. */
export interface ShareMeta {
  readonly canonical: string | null;
  readonly tags: readonly MetaTag[];
}

type ShareSite = Pick<SiteConfig, 'title' | 'url' | 'locale' | 'image'> & { pathPrefix?: string };

/** Joins the site URL, path prefix and a site-relative path into an absolute URL. */
export function absoluteUrl(site: ShareSite, path: string): string {
  return `${site.url}${withPathPrefix(site.pathPrefix ?? '/', path)}`;
}

/**
 * Builds a page's Open Graph, article and Twitter tags plus the meta
 * description. Pure: the layout only prints what this returns. The Twitter
 * tags repeat the Open Graph ones: some clients read only their own.
 */
export function buildShareMeta(input: ShareInput, site: ShareSite): ShareMeta {
  const indexable = input.indexable ?? true;
  const url = absoluteUrl(site, input.path);
  const image: ShareImage = input.image ?? site.image;
  const property = (key: string, content: string): MetaTag => ({
    attribute: 'property',
    key,
    content,
  });
  const name = (key: string, content: string): MetaTag => ({ attribute: 'name', key, content });
  const tags: MetaTag[] = [
    name('description', input.description),
    property('og:site_name', site.title),
    property('og:type', input.kind),
    property('og:title', input.title),
    property('og:description', input.description),
    ...(indexable ? [property('og:url', url)] : []),
    property('og:locale', input.locale ?? site.locale),
    property('og:image', image.url),
    ...(image.width !== undefined && image.height !== undefined
      ? [
          property('og:image:width', String(image.width)),
          property('og:image:height', String(image.height)),
        ]
      : []),
    property('og:image:alt', image.alt),
  ];
  if (input.kind === 'article') {
    if (input.publishedTime !== undefined)
      tags.push(property('article:published_time', input.publishedTime));
    if (input.modifiedTime !== undefined)
      tags.push(property('article:modified_time', input.modifiedTime));
    if (input.section !== undefined) tags.push(property('article:section', input.section));
  }
  tags.push(
    name('twitter:card', 'summary_large_image'),
    name('twitter:title', input.title),
    name('twitter:description', input.description),
    name('twitter:image', image.url),
    name('twitter:image:alt', image.alt),
  );
  return { canonical: indexable ? url : null, tags };
}
