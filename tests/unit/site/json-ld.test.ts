import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { buildReleaseJsonLd, serializeJsonForScript } from '../../../src/site/json-ld.ts';
import { renderSite } from './render-site.ts';
import { makeRelease } from '../archive/make-release.ts';

const site = renderSite();

describe('serializeJsonForScript', () => {
  test('escapes every character that could end the script element or a line', () => {
    const text = serializeJsonForScript({ a: '</script><!-- & \u2028\u2029 >' });
    expect(text).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
  });

  test('round-trips to the same value through JSON.parse', () => {
    const value = { headline: '</script><script>alert(1)</script>', n: [1, 'x\u2028y'] };
    expect(JSON.parse(serializeJsonForScript(value))).toEqual(value);
  });

  test('cannot be broken out of when printed inside a script element', () => {
    const payload = '</script><img src=x onerror=alert(1)><!--';
    const html = `<script type="application/ld+json">${serializeJsonForScript({ payload })}</script><p>after</p>`;
    const $ = load(html);
    expect($('script')).toHaveLength(1);
    expect($('img')).toHaveLength(0);
    expect(JSON.parse($('script').text())).toEqual({ payload });
  });
});

describe('buildReleaseJsonLd', () => {
  const release = makeRelease({
    area: 'Ashwick Vale',
    at: '2020-09-16 10:55',
    offset: '+01:00',
    slug: 'fire',
  });
  const crumbs = [
    { label: 'Home', url: '/' },
    { label: 'Ashwick Vale', url: '/areas/ashwick-vale/' },
    { label: '2020', url: '/areas/ashwick-vale/2020/' },
  ];
  const [article, breadcrumbs] = buildReleaseJsonLd(release, crumbs, site) as [
    Record<string, unknown>,
    Record<string, unknown>,
  ];

  test('describes the release as a NewsArticle with absolute URLs and the source as isBasedOn', () => {
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: release.headline,
      datePublished: '2020-09-16T10:55:00+01:00',
      dateModified: '2020-09-16T10:55:00+01:00',
      url: `https://gazette.example${release.url}`,
      isBasedOn: release.sourceUrl,
      inLanguage: 'en-GB',
      contentLocation: { '@type': 'Place', name: 'Ashwick Vale' },
    });
  });

  test('names the force as author: the area, at the site its release came from', () => {
    expect(article.author).toEqual({
      '@type': 'Organization',
      name: 'Ashwick Vale',
      url: 'https://police.example',
    });
  });

  test("takes the author's name from areas.yaml when the registry knows the area", () => {
    const known = renderSite({
      areas: {
        [release.areaSlug]: { slug: release.areaSlug, name: 'Ashwick Vale Police', aliases: [] },
      },
    });
    const [withRegistry] = buildReleaseJsonLd(release, crumbs, known) as [Record<string, unknown>];
    expect(withRegistry.author).toMatchObject({ name: 'Ashwick Vale Police' });
  });

  test('gives the publisher a raster logo with its size, as an ImageObject', () => {
    expect(article.publisher).toEqual({
      '@type': 'Organization',
      name: 'Gazette',
      url: 'https://gazette.example/',
      logo: {
        '@type': 'ImageObject',
        url: 'https://gazette.example/assets/logo.png',
        width: 192,
        height: 192,
      },
    });
  });

  test('lists the breadcrumb trail home › area › year › release, numbered from 1', () => {
    const items = breadcrumbs.itemListElement as { position: number; name: string; item: string }[];
    expect(items.map((i) => [i.position, i.name, i.item])).toEqual([
      [1, 'Home', 'https://gazette.example/'],
      [2, 'Ashwick Vale', 'https://gazette.example/areas/ashwick-vale/'],
      [3, '2020', 'https://gazette.example/areas/ashwick-vale/2020/'],
      [4, release.headline, `https://gazette.example${release.url}`],
    ]);
  });
});
