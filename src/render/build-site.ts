import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Eleventy from '@11ty/eleventy';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { requireFolder } from '../model/project-error.ts';
import type { EleventyConfig } from './eleventy-types.ts';
import type { LoadSession, LoadSettings } from '../load/load-releases.ts';
import {
  diffPlan,
  outputFileOf,
  readManifest,
  renderFingerprint,
  writeManifest,
  type PageManifest,
  type PlanDiff,
} from './page-manifest.ts';
import { forgetTemplateCaches } from './eleventy-caches.ts';
import { gazettePlugin } from './plugin.ts';
import { prepareSite, type Prepared } from './prepare.ts';
import { assembleModel, buildModelSlice, type ModelSlice, type SitePlan } from './site-model.ts';
import type { SiteModel } from './view-types.ts';

/** Where and how to build. */
export interface BuildOptions {
  readonly root: string;
  /** Output folder, relative to root or absolute. Default `_site`. */
  readonly output?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Pages rendered per Eleventy run; bounds memory on large archives. Else GAZETTE_PAGES_PER_RUN, else 4000. */
  readonly pagesPerRun?: number;
  /**
   * Keep parsed releases and page hashes in `<root>/.cache/gazette/` between
   * builds, so a rebuild parses only changed files and renders only changed
   * pages (default true).
   */
  readonly cache?: boolean;
  /**
   * State kept between builds by a long-running process (`serve`): the open
   * load cache and the last page manifest, so a rebuild reads neither again.
   */
  readonly session?: BuildSession;
}

/** What one process carries from build to build; start with `{}`. */
export interface BuildSession {
  load?: LoadSession;
  manifest?: PageManifest;
}

/** What a build did. */
export type BuildResult =
  | {
      ok: true;
      releases: number;
      /** HTML pages the site has. */
      pages: number;
      /** Pages rendered by this build: all of them on a fresh build, the changed ones on an update. */
      rendered: number;
      /** Whether the build updated the previous output in place rather than building afresh. */
      incremental: boolean;
      output: string;
      /** Where the time went, in milliseconds: for `npm run bench` and `--verbose`-style reports. */
      timings: BuildTimings;
      diagnostics: readonly Diagnostic[];
    }
  | { ok: false; diagnostics: readonly Diagnostic[] };

/** Milliseconds per phase of a build. */
export interface BuildTimings {
  /** Reading and parsing content (or taking it from the load cache). */
  readonly load: number;
  /** Indexing the archive and planning every page's view. */
  readonly plan: number;
  /** Comparing with the last build and building the views to render. */
  readonly diff: number;
  /** Eleventy rendering pages in memory. */
  readonly render: number;
  /** Writing pages and removing old ones. */
  readonly write: number;
}

/** Runs a full garbage collection now, as `node --expose-gc` would allow. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Adds up the time spent rendering and writing across runs. */
class Stopwatch {
  render = 0;
  write = 0;

  async time<T>(phase: 'render' | 'write', work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this[phase] += performance.now() - started;
    }
  }
}

// Eleventy keeps every page of a run in memory; a few thousand at a time keeps
// 100,000 releases well inside the memory of a small machine.
const PAGES_PER_RUN = 4000;

/**
 * Builds the site. A fresh build renders into a new folder beside the output
 * and swaps it in only when every page rendered. When the last build's page
 * hashes are cached and the templates are unchanged, only pages whose views
 * changed are rendered; they are written, and removed pages deleted, only
 * after all of them rendered. Content errors leave the output untouched.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const output = path.resolve(root, options.output ?? '_site');
  const templates = path.join(root, 'templates');
  requireFolder(
    templates,
    'it holds the page templates. Copy the templates/ folder of the Gazette repository into the project.',
  );
  const cacheDir = options.cache === false ? undefined : path.join(root, '.cache/gazette');
  const session = options.session;
  if (session !== undefined) session.load ??= {};
  const settings: LoadSettings =
    cacheDir === undefined ? {} : { cacheDir, ...(session?.load && { session: session.load }) };
  const prepared = await prepareSite(root, options.env, settings);
  try {
    return await render(root, output, cacheDir, prepared, options);
  } finally {
    prepared.close();
  }
}

async function render(
  root: string,
  output: string,
  cacheDir: string | undefined,
  prepared: Prepared,
  options: BuildOptions,
): Promise<BuildResult> {
  const { plan } = prepared;
  if (plan === null) return { ok: false, diagnostics: prepared.diagnostics };

  const clock = new Stopwatch();
  const diffStarted = performance.now();
  await forgetTemplateCaches(path.join(root, 'templates'));
  const perRun =
    options.pagesPerRun ??
    (Number((options.env ?? process.env).GAZETTE_PAGES_PER_RUN) || PAGES_PER_RUN);
  const fingerprint = await renderFingerprint(root, plan.site);
  const previous =
    cacheDir === undefined ? null : (options.session?.manifest ?? (await readManifest(cacheDir)));
  const canUpdate = previous?.fingerprint === fingerprint && (await exists(output));
  const diff = diffPlan(plan, canUpdate ? (previous?.pages ?? null) : null);
  const diffed = performance.now() - diffStarted;
  const rendered = canUpdate
    ? await updateInPlace(root, output, plan, diff, perRun, clock)
    : await buildFresh(root, output, plan, perRun, clock);
  if (cacheDir !== undefined) {
    const manifest = { fingerprint, pages: diff.pages };
    await clock.time('write', () => writeManifest(cacheDir, manifest));
    if (options.session !== undefined) options.session.manifest = manifest;
  }
  const pages = [...diff.pages.keys()].filter((url) => outputFileOf(url).endsWith('.html')).length;
  return {
    ok: true,
    releases: prepared.releaseCount,
    pages,
    rendered,
    incremental: canUpdate,
    output,
    diagnostics: prepared.diagnostics,
    timings: { ...prepared.timings, diff: diffed, render: clock.render, write: clock.write },
  };
}

async function buildFresh(
  root: string,
  output: string,
  plan: SitePlan,
  perRun: number,
  clock: Stopwatch,
): Promise<number> {
  const staging = `${output}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await cp(path.join(root, 'templates/assets'), path.join(staging, 'assets'), {
      recursive: true,
    });
    let rendered = 0;
    const slices = slicePlan(plan, perRun);
    for (const slice of slices) {
      const model = buildModelSlice(plan, slice);
      const pages = await clock.time('render', () => renderModel(root, staging, model));
      rendered += await clock.time('write', () => writePages(staging, pages, false));
      // A run leaves Eleventy's per-page objects behind as garbage, and V8 on a
      // large machine lets gigabytes of it pile up before collecting. Collecting
      // between runs keeps peak memory near what the archive needs.
      if (slices.length > 1) collectGarbage();
    }
    await clock.time('write', () => swapIn(staging, output));
    return rendered;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Renders only the changed pages, all in memory first, so that a template
 * failure leaves the output as it was; then writes each (by rename) and
 * deletes the pages that no longer exist.
 */
async function updateInPlace(
  root: string,
  output: string,
  plan: SitePlan,
  diff: PlanDiff,
  perRun: number,
  clock: Stopwatch,
): Promise<number> {
  const pages: RenderedPage[] = [];
  const runs = Math.max(1, Math.ceil((diff.releases.length + diff.lists.length) / perRun));
  for (let run = 0; run < runs; run++) {
    const releases = diff.releases.slice(run * perRun, (run + 1) * perRun);
    const listFrom = Math.max(0, run * perRun - diff.releases.length);
    const lists = diff.lists.slice(listFrom, listFrom + perRun - releases.length);
    const first = run === 0;
    const oneOffs = first ? diff.oneOffs : [];
    const feeds = first ? diff.feeds : [];
    const sitemaps = first ? diff.sitemaps : [];
    const robots = first && diff.robots;
    const extras = oneOffs.length + feeds.length + sitemaps.length + (robots ? 1 : 0);
    if (releases.length + lists.length + extras === 0) continue;
    const model = assembleModel(plan, { releases, lists, oneOffs, feeds, sitemaps, robots });
    pages.push(...(await clock.time('render', () => renderModel(root, output, model))));
  }
  return clock.time('write', async () => {
    const written = writePages(output, pages, true);
    for (const url of diff.removed) await removePage(output, url);
    return written;
  });
}

/** Cuts the plan into runs of at most `size` pages; the first run also renders the one-off pages. */
export function slicePlan(plan: SitePlan, size: number): ModelSlice[] {
  const slices: ModelSlice[] = [];
  for (let from = 0; from < plan.releaseCount || slices.length === 0; from += size) {
    const releases = [from, Math.min(from + size, plan.releaseCount)] as const;
    slices.push({ releases, lists: [0, 0], oneOffs: slices.length === 0 });
  }
  for (let from = 0; from < plan.listCount; from += size) {
    const lists = [from, Math.min(from + size, plan.listCount)] as const;
    slices.push({ releases: [0, 0], lists, oneOffs: false });
  }
  return slices;
}

interface RenderedPage {
  readonly outputPath: string | false;
  readonly content: string;
}

/**
 * Renders a model with Eleventy in memory. Eleventy never writes itself: when
 * a template fails it would keep writing other pages after the build had
 * already failed, racing the clean-up of the staging folder.
 */
async function renderModel(
  root: string,
  outDir: string,
  model: SiteModel,
): Promise<RenderedPage[]> {
  const templates = path.join(root, 'templates');
  const eleventy = new Eleventy(templates, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => gazettePlugin(config, { root, model }),
  });
  try {
    return (await eleventy.toJSON()) as RenderedPage[];
  } finally {
    // Eleventy's module-level layout and compile caches keep each run's
    // configuration, and through it that run's data: at 100,000 releases that
    // grew the heap by a gigabyte over a build. Let go of them after every run.
    await forgetTemplateCaches(templates);
  }
}

/**
 * Writes rendered pages under `outDir`, refusing any path outside it; returns
 * the HTML pages written. Synchronous on purpose: on a virtual machine's disk,
 * twenty thousand small writes queued through the thread pool took four times
 * as long as the rendering, and as blocking calls they take a fraction of it.
 */
function writePages(outDir: string, pages: readonly RenderedPage[], replace: boolean): number {
  const made = new Set<string>();
  let html = 0;
  for (const page of pages) {
    if (page.outputPath === false) continue;
    const target = path.resolve(page.outputPath);
    if (!target.startsWith(`${outDir}${path.sep}`)) {
      throw new Error(`refusing to write ${target}: it is outside the output folder`);
    }
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    if (replace) {
      // Readers of a live site see the old page or the new one, never half of one.
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, page.content);
      renameSync(temporary, target);
    } else {
      writeFileSync(target, page.content);
    }
    if (target.endsWith('.html')) html++;
  }
  return html;
}

/** Deletes a page that no longer exists, and the folders it leaves empty. */
async function removePage(output: string, url: string): Promise<void> {
  const file = path.join(output, outputFileOf(url));
  await rm(file, { force: true });
  for (
    let dir = path.dirname(file);
    dir.startsWith(`${output}${path.sep}`);
    dir = path.dirname(dir)
  ) {
    if ((await readdir(dir).catch(() => ['?'])).length > 0) break;
    await rmdir(dir);
  }
}

async function swapIn(staging: string, output: string): Promise<void> {
  const previous = `${output}.old-${process.pid}`;
  // A build killed between the two renames leaves this behind, and in a
  // container the next build often has the same pid: rename would then fail.
  await rm(previous, { recursive: true, force: true });
  const had = await exists(output);
  if (had) await rename(output, previous);
  await rename(staging, output);
  if (had) await rm(previous, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
