import { buildArchive } from '../archive/archive.ts';
import { compareText } from '../diagnostics/diagnostic.ts';
import { planSite } from '../site/site-model.ts';
import { loadOptions, openBuild, type Build } from './build-context.ts';
import { lockBuilds } from './build-lock.ts';
import type { BuildOptions, BuildResult } from './build-types.ts';
import { diffOutput, type Diffed } from './diff-phase.ts';
import { indexSearch } from './index-phase.ts';
import { loadProject, type Loaded } from './load-phase.ts';
import { renderPages } from './render-phase.ts';
import { selectReleases } from './select-phase.ts';
import { checkSharing } from './site-check.ts';
import { writeOutput } from './write-phase.ts';

export { slicePlan } from './render-run.ts';
export type { BuildProgress } from './build-progress.ts';
export type {
  BuildOptions,
  BuildResult,
  BuildSession,
  BuildTimings,
  SearchOutcome,
} from './build-types.ts';

/**
 * Builds the site. A fresh build renders into a new folder beside the output
 * and swaps it in only when every page rendered. When the last build's page
 * hashes are cached and the templates are unchanged, only pages whose views
 * changed are rendered; they are written, and removed pages deleted, only
 * after all of them rendered. Content errors leave the output untouched.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const build = openBuild(options);
  // Two builds of one project at once would corrupt its caches and output.
  const lock = options.lock ?? lockBuilds(build.paths.root, 'gazette build');
  try {
    return await runPhases(build);
  } finally {
    if (lock !== options.lock) lock.release();
  }
}

/**
 * The build, phase by phase (as Hugo's `hugo_sites_build.go` runs its own):
 * load → select → archive → plan → diff → render → write → index. Each phase
 * takes what the ones before it made; content errors stop the build after select.
 */
async function runPhases(build: Build): Promise<BuildResult> {
  const { clock, progress, options, paths } = build;
  progress.enter('load');
  const loaded = await clock.time('load', () => loadProject(paths.root, loadOptions(build)));
  try {
    const selected = await clock.time('load', () => selectReleases(loaded, options));
    let diagnostics = [...loaded.areaErrors, ...loaded.diagnostics];
    if (!selected.plannable) return { ok: false, diagnostics, rejected: selected.rejected };
    progress.enter('plan');
    const archive = await clock.time('plan', () => buildArchive(selected.releases));
    const plan = await clock.time('plan', () =>
      planSite(archive, loaded.site, loaded.bodies, { now: loaded.now }),
    );
    const diffed = await clock.time('diff', () => diffOutput(build, plan));
    progress.enter('render', { total: diffed.toRender });
    const replan = { releases: selected.releases, now: loaded.now, bodyFile: loaded.bodies.file };
    const rendered = await renderPages(build, plan, diffed, replan);
    progress.enter('write');
    const written = await writeOutput(build, rendered, diffed);
    // A preview (drafts, embargoes: `serve`) is not what readers will share.
    if (options.drafts !== true && options.future !== true) {
      const sharing = checkSharing(paths.root, paths.output, loaded.site, selected.releases);
      diagnostics = [...diagnostics, ...sharing];
    }
    options.onWritten?.(diagnostics);
    const search = await indexSearch(build, diffed, written);
    return {
      ok: true,
      releases: selected.releases.length,
      pages: diffed.pages,
      rendered: written.rendered,
      removed: written.removed,
      incremental: written.inPlace,
      output: paths.output,
      leftOut: selected.leftOut,
      rejected: selected.rejected,
      withdrawn: withdrawnPages(loaded, diffed),
      ...(search !== undefined && { search }),
      diagnostics,
      timings: clock.timings(),
    };
  } finally {
    loaded.bodies.close();
  }
}

/** The pages of rejected files that the last build had and this one has not. */
function withdrawnPages(
  loaded: Loaded,
  { previous, diff }: Diffed,
): { url: string; file: string }[] {
  return [...loaded.formerUrls]
    .filter(([, url]) => previous?.pages.has(url) === true && !diff.pages.has(url))
    .map(([file, url]) => ({ url, file }))
    .sort((a, b) => compareText(a.file, b.file));
}
