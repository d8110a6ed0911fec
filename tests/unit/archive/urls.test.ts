import { expect, test } from 'vitest';
import { urls } from '../../../src/archive/urls.ts';

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
