import type { OpenGraphFields } from './front-matter.ts';

/** Where a release sits on the calendar of the site's time zone. */
export interface LocalDate {
  /** Four-digit year, as used in URLs: `2020`. */
  readonly year: string;
  /** Two-digit month: `09`. */
  readonly month: string;
  /** Two-digit day of the month: `16`. */
  readonly day: string;
  /** Wall-clock time `HH:MM`. */
  readonly time: string;
  /** ISO 8601 with the local offset: `2020-09-16T10:55:00+01:00`. */
  readonly iso: string;
}

/** A correction made after publication, as the release page lists it. */
export interface Correction {
  /** When it was made, on the site's clock. */
  readonly local: LocalDate;
  /** What was corrected, as plain text. */
  readonly note: string;
}

/**
 * Where a release body's sanitised HTML is: inline, as the loader made it, or
 * as a byte range of the load cache's body file. Keeping bodies on disk lets a
 * build hold a hundred thousand releases without holding their text.
 */
export type BodyRef = { readonly html: string } | { readonly at: number; readonly bytes: number };

/**
 * One press release, validated and ready to publish. Everything after the
 * loader trusts this shape and never re-validates it.
 */
export interface Release {
  /** Content file, relative to the project root, with forward slashes. */
  readonly file: string;
  /**
   * SHA-256 of the file's bytes. With the loader's version it decides every
   * field below, so it stands for the whole record when pages are compared.
   */
  readonly sourceHash: string;
  /** Area display name, NFC and trimmed: `Leicestershire`. */
  readonly area: string;
  /** URL-safe area slug, `[a-z0-9-]`: `leicestershire`. */
  readonly areaSlug: string;
  /** What lists and pages show as the heading. */
  readonly headline: string;
  /** The `title` field as written, entities decoded. */
  readonly title: string;
  /** og.description, else `description`, else the summary. */
  readonly description: string;
  /** The published instant, ISO 8601 in UTC without milliseconds. */
  readonly published: string;
  /** The published instant in ms since the epoch, for sorting. */
  readonly publishedMs: number;
  /** The published instant on the site's clock. */
  readonly local: LocalDate;
  /** The original release on the force's site. */
  readonly sourceUrl: string;
  /** Open Graph fields from the source page, entities decoded once. */
  readonly og: OpenGraphFields;
  /** URL-safe slug, `[a-z0-9-]`. */
  readonly slug: string;
  /** Site-relative page URL: `/2020/09/16/<slug>/`. */
  readonly url: string;
  /** The sanitised HTML of the body, inline or kept in the load cache's body file. */
  readonly body: BodyRef;
  /** Plain-text opening of the body, at most about 200 characters. */
  readonly summary: string;
  /** True for a draft (`draft: true`), which production builds leave out; absent otherwise. */
  readonly draft?: true;
  /**
   * The fields still holding `gazette new`'s placeholders (`TODO`,
   * example.invalid), `body` included, sorted; production builds leave the
   * release out like a draft. Absent when it has none.
   */
  readonly unfinished?: readonly string[];
  /**
   * When the release last changed: the latest of `publish.updated` and the
   * corrections' dates, on the site's clock; absent when it never changed.
   */
  readonly modified?: LocalDate;
  /** Corrections, oldest first; absent when there are none. */
  readonly corrections?: readonly Correction[];
}

/**
 * A source URL as a browser requests it, which is how duplicates are found:
 * `https://A.example:443/x` and `https://a.example/x` are one address.
 */
export function sourceKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    // Unreachable for a validated release; compare the text as written.
    return url;
  }
}
