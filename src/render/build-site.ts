import { cp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { compareText, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { requireFolder } from '../model/project-error.ts';
import type { LoadSession, LoadSettings } from '../load/load-releases.ts';
import { CACHE_FOLDER } from '../load/load-cache.ts';
import { lockBuilds, type BuildLock } from './build-lock.ts';
import { ProgressTracker, type BuildProgress } from './build-progress.ts';
import {
  diffPlan,
  forgetManifest,
  outputFileOf,
  readManifest,
  renderFingerprint,
  writeManifest,
  type PageManifest,
  type PlanDiff,
} from './page-manifest.ts';
import { forgetTemplateCaches } from './eleventy-caches.ts';
import { prepareSite, type Prepared } from './prepare.ts';
import type { LeftOut } from './visibility.ts';
import { startRenderWorker, type RenderWorker } from './render-pool.ts';
import {
  renderModel,
  renderSlices,
  slicePlan,
  writePages,
  type RenderedPage,
  type SliceTimes,
} from './render-run.ts';
import { assembleModel, ONE_OFF_URLS, type SitePlan } from './site-model.ts';

export { slicePlan } from './render-run.ts';
export type { BuildProgress } from './build-progress.ts';

/** Where and how to build. */
export interface BuildOptions {
  readonly root: string;
  /** Output folder, relative to root or absolute. Default `_site`. */
  readonly output?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Pages rendered per Eleventy run; bounds memory on large archives. Else GAZETTE_PAGES_PER_RUN, else 4000. */
  readonly pagesPerRun?: number;
  /**
   * Threads rendering a fresh build (this one and render workers). Else
   * GAZETTE_RENDER_THREADS, else one per core when the site has 6,000 pages or more.
   */
  readonly renderThreads?: number;
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
  /** Include drafts (`draft: true`), marked on their pages; production builds leave them out. */
  readonly drafts?: boolean;
  /** Include releases dated after `now` (embargoed), marked on their pages; production builds leave them out. */
  readonly future?: boolean;
  /** The build's current time in ms, which decides embargoes. Else GAZETTE_NOW, else the clock. */
  readonly now?: number;
  /**
   * Publish the valid releases when some release files have errors, leaving
   * those files out (`gazette build --keep-going`). Errors elsewhere (site.json,
   * areas.yaml, templates, the output) still stop the build.
   */
  readonly keepGoing?: boolean;
  /** Told where the build is at each phase and after each render run (`gazette build`'s progress line). */
  readonly onProgress?: (progress: BuildProgress) => void;
  /**
   * The project's build lock, when the caller holds it for longer than one
   * build (`gazette serve` for as long as it runs). Else the build takes it.
   */
  readonly lock?: BuildLock;
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
      /** Pages an update deleted because they no longer exist (0 on a fresh build). */
      removed: number;
      /** Whether the build updated the previous output in place rather than building afresh. */
      incremental: boolean;
      output: string;
      /** Drafts, unfinished and embargoed releases this build left out. */
      leftOut: LeftOut;
      /** Release files with errors this build left out (only under `keepGoing`), sorted. */
      rejected: readonly string[];
      /**
       * Pages the last build published whose files now have errors, so this
       * build removed them. Known only when the last build's caches are there.
       */
      withdrawn: readonly { readonly url: string; readonly file: string }[];
      /** Where the time went, in milliseconds: for `npm run bench` and `--verbose`-style reports. */
      timings: BuildTimings;
      diagnostics: readonly Diagnostic[];
    }
  | {
      ok: false;
      diagnostics: readonly Diagnostic[];
      /** Release files with errors, sorted; the other errors are in areas.yaml. */
      rejected: readonly string[];
    };

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
// Runs are shorter when threads share them, so that none waits long for the last.
const PAGES_PER_SHARED_RUN = 2000;
// Below this many pages, starting a render worker (about a second) costs more
// than it saves. Measured in pairs of cold builds on 2 cores: 3,047 pages were
// faster on one thread, 7,287 pages on two.
const MIN_PAGES_FOR_WORKERS = 6000;

/**
 * How many threads render a fresh build: one per core for a large site,
 * unless the options or GAZETTE_RENDER_THREADS say otherwise.
 */
function renderThreads(options: BuildOptions, plan: SitePlan): number {
  const asked =
    options.renderThreads ?? Number((options.env ?? process.env).GAZETTE_RENDER_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  const pages = plan.releaseCount + plan.listCount;
  return pages >= MIN_PAGES_FOR_WORKERS ? Math.max(1, availableParallelism()) : 1;
}

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
  const cacheDir = options.cache === false ? undefined : path.join(root, CACHE_FOLDER);
  // Two builds of one project at once would corrupt its caches and output.
  const lock = options.lock ?? lockBuilds(root, 'gazette build');
  try {
    return await buildLocked(root, output, cacheDir, options);
  } finally {
    if (lock !== options.lock) lock.release();
  }
}

/**
 * Readies a session for the project's next build without building: loads the
 * releases through the session's load cache (parsing only the files changed
 * since the last build, as that build would), plans the site, and compares the
 * plan with the last build's page manifest, which the session then keeps.
 * Nothing in the output is touched, and a content error is left for the build
 * to report. The build server does this as it starts, so that its first build
 * neither reads the caches back from disk nor runs the planning code for the
 * first time. Call it only while holding the project's build lock.
 */
export async function primeSession(
  root: string,
  session: BuildSession,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const cacheDir = path.join(path.resolve(root), CACHE_FOLDER);
  session.load ??= {};
  const prepared = await prepareSite(root, env, { cacheDir, session: session.load });
  try {
    const manifest = session.manifest ?? (await readManifest(cacheDir));
    if (prepared.plan === null || manifest === null) return;
    session.manifest = manifest;
    diffPlan(prepared.plan, manifest);
  } finally {
    prepared.close();
  }
}

async function buildLocked(
  root: string,
  output: string,
  cacheDir: string | undefined,
  options: BuildOptions,
): Promise<BuildResult> {
  const session = options.session;
  if (session !== undefined) session.load ??= {};
  const progress = new ProgressTracker(options.onProgress);
  progress.enter('load');
  const onFiles = (files: number) => progress.enter('load', { files });
  const settings: LoadSettings =
    cacheDir === undefined
      ? { onFiles }
      : { cacheDir, onFiles, ...(session?.load && { session: session.load }) };
  const prepared = await prepareSite(root, options.env, settings, {
    ...(options.drafts !== undefined && { drafts: options.drafts }),
    ...(options.future !== undefined && { future: options.future }),
    ...(options.now !== undefined && { now: options.now }),
    ...(options.keepGoing !== undefined && { keepGoing: options.keepGoing }),
  });
  try {
    return await render(root, output, cacheDir, prepared, { ...options, progress });
  } finally {
    prepared.close();
  }
}

async function render(
  root: string,
  output: string,
  cacheDir: string | undefined,
  prepared: Prepared,
  options: BuildOptions & { progress: ProgressTracker },
): Promise<BuildResult> {
  const { plan } = prepared;
  const { progress } = options;
  if (plan === null) {
    return { ok: false, diagnostics: prepared.diagnostics, rejected: prepared.rejected };
  }
  progress.enter('plan');

  const clock = new Stopwatch();
  const diffStarted = performance.now();
  await forgetTemplateCaches(path.join(root, 'templates'));
  const perRun =
    options.pagesPerRun ??
    (Number((options.env ?? process.env).GAZETTE_PAGES_PER_RUN) || PAGES_PER_RUN);
  const fingerprint = renderFingerprint(root, plan.site);
  const previous =
    cacheDir === undefined ? null : (options.session?.manifest ?? (await readManifest(cacheDir)));
  const canUpdate = previous?.fingerprint === fingerprint && (await exists(output));
  const diff = diffPlan(plan, canUpdate ? previous : null);
  const diffed = performance.now() - diffStarted;
  const oneOffPages = ONE_OFF_URLS.filter((url) => outputFileOf(url).endsWith('.html'));
  const total = canUpdate
    ? diff.releases.length +
      diff.listViews.length +
      diff.oneOffs.filter((url) => oneOffPages.includes(url)).length
    : plan.releaseCount + plan.listCount + oneOffPages.length;
  progress.enter('render', { total });
  // Once the first page is written, the last manifest no longer describes the
  // output: a build that failed while writing must not leave it to be trusted.
  // Its file goes even when this build does without the cache (`--fresh`), so
  // that the next cached build does not trust it either.
  const forgetLastManifest = () => {
    forgetManifest(path.join(root, CACHE_FOLDER));
    if (options.session !== undefined) delete options.session.manifest;
  };
  // A fresh build replaces every page, so the last manifest describes none of them.
  if (!canUpdate) forgetLastManifest();
  const rendered = canUpdate
    ? await updateInPlace(root, output, plan, diff, perRun, clock, progress, forgetLastManifest)
    : await buildFresh(
        root,
        output,
        { ...prepared, plan },
        perRun,
        renderThreads(options, plan),
        clock,
        progress,
      );
  if (cacheDir !== undefined) {
    const manifest = { fingerprint, pages: diff.pages, lists: diff.lists };
    await clock.time('write', () => writeManifest(cacheDir, manifest));
    if (options.session !== undefined) options.session.manifest = manifest;
  }
  // Every release and list page is a folder's index.html.
  const pages = plan.releaseCount + plan.listCount + oneOffPages.length;
  return {
    ok: true,
    releases: prepared.releaseCount,
    pages,
    rendered,
    removed: canUpdate ? diff.removed.length : 0,
    incremental: canUpdate,
    output,
    leftOut: prepared.leftOut,
    rejected: prepared.rejected,
    withdrawn: withdrawnPages(prepared, previous, diff),
    diagnostics: prepared.diagnostics,
    timings: { ...prepared.timings, diff: diffed, render: clock.render, write: clock.write },
  };
}

/** The pages of rejected files that the last build had and this one has not. */
function withdrawnPages(
  prepared: Prepared,
  previous: PageManifest | null,
  diff: PlanDiff,
): { url: string; file: string }[] {
  return [...prepared.formerUrls]
    .filter(([, url]) => previous?.pages.has(url) === true && !diff.pages.has(url))
    .map(([file, url]) => ({ url, file }))
    .sort((a, b) => compareText(a.file, b.file));
}

async function buildFresh(
  root: string,
  output: string,
  prepared: Prepared & { plan: SitePlan },
  perRun: number,
  threads: number,
  clock: Stopwatch,
  progress: ProgressTracker,
): Promise<number> {
  const { plan } = prepared;
  const staging = `${output}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const workers: RenderWorker[] = [];
  try {
    await cp(path.join(root, 'templates/assets'), path.join(staging, 'assets'), {
      recursive: true,
    });
    // With helpers, shorter runs let the threads share the work evenly.
    const sliceSize = threads > 1 ? Math.min(perRun, PAGES_PER_SHARED_RUN) : perRun;
    const slices = slicePlan(plan, sliceSize);
    const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const take = () => Atomics.add(new Int32Array(counter), 0, 1);
    const helpers = Math.min(threads - 1, slices.length - 1);
    for (let i = 0; i < helpers; i++) {
      workers.push(
        startRenderWorker({
          root,
          outDir: staging,
          site: plan.site,
          releases: prepared.releases,
          now: prepared.now,
          ...(prepared.bodyFile !== undefined && { bodyFile: prepared.bodyFile }),
          sliceSize,
          counter,
        }),
      );
    }
    const times: SliceTimes = { render: 0, write: 0 };
    const onRun = (pages: number) => progress.rendered(pages);
    let rendered = await renderSlices(root, staging, plan, slices, take, times, onRun);
    const started = performance.now();
    for (const worker of workers) {
      const { written } = await worker.finished;
      rendered += written;
      progress.rendered(written);
    }
    progress.enter('write');
    // This thread's own runs, plus any wait for the workers to finish theirs.
    clock.render += times.render + (performance.now() - started);
    clock.write += times.write;
    await clock.time('write', () => swapIn(staging, output));
    return rendered;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
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
  progress: ProgressTracker,
  beforeWriting: () => void,
): Promise<number> {
  const pages: RenderedPage[] = [];
  const runs = Math.max(1, Math.ceil((diff.releases.length + diff.listViews.length) / perRun));
  for (let run = 0; run < runs; run++) {
    const releases = diff.releases.slice(run * perRun, (run + 1) * perRun);
    const listFrom = Math.max(0, run * perRun - diff.releases.length);
    const lists = diff.listViews.slice(listFrom, listFrom + perRun - releases.length);
    const first = run === 0;
    const oneOffs = first ? diff.oneOffs : [];
    const feeds = first ? diff.feeds : [];
    const sitemaps = first ? diff.sitemaps : [];
    const robots = first && diff.robots;
    const extras = oneOffs.length + feeds.length + sitemaps.length + (robots ? 1 : 0);
    if (releases.length + lists.length + extras === 0) continue;
    const model = assembleModel(plan, { releases, lists, oneOffs, feeds, sitemaps, robots });
    const made = await clock.time('render', () => renderModel(root, output, model));
    pages.push(...made);
    progress.rendered(made.filter((page) => String(page.outputPath).endsWith('.html')).length);
  }
  progress.enter('write');
  return clock.time('write', async () => {
    if (pages.length > 0 || diff.removed.length > 0) beforeWriting();
    const written = writePages(output, pages, true);
    for (const url of diff.removed) await removePage(output, url);
    return written;
  });
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
