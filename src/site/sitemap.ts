import { hash } from 'node:crypto';
import type { RenderSite, SitemapEntry, SitemapView } from './view-types.ts';
import { absoluteUrl } from './open-graph.ts';

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/** A sitemap file planned: its URL, a key that changes with its text, and its view. */
export interface SitemapPlan {
  readonly url: string;
  readonly key: string;
  view(): SitemapView;
}

/**
 * Plans `/sitemap.xml` listing every page once; past 50,000 pages it becomes
 * an index of `/sitemap-1.xml`, `/sitemap-2.xml`, … each within the limit.
 */
export function planSitemaps(
  pages: readonly SitemapEntry[],
  site: RenderSite,
  limit = SITEMAP_LIMIT,
): SitemapPlan[] {
  const toLoc = (e: SitemapEntry) => ({ loc: absoluteUrl(site, e.url), lastmod: e.lastmod });
  if (pages.length <= limit) return [sitemapFile('/sitemap.xml', pages, toLoc, false)];
  const parts: SitemapPlan[] = [];
  for (let from = 0; from < pages.length; from += limit) {
    const chunk = pages.slice(from, from + limit);
    parts.push(sitemapFile(`/sitemap-${parts.length + 1}.xml`, chunk, toLoc, false));
  }
  const index = parts.map((part, i) => {
    const chunk = pages.slice(i * limit, (i + 1) * limit);
    return { url: part.url, lastmod: latest(chunk) };
  });
  return [sitemapFile('/sitemap.xml', index, toLoc, true), ...parts];
}

/**
 * A sitemap file's plan. Its key is made from site-relative URLs: the site's
 * address and path prefix are part of the render fingerprint, so absolute
 * locations are only worked out when the file is rendered.
 */
function sitemapFile(
  url: string,
  entries: readonly SitemapEntry[],
  toLoc: (entry: SitemapEntry) => SitemapView['entries'][number],
  isIndex: boolean,
): SitemapPlan {
  let lines = '';
  for (const entry of entries) lines += `${entry.url} ${entry.lastmod}\n`;
  const key = hash('sha1', `${url} ${String(isIndex)}\n${lines}`, 'base64');
  const view = (): SitemapView => {
    const located = entries.map(toLoc);
    const tag = isIndex ? 'sitemap' : 'url';
    let xml = '';
    for (const { loc, lastmod } of located) {
      xml += `\n  <${tag}><loc>${escapeXml(loc)}</loc><lastmod>${escapeXml(lastmod)}</lastmod></${tag}>`;
    }
    return { url, entries: located, entriesXml: xml, isIndex };
  };
  return { url, key, view };
}

// What Nunjucks's autoescape replaces, and with what, so the file reads as it did from the loop.
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
};

const NEEDS_ESCAPE = /[&"'<>\\]/;
const TO_ESCAPE = /[&"'<>\\]/g;

// Most URLs have nothing to escape: testing first spares a replace on each.
function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? c) : text;
}

/** The latest of some ISO 8601 instants written with offsets, as written. */
function latest(entries: readonly SitemapEntry[]): string {
  let best = entries[0]?.lastmod ?? '1970-01-01T00:00:00Z';
  for (const entry of entries)
    if (Date.parse(entry.lastmod) > Date.parse(best)) best = entry.lastmod;
  return best;
}

/** The text of `/robots.txt`: everything may be crawled; the sitemap is named. */
export function robotsText(site: RenderSite): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, '/sitemap.xml')}\n`;
}
