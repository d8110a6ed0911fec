import { describe, expect, test } from 'vitest';
import { pageUrl, paginate } from '../../../src/archive/paginate.ts';

const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('pageUrl', () => {
  test('gives page 1 the list URL itself', () => {
    expect(pageUrl('/areas/saltmere/', 1)).toBe('/areas/saltmere/');
  });

  test('puts later pages under page/N/', () => {
    expect(pageUrl('/areas/saltmere/', 2)).toBe('/areas/saltmere/page/2/');
    expect(pageUrl('/2022/06/', 12)).toBe('/2022/06/page/12/');
  });
});

describe('paginate', () => {
  test('cuts a list into pages of the given size, the last one short', () => {
    expect(paginate(seven, 3, '/x/').map((p) => p.items)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g'],
    ]);
  });

  test('serves the first page at the list URL and later ones at /page/N/', () => {
    expect(paginate(seven, 3, '/x/').map((p) => p.url)).toEqual([
      '/x/',
      '/x/page/2/',
      '/x/page/3/',
    ]);
  });

  test('numbers pages from 1 and gives each the total', () => {
    expect(paginate(seven, 3, '/x/').map((p) => [p.number, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test('links each page to the one before and the one after', () => {
    expect(paginate(seven, 3, '/x/').map((p) => [p.previousUrl, p.nextUrl])).toEqual([
      [null, '/x/page/2/'],
      ['/x/', '/x/page/3/'],
      ['/x/page/2/', null],
    ]);
  });

  test('gives an empty list one empty page at the list URL', () => {
    expect(paginate([], 3, '/x/')).toEqual([
      { number: 1, total: 1, url: '/x/', items: [], previousUrl: null, nextUrl: null },
    ]);
  });

  test('makes no empty trailing page when the list fills its pages exactly', () => {
    const pages = paginate(seven.slice(0, 6), 3, '/x/');
    expect(pages.map((p) => p.items.length)).toEqual([3, 3]);
    expect(pages.at(-1)?.nextUrl).toBeNull();
  });

  test('keeps a list that fits on one page whole, with no neighbours', () => {
    expect(paginate(seven, 7, '/x/')).toEqual([
      { number: 1, total: 1, url: '/x/', items: seven, previousUrl: null, nextUrl: null },
    ]);
  });

  test('refuses a page size that is not a positive integer, instead of looping forever', () => {
    expect(() => paginate([1, 2], 0, '/x/')).toThrow(RangeError);
    expect(() => paginate([1, 2], 1.5, '/x/')).toThrow(
      'page size must be a positive integer, not 1.5',
    );
  });
});
