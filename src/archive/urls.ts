/** Site-relative URLs of the archive's pages. Once published these never change. */
export const urls = {
  home: () => '/',
  areas: () => '/areas/',
  /** Every release, newest first, paginated. */
  all: () => '/all/',
  area: (slug: string) => `/areas/${slug}/`,
  areaYear: (slug: string, year: string) => `/areas/${slug}/${year}/`,
  areaMonth: (slug: string, year: string, month: string) => `/areas/${slug}/${year}/${month}/`,
  year: (year: string) => `/${year}/`,
  month: (year: string, month: string) => `/${year}/${month}/`,
  notFound: () => '/404.html',
  search: () => '/search/',
  /** The data downloads' page; the files sit beside it. */
  data: () => '/data/',
} as const;

// Segments are slugs or digits; no `..`, no `%`, no backslash, nothing to escape.
const SAFE_PAGE_PATH =
  /^\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)*(?:404\.html|feed\.xml|feed\.json|rss\.xml|sitemap(?:-[1-9][0-9]*)?\.xml|robots\.txt|[a-z0-9]+(?:-[a-z0-9]+)*\.(?:csv|ndjson))?$/;

/**
 * Tells whether a site-relative URL is safe to write as a file: only lowercase
 * slug segments, so no output path can leave the output folder.
 */
export function isSafePagePath(url: string): boolean {
  return SAFE_PAGE_PATH.test(url);
}
