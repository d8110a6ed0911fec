import { normalisePrefix } from '../model/site-config.ts';

/**
 * Puts a site-relative path under the path prefix the site is served from:
 * `withPathPrefix('/news/', '/2020/')` is `/news/2020/`. Absolute URLs pass
 * through. Replaces Eleventy's `url` filter, which normalises every path anew
 * and took a quarter of the render time at a thousand releases.
 */
export function withPathPrefix(prefix: string, path: string): string {
  // Called for every link of every page: the common case first, no regular expression.
  if (path.startsWith('/')) {
    return path.startsWith('//') ? path : `${normalisedOnce(prefix)}${path.slice(1)}`;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  return `${normalisedOnce(prefix)}${path}`;
}

let lastPrefix = '/';
let lastNormalised = '/';

/** normalisePrefix, remembering the last answer: a build asks about one prefix. */
function normalisedOnce(prefix: string): string {
  if (prefix !== lastPrefix) {
    lastNormalised = normalisePrefix(prefix);
    lastPrefix = prefix;
  }
  return lastNormalised;
}
