import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as EleventyModule from '@11ty/eleventy';
import { listCauses } from '../diagnostics/error-chain.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { writeAtomically } from '../load/file-io.ts';
import { forgetTemplateCaches } from './eleventy-caches.ts';
import type { EleventyConfig } from './eleventy-types.ts';
import { gazettePlugin } from './plugin.ts';
import { buildModelSlice, type ModelSlice, type SitePlan } from '../site/site-model.ts';
import type { SiteModel } from '../site/view-types.ts';
import { templateLayers, toSourcePaths, type TemplateLayers } from './theme.ts';

/**
 * One Eleventy run over a slice of the plan, and the loop that renders slices
 * until none are left: shared by the build's own thread and its render worker.
 */

/** A page Eleventy rendered in memory. */
export interface RenderedPage {
  readonly outputPath: string | false;
  readonly content: string;
}

/** Runs a full garbage collection now, as `node --expose-gc` would allow. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
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

/** Time spent in each half of rendering a slice, in milliseconds. */
export interface SliceTimes {
  render: number;
  write: number;
}

/**
 * Renders slices into `outDir` for as long as `take` hands out slice indexes
 * below `slices.length`; returns the HTML pages written. Two threads sharing
 * one counter split the slices between them as they free up. `onRun` is told
 * the HTML pages each run wrote.
 */
export async function renderSlices(
  root: string,
  outDir: string,
  plan: SitePlan,
  slices: readonly ModelSlice[],
  take: () => number,
  times: SliceTimes,
  onRun?: (written: number) => void,
): Promise<number> {
  let written = 0;
  for (let index = take(); index < slices.length; index = take()) {
    const slice = slices[index];
    if (slice === undefined) break;
    const started = performance.now();
    const pages = await renderModel(root, outDir, buildModelSlice(plan, slice));
    const rendered = performance.now();
    const wrote = writePages(outDir, pages, false);
    written += wrote;
    onRun?.(wrote);
    times.render += rendered - started;
    times.write += performance.now() - rendered;
    // A run leaves Eleventy's per-page objects behind as garbage, and V8 on a
    // large machine lets gigabytes of it pile up before collecting. Collecting
    // between runs keeps peak memory near what the archive needs.
    if (slices.length > 1) collectGarbage();
  }
  return written;
}

// Eleventy takes over half a second to import. A rebuild with nothing to
// render, and commands that never render, do without it.
let eleventyModule: Promise<typeof EleventyModule> | undefined;
function importEleventy(): Promise<typeof EleventyModule> {
  eleventyModule ??= import('@11ty/eleventy');
  return eleventyModule;
}

/**
 * Renders a model with Eleventy in memory. Eleventy never writes itself: when
 * a template fails it would keep writing other pages after the build had
 * already failed, racing the clean-up of the staging folder. Whatever
 * Eleventy throws is a template failure (see `templateFailure`).
 */
export async function renderModel(
  root: string,
  outDir: string,
  model: SiteModel,
): Promise<RenderedPage[]> {
  const layers = templateLayers(root);
  const { default: Eleventy } = await importEleventy();
  const eleventy = new Eleventy(layers.folder, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) =>
      gazettePlugin(config, { root, model, templates: layers.folder }),
  });
  // Eleventy would print a failing template's stack trace itself, prefixed
  // [11ty], before Gazette reports the same error in words.
  eleventy.disableLogger();
  try {
    return (await eleventy.toJSON()) as RenderedPage[];
  } catch (error) {
    throw templateFailure(error, layers);
  } finally {
    // Eleventy's module-level layout and compile caches keep each run's
    // configuration, and through it that run's data: at 100,000 releases that
    // grew the heap by a gigabyte over a build. Let go of them after every run.
    await forgetTemplateCaches(layers.folder);
  }
}

/**
 * Eleventy's render failure as a template GazetteError, the cause kept. Eleventy
 * and Nunjucks name the template only in their messages, so the message
 * lists the cause chain's messages, which name it and say what went wrong,
 * with paths into the merged templates folder turned back into the files
 * they were copied from.
 */
export function templateFailure(error: unknown, layers?: TemplateLayers): GazetteError {
  const listed = listCauses('The site could not be rendered; a template failed:', error);
  const causes = layers === undefined ? listed : toSourcePaths(listed, layers);
  return new GazetteError(
    'template',
    `${causes}\nFix the template named above and build again (GAZETTE_DEBUG=1 adds the stack trace).`,
    { cause: error },
  );
}

/**
 * Writes rendered pages under `outDir`, refusing any path outside it; returns
 * the HTML pages written. Synchronous on purpose: on a virtual machine's disk,
 * twenty thousand small writes queued through the thread pool took four times
 * as long as the rendering, and as blocking calls they take a fraction of it.
 */
export function writePages(
  outDir: string,
  pages: readonly RenderedPage[],
  replace: boolean,
): number {
  const made = new Set<string>();
  let html = 0;
  for (const page of inWritingOrder(pages)) {
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
    // Readers of a live site see the old page or the new one, never half of one.
    if (replace) writeAtomically(target, page.content);
    else writeFileSync(target, page.content);
    if (target.endsWith('.html')) html++;
  }
  return html;
}

/**
 * Pages in the order they are written, whatever order Eleventy gave them in:
 * shallower paths first (the home page, then lists, then release pages), then
 * by path. So a build stopped part-way always leaves the same pages written.
 */
function inWritingOrder(pages: readonly RenderedPage[]): RenderedPage[] {
  const keyed = pages.map((page) => {
    const file = page.outputPath === false ? '' : String(page.outputPath);
    return { page, file, depth: file.split(path.sep).length };
  });
  keyed.sort((a, b) => a.depth - b.depth || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return keyed.map(({ page }) => page);
}
