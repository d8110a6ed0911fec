/**
 * One page of a paginated list. A list's front page, at the list's own URL,
 * holds its newest releases; the rest are on numbered pages counted from the
 * oldest, every one of them full. So a numbered page holds the same releases
 * for good: new releases go to the front page, and once it holds two pages'
 * worth, its older half becomes the next numbered page. A link to
 * `<list>/page/3/` shows tomorrow what it shows today.
 */
export interface Page<T> {
  /** 0 for the front page; else the page's number, 1 for the oldest releases. */
  readonly number: number;
  /** The newest numbered page (0 when there is none): what the front page leads to. */
  readonly newest: number;
  /** Site-relative URL: the base for the front page, then `<base>page/N/`. */
  readonly url: string;
  /** The page's releases, newest first. */
  readonly items: readonly T[];
  /** The page with the next newer releases: the front page after the newest numbered one. */
  readonly previousUrl: string | null;
  /** The page with the next older releases. */
  readonly nextUrl: string | null;
}

/** Site-relative URL of page `n` (0: the front page) of a list whose front page is `base`. */
export function pageUrl(base: string, n: number): string {
  return n === 0 ? base : `${base}page/${n}/`;
}

/**
 * Cuts `items`, newest first, into a front page and full numbered pages of
 * `size` counted from the oldest. The front page holds from `size` to
 * `2 × size − 1` items (all of them when there are fewer), so it is never
 * nearly empty. An empty list still has its front page, so a list's URL
 * always resolves. Pages are returned newest first, the front page first.
 */
export function paginate<T>(items: readonly T[], size: number, base: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`page size must be a positive integer, not ${size}`);
  const newest = Math.max(0, Math.floor(items.length / size) - 1);
  const front = items.length - newest * size;
  const pages: Page<T>[] = [
    {
      number: 0,
      newest,
      url: base,
      items: items.slice(0, front),
      previousUrl: null,
      nextUrl: newest > 0 ? pageUrl(base, newest) : null,
    },
  ];
  for (let n = newest; n >= 1; n--) {
    const end = items.length - (n - 1) * size;
    pages.push({
      number: n,
      newest,
      url: pageUrl(base, n),
      items: items.slice(end - size, end),
      previousUrl: pageUrl(base, n === newest ? 0 : n + 1),
      nextUrl: n > 1 ? pageUrl(base, n - 1) : null,
    });
  }
  return pages;
}
