import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { swapIn } from '../load/file-io.ts';
import { markWritten, SEARCH_FOLDER } from '../search/index-site.ts';
import { forgetLastManifest, type Build } from './build-context.ts';
import type { Diffed } from './diff-phase.ts';
import { writeDataFiles } from './data-phase.ts';
import { outputFileOf, writeManifest } from './page-manifest.ts';
import type { Rendered } from './render-phase.ts';
import { writePages, type RenderedPage } from './render-run.ts';

/** What the write phase changed in the output. */
export interface Written {
  /** Whether the last output was updated in place rather than replaced. */
  readonly inPlace: boolean;
  /** HTML pages rendered and now in the output. */
  readonly rendered: number;
  /** Pages deleted because they no longer exist (none when the output was replaced). */
  readonly removed: number;
  /**
   * The files written or deleted, relative to the output (`2024/03/01/<slug>/index.html`),
   * or `all` when the output was replaced.
   */
  readonly changed: ReadonlySet<string> | 'all';
}

/**
 * Puts the rendered pages and the data files in the output: swaps a fresh
 * build's folder in whole, or writes an update's pages and changed data files
 * in place (each by rename) and deletes the pages that no longer exist. Then records the page manifest.
 */
export async function writeOutput(
  build: Build,
  rendered: Rendered,
  diffed: Diffed,
): Promise<Written> {
  const { clock, cacheDir, options } = build;
  const written = await clock.time('write', () =>
    rendered.into === 'staging'
      ? swapStaging(build, rendered.folder, rendered.pages, diffed)
      : writeInPlace(build, rendered.pages, diffed),
  );
  if (cacheDir !== undefined) {
    const { diff } = diffed;
    const manifest = { fingerprint: diffed.fingerprint, pages: diff.pages, lists: diff.lists };
    await clock.time('write', () => writeManifest(cacheDir, manifest));
    if (options.session !== undefined) options.session.manifest = manifest;
  }
  return written;
}

async function swapStaging(
  build: Build,
  staging: string,
  pages: number,
  { diff }: Diffed,
): Promise<Written> {
  try {
    // Data files are written from the plan, not rendered: they join the pages before the swap.
    writeDataFiles(staging, diff.dataFiles);
    // The last search index goes into the new output, for the index phase to
    // keep the shards whose pages read as they did.
    if (build.options.search === true) await carryOver(build.paths.output, staging, SEARCH_FOLDER);
    await swapIn(staging, build.paths.output);
    return { inPlace: false, rendered: pages, removed: 0, changed: 'all' };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeInPlace(
  build: Build,
  pages: readonly RenderedPage[],
  { diff }: Diffed,
): Promise<Written> {
  const { output } = build.paths;
  const changed = new Set([
    ...pages.flatMap((page) =>
      page.outputPath === false
        ? []
        : [path.relative(output, page.outputPath).replaceAll(path.sep, '/')],
    ),
    ...diff.removed.map((url) => outputFileOf(url).replace(/^\//, '')),
  ]);
  // Once the first page is written, the last manifest no longer describes the
  // output, nor the search index its pages: a build that failed while writing
  // must not leave them to be trusted. Data files are not indexed.
  if (changed.size > 0 || diff.dataFiles.length > 0) {
    forgetLastManifest(build);
    markWritten(build.paths.cache, changed);
  }
  const rendered = writePages(output, pages, true);
  writeDataFiles(output, diff.dataFiles);
  for (const url of diff.removed) await removePage(output, url);
  return { inPlace: true, rendered, removed: diff.removed.length, changed };
}

/** Moves `name` from the old output into the new one, when the old one has it. */
async function carryOver(output: string, staging: string, name: string): Promise<void> {
  await rename(path.join(output, name), path.join(staging, name)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
