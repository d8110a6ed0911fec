import { rm } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { planSitemaps } from '../../src/site/sitemap.ts';
import { BuiltSite, makeProject, readExpected, type ExpectedRelease } from './site-output.ts';

// Must match tests/fixtures/site/site.json.
const SITE_URL = 'https://fixture-gazette.example';
const FEED_SIZE = 50;

let root: string;
let site: BuiltSite;
let expected: ExpectedRelease[];

beforeAll(async () => {
  expected = await readExpected();
  root = await makeProject();
  const result = await buildSite({ root, env: {} });
  expect(result.ok).toBe(true);
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (file: string): string => {
  const bytes = site.files.get(file);
  if (bytes === undefined) throw new Error(`no ${file} in the output`);
  return bytes.toString('utf8');
};

/** The site's feed and each area's, with the releases each should carry, newest first. */
function feedsWithReleases(): { base: string; releases: ExpectedRelease[] }[] {
  const areas = [...new Set(expected.map((r) => r.areaSlug))];
  return [
    { base: '', releases: expected },
    ...areas.map((slug) => ({
      base: `areas/${slug}/`,
      releases: expected.filter((r) => r.areaSlug === slug),
    })),
  ];
}

describe('feeds', () => {
  test('an Atom feed per area and for the site carries the latest releases, newest first', () => {
    for (const { base, releases } of feedsWithReleases()) {
      const xml = text(`${base}feed.xml`);
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parseAtomFeed(xml);
      expect(feed.id).toBe(`${SITE_URL}/${base}feed.xml`);
      const want = releases.slice(0, FEED_SIZE);
      expect(feed.entries?.map((e) => e.id)).toEqual(want.map((r) => `${SITE_URL}${r.url}`));
      feed.entries?.forEach((entry, i) => {
        const release = want[i];
        if (release === undefined) throw new Error('more entries than releases');
        expect(entry.title?.value).toBe(release.headline);
        expect(entry.published).toBe(release.datetime);
        expect(entry.updated).toBe(release.datetime);
        expect(entry.categories?.map((c) => c.term)).toEqual([release.area]);
        expect(entry.links?.find((l) => l.rel === 'related')?.href).toBe(release.sourceUrl);
        // The content is the release page's body, and the link leads to that page.
        const body = site.page(release.url)('.release-body').html()?.trim();
        expect(
          load(entry.content?.value ?? '', null, false)
            .html()
            .trim(),
        ).toBe(body);
      });
      expect(feed.updated).toBe(want[0]?.datetime);
    }
  });

  test('a JSON Feed 1.1 beside each Atom feed has the same entries', () => {
    for (const { base, releases } of feedsWithReleases()) {
      const raw = JSON.parse(text(`${base}feed.json`)) as { version: string };
      expect(raw.version).toBe('https://jsonfeed.org/version/1.1');
      const feed = parseJsonFeed(raw);
      expect(feed.feed_url).toBe(`${SITE_URL}/${base}feed.json`);
      expect(feed.home_page_url).toBe(`${SITE_URL}/${base}`);
      const atom = parseAtomFeed(text(`${base}feed.xml`));
      const items = feed.items ?? [];
      expect(items.map((item) => item.id)).toEqual(atom.entries?.map((e) => e.id));
      expect(items).toHaveLength(Math.min(FEED_SIZE, releases.length));
      items.forEach((item, i) => {
        const release = releases[i];
        expect(item.title).toBe(release?.headline);
        expect(item.date_published).toBe(release?.datetime);
        expect(item.tags).toEqual([release?.area]);
        expect(item.external_url).toBe(release?.sourceUrl);
        expect(item.content_html).toBe(atom.entries?.[i]?.content?.value);
      });
    }
  });

  test('an RSS 2.0 feed beside each Atom feed has the same entries, dated as RFC 822', () => {
    for (const { base, releases } of feedsWithReleases()) {
      const xml = text(`${base}rss.xml`);
      expect(XMLValidator.validate(xml)).toBe(true);
      const root = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
        rss: { '@_version': string };
      };
      expect(root.rss['@_version']).toBe('2.0');
      const feed = parseRssFeed(xml);
      expect(feed.link).toBe(`${SITE_URL}/${base}`);
      expect(feed.atom?.links?.find((l) => l.rel === 'self')?.href).toBe(
        `${SITE_URL}/${base}rss.xml`,
      );
      const atom = parseAtomFeed(text(`${base}feed.xml`));
      const items = feed.items ?? [];
      expect(items.map((item) => item.guid?.value)).toEqual(atom.entries?.map((e) => e.id));
      expect(items).toHaveLength(Math.min(FEED_SIZE, releases.length));
      items.forEach((item, i) => {
        const release = releases[i];
        if (release === undefined) throw new Error('more items than releases');
        expect(item.title).toBe(release.headline);
        expect(item.link).toBe(`${SITE_URL}${release.url}`);
        // RFC 822 keeps the offset: the same instant as the page's <time datetime>.
        expect(item.pubDate).toMatch(
          /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
        );
        expect(Date.parse(item.pubDate ?? '')).toBe(Date.parse(release.datetime));
        expect(item.categories?.map((c) => c.name)).toEqual([release.area]);
        expect(item.content?.encoded).toBe(atom.entries?.[i]?.content?.value);
      });
      expect(Date.parse(feed.lastBuildDate ?? '')).toBe(Date.parse(atom.updated ?? ''));
    }
  });

  test('every page advertises the site feed, and an area’s pages its own feed', () => {
    for (const url of site.pages) {
      const $ = site.page(url);
      const alternates = $('link[rel="alternate"]')
        .toArray()
        .map((l) => `${$(l).attr('type')} ${$(l).attr('href')}`);
      expect(alternates).toContain('application/atom+xml /feed.xml');
      expect(alternates).toContain('application/feed+json /feed.json');
      expect(alternates).toContain('application/rss+xml /rss.xml');
      const area = /^\/areas\/([a-z0-9-]+)\//.exec(url)?.[1];
      if (area !== undefined) {
        expect(alternates).toContain(`application/atom+xml /areas/${area}/feed.xml`);
        expect(alternates).toContain(`application/feed+json /areas/${area}/feed.json`);
        expect(alternates).toContain(`application/rss+xml /areas/${area}/rss.xml`);
      }
      for (const href of $('link[rel="alternate"]')
        .map((_, l) => $(l).attr('href'))
        .get()) {
        expect(site.has(href), `${url} links to ${href}`).toBe(true);
      }
    }
  });
});

describe('sitemap and robots.txt', () => {
  test('sitemap.xml lists every page once, with its last change', () => {
    const xml = text('sitemap.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as {
      urlset: { url: { loc: string; lastmod: string }[] };
    };
    const locs = parsed.urlset.url.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    const pages = site.pages.filter((url) => url !== '/404.html').map((url) => `${SITE_URL}${url}`);
    expect([...locs].sort()).toEqual([...pages].sort());
    for (const release of expected) {
      const entry = parsed.urlset.url.find((u) => u.loc === `${SITE_URL}${release.url}`);
      expect(entry?.lastmod).toBe(release.datetime);
    }
    for (const { lastmod } of parsed.urlset.url)
      expect(Number.isNaN(Date.parse(lastmod))).toBe(false);
  });

  test('robots.txt allows crawling and names the sitemap', () => {
    expect(text('robots.txt')).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${SITE_URL}/sitemap.xml\n`,
    );
  });

  test('past the limit, sitemap.xml becomes an index of parts that together list every page once', () => {
    const pages = Array.from({ length: 7 }, (_, i) => ({
      url: `/p${i}/`,
      lastmod: `2021-01-0${i + 1}T10:00:00Z`,
    }));
    const plans = planSitemaps(pages, { url: SITE_URL, pathPrefix: '/' } as never, 3);
    const views = plans.map((p) => p.view());
    expect(views.map((v) => [v.url, v.isIndex, v.entries.length])).toEqual([
      ['/sitemap.xml', true, 3],
      ['/sitemap-1.xml', false, 3],
      ['/sitemap-2.xml', false, 3],
      ['/sitemap-3.xml', false, 1],
    ]);
    expect(views[0]?.entries).toEqual([
      { loc: `${SITE_URL}/sitemap-1.xml`, lastmod: '2021-01-03T10:00:00Z' },
      { loc: `${SITE_URL}/sitemap-2.xml`, lastmod: '2021-01-06T10:00:00Z' },
      { loc: `${SITE_URL}/sitemap-3.xml`, lastmod: '2021-01-07T10:00:00Z' },
    ]);
    const listed = views.slice(1).flatMap((v) => v.entries.map((e) => e.loc));
    expect(listed).toEqual(pages.map((p) => `${SITE_URL}${p.url}`));
    // The XML the template prints: an index lists <sitemap> elements, a part <url> elements.
    expect(views[0]?.entriesXml).toBe(
      [1, 2, 3]
        .map((n, i) => {
          const lastmod = ['2021-01-03', '2021-01-06', '2021-01-07'][i];
          return `\n  <sitemap><loc>${SITE_URL}/sitemap-${n}.xml</loc><lastmod>${lastmod}T10:00:00Z</lastmod></sitemap>`;
        })
        .join(''),
    );
    expect(views[3]?.entriesXml).toBe(
      `\n  <url><loc>${SITE_URL}/p6/</loc><lastmod>2021-01-07T10:00:00Z</lastmod></url>`,
    );
  });

  test('sitemap entries are escaped as the templates escape text', () => {
    const [plan] = planSitemaps([{ url: `/a&b/<'"\\>/`, lastmod: '2021-01-01T10:00:00Z' }], {
      url: SITE_URL,
      pathPrefix: '/',
    } as never);
    expect(plan?.view().entriesXml).toBe(
      `\n  <url><loc>${SITE_URL}/a&amp;b/&lt;&#39;&quot;&#92;&gt;/</loc><lastmod>2021-01-01T10:00:00Z</lastmod></url>`,
    );
  });
});
