import { createHash, type Hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { listCauses } from '../diagnostics/error-chain.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { readOrNull, swapIn, writeAtomically } from '../load/file-io.ts';
import { runChild } from './child-process.ts';

/** The folder, inside the output, that holds the search index: one Pagefind bundle per year. */
export const SEARCH_FOLDER = 'pagefind';

/** The list of shards, newest year first, that the search page reads to know what to merge. */
export const SHARDS_FILE = 'shards.json';

/** Where, in the cache folder, each shard's fingerprint is kept between builds. */
const STATE_FILE = 'search-shards.json';

// Release pages only (`YYYY/MM/DD/<slug>/`): list pages repeat release text and
// would crowd the results. The templates also mark the article with
// data-pagefind-body, so nothing outside it is read even on these pages.
const YEAR = /^\d{4}$/;
const RELEASE_FILE = /^(\d{4})\/\d\d\/\d\d\/[^/]+\/index\.html$/;
const TWO_DIGITS = /^\d\d$/;
// Below this many pages to index, a child process with a Pagefind of its own
// (about 0.4 s to start) costs more than it saves.
const MIN_PAGES_FOR_CHILDREN = 2000;
// Release pages read at once while fingerprinting.
const READ_BATCH = 64;

// Pagefind always writes its ready-made interfaces too; the site has its own
// (templates/assets/search.js), so these would be dead weight on the host.
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

// Part of every fingerprint: a Pagefind upgrade, or a change to how shards are
// built (bump the scheme), makes every shard stale.
const SCHEME = `gazette-search-3 pagefind-${pagefindVersion()}`;

/** What indexing a built site did. */
export interface SearchIndexResult {
  /** Pages in the index, all shards together: the release pages. */
  readonly pages: number;
  /** The folder written: `<output>/pagefind`. */
  readonly folder: string;
  /** Every shard, newest year first. */
  readonly shards: readonly string[];
  /** The shards indexed in this run; the others were kept as they were. */
  readonly rebuilt: readonly string[];
}

/**
 * What a build knows of the release pages it put in the output, so that the
 * index need not read the pages of a year that no write touched.
 */
export interface WrittenPages {
  /** Every page the build wrote, relative to the site; the release pages (`YYYY/MM/DD/<slug>/index.html`) are indexed. */
  readonly pages: readonly string[];
  /**
   * The files written or deleted since the last index, relative to the site,
   * or `all` when the output was replaced whole.
   */
  readonly changed: ReadonlySet<string> | 'all';
}

/** How to index: with the project's cache folder, what the build wrote, and who to tell. */
export interface IndexOptions {
  /** The project's cache folder, where shard fingerprints are kept; without it every shard is indexed. */
  readonly cache?: string;
  /** Index every shard, whatever the cache remembers (`gazette build --fresh`); the cache still learns them. */
  readonly fresh?: boolean;
  /** What the build wrote; without it every release page in the output is read. */
  readonly written?: WrittenPages;
  /**
   * Pagefind services to index with, this process's and each child's: by
   * default one per core when there are at least 2,000 pages to index, else one.
   */
  readonly processes?: number;
  /** Called once, before the first shard is indexed, when there is any to index. */
  readonly onIndexing?: () => void;
}

/** One year's release pages, sorted, and the hash of their list. */
export interface Year {
  readonly year: string;
  readonly files: readonly string[];
  readonly list: string;
}

/**
 * What the cache remembers of each shard: the hash of its pages' list and of
 * what Pagefind reads of them, and the hash of its entry file.
 */
type ShardState = Record<
  string,
  {
    readonly list: string;
    readonly fingerprint: string;
    readonly entry: string;
    /** Set when a build began to write the year's pages: they must be read before the shard is kept. */
    readonly written?: true;
  }
>;

/**
 * Indexes the release pages of a built site with Pagefind into
 * `<output>/pagefind/<year>/`, one bundle per year, and lists the years in
 * `<output>/pagefind/shards.json` for the search page to merge.
 *
 * With a cache folder, a shard is kept when its entry file is still the one
 * it wrote and its pages are those it was built from: the same list, and
 * either none of them written since (as `written` says) or, read again, the
 * same in what Pagefind reads of them (`indexedPart`). A year without a
 * remembered shard is read once, as it is indexed. Each shard is written
 * beside the output first and swapped in whole, so a failed run leaves the
 * previous one in place. Whatever fails, what is thrown is a search
 * GazetteError (see `searchFailure`).
 */
export async function indexSite(
  output: string,
  options: IndexOptions = {},
): Promise<SearchIndexResult> {
  const site = path.resolve(output);
  const folder = path.join(site, SEARCH_FOLDER);
  const staging = `${site}.search-${process.pid}`;
  const stateFile = options.cache === undefined ? null : path.join(options.cache, STATE_FILE);
  await rm(staging, { recursive: true, force: true });
  try {
    const years = await releaseYears(site, options.written);
    const before = stateFile === null || options.fresh === true ? {} : readState(stateFile);
    const after: ShardState = {};
    const stale: Year[] = [];
    for (const year of years) {
      const kept = before[year.year];
      const entry = await entryHash(folder, year.year);
      if (kept === undefined || entry === null || kept.entry !== entry || kept.list !== year.list) {
        stale.push(year);
      } else if (kept.written !== true && untouched(year, options.written)) {
        after[year.year] = kept;
      } else if ((await fingerprint(site, year.files)) === kept.fingerprint) {
        after[year.year] = { list: kept.list, fingerprint: kept.fingerprint, entry };
      } else {
        stale.push(year);
      }
    }
    if (stale.length > 0) {
      options.onIndexing?.();
      const processes = options.processes ?? defaultProcesses(stale);
      const fingerprints = await writeShards(site, staging, stale, processes);
      await mkdir(folder, { recursive: true });
      for (const year of stale) {
        await swapIn(path.join(staging, year.year), path.join(folder, year.year));
        const entry = await entryHash(folder, year.year);
        const fingerprint = fingerprints[year.year];
        if (entry !== null && fingerprint !== undefined)
          after[year.year] = { list: year.list, fingerprint, entry };
      }
    }
    const names = years.map((y) => y.year);
    await mkdir(folder, { recursive: true });
    await removeAllBut(folder, new Set([...names, SHARDS_FILE]));
    await writeFile(path.join(folder, SHARDS_FILE), `${JSON.stringify({ shards: names })}\n`);
    if (stateFile !== null) writeState(stateFile, after);
    const pages = years.reduce((sum, y) => sum + y.files.length, 0);
    return { pages, folder, shards: names, rebuilt: stale.map((y) => y.year) };
  } catch (error) {
    throw searchFailure(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Notes that the release pages among `files` (relative to the site) are
 * about to be written in place, so that their years' shards are read again
 * before they are kept, even by a build that did not write them: one that
 * stopped before its index leaves them unread, not trusted.
 */
export function markWritten(cache: string, files: Iterable<string>): void {
  const stateFile = path.join(cache, STATE_FILE);
  const state = readState(stateFile);
  let marked = false;
  for (const file of files) {
    const year = RELEASE_FILE.exec(file)?.[1];
    const shard = year === undefined ? undefined : state[year];
    if (year !== undefined && shard !== undefined && shard.written !== true) {
      state[year] = { ...shard, written: true };
      marked = true;
    }
  }
  if (marked) writeState(stateFile, state);
}

/** Whether a built site already has a search index. */
export async function hasSearchIndex(output: string): Promise<boolean> {
  return stat(path.join(output, SEARCH_FOLDER, SHARDS_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * The site's release pages by year, newest year first: the ones the build
 * says it wrote, else those found in the output. Years without a release page have no shard.
 */
async function releaseYears(site: string, written?: WrittenPages): Promise<Year[]> {
  const byYear = new Map<string, string[]>();
  if (written === undefined) {
    for (const year of await subfolders(site, '', YEAR))
      byYear.set(year, await releasePages(site, year));
  } else {
    for (const file of written.pages) {
      const year = RELEASE_FILE.exec(file)?.[1];
      if (year === undefined) continue;
      const files = byYear.get(year);
      if (files === undefined) byYear.set(year, [file]);
      else files.push(file);
    }
  }
  return [...byYear]
    .filter(([, files]) => files.length > 0)
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, files]) => {
      const sorted = [...files].sort();
      return { year, files: sorted, list: hashOf(sorted.join('\n')) };
    });
}

/** Whether the build says that it wrote none of this year's pages. */
function untouched(year: Year, written?: WrittenPages): boolean {
  if (written === undefined || written.changed === 'all') return false;
  const { changed } = written;
  return year.files.every((file) => !changed.has(file));
}

/** The hash of what Pagefind reads of these pages, read `READ_BATCH` at a time; a missing page is left out. */
async function fingerprint(site: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(SCHEME);
  for (let i = 0; i < files.length; i += READ_BATCH) {
    const batch = files.slice(i, i + READ_BATCH);
    const contents = await Promise.all(
      batch.map((page) => readFile(path.join(site, page), 'utf8').catch(() => null)),
    );
    batch.forEach((page, j) => {
      const content = contents[j];
      if (typeof content === 'string') addToFingerprint(hash, page, content);
    });
  }
  return hash.digest('hex');
}

function addToFingerprint(hash: Hash, page: string, content: string): void {
  hash.update(`\0${page}\0`).update(indexedPart(content));
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What of a page Pagefind can read, for its fingerprint: the `<html>` tag
 * (its language), the element marked data-pagefind-body up to the last tag
 * that could close it, and any other tag with a data-pagefind attribute. Inside
 * the body, the text of an element marked data-pagefind-ignore is left out,
 * as Pagefind leaves it out, but its data-pagefind tags and the text each
 * opens with (a filter's value) are kept. So a change that Pagefind would not
 * index, such as the links to the neighbouring releases, does not make the
 * shard stale. A page without the marker is indexed whole by Pagefind, and
 * fingerprinted whole.
 */
export function indexedPart(html: string): string {
  const marker = html.indexOf('data-pagefind-body');
  const start = html.lastIndexOf('<', marker);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(start))?.[1];
  if (marker === -1 || tag === undefined) return html;
  const close = html.lastIndexOf(`</${tag}>`);
  const end = close < start ? html.length : close + tag.length + 3;
  const outside = `${html.slice(0, start)}\0${html.slice(end)}`;
  const tags = outside.match(/<html\b[^>]*>|<[^>]*\bdata-pagefind[^>]*>/gi) ?? [];
  const body = html
    .slice(start, end)
    .replace(IGNORED, (element) => (element.match(PAGEFIND_TAG) ?? []).join('\n'));
  return `${tags.join('\n')}\0${body}`;
}

// An element marked data-pagefind-ignore, up to the first end tag of its name.
// Were the same element nested in it, that end tag would be the inner one and
// less would be left out: a fingerprint may hold too much, never too little.
const IGNORED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>[\s\S]*?<\/\1>/gi;
// A tag with a data-pagefind attribute and the text it opens with.
const PAGEFIND_TAG = /<[^>]*\bdata-pagefind[^>]*>[^<]*/gi;

/**
 * `YYYY/MM/DD/<slug>/index.html` under one year: the pages Pagefind is given
 * for its shard, those that exist.
 */
async function releasePages(site: string, year: string): Promise<string[]> {
  const pages: string[] = [];
  for (const month of await subfolders(site, year, TWO_DIGITS))
    for (const day of await subfolders(site, month, TWO_DIGITS))
      for (const slug of await subfolders(site, day)) pages.push(`${slug}/index.html`);
  return pages;
}

/** The folders in `dir` (relative to the site), as paths relative to the site. */
async function subfolders(site: string, dir: string, name?: RegExp): Promise<string[]> {
  return (await readdir(path.join(site, dir), { withFileTypes: true }))
    .filter((e) => e.isDirectory() && (name === undefined || name.test(e.name)))
    .map((e) => (dir === '' ? e.name : `${dir}/${e.name}`));
}

/**
 * Writes each year's Pagefind bundle into `staging/<year>/`; returns each
 * year's fingerprint, from its pages as Pagefind was given them. One
 * Pagefind service takes in pages slower than the rest of a build makes
 * them (about 0.7 of a core while indexing 10,000 pages), so a large index is
 * split by pages between this process and child processes with a Pagefind of
 * their own, one per core (`processes`).
 */
async function writeShards(
  site: string,
  staging: string,
  years: readonly Year[],
  processes: number,
): Promise<Record<string, string>> {
  const groups = splitByPages(years, processes);
  const stop = new AbortController();
  try {
    const parts = await Promise.all(
      groups.map((group, i) =>
        i === 0
          ? writeShardsHere(site, staging, group)
          : writeShardsInChild(site, staging, group, stop.signal),
      ),
    );
    return Object.assign({}, ...parts) as Record<string, string>;
  } catch (error) {
    stop.abort();
    throw error;
  }
}

/** Processes to index with when none is asked for: one per core, for an index large enough to pay for starting them. */
function defaultProcesses(years: readonly Year[]): number {
  const pages = years.reduce((sum, y) => sum + y.files.length, 0);
  return pages >= MIN_PAGES_FOR_CHILDREN ? availableParallelism() : 1;
}

/**
 * Splits the years into at most `parts` groups of about as many pages each,
 * largest year first into the group with fewest pages; every group holds a year.
 */
export function splitByPages(years: readonly Year[], parts: number): Year[][] {
  const groups: { years: Year[]; pages: number }[] = [];
  for (let i = 0; i < Math.max(1, Math.min(parts, years.length)); i++)
    groups.push({ years: [], pages: 0 });
  const largestFirst = [...years].sort(
    (a, b) => b.files.length - a.files.length || (a.year < b.year ? 1 : -1),
  );
  for (const year of largestFirst) {
    const smallest = groups.reduce((min, g) => (g.pages < min.pages ? g : min));
    smallest.years.push(year);
    smallest.pages += year.files.length;
  }
  return groups.map((g) => g.years);
}

/** Writes the years' bundles with this process's Pagefind service, which it then stops. */
export async function writeShardsHere(
  site: string,
  staging: string,
  years: readonly Year[],
): Promise<Record<string, string>> {
  try {
    // All at once: Pagefind's service takes them in parallel.
    const fingerprints = await Promise.all(years.map((year) => writeShard(site, staging, year)));
    return Object.fromEntries(years.map((year, i) => [year.year, fingerprints[i] ?? '']));
  } catch (error) {
    if (error instanceof GazetteError) throw error;
    const why =
      'Pagefind could not run. Run `npm ci` so that its binary for this platform (@pagefind/*) is installed.';
    throw searchFailure(new Error(why, { cause: error }));
  } finally {
    // Stops Pagefind's binary; the next call starts a fresh one.
    await pagefind.close();
  }
}

/** Writes the years' bundles in a child process (`shard-child.ts`) with a Pagefind of its own. */
async function writeShardsInChild(
  site: string,
  staging: string,
  years: readonly Year[],
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const input = JSON.stringify(years);
  const printed = await runChild('shard-child', [site, staging], { input, signal });
  return JSON.parse(printed) as Record<string, string>;
}

async function writeShard(site: string, staging: string, year: Year): Promise<string> {
  const created = await pagefind.createIndex({});
  failOn(created.errors, 'start');
  const index = created.index;
  if (index === undefined) throw searchFailure(new Error('Pagefind did not create an index.'));
  const hash = createHash('sha256').update(SCHEME);
  // Pages are handed over one by one: addDirectory would walk the whole site for each year.
  for (const page of year.files) {
    const content = await readFile(path.join(site, page), 'utf8').catch(() => null);
    if (content === null) continue;
    addToFingerprint(hash, page, content);
    const added = await index.addHTMLFile({ url: `/${path.posix.dirname(page)}/`, content });
    failOn(added.errors, `read ${page}`);
  }
  const outputPath = path.join(staging, year.year);
  const written = await index.writeFiles({ outputPath });
  failOn(written.errors, `write the index of ${year.year}`);
  await removeUnusedFiles(outputPath);
  return hash.digest('hex');
}

/** The hash of a shard's entry file, which names its index by content; null when there is none. */
async function entryHash(folder: string, year: string): Promise<string | null> {
  const entry = readOrNull(path.join(folder, year, 'pagefind-entry.json'));
  return entry === null ? null : createHash('sha256').update(entry).digest('hex');
}

/** The shard fingerprints the cache holds, or none when it holds none for this scheme. */
function readState(file: string): ShardState {
  try {
    const state = JSON.parse(readOrNull(file, 'utf8') ?? '{}') as {
      scheme?: unknown;
      shards?: ShardState;
    };
    return state.scheme === SCHEME && typeof state.shards === 'object' ? state.shards : {};
  } catch {
    // A damaged state file only costs a full index.
    return {};
  }
}

function writeState(file: string, shards: ShardState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeAtomically(file, `${JSON.stringify({ scheme: SCHEME, shards })}\n`);
}

/** Removes what `folder` holds besides `keep`: old shards, and the single index of before. */
async function removeAllBut(folder: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(folder)) {
    if (!keep.has(name)) await rm(path.join(folder, name), { recursive: true, force: true });
  }
}

function failOn(errors: readonly string[], step: string): void {
  if (errors.length > 0) {
    throw searchFailure(new Error(`Pagefind could not ${step}: ${errors.join('; ')}`));
  }
}

async function removeUnusedFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (UNUSED_FILES.test(name)) await rm(path.join(dir, name));
  }
}

/** The installed Pagefind's version, from its package.json. */
function pagefindVersion(): string {
  const main = fileURLToPath(import.meta.resolve('pagefind'));
  const manifest = path.join(path.dirname(main), '..', 'package.json');
  return (JSON.parse(readOrNull(manifest, 'utf8') ?? '{}') as { version?: string }).version ?? '';
}

/**
 * Indexing's failure as a search GazetteError, whose message lists what went
 * wrong as Pagefind or the file system said it; one already is stays as it is.
 */
export function searchFailure(error: unknown): GazetteError {
  if (error instanceof GazetteError && error.kind === 'search') return error;
  const message = listCauses('The search index could not be built:', error);
  return new GazetteError('search', message, { cause: error });
}
