import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSiteConfig } from '../../../src/load/site-config.ts';
import { absoluteUrl, buildShareMeta, type MetaTag } from '../../../src/site/open-graph.ts';
import { buildArchive } from '../../../src/archive/archive.ts';
import { loadProject } from '../../../src/build/load-phase.ts';
import { selectReleases } from '../../../src/build/select-phase.ts';
import { planSite } from '../../../src/site/site-model.ts';

const fixtureRoot = fileURLToPath(new URL('../../fixtures/site', import.meta.url));

const site = {
  title: 'Gazette',
  url: 'https://gazette.example',
  locale: 'en_GB',
  image: { url: 'https://gazette.example/assets/share.png', alt: 'Gazette: police press releases' },
};

const property = (key: string, content: string): MetaTag => ({
  attribute: 'property',
  key,
  content,
});
const name = (key: string, content: string): MetaTag => ({ attribute: 'name', key, content });

const article = {
  kind: 'article',
  title: 'Child found safe at Fenwold summer fete',
  description: 'A child was found within minutes.',
  path: '/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/',
  image: {
    url: 'https://images.ashwick.police.example/fete.jpg?w=600&h=300',
    alt: 'The fete field',
  },
  publishedTime: '2022-06-20T14:30:00+01:00',
  section: 'Ashwick Vale',
} as const;

describe('buildShareMeta', () => {
  test('describes an article with its own image, publish time and section', () => {
    const url =
      'https://gazette.example/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/';
    expect(buildShareMeta(article, site)).toEqual({
      canonical: url,
      tags: [
        name('description', 'A child was found within minutes.'),
        property('og:site_name', 'Gazette'),
        property('og:type', 'article'),
        property('og:title', 'Child found safe at Fenwold summer fete'),
        property('og:description', 'A child was found within minutes.'),
        property('og:url', url),
        property('og:locale', 'en_GB'),
        property('og:image', 'https://images.ashwick.police.example/fete.jpg?w=600&h=300'),
        property('og:image:alt', 'The fete field'),
        property('article:published_time', '2022-06-20T14:30:00+01:00'),
        property('article:section', 'Ashwick Vale'),
        name('twitter:card', 'summary_large_image'),
        name('twitter:title', 'Child found safe at Fenwold summer fete'),
        name('twitter:description', 'A child was found within minutes.'),
        name('twitter:image', 'https://images.ashwick.police.example/fete.jpg?w=600&h=300'),
        name('twitter:image:alt', 'The fete field'),
      ],
    });
  });

  test("falls back to the site's default image and alt text on a page without one", () => {
    const page = {
      kind: 'website',
      title: 'Areas',
      description: 'Every area.',
      path: '/areas/',
    } as const;
    expect(buildShareMeta(page, site)).toEqual({
      canonical: 'https://gazette.example/areas/',
      tags: [
        name('description', 'Every area.'),
        property('og:site_name', 'Gazette'),
        property('og:type', 'website'),
        property('og:title', 'Areas'),
        property('og:description', 'Every area.'),
        property('og:url', 'https://gazette.example/areas/'),
        property('og:locale', 'en_GB'),
        property('og:image', 'https://gazette.example/assets/share.png'),
        property('og:image:alt', 'Gazette: police press releases'),
        name('twitter:card', 'summary_large_image'),
        name('twitter:title', 'Areas'),
        name('twitter:description', 'Every area.'),
        name('twitter:image', 'https://gazette.example/assets/share.png'),
        name('twitter:image:alt', 'Gazette: police press releases'),
      ],
    });
  });

  test("gives og:image:width and og:image:height when the settings give the image's size", () => {
    const sized = { ...site, image: { ...site.image, width: 1200, height: 630 } };
    const tags = buildShareMeta({ ...article, image: undefined }, sized).tags;
    const keys = tags.map((t) => t.key);
    expect(tags.filter((t) => t.key.startsWith('og:image'))).toEqual([
      property('og:image', 'https://gazette.example/assets/share.png'),
      property('og:image:width', '1200'),
      property('og:image:height', '630'),
      property('og:image:alt', 'Gazette: police press releases'),
    ]);
    // A release's own picture has no known size: no size tags, rather than the wrong one.
    expect(buildShareMeta(article, sized).tags.map((t) => t.key)).not.toContain('og:image:width');
    expect(keys).toContain('og:image:width');
  });

  test('names no canonical URL and no og:url on a page not to be indexed', () => {
    const meta = buildShareMeta({ ...article, kind: 'website', indexable: false }, site);
    expect(meta.canonical).toBeNull();
    expect(meta.tags.map((t) => t.key)).not.toContain('og:url');
  });

  test('gives a website page no article tags even when told a time and section', () => {
    const page = { ...article, kind: 'website' } as const;
    const keys = buildShareMeta(page, site).tags.map((t) => t.key);
    expect(keys.filter((k) => k.startsWith('article:'))).toEqual([]);
  });

  test("prefers the page's locale to the site's", () => {
    const tags = buildShareMeta({ ...article, locale: 'cy_GB' }, site).tags;
    expect(tags.find((t) => t.key === 'og:locale')?.content).toBe('cy_GB');
  });

  test('makes og:url the canonical URL, absolute on the site URL', () => {
    const meta = buildShareMeta(article, site);
    expect(meta.tags.find((t) => t.key === 'og:url')?.content).toBe(meta.canonical);
    expect(meta.canonical).toBe(absoluteUrl(site, article.path));
  });
});

describe('absoluteUrl', () => {
  test('joins the site URL and a site-relative path', () => {
    expect(absoluteUrl(site, '/2020/09/16/x/')).toBe('https://gazette.example/2020/09/16/x/');
  });

  test('keeps the trailing slash of the home page', () => {
    expect(absoluteUrl(site, '/')).toBe('https://gazette.example/');
  });

  test('puts the path prefix between the site URL and the path', () => {
    const prefixed = { ...site, pathPrefix: '/archive/' };
    expect(absoluteUrl(prefixed, '/2020/09/16/x/')).toBe(
      'https://gazette.example/archive/2020/09/16/x/',
    );
    expect(absoluteUrl(prefixed, '/')).toBe('https://gazette.example/archive/');
  });

  test('accepts a path prefix written without its slashes', () => {
    expect(absoluteUrl({ ...site, pathPrefix: 'archive' }, '/areas/')).toBe(
      'https://gazette.example/archive/areas/',
    );
  });

  test('treats a pathPrefix of / as no prefix', () => {
    expect(absoluteUrl({ ...site, pathPrefix: '/' }, '/areas/')).toBe(
      'https://gazette.example/areas/',
    );
  });
});

describe('GAZETTE_SITE_URL', () => {
  const page = {
    kind: 'website',
    title: 'Areas',
    description: 'Every area.',
    path: '/areas/',
  } as const;

  test("without it, canonical URLs use site.json's url", async () => {
    const config = await loadSiteConfig(fixtureRoot, {});
    expect(buildShareMeta(page, config).canonical).toBe('https://fixture-gazette.example/areas/');
  });

  test('moves canonical and og:url to the URL it names, trailing slash dropped', async () => {
    const config = await loadSiteConfig(fixtureRoot, {
      GAZETTE_SITE_URL: 'https://staging.gazette.example/',
    });
    const meta = buildShareMeta(page, config);
    expect(meta.canonical).toBe('https://staging.gazette.example/areas/');
    expect(meta.tags.find((t) => t.key === 'og:url')?.content).toBe(
      'https://staging.gazette.example/areas/',
    );
  });

  test('when empty, leaves the url of site.json in place', async () => {
    const config = await loadSiteConfig(fixtureRoot, { GAZETTE_SITE_URL: '' });
    expect(config.url).toBe('https://fixture-gazette.example');
  });

  test('reaches every page a build prepares', async () => {
    const env = { GAZETTE_SITE_URL: 'https://staging.gazette.example' };
    // Planned by the build's own load, select, archive and plan phases.
    const loaded = await loadProject(fixtureRoot, { env });
    const { releases } = selectReleases(loaded);
    const plan = planSite(buildArchive(releases), loaded.site, loaded.bodies, { now: loaded.now });
    const heads = [
      plan.home,
      plan.areasIndex,
      ...plan.releaseViews(0, plan.releaseCount),
      ...plan.listViews(0, plan.listCount),
    ];
    expect(heads.length).toBeGreaterThan(3);
    for (const head of heads) {
      const ogUrl = head.share.tags.find((t) => t.key === 'og:url')?.content;
      expect(head.share.canonical).toBe(`https://staging.gazette.example${head.url}`);
      expect(ogUrl).toBe(head.share.canonical);
    }
  });
});
