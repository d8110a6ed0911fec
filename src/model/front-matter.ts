import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { z } from 'zod';

/**
 * The front matter an editor writes, validated and normalised. This schema is
 * the source of truth for the fields; the README's field table mirrors it.
 *
 * Text is NFC-normalised and trimmed, and HTML entities (scraped pages carry
 * `&amp;` inside URLs) are decoded exactly once.
 */

// Front-matter text is one line: control characters (a YAML "\r" escape, a
// decoded `&#13;`) and runs of whitespace (no-break spaces included) become
// one space, so no carriage return or NUL can reach a page, an attribute or a feed.
const CONTROL_AND_SPACE = /[\s\p{Cc}\u2028\u2029]+/gu;

// Characters that show nothing but change comparisons, or (bidi controls) the
// order text is shown in: scraped fields carry them from the source page, and
// `West\u200bshire` must be the area Westshire. Soft hyphen, Arabic letter mark,
// Mongolian vowel separator, zero-width space and joiners, LRM and RLM, bidi
// embeddings, overrides and isolates, word joiner and invisible operators, BOM.
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * Decodes entities once, normalises to NFC, removes invisible characters and
 * folds control characters and spacing.
 */
export function cleanText(value: string): string {
  // Decode before normalising: `e&#x301;` only becomes a combining accent once decoded.
  return decodeHTMLStrict(value)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL_AND_SPACE, ' ')
    .trim();
}

/** A URL as written in front matter: entities decoded once, NFC, no invisible characters, trimmed. */
export function cleanUrl(value: string): string {
  return decodeHTMLAttribute(value).normalize('NFC').replace(INVISIBLE, '').trim();
}

const text = z.string().transform(cleanText).pipe(z.string().min(1));

const absoluteUrl = z.string().transform((value, ctx) => {
  const decoded = cleanUrl(value);
  if (!isAbsoluteHttpUrl(decoded)) {
    ctx.addIssue({ code: 'custom', params: { rule: 'bad-url', value: decoded } });
    return z.NEVER;
  }
  return decoded;
});

// Scraped og.image and og.url are often paths on the force's site
// (`/SysSiteAssets/x.jpg`); they are kept here and resolved against the
// release's own url once it is known (resolveSourceUrl).
const absoluteOrRelativeUrl = z.string().transform((value, ctx) => {
  const decoded = cleanUrl(value);
  if (!isAbsoluteHttpUrl(decoded) && !isRelativeReference(decoded)) {
    ctx.addIssue({ code: 'custom', params: { rule: 'bad-url', value: decoded } });
    return z.NEVER;
  }
  return decoded;
});

/** The optional Open Graph block, as scraped from the source page. */
export const openGraphSchema = z.object({
  title: text.optional(),
  description: text.optional(),
  image: absoluteOrRelativeUrl.optional(),
  url: absoluteOrRelativeUrl.optional(),
  locale: text.optional(),
  type: text.optional(),
});

/** One correction: when it was made (read like publish.date) and what it corrected. */
export const correctionSchema = z.object({ date: z.string(), note: text });

/** One release's front matter. */
export const frontMatterSchema = z.object({
  area: text,
  title: text,
  url: absoluteUrl,
  publish: z.object({ date: z.string(), updated: z.string().optional() }),
  og: openGraphSchema.optional(),
  slug: text.optional(),
  description: text.optional(),
  /** Left out of production builds while true. */
  draft: z.boolean().optional(),
  /** Corrections made after publication, each with its date (read like publish.date). */
  corrections: z.array(correctionSchema).optional(),
});

/** Front matter after validation: trimmed, NFC, entities decoded. */
export type FrontMatter = z.output<typeof frontMatterSchema>;

/** Open Graph fields after validation. */
export type OpenGraphFields = z.output<typeof openGraphSchema>;

// A URL must be spelled out with its scheme; `new URL` alone would accept
// `https:example.org` and strings with tabs, newlines or NULs it silently drops.
// The host and the rest are split at a delimiter the host cannot hold, so a
// long value fails in linear time rather than backtracking quadratically.
const URL_SHAPE = /^https?:\/\/[^\s\p{Cc}/?#\\]+(?:[/?#\\][^\s\p{Cc}]*)?$/iu;

// A reference with no scheme of its own (`/x.jpg`, `x.jpg`, `?w=1`, `//host/x`)
// and nothing a browser would silently drop or rewrite.
const RELATIVE_SHAPE = /^(?![a-z][a-z0-9+.-]*:)[^\s\p{Cc}\\]+$/iu;

/** Tells whether a string is a relative URL reference, to resolve against a page's address. */
export function isRelativeReference(value: string): boolean {
  return RELATIVE_SHAPE.test(value);
}

/**
 * Resolves an og field against the release's source url as the source page's
 * browser would, or returns it as it is when it is already absolute. Null when
 * the result is not an absolute http(s) URL.
 */
export function resolveSourceUrl(value: string, sourceUrl: string): string | null {
  if (isAbsoluteHttpUrl(value)) return value;
  try {
    const resolved = new URL(value, sourceUrl).href;
    return isAbsoluteHttpUrl(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** Tells whether a string is an absolute http(s) URL with no whitespace tricks. */
export function isAbsoluteHttpUrl(value: string): boolean {
  if (!URL_SHAPE.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

// Optional fields whose value may be left empty: an empty one is as good as
// absent, since each has a fallback. `draft` is not here: an empty draft mark
// is no proof the release may go out.
const OPTIONAL_FIELDS: readonly (readonly string[])[] = [
  ['og'],
  ...['title', 'description', 'image', 'url', 'locale', 'type'].map((key) => ['og', key]),
  ['description'],
  ['slug'],
  ['publish', 'updated'],
  ['corrections'],
];

/** The optional fields that are present but empty (`og.description:` with no value). */
export function emptyOptionalFields(data: Readonly<Record<string, unknown>>): string[][] {
  return OPTIONAL_FIELDS.filter((path) => {
    const parent = path.length === 1 ? data : data[path[0] ?? ''];
    if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return false;
    const key = path.at(-1) ?? '';
    if (!Object.hasOwn(parent, key)) return false;
    const value: unknown = (parent as Record<string, unknown>)[key];
    return value === null || (typeof value === 'string' && cleanText(value) === '');
  }).map((path) => [...path]);
}

/** The front matter without the given fields, for validating as if they were absent. */
export function withoutFields(
  data: Readonly<Record<string, unknown>>,
  paths: readonly (readonly string[])[],
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  for (const path of paths) {
    const [first = '', second] = path;
    if (second === undefined) delete copy[first];
    else
      copy[first] = Object.fromEntries(
        Object.entries(copy[first] as Record<string, unknown>).filter(([key]) => key !== second),
      );
  }
  return copy;
}
