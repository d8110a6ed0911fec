// What the loader knows of a file before parsing it, and the results that need
// no parsing (too large, unreadable). Kept apart from the parser, to-release.ts,
// so that a rebuild which parses nothing never imports remark.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { locatedError } from '../diagnostics/diagnose.ts';
import type { Release } from '../model/release.ts';
import type { Position } from './locate.ts';

const problem = locatedError;

/** Largest release file read: far above any real release, far below what would hurt a build. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Settings the loader needs from the site configuration. */
export interface LoadOptions {
  /** IANA zone that house-form dates are written in. */
  readonly timeZone: string;
  /** The page address pattern, already validated; DEFAULT_PERMALINK when absent. */
  readonly permalink?: string;
}

/** The loader's settings from a site configuration. */
export function loadOptionsFor(site: { timeZone: string; permalink: string }): LoadOptions {
  return { timeZone: site.timeZone, permalink: site.permalink };
}

/** A release, or the reasons one file did not become one. */
export type FileResult =
  { ok: true; release: Release; places: ReleasePlaces } | { ok: false; diagnostics: Diagnostic[] };

/** Where the fields that decide a release's identity are written, for duplicate reports. */
export interface ReleasePlaces {
  /** The `url` field. */
  readonly url: Position & { readonly field: string };
  /** The field the page slug came from: `slug`, `og.title` or `title`. */
  readonly slug: Position & { readonly field: string };
}

/** The result for a file over MAX_FILE_BYTES, which is never parsed. */
export function tooLarge(file: string, bytes: number): FileResult {
  const kib = Math.ceil(bytes / 1024);
  const limit = MAX_FILE_BYTES / 1024;
  return {
    ok: false,
    diagnostics: [problem(file, { line: 1, column: 1 }, 'file-too-large', kib, limit)],
  };
}

/** A file to load: its path for messages and its path on disk. */
export interface SourceFile {
  readonly file: string;
  readonly full: string;
}

/** What loading a file gave, and the hash of the bytes it read (null when it could not read them). */
export interface SourceResult {
  readonly hash: string | null;
  readonly result: FileResult;
}

/** The result for a file the system would not let us read. */
export function readFailed(file: string, error: unknown): FileResult {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return { ok: false, diagnostics: [problem(file, { line: 1, column: 1 }, 'read-failed', code)] };
}

/** SHA-256 of a file's bytes, as hex: the identity of a release's source. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
