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
// decoded `&#13;`) and runs of whitespace become one space, so no carriage
// return or NUL can reach a page, an attribute or a feed.
const CONTROL_AND_SPACE = /[\s\p{Cc}\u2028\u2029]+/gu;

/** Decodes entities once, normalises to NFC and folds control characters and spacing. */
export function cleanText(value: string): string {
  // Decode before normalising: `e&#x301;` only becomes a combining accent once decoded.
  return decodeHTMLStrict(value).normalize('NFC').replace(CONTROL_AND_SPACE, ' ').trim();
}

const text = z.string().transform(cleanText).pipe(z.string().min(1));

const absoluteUrl = z.string().transform((value, ctx) => {
  const decoded = decodeHTMLAttribute(value).normalize('NFC').trim();
  if (!isAbsoluteHttpUrl(decoded)) {
    ctx.addIssue({ code: 'custom', params: { rule: 'bad-url', value: decoded } });
    return z.NEVER;
  }
  return decoded;
});

/** The optional Open Graph block, as scraped from the source page. */
export const openGraphSchema = z.object({
  title: text.optional(),
  description: text.optional(),
  image: absoluteUrl.optional(),
  url: absoluteUrl.optional(),
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
