import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The fixture project: site.json, content/, expected.json and broken/. */
export const fixtureDir = path.join(repo, 'tests/fixtures/site');

/** One release of the fixture site as the pages must show it (tests/fixtures/site/expected.json). */
export interface ExpectedRelease {
  readonly file: string;
  readonly url: string;
  readonly area: string;
  readonly areaSlug: string;
  readonly headline: string;
  /** ISO 8601 in UK local time, as `<time datetime>` and article:published_time give it. */
  readonly datetime: string;
  /** As the release page reads: `Wednesday 16 September 2020, 10:55`. */
  readonly dateText: string;
  readonly sourceUrl: string;
  /** The release's own share image, or null for the site default. */
  readonly image: string | null;
}

/** The fixture's releases, newest first. */
export async function readExpected(): Promise<ExpectedRelease[]> {
  return JSON.parse(
    await readFile(path.join(fixtureDir, 'expected.json'), 'utf8'),
  ) as ExpectedRelease[];
}

/**
 * Makes a throwaway project: the live templates/ (styled concurrently, so
 * copied rather than duplicated) plus the fixture's site.json and content/.
 */
export async function makeProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-build-'));
  await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
  await cp(path.join(fixtureDir, 'site.json'), path.join(root, 'site.json'));
  await cp(path.join(fixtureDir, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

/**
 * A maker of fresh fixture projects, each removed once the tests of the file
 * (or describe block) that asked for the maker are done.
 */
export function projectsRemovedAfterAll(): () => Promise<string> {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  return async () => {
    const root = await makeProject();
    made.push(root);
    return root;
  };
}

/** Every file under `dir`, keyed by its path with forward slashes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Site-relative URL a file is served at: `a/index.html` → `/a/`. */
export function urlOfFile(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

/** A release page URL: `/YYYY/MM/DD/<slug>/`. */
export function isReleaseUrl(url: string): boolean {
  return /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/.test(url);
}

/** A built site, read once into memory and parsed on demand. */
export class BuiltSite {
  readonly #parsed = new Map<string, CheerioAPI>();

  private constructor(readonly files: ReadonlyMap<string, Buffer>) {}

  /** Reads an output folder. */
  static async read(dir: string): Promise<BuiltSite> {
    return new BuiltSite(await readTree(dir));
  }

  /** URLs of every HTML page. */
  get pages(): string[] {
    return [...this.files.keys()].filter((f) => f.endsWith('.html')).map(urlOfFile);
  }

  /** The output file a site-relative URL resolves to, as a static host serves it, or null. */
  fileFor(url: string): string | null {
    const clean = decodeURIComponent(url.replace(/[?#].*$/, '')).replace(/^\//, '');
    const candidates =
      clean === '' || clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
    return candidates.find((c) => this.files.has(c)) ?? null;
  }

  has(url: string): boolean {
    return this.fileFor(url) !== null;
  }

  /** The parsed page at `url`; throws when there is none. */
  page(url: string): CheerioAPI {
    const file = this.fileFor(url);
    if (file === null) throw new Error(`no page at ${url}`);
    let $ = this.#parsed.get(file);
    if ($ === undefined) {
      $ = load(this.files.get(file)?.toString('utf8') ?? '');
      this.#parsed.set(file, $);
    }
    return $;
  }
}

/** The content of the one `<meta property|name=key>`, or null; throws if repeated. */
export function meta($: CheerioAPI, key: string): string | null {
  const tags = $(`meta[property="${key}"], meta[name="${key}"]`);
  if (tags.length > 1) throw new Error(`${tags.length} meta tags for ${key}`);
  return tags.length === 0 ? null : (tags.attr('content') ?? '');
}

/** Distinct targets of links with a given rel (`prev`, `next`) anywhere in the page. */
export function relTargets($: CheerioAPI, rel: string): string[] {
  const hrefs = $(`a[rel~="${rel}"], link[rel~="${rel}"]`)
    .toArray()
    .map((el) => $(el).attr('href') ?? '');
  return [...new Set(hrefs)];
}

/**
 * Releases a list page shows, in order: each list item whose heading links to
 * a release page. Sidebars and pagination hold no such items.
 */
export function listedReleases($: CheerioAPI): string[] {
  return $('main li')
    .toArray()
    .map((li) => $(li).find('h2 a[href], h3 a[href], h4 a[href]').first().attr('href') ?? '')
    .filter(isReleaseUrl);
}

/** Releases listed by a paginated list, following rel=next from its first page. */
export function collectList(
  site: BuiltSite,
  firstPage: string,
): { releases: string[]; pages: string[] } {
  const releases: string[] = [];
  const pages: string[] = [];
  let url: string | undefined = firstPage;
  while (url !== undefined) {
    if (pages.includes(url) || pages.length > 50) throw new Error(`rel=next loops back to ${url}`);
    pages.push(url);
    const $ = site.page(url);
    releases.push(...listedReleases($));
    const next = relTargets($, 'next');
    if (next.length > 1) throw new Error(`${url} has ${next.length} rel=next targets`);
    url = next[0];
  }
  return { releases, pages };
}

/** Links in sidebars that show a count: `<li><a href=…>label</a> 7</li>`. */
export function countedLinks($: CheerioAPI): { label: string; url: string; count: number }[] {
  return $('aside li')
    .toArray()
    .flatMap((li) => {
      const link = $(li).find('a[href]').first();
      const rest = $(li).text().replace(link.text(), '');
      const count = /\d+/.exec(rest);
      if (link.length === 0 || count === null) return [];
      return [{ label: link.text().trim(), url: link.attr('href') ?? '', count: Number(count[0]) }];
    });
}

/** Script types a browser keeps as data and never runs (the HTML spec's "data block"). */
const DATA_BLOCK_TYPES = ['application/ld+json', 'application/json'];

/**
 * Whether a `<script>` (as `$(el)`) is an inline data block such as JSON-LD:
 * not code, and not governed by the Content Security Policy.
 */
export function isDataBlock(script: { attr(name: string): string | undefined }): boolean {
  const type = (script.attr('type') ?? '').trim().toLowerCase();
  return DATA_BLOCK_TYPES.includes(type) && script.attr('src') === undefined;
}

/** The sha256 of every file under `dir`, keyed as readTree keys it. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const files = await readTree(dir);
  return new Map(
    [...files].map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex')]),
  );
}

/**
 * Copies `from` into `to` one file at a time, creating files and folders in
 * code-unit order of their paths or in the reverse of it.
 */
export async function copyInOrder(
  from: string,
  to: string,
  order: 'forward' | 'reverse',
): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(from, path.join(e.parentPath, e.name)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (order === 'reverse') files.reverse();
  for (const file of files) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await cp(path.join(from, file), path.join(to, file));
  }
}

/**
 * Like makeProject, but every file of templates/ and content/ is created in
 * the given order, so two projects with the same files differ in creation order.
 */
export async function makeProjectInOrder(order: 'forward' | 'reverse'): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `gazette-${order}-`));
  const parts: [string, string][] = [
    [path.join(repo, 'templates'), 'templates'],
    [path.join(fixtureDir, 'content'), 'content'],
  ];
  if (order === 'reverse') parts.reverse();
  for (const [from, to] of parts) await copyInOrder(from, path.join(root, to), order);
  await cp(path.join(fixtureDir, 'site.json'), path.join(root, 'site.json'));
  return root;
}

/**
 * A Node `--import` module that sees what a build does to the project's files.
 * Only paths under TRACE_FS_ROOT are touched. It appends one JSON line per
 * `readdir` (the entries in the order returned) and per finished
 * `writeFile`/`writeFileSync` (Eleventy writes pages with the latter) to TRACE_FS_LOG; with TRACE_FS_REVERSE_READDIR=1 it
 * returns every listing in reverse, as a file system is free to.
 */
const FS_TRACE_SOURCE = `
import fs from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';

const root = process.env.TRACE_FS_ROOT;
const log = process.env.TRACE_FS_LOG;
const reverse = process.env.TRACE_FS_REVERSE_READDIR === '1';
const append = fs.appendFileSync;
const inRoot = (p) => root !== undefined && path.resolve(String(p)).startsWith(root + path.sep);
const record = (entry) => { if (log !== undefined) append(log, JSON.stringify(entry) + '\\n'); };
const nameOf = (dir, e) =>
  typeof e === 'string' ? e
  : Buffer.isBuffer(e) ? e.toString()
  : path.relative(String(dir), path.join(e.parentPath ?? e.path ?? String(dir), e.name));
const tap = (dir, list) => {
  if (!inRoot(dir) && path.resolve(String(dir)) !== root) return list;
  const out = reverse ? [...list].reverse() : list;
  record({ op: 'readdir', path: path.resolve(String(dir)), entries: out.map((e) => nameOf(dir, e)) });
  return out;
};

const readdir = fs.readdir;
fs.readdir = function (dir, options, callback) {
  if (typeof options === 'function') [options, callback] = [undefined, options];
  return readdir(dir, options, (error, list) => (error ? callback(error) : callback(null, tap(dir, list))));
};
const readdirSync = fs.readdirSync;
fs.readdirSync = (dir, options) => tap(dir, readdirSync(dir, options));
const readdirPromise = fs.promises.readdir;
fs.promises.readdir = async (dir, options) => tap(dir, await readdirPromise(dir, options));
const writeFilePromise = fs.promises.writeFile;
fs.promises.writeFile = async (file, ...rest) => {
  const result = await writeFilePromise(file, ...rest);
  if (inRoot(file)) record({ op: 'write', path: path.resolve(String(file)) });
  return result;
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = (file, ...rest) => {
  writeFileSync(file, ...rest);
  if (inRoot(file)) record({ op: 'write', path: path.resolve(String(file)) });
};
syncBuiltinESMExports();
`;

/** One traced file-system call, as the FS_TRACE module logs it. */
export type FsEvent =
  { op: 'readdir'; path: string; entries: string[] } | { op: 'write'; path: string };

/** Writes the trace module into a fresh temp folder; returns its path. */
export async function writeFsTraceModule(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-trace-'));
  const file = path.join(dir, 'fs-trace.mjs');
  await writeFile(file, FS_TRACE_SOURCE);
  return file;
}

/** Reads a TRACE_FS_LOG file; a missing log reads as no events. */
export async function readFsEvents(log: string): Promise<FsEvent[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FsEvent);
}

/** What a finished child process did. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

// tsx is found from the repo, not from the child's working folder (a temp project).
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The sources' own entry, run through tsx: for the tests that compare it with dist/ or watch it. */
export const cliEntry = path.join(repo, 'src/cli/gazette.ts');
/**
 * The `gazette` command as npm runs it. It runs dist/, which the tests'
 * global set-up (tests/compile-setup.ts) has compiled from src/ as it is, and
 * src/ through tsx if src/ changes during the run: the same code either way,
 * started about 0.5 s sooner than through tsx.
 */
export const gazetteBin = path.join(repo, 'bin/gazette.mjs');

/**
 * Runs `node bin/gazette.mjs <args>` in `cwd` with exactly `env` (nothing
 * inherited but PATH), plus any extra `--import` modules.
 */
export function runGazette(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; imports?: readonly string[] },
): Promise<CliRun> {
  const flags = (options.imports ?? []).flatMap((m) => ['--import', pathToFileURL(m).href]);
  return runNode([...flags, gazetteBin, ...args], options);
}

/** Runs `node --import tsx src/cli/gazette.ts <args>`, as runGazette runs the bin. */
export function runSourceGazette(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return runNode(['--import', tsxLoader, cliEntry, ...args], options);
}

/**
 * Runs `node <args>` in `cwd` with exactly `env` (nothing inherited but
 * PATH), and collects what it prints.
 */
export function runNode(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
