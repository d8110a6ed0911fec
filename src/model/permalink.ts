import { createHash } from 'node:crypto';

/**
 * Release page addresses. An address is a promise: once published it must
 * never move, so it is made only from the release's own fields (its date, its
 * headline or `slug`, its source url), never from which other releases exist.
 * Two releases with one headline on one day differ by their source url, so a
 * short id taken from it keeps their addresses apart for good.
 */

/** The address pattern Gazette uses unless site.json's `permalink` sets another. */
export const DEFAULT_PERMALINK = '/:year/:month/:day/:slug/';

/** What each `:token` of a pattern stands for. */
export interface AddressParts {
  /** Four-digit year on the site's clock. */
  readonly year: string;
  /** Two-digit month. */
  readonly month: string;
  /** Two-digit day of the month. */
  readonly day: string;
  /** The area's slug, as the release names the area (aliases do not move an address). */
  readonly area: string;
  /** The `slug` field, else the headline's slug and the id. */
  readonly slug: string;
  /** Six characters derived from the source url. */
  readonly id: string;
}

const TOKENS = ['year', 'month', 'day', 'area', 'slug', 'id'] as const;
const TOKEN = /:([a-z]+)/g;
// A segment is literal slug text and tokens, joined by hyphens: `:slug`, `:year-:month`, `news`.
const SEGMENT = /^(?::[a-z]+|[a-z0-9]+)(?:-(?::[a-z]+|[a-z0-9]+))*$/;
// First segments the site's own pages use; a release address must not start with one.
const RESERVED = new Set(['areas', 'assets', 'data', 'pagefind', 'search', 'page', 'all']);

/**
 * Why a pattern cannot be used, or null when it can. A usable pattern starts
 * and ends with `/`, holds only known tokens and slug text, dates every page
 * (`:year`, `:month` and `:day`), and tells releases apart (`:slug` or `:id`).
 */
export function permalinkProblem(pattern: string): string | null {
  if (!pattern.startsWith('/') || !pattern.endsWith('/') || pattern.length < 3) {
    return 'must start and end with "/", as in /:year/:month/:day/:slug/';
  }
  const segments = pattern.slice(1, -1).split('/');
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    return `has the segment "${bad}": segments are lowercase letters, digits, hyphens and tokens (${TOKENS.map((t) => `:${t}`).join(', ')})`;
  }
  const used = [...pattern.matchAll(TOKEN)].map((match) => match[1] ?? '');
  const unknown = used.find((token) => !(TOKENS as readonly string[]).includes(token));
  if (unknown !== undefined) {
    return `has the unknown token ":${unknown}"; the tokens are ${TOKENS.map((t) => `:${t}`).join(', ')}`;
  }
  const missingDate = ['year', 'month', 'day'].filter((token) => !used.includes(token));
  if (missingDate.length > 0) {
    return `lacks ${missingDate.map((t) => `:${t}`).join(' and ')}: every release address holds its full date`;
  }
  if (!used.includes('slug') && !used.includes('id')) {
    return 'holds neither :slug nor :id, so two releases of one day could ask for one address';
  }
  const first = segments[0] ?? '';
  if (first.startsWith(':area') || RESERVED.has(first)) {
    return `starts with "${first}", where the site's own pages (areas, search, data…) could be`;
  }
  return null;
}

/** Fills a valid pattern in with a release's parts. */
export function expandPermalink(pattern: string, parts: AddressParts): string {
  return pattern.replace(TOKEN, (_, token: keyof AddressParts) => parts[token]);
}

// RFC 4648 base32, lowercase: letters and digits only, none easily misread.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_LENGTH = 6;

/**
 * The release's short id: the first 30 bits of the SHA-256 of its source url
 * (as validated: trimmed, NFC, entities decoded once), in base32. The same
 * url always gives the same id, on any machine and any Node version.
 */
export function releaseId(sourceUrl: string): string {
  const digest = createHash('sha256').update(sourceUrl, 'utf8').digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < ID_LENGTH) {
      bits -= 5;
      id += BASE32[(value >> bits) & 31];
    }
    if (id.length === ID_LENGTH) break;
    value &= (1 << bits) - 1;
  }
  return id;
}

/**
 * The `:slug` of a release: its own `slug` field when it has one (the editor
 * chose that address), else its headline's slug and its id, joined by a
 * hyphen; just the id when the headline has no letters or digits.
 */
export function addressSlug(
  explicit: string | undefined,
  headlineSlug: string,
  id: string,
): string {
  if (explicit !== undefined) return explicit;
  return headlineSlug === '' ? id : `${headlineSlug}-${id}`;
}
