/** One page of a paginated list, with links to its neighbours. */
export interface Page<T> {
  /** 1-based page number. */
  readonly number: number;
  readonly total: number;
  /** Site-relative URL: the base for page 1, then `<base>page/N/`. */
  readonly url: string;
  readonly items: readonly T[];
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
}

/** Site-relative URL of page `n` of a list whose first page is `base`. */
export function pageUrl(base: string, n: number): string {
  return n === 1 ? base : `${base}page/${n}/`;
}

/**
 * Cuts `items` into pages of `size` at stable URLs. An empty list still has
 * one (empty) page, so a list's URL always resolves.
 */
export function paginate<T>(items: readonly T[], size: number, base: string): Page<T>[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`page size must be a positive integer, not ${size}`);
  const total = Math.max(1, Math.ceil(items.length / size));
  const pages: Page<T>[] = [];
  for (let n = 1; n <= total; n++) {
    pages.push({
      number: n,
      total,
      url: pageUrl(base, n),
      items: items.slice((n - 1) * size, n * size),
      previousUrl: n > 1 ? pageUrl(base, n - 1) : null,
      nextUrl: n < total ? pageUrl(base, n + 1) : null,
    });
  }
  return pages;
}
