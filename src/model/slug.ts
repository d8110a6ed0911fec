import slugify from '@sindresorhus/slugify';

const MAX_SLUG = 80;

/**
 * Derives a URL-safe slug (`[a-z0-9-]`, at most 80 characters, cut at a
 * hyphen) from any text, transliterating accents. Returns '' when nothing
 * usable is left, which callers report as an error.
 */
export function toSlug(value: string): string {
  const slug = slugify(value.normalize('NFC'), { decamelize: false });
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 0 ? cut.slice(0, hyphen) : cut.slice(0, MAX_SLUG)).replace(/-+$/, '');
}

/** Removes a trailing ` | Force name` (or ` - Force name`) that scraped titles carry. */
export function stripSiteSuffix(title: string): string {
  const stripped = title.replace(/\s+[|–—]\s+[^|–—]+$/u, '').trim();
  return stripped === '' ? title : stripped;
}
