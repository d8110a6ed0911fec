import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSiteConfig } from '../../src/load/site-config.ts';
import { GazetteError } from '../../src/diagnostics/gazette-error.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, fixtureDir, isDataBlock, makeProject } from './site-output.ts';

// Must match tests/fixtures/site/site.json.
const SITE_URL = 'https://fixture-gazette.example';
const PREFIX = '/news/';
const SITE_IMAGE = `${SITE_URL}/assets/share.png`;

let root: string;
let site: BuiltSite;

beforeAll(async () => {
  root = await makeProject();
  const result = await buildSite({ root, env: { GAZETTE_PATH_PREFIX: 'news' } });
  expect(result.ok).toBe(true);
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The output file a prefixed URL is served from, or a note of why it is not one. */
function resolves(url: string): boolean {
  if (!url.startsWith(PREFIX)) return false;
  return site.has(`/${url.slice(PREFIX.length)}`);
}

const text = (file: string) => site.files.get(file)?.toString('utf8') ?? '';

describe('a site built under a path prefix', () => {
  test('every internal link, stylesheet and feed link starts with the prefix and resolves inside the output', () => {
    let checked = 0;
    for (const url of site.pages) {
      const $ = site.page(url);
      for (const element of $('a[href], link[href], script[src], img[src]').toArray()) {
        const target = $(element).attr('href') ?? $(element).attr('src') ?? '';
        if (!target.startsWith('/')) continue;
        expect(resolves(target.replace(/#.*$/, '')), `${url} links to ${target}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(site.pages.length * 5);
  });

  test('canonical URLs, og:url and JSON-LD URLs carry the prefix', () => {
    for (const url of site.pages.filter((u) => u !== '/404.html')) {
      const $ = site.page(url);
      const canonical = $('link[rel="canonical"]').attr('href');
      expect(canonical).toBe(`${SITE_URL}${PREFIX}${url.slice(1)}`);
      expect($('meta[property="og:url"]').attr('content')).toBe(canonical);
      for (const script of $('script[type="application/ld+json"]').toArray()) {
        if (!isDataBlock({ attr: (n) => $(script).attr(n) })) continue;
        const json = $(script).text();
        const found = json.match(/https:\/\/fixture-gazette\.example[^"]*/g) ?? [];
        // site.json's share image is an absolute URL, used as the publisher wrote it.
        for (const url of found.filter((u) => u !== SITE_IMAGE)) {
          expect(url.startsWith(`${SITE_URL}${PREFIX}`), url).toBe(true);
        }
      }
    }
  });

  test('feeds, the sitemap and robots.txt give absolute URLs under the prefix', () => {
    const absolute = new RegExp(`${SITE_URL.replace(/\./g, '\\.')}[^"<\\s]*`, 'g');
    for (const file of ['feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt']) {
      const urls = text(file).match(absolute) ?? [];
      expect(urls.length, file).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url.startsWith(`${SITE_URL}${PREFIX}`), `${file}: ${url}`).toBe(true);
        expect(resolves(url.slice(SITE_URL.length)), `${file}: ${url}`).toBe(true);
      }
    }
  });
});

describe('the path prefix setting', () => {
  test('is normalised to one slash at each end, and GAZETTE_PATH_PREFIX overrides site.json', async () => {
    expect((await loadSiteConfig(fixtureDir, {})).pathPrefix).toBe('/');
    for (const [given, want] of [
      ['archive', '/archive/'],
      ['/archive', '/archive/'],
      ['//news/archive//', '/news/archive/'],
    ]) {
      const config = await loadSiteConfig(fixtureDir, { GAZETTE_PATH_PREFIX: given });
      expect(config.pathPrefix).toBe(want);
    }
  });

  test('refuses a prefix that is not a plain folder path', async () => {
    for (const bad of ['/a b/', '/../up/', 'https://x.example/', '/a?b/', '/%2e%2e/']) {
      const refused = loadSiteConfig(fixtureDir, { GAZETTE_PATH_PREFIX: bad });
      await expect(refused).rejects.toThrow(GazetteError);
      await expect(refused).rejects.toMatchObject({ kind: 'config' });
    }
  });
});
