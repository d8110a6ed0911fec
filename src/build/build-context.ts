import type { LoadSettings } from '../load/load-releases.ts';
import { projectPaths, type ProjectPaths } from '../model/project-paths.ts';
import { ProgressTracker } from './build-progress.ts';
import type { BuildOptions, BuildTimings } from './build-types.ts';
import type { LoadPhaseOptions } from './load-phase.ts';
import { requireSafeOutput } from './output-folder.ts';
import { forgetManifest } from './page-manifest.ts';

/** What every phase of one build reads: the project, the options, and where to report. */
export interface Build {
  readonly options: BuildOptions;
  readonly paths: ProjectPaths;
  readonly env: NodeJS.ProcessEnv;
  /** The load cache's and page manifest's folder; undefined when the build does without them. */
  readonly cacheDir: string | undefined;
  readonly progress: ProgressTracker;
  readonly clock: Stopwatch;
}

/**
 * Sets a build up from its options, after checking the output folder may be
 * replaced. A project needs no templates of its own: the theme fills in.
 */
export function openBuild(options: BuildOptions): Build {
  const paths = projectPaths(options.root, options.output);
  requireSafeOutput(paths);
  if (options.session !== undefined) options.session.load ??= {};
  return {
    options,
    paths,
    env: options.env ?? process.env,
    cacheDir: options.cache === false ? undefined : paths.cache,
    progress: new ProgressTracker(options.onProgress),
    clock: new Stopwatch(),
  };
}

/** How the load phase loads for this build: through the cache, telling progress the files found. */
export function loadOptions({ options, env, cacheDir, progress }: Build): LoadPhaseOptions {
  const onFiles = (files: number) => progress.enter('load', { files });
  const session = options.session?.load;
  const settings: LoadSettings =
    cacheDir === undefined
      ? { onFiles }
      : { cacheDir, onFiles, ...(session !== undefined && { session }) };
  return { env, settings, ...(options.now !== undefined && { now: options.now }) };
}

/**
 * Forgets the last build's page manifest, once the output no longer matches
 * it. Its file goes even when this build does without the cache (`--fresh`),
 * so that the next cached build does not trust it either.
 */
export function forgetLastManifest(build: Build): void {
  forgetManifest(build.paths.cache);
  if (build.options.session !== undefined) delete build.options.session.manifest;
}

/** Adds up the time each phase takes, across the runs and calls that make it up. */
export class Stopwatch {
  readonly #spent: Record<keyof BuildTimings, number> = {
    load: 0,
    plan: 0,
    diff: 0,
    render: 0,
    write: 0,
  };

  /** Runs `work`, counting the time it takes as `phase`'s. */
  async time<T>(phase: keyof BuildTimings, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  /** Counts `ms` more as `phase`'s. */
  add(phase: keyof BuildTimings, ms: number): void {
    this.#spent[phase] += ms;
  }

  /** The time spent so far in every phase. */
  timings(): BuildTimings {
    return { ...this.#spent };
  }
}
