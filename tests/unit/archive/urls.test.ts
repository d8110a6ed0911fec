import { describe, expect, test } from 'vitest';
import { isSafePagePath, urls } from '../../../src/archive/urls.ts';

test('builds the published page URLs, each ending in a slash except the 404 page', () => {
  expect([
    urls.home(),
    urls.areas(),
    urls.area('ashwick-vale'),
    urls.areaYear('ashwick-vale', '2022'),
    urls.areaMonth('ashwick-vale', '2022', '06'),
    urls.year('2022'),
    urls.month('2022', '06'),
    urls.notFound(),
  ]).toEqual([
    '/',
    '/areas/',
    '/areas/ashwick-vale/',
    '/areas/ashwick-vale/2022/',
    '/areas/ashwick-vale/2022/06/',
    '/2022/',
    '/2022/06/',
    '/404.html',
  ]);
});

describe('isSafePagePath', () => {
  test('accepts every kind of page URL the archive makes', () => {
    for (const url of [
      '/',
      '/areas/',
      '/2020/09/16/a-b-c/',
      '/areas/x-y/2020/09/page/2/',
      '/404.html',
      '/data/releases.csv',
      '/data/areas/x-y.ndjson',
    ]) {
      expect(isSafePagePath(url), url).toBe(true);
    }
  });

  test('refuses paths that could leave the output folder or need escaping', () => {
    for (const url of [
      '/../x/',
      '/a/../../b/',
      '/a/..%2f/',
      '/A/',
      '/a b/',
      '/a\\b/',
      '//x/',
      'x/',
      '/a/"/',
      '/-a/',
      '/data/../x.csv',
      '/data/x.csv.sh',
      '/data/X.csv',
    ]) {
      expect(isSafePagePath(url), url).toBe(false);
    }
  });
});
