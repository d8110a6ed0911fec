// Does every release get its page? Reads the release pages of a built site
// and matches them to the releases that were written, by source URL.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';

/** One release page of a built site, as its HTML says. */
export interface ReleasePage {
  /** The `.html` file, relative to the site, with forward slashes. */
  readonly file: string;
  /** The page's address: its canonical link's path. */
  readonly address: string;
  /** The "Original release" link: the release's source URL. */
  readonly source: string;
  /** The page's heading. */
  readonly headline: string;
  /** The area it is filed under, as its label reads. */
  readonly area: string;
  /** The publish time as the page gives it: `2025-03-03T09:15:00+00:00`. */
  readonly datetime: string;
}

/** How a site's release pages match the releases it was built from. */
export interface PageCheck {
  readonly releases: number;
  readonly pages: number;
  /** Source URLs of releases with no page. */
  readonly missing: readonly string[];
  /** Source URLs of releases with two pages or more. */
  readonly doubled: readonly string[];
  /** Pages whose source URL is no release's. */
  readonly unknown: readonly string[];
  /** Addresses (compared without case) that more than one page has. */
  readonly shared: readonly string[];
}

// Only release pages hold this element (templates/release.njk); other pages
// are skipped without being parsed, which keeps a 30,000-page site quick.
const RELEASE_ARTICLE = '<article class="release"';

/** Every release page under `site`, in file order. */
export async function readReleasePages(site: string): Promise<ReleasePage[]> {
  const files = (await readdir(site, { recursive: true }))
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
  const pages: ReleasePage[] = [];
  for (const file of files) {
    const html = await readFile(path.join(site, file), 'utf8');
    if (!html.includes(RELEASE_ARTICLE)) continue;
    const $ = load(html);
    const canonical = $('link[rel="canonical"]').attr('href');
    const address = canonical === undefined ? `/${file}` : new URL(canonical).pathname;
    const article = $('article.release');
    pages.push({
      file,
      address,
      source: article.find('.source a').attr('href') ?? '',
      headline: article.find('h1').text(),
      area: article.find('.area-label').text(),
      datetime: article.find('.release-meta time').first().attr('datetime') ?? '',
    });
  }
  return pages;
}

/** Matches the release pages under `site` to the releases with these source URLs. */
export async function checkReleasePages(
  site: string,
  releases: readonly { readonly sourceUrl: string }[],
): Promise<PageCheck> {
  const pages = await readReleasePages(site);
  const bySource = new Map<string, number>(releases.map((r) => [r.sourceUrl, 0]));
  const unknown: string[] = [];
  const addresses = new Map<string, number>();
  for (const page of pages) {
    const count = bySource.get(page.source);
    if (count === undefined) unknown.push(page.file);
    else bySource.set(page.source, count + 1);
    const key = page.address.toLowerCase();
    addresses.set(key, (addresses.get(key) ?? 0) + 1);
  }
  const having = (test: (n: number) => boolean) =>
    [...bySource].filter(([, n]) => test(n)).map(([source]) => source);
  return {
    releases: releases.length,
    pages: pages.length,
    missing: having((n) => n === 0),
    doubled: having((n) => n > 1),
    unknown,
    shared: [...addresses].filter(([, n]) => n > 1).map(([address]) => address),
  };
}

/** One sentence on a page check: all good, or what is wrong with a few examples. */
export function describePageCheck(check: PageCheck): string {
  const one = check.releases - check.missing.length - check.doubled.length;
  const head = `${count(one)} of ${count(check.releases)} releases have exactly one page`;
  const problems = [
    list('releases without a page', check.missing),
    list('releases with two pages or more', check.doubled),
    list('pages of no release', check.unknown),
    list('addresses that several pages have', check.shared),
  ].filter((p) => p !== '');
  if (problems.length === 0)
    return `${head}; their ${count(check.pages)} addresses are all different`;
  const text = problems.join('; ');
  return `${head}. ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function list(what: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  const examples = items.slice(0, 3).join(', ');
  return `${what}: ${count(items.length)} (${examples}${items.length > 3 ? ', …' : ''})`;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}
