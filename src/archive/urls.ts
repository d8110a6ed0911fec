/** Site-relative URLs of the archive's pages. Once published these never change. */
export const urls = {
  home: () => '/',
  areas: () => '/areas/',
  area: (slug: string) => `/areas/${slug}/`,
  areaYear: (slug: string, year: string) => `/areas/${slug}/${year}/`,
  areaMonth: (slug: string, year: string, month: string) => `/areas/${slug}/${year}/${month}/`,
  year: (year: string) => `/${year}/`,
  month: (year: string, month: string) => `/${year}/${month}/`,
  notFound: () => '/404.html',
} as const;
