import { readFileSync, statSync } from 'node:fs';
import { requireFolder } from './require-folder.ts';
import path from 'node:path';
import { compareText, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { messages } from '../diagnostics/messages.ts';
import { findReleaseFiles } from './find-files.ts';
import { LoadCache, loaderFingerprint, type FileStamp } from './load-cache.ts';
import { CACHE_FOLDER } from '../model/project-paths.ts';
import { sourceKey, type BodyRef, type Release } from '../model/release.ts';
import type { SiteConfig } from '../model/site-config.ts';
import { inlineBodies, type BodySource } from './body-store.ts';
import { loadInParallel } from './load-pool.ts';
import {
  hashBytes,
  loadOptionsFor,
  MAX_FILE_BYTES,
  readFailed,
  tooLarge,
  type FileResult,
  type LoadOptions,
  type ReleasePlaces,
  type SourceFile,
} from './source-file.ts';

/** Every release that loaded, and every problem found on the way. */
export interface LoadResult {
  /** Valid releases, newest first. */
  readonly releases: Release[];
  readonly diagnostics: Diagnostic[];
  /** Reads the releases' bodies; close it once the pages are rendered. */
  readonly bodies: BodySource;
  /**
   * File → page URL, for files left out with errors whose release had a page:
   * a duplicate's own, or (from the cache) the one a file that fails had when it last loaded.
   */
  readonly formerUrls: ReadonlyMap<string, string>;
  /** Files found, and how many of them were parsed rather than taken from the cache. */
  readonly stats: { readonly files: number; readonly parsed: number };
}

/** How to load: where to keep the cache and how many threads to use. */
export interface LoadSettings {
  /** Folder for the load cache; without it every file is parsed afresh and bodies stay in memory. */
  readonly cacheDir?: string;
  /**
   * Only read the cache, never write it: for loads that build nothing, which
   * may run while a build or a server writes the cache. Releases not in it
   * are parsed and keep their bodies in memory.
   */
  readonly readOnly?: boolean;
  /** Worker threads for parsing; defaults to the machine's cores. */
  readonly threads?: number;
  /**
   * Keeps the cache open in memory between loads in one process (`serve`),
   * so a rebuild does not read it from disk again.
   */
  readonly session?: LoadSession;
  /** Told how many content files were found, before any is read (for progress displays). */
  readonly onFiles?: (files: number) => void;
}

/**
 * Loads a project's releases for a command that builds nothing (`check`,
 * `import`): through the builds' cache, only read, so unchanged files are not
 * parsed again and a running server's cache is never written under it. The
 * bodies are let go at once: these commands render no page.
 */
export async function loadReleasesReadOnly(
  root: string,
  site: SiteConfig,
): Promise<Omit<LoadResult, 'bodies'>> {
  const settings = { cacheDir: path.join(root, CACHE_FOLDER), readOnly: true };
  const { bodies, ...loaded } = await loadReleases(
    root,
    site.contentDir,
    loadOptionsFor(site),
    settings,
  );
  bodies.close();
  return loaded;
}

/** The open load cache a long-running process reuses across loads. */
export interface LoadSession {
  cache?: LoadCache;
}

async function openCache(settings: LoadSettings, options: LoadOptions): Promise<LoadCache | null> {
  const { cacheDir, session } = settings;
  if (cacheDir === undefined) return null;
  const fingerprint = loaderFingerprint(options);
  if (settings.readOnly === true) return LoadCache.openForReading(cacheDir, fingerprint);
  if (session?.cache?.isFor(cacheDir, fingerprint) === true) return session.cache;
  session?.cache?.close();
  const cache = await LoadCache.open(cacheDir, fingerprint);
  if (session !== undefined) session.cache = cache;
  return cache;
}

/**
 * Loads every release under `contentDir`. Collects all problems rather than
 * stopping at the first; a file with an error is left out of `releases`.
 * Unchanged files come from the cache; the rest are parsed across cores,
 * and with a cache their bodies go to its body file as they arrive.
 */
export async function loadReleases(
  root: string,
  contentDir: string,
  options: LoadOptions,
  settings: LoadSettings = {},
): Promise<LoadResult> {
  const dir = path.resolve(root, contentDir);
  requireFolder(
    dir,
    'it holds the releases. Create it, or set contentDir in site.json to the folder that does.',
  );
  const files = await findReleaseFiles(dir);
  settings.onFiles?.(files.length);
  const cache = await openCache(settings, options);
  const results: (FileResult | null)[] = [];
  const misses: (SourceFile & { index: number; stamp: FileStamp })[] = [];
  // Files are under `dir`, which is under the root (or elsewhere, when contentDir says so).
  const rootPrefix = `${path.resolve(root)}${path.sep}`;
  const formerUrls = new Map<string, string>();
  // A file that fails now may have had a page, which a build will remove.
  const remember = (file: string, result: FileResult) => {
    const url = result.ok ? undefined : cache?.lastUrl(file);
    if (url !== undefined) formerUrls.set(file, url);
  };
  for (const full of files) {
    const file = projectPath(rootPrefix, root, full);
    const source = readSource(file, full, cache);
    if ('result' in source) {
      remember(file, source.result);
      results.push(source.result);
    } else {
      misses.push({ file, full, stamp: source.stamp, index: results.length });
      results.push(null);
    }
  }
  await loadInParallel(
    misses,
    options,
    (i, { hash, result }) => {
      const miss = misses[i];
      if (miss === undefined) return;
      remember(miss.file, result);
      results[miss.index] =
        cache !== null && hash !== null ? cache.set(miss.file, hash, miss.stamp, result) : result;
    },
    settings.threads,
  );
  await cache?.save();
  const bodies: BodySource =
    cache === null
      ? inlineBodies
      : {
          file: cache.bodies.file,
          read: (ref: BodyRef) => cache.bodies.read(ref),
          // A session keeps its cache, body file included, for the next load.
          close: () => (settings.session === undefined ? cache.close() : undefined),
        };
  const { releases, diagnostics, duplicates } = collect(results);
  for (const release of duplicates) formerUrls.set(release.file, release.url);
  const stats = { files: files.length, parsed: misses.length };
  return { releases, diagnostics, formerUrls, bodies, stats };
}

/** A file's path relative to the project root, with forward slashes. */
function projectPath(rootPrefix: string, root: string, full: string): string {
  // path.relative resolves both paths on every call: ten thousand times, that shows.
  const relative = full.startsWith(rootPrefix)
    ? full.slice(rootPrefix.length)
    : path.relative(root, full);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
 * Answers for a file without parsing it, when it can: from the cache when its
 * size and modification time (or, failing those, its bytes) are unchanged, or
 * with why it cannot be loaded. Huge files are never read. Otherwise returns
 * its stamp, and the file is parsed (and read) later, on a worker.
 * Synchronous on purpose: ten thousand stats finish sooner than as many promises.
 */
function readSource(
  file: string,
  full: string,
  cache: LoadCache | null,
): { stamp: FileStamp } | { result: FileResult } {
  try {
    const info = statSync(full);
    if (info.size > MAX_FILE_BYTES) return { result: tooLarge(file, info.size) };
    const stamp = { size: info.size, mtimeMs: info.mtimeMs };
    if (cache === null || !cache.has(file)) return { stamp };
    const unchanged = cache.getByStamp(file, stamp);
    if (unchanged !== undefined) return { result: unchanged };
    // Touched but perhaps not changed: the bytes decide.
    const cached = cache.get(file, hashBytes(readFileSync(full)), stamp);
    return cached === undefined ? { stamp } : { result: cached };
  } catch (error) {
    return { result: readFailed(file, error) };
  }
}

/** Gathers releases and diagnostics in file order, then leaves out duplicates, returned apart. */
function collect(
  results: readonly (FileResult | null)[],
): Pick<LoadResult, 'releases' | 'diagnostics'> & { duplicates: Release[] } {
  const releases: Release[] = [];
  const places = new Map<Release, ReleasePlaces>();
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    if (result === null) continue;
    if (result.ok) {
      releases.push(result.release);
      places.set(result.release, result.places);
    } else {
      diagnostics.push(...result.diagnostics);
    }
  }
  const { unique, diagnostics: clashes } = findDuplicates(releases, (r) => places.get(r));
  diagnostics.push(...clashes);
  const kept = new Set(unique);
  const duplicates = clashes.length === 0 ? [] : releases.filter((r) => !kept.has(r));
  return { releases: sortNewestFirst(unique), diagnostics, duplicates };
}

/** Sorts releases newest first; ties break on page URL so order is stable. */
export function sortNewestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => b.publishedMs - a.publishedMs || compareText(a.url, b.url));
}

// Each release's source URL as a browser requests it. A long-running process
// (`serve`) gets the same record for an unchanged file on
// every rebuild, and parsing ten thousand URLs showed in each.
const sourceKeys = new WeakMap<Release, string>();

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
    let sourceAddress = sourceKeys.get(release);
    if (sourceAddress === undefined) {
      sourceAddress = sourceKey(release.sourceUrl);
      sourceKeys.set(release, sourceAddress);
    }
    const pageAddress = release.url.toLowerCase();
    const source = bySource.get(sourceAddress);
    const page = byPage.get(pageAddress);
    if (source === undefined && page === undefined) {
      bySource.set(sourceAddress, release);
      byPage.set(pageAddress, release);
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
