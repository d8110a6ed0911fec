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

/** The folder, inside the output, that holds the search index: one Pagefind bundle per shard. */
export const SEARCH_FOLDER = 'pagefind';

/** The list of shards, newest first, that the search page reads to know what to merge. */
export const SHARDS_FILE = 'shards.json';

/** Where, in the cache folder, each shard's fingerprint is kept between builds. */
const STATE_FILE = 'search-shards.json';

// Release pages only (`YYYY/MM/DD/<slug>/`): list pages repeat release text and
// would crowd the results. The templates also mark the article with
// data-pagefind-body, so nothing outside it is read even on these pages.
const YEAR = /^\d{4}$/;
const RELEASE_FILE = /^(\d{4})\/(\d\d)\/\d\d\/[^/]+\/index\.html$/;
const TWO_DIGITS = /^\d\d$/;
// Below this many pages to index, a child process with a Pagefind of its own
// (about 0.4 s to start) costs more than it saves.
const MIN_PAGES_FOR_CHILDREN = 2000;
// A shard is indexed again whole when any of its pages changes. A year of one
// force (700 to 3,300 releases) indexes in a few seconds, but a year of many
// (the whole UK publishes about 73,000) would take a minute and gigabytes of
// Pagefind's memory for one edited release, so a year larger than this is
// split into months. Small years stay whole because each shard costs a reader
// 5 or 6 requests and about 18 KB per search (docs/performance.md).
const MONTHS_ABOVE = 5000;
// Shards one Pagefind service indexes at once: while one is being written,
// others take in pages; only they are held in its memory until written.
const SHARDS_AT_ONCE = 4;
// Release pages read at once while fingerprinting.
const READ_BATCH = 64;
// Pages of one shard read ahead of the one Pagefind is taking in.
const PAGES_READ_AHEAD = 16;

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
  /** Every shard, newest first: a year (`2024`), or a month (`2025-03`) of a year split into months. */
  readonly shards: readonly string[];
  /** The shards indexed in this run; the others were kept as they were. */
  readonly rebuilt: readonly string[];
}

/**
 * What a build knows of the release pages it put in the output, so that the
 * index need not read the pages of a shard that no write touched.
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
  /** A year with more release pages than this is indexed as one shard per month; `MONTHS_ABOVE` by default. */
  readonly monthsAbove?: number;
}

/** One shard's release pages, sorted, and the hash of their list; `name` is its folder. */
export interface Shard {
  readonly name: string;
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
    /** Set when a build began to write the shard's pages: they must be read before it is kept. */
    readonly written?: true;
  }
>;

/**
 * Indexes the release pages of a built site with Pagefind into
 * `<output>/pagefind/<shard>/`, one bundle per year, or per month of a year
 * with more than `monthsAbove` release pages, and lists the shards in
 * `<output>/pagefind/shards.json` for the search page to merge.
 *
 * With a cache folder, a shard is kept when its entry file is still the one
 * it wrote and its pages are those it was built from: the same list, and
 * either none of them written since (as `written` says) or, read again, the
 * same in what Pagefind reads of them (`indexedPart`). A shard without a
 * remembered state is read once, as it is indexed. Each shard is written
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
    const pages = await releasePages(site, options.written);
    const shards = planShards(pages, options.monthsAbove ?? MONTHS_ABOVE);
    const before = stateFile === null || options.fresh === true ? {} : readState(stateFile);
    const after: ShardState = {};
    const stale: Shard[] = [];
    for (const shard of shards) {
      const kept = before[shard.name];
      const entry = await entryHash(folder, shard.name);
      if (
        kept === undefined ||
        entry === null ||
        kept.entry !== entry ||
        kept.list !== shard.list
      ) {
        stale.push(shard);
      } else if (kept.written !== true && untouched(shard, options.written)) {
        after[shard.name] = kept;
      } else if ((await fingerprint(site, shard.files)) === kept.fingerprint) {
        after[shard.name] = { list: kept.list, fingerprint: kept.fingerprint, entry };
      } else {
        stale.push(shard);
      }
    }
    if (stale.length > 0) {
      options.onIndexing?.();
      const processes = options.processes ?? defaultProcesses(stale);
      const fingerprints = await writeShards(site, staging, stale, processes);
      await mkdir(folder, { recursive: true });
      for (const shard of stale) {
        await swapIn(path.join(staging, shard.name), path.join(folder, shard.name));
        const entry = await entryHash(folder, shard.name);
        const fingerprint = fingerprints[shard.name];
        if (entry !== null && fingerprint !== undefined)
          after[shard.name] = { list: shard.list, fingerprint, entry };
      }
    }
    const names = shards.map((s) => s.name);
    await mkdir(folder, { recursive: true });
    await removeAllBut(folder, new Set([...names, SHARDS_FILE]));
    await writeFile(path.join(folder, SHARDS_FILE), `${JSON.stringify({ shards: names })}\n`);
    if (stateFile !== null) writeState(stateFile, after);
    return { pages: pages.length, folder, shards: names, rebuilt: stale.map((s) => s.name) };
  } catch (error) {
    throw searchFailure(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Notes that the release pages among `files` (relative to the site) are
 * about to be written in place, so that their shards are read again before
 * they are kept, even by a build that did not write them: one that stopped
 * before its index leaves them unread, not trusted. A page's shard is its
 * year's or its month's, whichever the cache holds.
 */
export function markWritten(cache: string, files: Iterable<string>): void {
  const stateFile = path.join(cache, STATE_FILE);
  const state = readState(stateFile);
  let marked = false;
  for (const file of files) {
    const match = RELEASE_FILE.exec(file);
    if (match === null) continue;
    for (const name of [match[1] ?? '', `${match[1]}-${match[2]}`]) {
      const shard = state[name];
      if (shard !== undefined && shard.written !== true) {
        state[name] = { ...shard, written: true };
        marked = true;
      }
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
 * The site's release pages (`YYYY/MM/DD/<slug>/index.html`), sorted: the ones
 * the build says it wrote, else those found in the output.
 */
async function releasePages(site: string, written?: WrittenPages): Promise<string[]> {
  if (written !== undefined) return written.pages.filter((file) => RELEASE_FILE.test(file)).sort();
  const pages: string[] = [];
  for (const year of await subfolders(site, '', YEAR))
    for (const month of await subfolders(site, year, TWO_DIGITS))
      for (const day of await subfolders(site, month, TWO_DIGITS))
        for (const slug of await subfolders(site, day)) pages.push(`${slug}/index.html`);
  return pages.sort();
}

/**
 * The shards of these release pages, newest first: one per year, and one per
 * month (`YYYY-MM`) of a year with more than `monthsAbove` pages. Which shard
 * a page is in depends on the pages alone, so an incremental build and a cold
 * one make the same shards. Years and months without a page have none.
 */
export function planShards(pages: readonly string[], monthsAbove: number): Shard[] {
  const byYear = groupBy(pages, (page) => page.slice(0, 4));
  const groups: [string, string[]][] = [];
  for (const [year, files] of byYear) {
    if (files.length <= monthsAbove) groups.push([year, files]);
    else
      for (const [month, inMonth] of groupBy(files, (page) => page.slice(0, 7)))
        groups.push([month.replace('/', '-'), inMonth]);
  }
  return groups
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([name, files]) => {
      const sorted = [...files].sort();
      return { name, files: sorted, list: hashOf(sorted.join('\n')) };
    });
}

function groupBy(items: readonly string[], key: (item: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Whether the build says that it wrote none of this shard's pages. */
function untouched(shard: Shard, written?: WrittenPages): boolean {
  if (written === undefined || written.changed === 'all') return false;
  const { changed } = written;
  return shard.files.every((file) => !changed.has(file));
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
  const marked = markedBody(html);
  if (marked === null) return html;
  const { start, end } = marked;
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
 * What Pagefind is given of a page: when the page marks one element
 * data-pagefind-body and has no other data-pagefind attribute outside it,
 * only its `<html>` tag and that element, for Pagefind reads nothing else of
 * such a page and the index it makes is the same, byte for byte (a test
 * shows it); a release page is about a third of its size so, and takes that
 * much less to send and parse. Any other page is given whole.
 */
export function searchDocument(html: string): string {
  const marked = markedBody(html);
  if (marked === null || !marked.closed) return html;
  const { marker, start, end } = marked;
  if (html.includes('data-pagefind-body', marker + 1)) return html;
  const before = html.slice(0, start);
  const root = /<html\b[^>]*>/i.exec(before);
  if (root === null || before.includes('data-pagefind') || html.includes('data-pagefind', end))
    return html;
  return `<!DOCTYPE html>${root[0]}<body>${html.slice(start, end)}</body></html>`;
}

/**
 * The element marked data-pagefind-body (the first, when there are more):
 * from its start tag to the last end tag of its name, the last that could
 * close it, or to the page's end when none follows (`closed` false); null
 * when no element is marked.
 */
function markedBody(
  html: string,
): { marker: number; start: number; end: number; closed: boolean } | null {
  const marker = html.indexOf('data-pagefind-body');
  const start = marker === -1 ? -1 : html.lastIndexOf('<', marker);
  if (start === -1) return null;
  START_TAG.lastIndex = start;
  const tag = START_TAG.exec(html)?.[1];
  if (tag === undefined) return null;
  const close = html.lastIndexOf(`</${tag}>`);
  return close < start
    ? { marker, start, end: html.length, closed: false }
    : { marker, start, end: close + tag.length + 3, closed: true };
}

// A start tag's name, matched where lastIndex is (sticky), without copying the page.
const START_TAG = /<([a-z][a-z0-9-]*)/iy;

/** The folders in `dir` (relative to the site), as paths relative to the site. */
async function subfolders(site: string, dir: string, name?: RegExp): Promise<string[]> {
  return (await readdir(path.join(site, dir), { withFileTypes: true }))
    .filter((e) => e.isDirectory() && (name === undefined || name.test(e.name)))
    .map((e) => (dir === '' ? e.name : `${dir}/${e.name}`));
}

/**
 * Writes each shard's Pagefind bundle into `staging/<shard>/`; returns each
 * shard's fingerprint, from its pages as Pagefind was given them. One
 * Pagefind service takes in pages slower than the rest of a build makes
 * them (about 0.7 of a core while indexing 10,000 pages), so a large index is
 * split by pages between this process and child processes with a Pagefind of
 * their own, one per core (`processes`).
 */
async function writeShards(
  site: string,
  staging: string,
  shards: readonly Shard[],
  processes: number,
): Promise<Record<string, string>> {
  const groups = splitByPages(shards, processes);
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
function defaultProcesses(shards: readonly Shard[]): number {
  const pages = shards.reduce((sum, s) => sum + s.files.length, 0);
  return pages >= MIN_PAGES_FOR_CHILDREN ? availableParallelism() : 1;
}

/**
 * Splits the shards into at most `parts` groups of about as many pages each,
 * largest shard first into the group with fewest pages; every group holds a shard.
 */
export function splitByPages(shards: readonly Shard[], parts: number): Shard[][] {
  const groups: { shards: Shard[]; pages: number }[] = [];
  for (let i = 0; i < Math.max(1, Math.min(parts, shards.length)); i++)
    groups.push({ shards: [], pages: 0 });
  const largestFirst = [...shards].sort(
    (a, b) => b.files.length - a.files.length || (a.name < b.name ? 1 : -1),
  );
  for (const shard of largestFirst) {
    const smallest = groups.reduce((min, g) => (g.pages < min.pages ? g : min));
    smallest.shards.push(shard);
    smallest.pages += shard.files.length;
  }
  return groups.map((g) => g.shards);
}

/** Writes the shards' bundles with this process's Pagefind service, which it then stops. */
export async function writeShardsHere(
  site: string,
  staging: string,
  shards: readonly Shard[],
): Promise<Record<string, string>> {
  try {
    const fingerprints: Record<string, string> = {};
    const queue = [...shards];
    const next = async (): Promise<void> => {
      for (let shard = queue.shift(); shard !== undefined; shard = queue.shift())
        fingerprints[shard.name] = await writeShard(site, staging, shard);
    };
    await Promise.all(Array.from({ length: Math.min(SHARDS_AT_ONCE, shards.length) }, next));
    return fingerprints;
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

/** Writes the shards' bundles in a child process (`shard-child.ts`) with a Pagefind of its own. */
async function writeShardsInChild(
  site: string,
  staging: string,
  shards: readonly Shard[],
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const input = JSON.stringify(shards);
  const printed = await runChild('shard-child', [site, staging], { input, signal });
  return JSON.parse(printed) as Record<string, string>;
}

async function writeShard(site: string, staging: string, shard: Shard): Promise<string> {
  const created = await pagefind.createIndex({});
  failOn(created.errors, 'start');
  const index = created.index;
  if (index === undefined) throw searchFailure(new Error('Pagefind did not create an index.'));
  const hash = createHash('sha256').update(SCHEME);
  // Pages are handed over one by one, in order: addDirectory would walk the
  // whole site for each shard, and Pagefind's output depends on the order its
  // pages come in, so none is sent before the one before it is in. The next
  // pages are read meanwhile.
  const read = (page: string) => readFile(path.join(site, page), 'utf8').catch(() => null);
  const ahead = shard.files.slice(0, PAGES_READ_AHEAD).map(read);
  for (const [i, page] of shard.files.entries()) {
    const later = shard.files[i + PAGES_READ_AHEAD];
    if (later !== undefined) ahead.push(read(later));
    const content = await ahead.shift();
    if (content === null || content === undefined) continue;
    addToFingerprint(hash, page, content);
    const added = await index.addHTMLFile({
      url: `/${path.posix.dirname(page)}/`,
      content: searchDocument(content),
    });
    failOn(added.errors, `read ${page}`);
  }
  const outputPath = path.join(staging, shard.name);
  const written = await index.writeFiles({ outputPath });
  failOn(written.errors, `write the index of ${shard.name}`);
  // The service keeps an index until it is deleted or the service stops.
  await index.deleteIndex();
  await removeUnusedFiles(outputPath);
  return hash.digest('hex');
}

/** The hash of a shard's entry file, which names its index by content; null when there is none. */
async function entryHash(folder: string, shard: string): Promise<string | null> {
  const entry = readOrNull(path.join(folder, shard, 'pagefind-entry.json'));
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
