import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { EleventyConfig } from './eleventy-types.ts';
import { gazettePlugin } from './plugin.ts';
import { prepareSite } from './prepare.ts';
import { buildModelSlice, type ModelSlice, type SitePlan } from './site-model.ts';

/** Where and how to build. */
export interface BuildOptions {
  readonly root: string;
  /** Output folder, relative to root or absolute. Default `_site`. */
  readonly output?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Pages rendered per Eleventy run; bounds memory on large archives. Else GAZETTE_PAGES_PER_RUN, else 4000. */
  readonly pagesPerRun?: number;
  /** Keep parsed releases in `<root>/.cache/gazette/` between builds (default true). */
  readonly cache?: boolean;
}

/** What a build did. */
export type BuildResult =
  | {
      ok: true;
      releases: number;
      pages: number;
      output: string;
      diagnostics: readonly Diagnostic[];
    }
  | { ok: false; diagnostics: readonly Diagnostic[] };

// Eleventy keeps every page of a run in memory; a few thousand at a time keeps
// 100,000 releases well inside the memory of a small machine.
const PAGES_PER_RUN = 4000;

/**
 * Builds the site into a fresh folder beside the output and swaps it in only
 * when the whole build succeeded. Content errors come back as diagnostics and
 * leave the previous output untouched; removed releases leave no stale pages.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const output = path.resolve(root, options.output ?? '_site');
  const cacheDir = options.cache === false ? undefined : path.join(root, '.cache/gazette');
  const prepared = await prepareSite(root, options.env, cacheDir === undefined ? {} : { cacheDir });
  if (prepared.plan === null) return { ok: false, diagnostics: prepared.diagnostics };

  const staging = `${output}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await cp(path.join(root, 'templates/assets'), path.join(staging, 'assets'), {
      recursive: true,
    });
    let pages = 0;
    const perRun =
      options.pagesPerRun ??
      (Number((options.env ?? process.env).GAZETTE_PAGES_PER_RUN) || PAGES_PER_RUN);
    for (const slice of slicePlan(prepared.plan, perRun)) {
      pages += await renderSlice(root, staging, prepared.plan, slice);
    }
    await swapIn(staging, output);
    return {
      ok: true,
      releases: prepared.releaseCount,
      pages,
      output,
      diagnostics: prepared.diagnostics,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
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
 * Renders one slice with Eleventy in memory, then writes its pages. Eleventy
 * never writes itself: when a template fails it would keep writing other pages
 * after the build had already failed, racing the clean-up of the staging folder.
 */
async function renderSlice(
  root: string,
  staging: string,
  plan: SitePlan,
  slice: ModelSlice,
): Promise<number> {
  const model = buildModelSlice(plan, slice);
  const eleventy = new Eleventy(path.join(root, 'templates'), staging, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => gazettePlugin(config, { root, model }),
  });
  const rendered = (await eleventy.toJSON()) as RenderedPage[];
  let pages = 0;
  for (const page of rendered) {
    if (page.outputPath === false) continue;
    const target = path.resolve(page.outputPath);
    if (!target.startsWith(`${staging}${path.sep}`)) {
      throw new Error(`refusing to write ${target}: it is outside the output folder`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, page.content);
    if (target.endsWith('.html')) pages++;
  }
  return pages;
}

async function swapIn(staging: string, output: string): Promise<void> {
  const previous = `${output}.old-${process.pid}`;
  // A build killed between the two renames leaves this behind, and in a
  // container the next build often has the same pid: rename would then fail.
  await rm(previous, { recursive: true, force: true });
  const exists = await stat(output).then(
    () => true,
    () => false,
  );
  if (exists) await rename(output, previous);
  await rename(staging, output);
  if (exists) await rm(previous, { recursive: true, force: true });
}
