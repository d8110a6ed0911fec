import { cp, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Release } from '../model/release.ts';
import { besideFolder } from '../model/project-paths.ts';
import { assembleModel, type SitePlan } from '../site/site-model.ts';
import type { Build } from './build-context.ts';
import type { Diffed } from './diff-phase.ts';
import { forgetTemplateCaches } from './eleventy-caches.ts';
import { startRenderWorker, type RenderWorker } from './render-pool.ts';
import { mergeTemplates, templateLayers } from './theme.ts';
import {
  renderModel,
  renderSlices,
  slicePlan,
  type RenderedPage,
  type SliceTimes,
} from './render-run.ts';

/**
 * Rendered pages, not yet in the output: a fresh build's in a staging folder
 * beside it, an update's in memory, so that a template failure leaves the
 * output as it was.
 */
export type Rendered =
  | { readonly into: 'staging'; readonly folder: string; readonly pages: number }
  | { readonly into: 'memory'; readonly pages: readonly RenderedPage[] };

/** What a render worker plans the site again from: the selected releases, as of the build's time. */
export interface ReplanInput {
  readonly releases: readonly Release[];
  readonly now: number;
  /** The load cache's body file; absent when bodies are inline. */
  readonly bodyFile: string | undefined;
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

/** Renders every page into a staging folder (fresh), or the changed pages in memory (in place). */
export async function renderPages(
  build: Build,
  plan: SitePlan,
  diffed: Diffed,
  replan: ReplanInput,
): Promise<Rendered> {
  // Templates may have changed since this process last rendered (`serve`).
  const layers = templateLayers(build.paths.root);
  await build.clock.time('render', () => {
    mergeTemplates(layers);
    return forgetTemplateCaches(layers.folder);
  });
  return diffed.inPlace ? renderChanged(build, plan, diffed) : renderFresh(build, plan, replan);
}

/**
 * Renders the whole site into a new folder beside the output. The folder
 * goes if any run fails, once no worker writes into it any more.
 */
async function renderFresh(build: Build, plan: SitePlan, replan: ReplanInput): Promise<Rendered> {
  const { paths } = build;
  const staging = besideFolder(paths.output, 'tmp');
  await rm(staging, { recursive: true, force: true });
  try {
    const { folder } = templateLayers(paths.root);
    await cp(path.join(folder, 'assets'), path.join(staging, 'assets'), { recursive: true });
    const pages = await renderShared(build, plan, replan, staging);
    return { into: 'staging', folder: staging, pages };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Renders every slice of the plan into `outDir`, sharing the slices with
 * render workers on a large site; returns the HTML pages written.
 */
async function renderShared(
  build: Build,
  plan: SitePlan,
  replan: ReplanInput,
  outDir: string,
): Promise<number> {
  const { paths, clock, progress } = build;
  const threads = renderThreads(build, plan);
  // With helpers, shorter runs let the threads share the work evenly.
  const perRun = pagesPerRun(build);
  const sliceSize = threads > 1 ? Math.min(perRun, PAGES_PER_SHARED_RUN) : perRun;
  const slices = slicePlan(plan, sliceSize);
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const take = () => Atomics.add(new Int32Array(counter), 0, 1);
  const helpers = Math.min(threads - 1, slices.length - 1);
  const { releases, now, bodyFile } = replan;
  const job = { root: paths.root, outDir, site: plan.site, releases, now, sliceSize, counter };
  const workers: RenderWorker[] = [];
  try {
    for (let i = 0; i < helpers; i++) {
      workers.push(startRenderWorker({ ...job, ...(bodyFile !== undefined && { bodyFile }) }));
    }
    const times: SliceTimes = { render: 0, write: 0 };
    const onRun = (pages: number) => progress.rendered(pages);
    let pages = await renderSlices(paths.root, outDir, plan, slices, take, times, onRun);
    const started = performance.now();
    for (const worker of workers) {
      const { written } = await worker.finished;
      pages += written;
      progress.rendered(written);
    }
    // This thread's own runs, plus any wait for the workers to finish theirs.
    clock.add('render', times.render + (performance.now() - started));
    clock.add('write', times.write);
    return pages;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Renders only the changed pages, all in memory, a run of at most `pagesPerRun` at a time. */
async function renderChanged(build: Build, plan: SitePlan, { diff }: Diffed): Promise<Rendered> {
  const perRun = pagesPerRun(build);
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
    const made = await build.clock.time('render', () =>
      renderModel(build.paths.root, build.paths.output, model),
    );
    pages.push(...made);
    build.progress.rendered(
      made.filter((page) => String(page.outputPath).endsWith('.html')).length,
    );
  }
  return { into: 'memory', pages };
}

/** Pages per Eleventy run: the option, else GAZETTE_PAGES_PER_RUN, else 4000. */
function pagesPerRun({ options, env }: Build): number {
  return options.pagesPerRun ?? (Number(env.GAZETTE_PAGES_PER_RUN) || PAGES_PER_RUN);
}

/**
 * How many threads render a fresh build: one per core for a large site,
 * unless the options or GAZETTE_RENDER_THREADS say otherwise.
 */
function renderThreads({ options, env }: Build, plan: SitePlan): number {
  const asked = options.renderThreads ?? Number(env.GAZETTE_RENDER_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  const pages = plan.releaseCount + plan.listCount;
  return pages >= MIN_PAGES_FOR_WORKERS ? Math.max(1, availableParallelism()) : 1;
}
