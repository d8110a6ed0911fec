import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareText, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { messages } from '../diagnostics/messages.ts';
import type { Release } from '../model/release.ts';
import { findReleaseFiles } from './find-files.ts';
import {
  loadReleaseFile,
  MAX_FILE_BYTES,
  tooLarge,
  type LoadOptions,
  type ReleasePlaces,
} from './to-release.ts';

/** Every release that loaded, and every problem found on the way. */
export interface LoadResult {
  /** Valid releases, newest first. */
  readonly releases: Release[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Loads every release under `contentDir`. Collects all problems rather than
 * stopping at the first; a file with an error is left out of `releases`.
 */
export async function loadReleases(
  root: string,
  contentDir: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const files = await findReleaseFiles(path.resolve(root, contentDir));
  const releases: Release[] = [];
  const places = new Map<Release, ReleasePlaces>();
  const diagnostics: Diagnostic[] = [];
  for (const full of files) {
    const file = path.relative(root, full).split(path.sep).join('/');
    let bytes: Uint8Array;
    try {
      // Check the size first so a stray multi-gigabyte file is never read into memory.
      const size = (await stat(full)).size;
      if (size > MAX_FILE_BYTES) {
        const result = tooLarge(file, size);
        if (!result.ok) diagnostics.push(...result.diagnostics);
        continue;
      }
      bytes = await readFile(full);
    } catch (error) {
      const text = messages['read-failed']((error as NodeJS.ErrnoException).code ?? String(error));
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        rule: 'read-failed',
        severity: 'error',
        ...text,
      });
      continue;
    }
    const result = loadReleaseFile(file, bytes, options);
    if (result.ok) {
      releases.push(result.release);
      places.set(result.release, result.places);
    } else {
      diagnostics.push(...result.diagnostics);
    }
  }
  const duplicates = findDuplicates(releases, (release) => places.get(release));
  diagnostics.push(...duplicates.diagnostics);
  return { releases: sortNewestFirst(duplicates.unique), diagnostics };
}

/** Sorts releases newest first; ties break on page URL so order is stable. */
export function sortNewestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => b.publishedMs - a.publishedMs || compareText(a.url, b.url));
}

/**
 * Finds releases that share a source URL (as the browser would request it) or
 * a page URL (compared without case, since hosts such as S3 and Windows disks
 * may fold it). The file that sorts first keeps its place; the other gets an
 * error naming it.
 */
export function findDuplicates(
  releases: readonly Release[],
  placeOf: (release: Release) => ReleasePlaces | undefined = () => undefined,
): {
  unique: Release[];
  diagnostics: Diagnostic[];
} {
  const bySource = new Map<string, Release>();
  const byPage = new Map<string, Release>();
  const unique: Release[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const release of [...releases].sort((a, b) => compareText(a.file, b.file))) {
    const source = bySource.get(sourceKey(release.sourceUrl));
    const page = byPage.get(release.url.toLowerCase());
    if (source === undefined && page === undefined) {
      bySource.set(sourceKey(release.sourceUrl), release);
      byPage.set(release.url.toLowerCase(), release);
      unique.push(release);
      continue;
    }
    const text =
      source !== undefined
        ? messages['duplicate-url'](source.file)
        : messages['duplicate-page'](release.url, page?.file ?? '');
    const place = source !== undefined ? placeOf(release)?.url : placeOf(release)?.slug;
    diagnostics.push({
      file: release.file,
      line: place?.line ?? 1,
      column: place?.column ?? 1,
      field: place?.field ?? (source !== undefined ? 'url' : 'slug'),
      rule: source !== undefined ? 'duplicate-url' : 'duplicate-page',
      severity: 'error',
      ...text,
    });
  }
  return { unique, diagnostics };
}

/** A source URL as a browser requests it: `https://A.example:443/x` is `https://a.example/x`. */
function sourceKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    // Unreachable for a validated release; compare the text as written.
    return url;
  }
}
