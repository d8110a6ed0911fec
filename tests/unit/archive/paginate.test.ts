import { describe, expect, test } from 'vitest';
import { pageUrl, paginate } from '../../../src/archive/paginate.ts';

// Newest first, as lists are: 'a' is the newest, 'g' the oldest.
const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('pageUrl', () => {
  test('gives the front page (0) the list URL itself', () => {
    expect(pageUrl('/areas/saltmere/', 0)).toBe('/areas/saltmere/');
  });

  test('puts numbered pages under page/N/, page 1 included', () => {
    expect(pageUrl('/areas/saltmere/', 1)).toBe('/areas/saltmere/page/1/');
    expect(pageUrl('/2022/06/', 12)).toBe('/2022/06/page/12/');
  });
});

describe('paginate', () => {
  test('numbers full pages from the oldest and leaves the newest, one to two pages of them, on the front page', () => {
    expect(paginate(seven, 3, '/x/').map((p) => [p.number, p.items])).toEqual([
      [0, ['a', 'b', 'c', 'd']],
      [1, ['e', 'f', 'g']],
    ]);
    expect(paginate([...seven, 'h', 'i'], 2, '/x/').map((p) => [p.number, p.items])).toEqual([
      [0, ['a', 'b', 'c']],
      [3, ['d', 'e']],
      [2, ['f', 'g']],
      [1, ['h', 'i']],
    ]);
  });

  test('keeps every numbered page as it was when newer items arrive, until the front page splits', () => {
    const before = paginate(seven, 3, '/x/');
    const after = paginate(['new', ...seven], 3, '/x/');
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]?.items).toEqual(['new', 'a', 'b', 'c', 'd']);
    // The sixth newest item fills the front page to two pages: its older half becomes page 2.
    const split = paginate(['newer', 'new', ...seven], 3, '/x/');
    expect(split.map((p) => [p.number, p.items])).toEqual([
      [0, ['newer', 'new', 'a']],
      [2, ['b', 'c', 'd']],
      [1, ['e', 'f', 'g']],
    ]);
    expect(split.at(-1)?.items).toEqual(before.at(-1)?.items);
  });

  test('serves the front page at the list URL and numbered pages at /page/N/', () => {
    expect(paginate([...seven, 'h', 'i'], 2, '/x/').map((p) => p.url)).toEqual([
      '/x/',
      '/x/page/3/',
      '/x/page/2/',
      '/x/page/1/',
    ]);
  });

  test('links each page to the next newer one and the next older one', () => {
    const pages = paginate([...seven, 'h', 'i'], 2, '/x/');
    expect(pages.map((p) => [p.previousUrl, p.nextUrl])).toEqual([
      [null, '/x/page/3/'],
      ['/x/', '/x/page/2/'],
      ['/x/page/3/', '/x/page/1/'],
      ['/x/page/2/', null],
    ]);
    expect(new Set(pages.map((p) => p.newest))).toEqual(new Set([3]));
  });

  test('gives an empty list its front page alone, at the list URL', () => {
    expect(paginate([], 3, '/x/')).toEqual([
      { number: 0, newest: 0, url: '/x/', items: [], previousUrl: null, nextUrl: null },
    ]);
  });

  test('keeps up to two pages less one on the front page before numbering any', () => {
    expect(paginate(seven.slice(0, 5), 3, '/x/')).toHaveLength(1);
    expect(paginate(seven.slice(0, 6), 3, '/x/').map((p) => p.items.length)).toEqual([3, 3]);
  });

  test('refuses a page size that is not a positive integer, instead of looping forever', () => {
    expect(() => paginate([1, 2], 0, '/x/')).toThrow(RangeError);
    expect(() => paginate([1, 2], 1.5, '/x/')).toThrow(
      'page size must be a positive integer, not 1.5',
    );
  });
});
