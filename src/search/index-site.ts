import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { listCauses } from '../diagnostics/error-chain.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { readOrNull, swapIn, writeAtomically } from '../load/file-io.ts';

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
const TWO_DIGITS = /^\d\d$/;
// Release pages read at once while fingerprinting.
const READ_BATCH = 64;

// Pagefind always writes its ready-made interfaces too; the site has its own
// (templates/assets/search.js), so these would be dead weight on the host.
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

// Part of every fingerprint: a Pagefind upgrade, or a change to how shards are
// built (bump the scheme), makes every shard stale.
const SCHEME = `gazette-search-1 pagefind-${pagefindVersion()}`;

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

/** One year's release pages and what they hash to. */
interface Shard {
  readonly year: string;
  /** Its release pages, relative to the site, sorted. */
  readonly files: readonly string[];
  readonly fingerprint: string;
}

/** What the cache remembers of each shard: its pages' fingerprint and its entry file's hash. */
type ShardState = Record<string, { readonly fingerprint: string; readonly entry: string }>;

/**
 * Indexes the release pages of a built site with Pagefind into
 * `<output>/pagefind/<year>/`, one bundle per year, and lists the years in
 * `<output>/pagefind/shards.json` for the search page to merge. With `cache`
 * (the project's cache folder), a shard is kept when what Pagefind reads of its
 * release pages (`indexedPart`) is what it was last built from and its entry
 * file is still the one it wrote; without it every shard is indexed. Each shard is written beside the
 * output first and swapped in whole, so a failed run leaves the previous one
 * in place. Whatever fails, what is thrown is a search GazetteError (see
 * `searchFailure`).
 */
export async function indexSite(output: string, cache?: string): Promise<SearchIndexResult> {
  const site = path.resolve(output);
  const folder = path.join(site, SEARCH_FOLDER);
  const staging = `${site}.search-${process.pid}`;
  const stateFile = cache === undefined ? null : path.join(cache, STATE_FILE);
  await rm(staging, { recursive: true, force: true });
  try {
    const shards = await releaseShards(site);
    const before = stateFile === null ? {} : readState(stateFile);
    const after: ShardState = {};
    const stale: Shard[] = [];
    for (const shard of shards) {
      const kept = before[shard.year];
      const entry = await entryHash(folder, shard.year);
      if (kept?.fingerprint === shard.fingerprint && entry !== null && kept.entry === entry) {
        after[shard.year] = kept;
      } else {
        stale.push(shard);
      }
    }
    if (stale.length > 0) await writeShards(site, staging, stale);
    await mkdir(folder, { recursive: true });
    for (const shard of stale) {
      await swapIn(path.join(staging, shard.year), path.join(folder, shard.year));
      const entry = await entryHash(folder, shard.year);
      if (entry !== null) after[shard.year] = { fingerprint: shard.fingerprint, entry };
    }
    const years = shards.map((s) => s.year);
    await removeAllBut(folder, new Set([...years, SHARDS_FILE]));
    await writeFile(path.join(folder, SHARDS_FILE), `${JSON.stringify({ shards: years })}\n`);
    if (stateFile !== null) {
      await mkdir(path.dirname(stateFile), { recursive: true });
      writeAtomically(stateFile, `${JSON.stringify({ scheme: SCHEME, shards: after })}\n`);
    }
    const pages = shards.reduce((sum, s) => sum + s.files.length, 0);
    return { pages, folder, shards: years, rebuilt: stale.map((s) => s.year) };
  } catch (error) {
    throw searchFailure(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Whether a built site already has a search index. */
export async function hasSearchIndex(output: string): Promise<boolean> {
  return stat(path.join(output, SEARCH_FOLDER, SHARDS_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * The site's release pages grouped by year, newest first, each year with the
 * hash of its pages' paths and indexed parts. Years without a release page have no shard.
 */
async function releaseShards(site: string): Promise<Shard[]> {
  const years = (await readdir(site, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && YEAR.test(e.name))
    .map((e) => e.name)
    .sort()
    .reverse();
  const shards: Shard[] = [];
  for (const year of years) {
    const files: string[] = [];
    const hash = createHash('sha256').update(SCHEME);
    const candidates = await releasePages(site, year);
    for (let i = 0; i < candidates.length; i += READ_BATCH) {
      const batch = candidates.slice(i, i + READ_BATCH);
      const contents = await Promise.all(
        batch.map((page) => readFile(path.join(site, page)).catch(() => null)),
      );
      batch.forEach((page, j) => {
        const content = contents[j];
        if (content === null || content === undefined) return;
        files.push(page);
        hash.update(`\0${page}\0`).update(indexedPart(content.toString('utf8')));
      });
    }
    if (files.length > 0) shards.push({ year, files, fingerprint: hash.digest('hex') });
  }
  return shards;
}

/**
 * What of a page Pagefind can read, for its fingerprint: the `<html>` tag
 * (its language), the element marked data-pagefind-body up to the last tag
 * that could close it, and any other tag with a data-pagefind attribute. What
 * else changes, such as the links to the neighbouring releases beside the
 * article, cannot change the index, and so does not make the shard stale. A
 * page without the marker is indexed whole by Pagefind, and fingerprinted whole.
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
  return `${tags.join('\n')}\0${html.slice(start, end)}`;
}

/**
 * `YYYY/MM/DD/<slug>/index.html` under one year, sorted: the pages Pagefind
 * is given for its shard, those that exist.
 */
async function releasePages(site: string, year: string): Promise<string[]> {
  const subfolders = async (dir: string, name?: RegExp) =>
    (await readdir(path.join(site, dir), { withFileTypes: true }))
      .filter((e) => e.isDirectory() && (name === undefined || name.test(e.name)))
      .map((e) => `${dir}/${e.name}`);
  const pages: string[] = [];
  for (const month of await subfolders(year, TWO_DIGITS))
    for (const day of await subfolders(month, TWO_DIGITS))
      for (const slug of await subfolders(day)) pages.push(`${slug}/index.html`);
  return pages.sort();
}

/** Writes each shard's Pagefind bundle into `staging/<year>/`, in one run of Pagefind. */
async function writeShards(site: string, staging: string, shards: readonly Shard[]): Promise<void> {
  try {
    // All at once: Pagefind's service takes them in parallel, on every core.
    await Promise.all(shards.map((shard) => writeShard(site, staging, shard)));
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

async function writeShard(site: string, staging: string, shard: Shard): Promise<void> {
  const created = await pagefind.createIndex({});
  failOn(created.errors, 'start');
  const index = created.index;
  if (index === undefined) throw searchFailure(new Error('Pagefind did not create an index.'));
  // Pages are handed over one by one: addDirectory would walk the whole site for each year.
  for (const page of shard.files) {
    const content = await readFile(path.join(site, page), 'utf8');
    const added = await index.addHTMLFile({ url: `/${path.posix.dirname(page)}/`, content });
    failOn(added.errors, `read ${page}`);
  }
  const outputPath = path.join(staging, shard.year);
  const written = await index.writeFiles({ outputPath });
  failOn(written.errors, `write the index of ${shard.year}`);
  await removeUnusedFiles(outputPath);
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
