import { isAbsoluteHttpUrl } from './front-matter.ts';

/**
 * Share images named in site.json and areas.yaml. A publisher writes them as
 * a path on the site (`/assets/share.png`) or as a full URL; either way, an
 * image on the site's own address follows the deploy's site URL and path
 * prefix, so a site built for another host never points at the one in site.json.
 */

/** The host of the bundled sample site.json: a site still on it was never configured. */
export const EXAMPLE_HOST = 'gazette.example';

/** Where a site is served from: its URL (no trailing slash) and path prefix (`/` or `/a/`). */
export interface SiteAddress {
  readonly url: string;
  readonly pathPrefix: string;
}

/** Whether `url` is a path on the site itself, `/assets/share.png`: one slash, not `//host/`. */
export function isSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

/** Whether `url` may name a share image in site.json or areas.yaml. */
export function isShareImageUrl(url: string): boolean {
  return isAbsoluteHttpUrl(url) || isSitePath(url);
}

/**
 * The address a share image is published at. A path on the site is put under
 * the deployed URL and prefix; a full URL under the site's address as written
 * (`written`, site.json's) is moved to the deployed one; any other is kept.
 */
export function deployedImageUrl(url: string, written: SiteAddress, deployed: SiteAddress): string {
  const base = `${deployed.url}${deployed.pathPrefix}`;
  if (isSitePath(url)) return `${base}${url.slice(1)}`;
  const own = `${written.url}${written.pathPrefix}`;
  return url.startsWith(own) ? `${base}${url.slice(own.length)}` : url;
}

/**
 * The file of the built site that a published image URL names, relative to
 * the output folder (`assets/share.png`), or null when it is not on the site.
 */
export function siteFileOf(url: string, site: SiteAddress): string | null {
  const base = `${site.url}${site.pathPrefix}`;
  if (!url.startsWith(base)) return null;
  const rest = url.slice(base.length).replace(/[?#].*$/, '');
  if (rest === '' || rest.endsWith('/')) return `${rest}index.html`;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** Whether a site URL is on the bundled sample's host. */
export function isExampleHost(url: string): boolean {
  return URL.canParse(url) && new URL(url).hostname === EXAMPLE_HOST;
}
