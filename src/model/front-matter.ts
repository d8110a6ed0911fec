import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { z } from 'zod';

/**
 * The front matter an editor writes, validated and normalised. This schema is
 * the source of truth for the fields: `npm run docs` makes the field table of
 * docs/editors.md from the descriptions and `type` metadata below.
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

const text = z.string().transform(cleanText).pipe(z.string().min(1)).meta({ type: 'text' });

// Dates stay text here; load/ reads them on the site's clock (parsePublishDate).
const dateText = z.string().meta({ type: '`HH:MM DD/MM/YYYY`, or ISO 8601' });

const absoluteUrl = z
  .string()
  .transform((value, ctx) => {
    const decoded = cleanUrl(value);
    if (!isAbsoluteHttpUrl(decoded)) {
      ctx.addIssue({ code: 'custom', params: { rule: 'bad-url', value: decoded } });
      return z.NEVER;
    }
    return decoded;
  })
  .meta({ type: 'absolute `http(s)` URL' });

// Scraped og.image and og.url are often paths on the force's site
// (`/SysSiteAssets/x.jpg`); they are kept here and resolved against the
// release's own url once it is known (resolveSourceUrl).
const absoluteOrRelativeUrl = z
  .string()
  .transform((value, ctx) => {
    const decoded = cleanUrl(value);
    if (!isAbsoluteHttpUrl(decoded) && !isRelativeReference(decoded)) {
      ctx.addIssue({ code: 'custom', params: { rule: 'bad-url', value: decoded } });
      return z.NEVER;
    }
    return decoded;
  })
  .meta({ type: 'absolute `http(s)` URL, or a path on the source site' });

/** The optional Open Graph block, as scraped from the source page. */
export const openGraphSchema = z.object({
  title: text.optional().describe('The headline, on the page, in lists and in share previews.'),
  description: text
    .optional()
    .describe('The description in lists, share previews and the meta description.'),
  image: absoluteOrRelativeUrl
    .optional()
    .describe("The share picture (`og:image`). Without it the area's, else the site's, is used."),
  url: absoluteOrRelativeUrl.optional().describe('Kept from the source page.'),
  locale: text
    .optional()
    .describe("`og:locale` of the release page; defaults to the site's locale."),
  type: text.optional().describe('Kept from the source page; release pages are always `article`.'),
});

/** One correction: when it was made (read like publish.date) and what it corrected. */
export const correctionSchema = z.object({
  date: dateText.describe('When the correction was made; read like `publish.date`, not before it.'),
  note: text.describe('What was corrected.'),
});

/** One release's front matter. */
export const frontMatterSchema = z.object({
  area: text.describe(
    "The area (force) the release belongs to. Its slug makes the area's address: `Leicestershire` → `/areas/leicestershire/`.",
  ),
  title: text.describe(
    "The source page's title. Without `og.title`, the headline is this without a trailing ` | Force name`.",
  ),
  url: absoluteUrl.describe(
    'The original release, shown as the "Original release" link; no two releases may share it.',
  ),
  publish: z.object({
    date: dateText.describe("When it was published; the house form is on the site's clock."),
    updated: dateText
      .optional()
      .describe('When the release was last updated; read like `publish.date`, not before it.'),
  }),
  og: openGraphSchema.optional(),
  slug: text
    .optional()
    .describe('The last part of the page address, instead of the headline and the id.'),
  description: text
    .optional()
    .describe('Used when `og.description` is absent; without either, the opening of the body.'),
  draft: z.boolean().optional().describe('`true` keeps the release out of production builds.'),
  corrections: z
    .array(correctionSchema)
    .optional()
    .describe('Corrections made since publication, oldest first on the page.'),
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
