import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { buildSite, type SearchOutcome } from '../build/build-site.ts';
import { projectPaths } from '../model/project-paths.ts';
import { deploySettingProblem } from '../model/site-config.ts';
import { plural } from '../diagnostics/plural.ts';
import { usageError } from './args.ts';
import { processIo, type Io } from './io.ts';
import { startProgress } from './progress.ts';
import { describeLeftOut, describeRejected, describeUnfinished } from './left-out.ts';
import { printDiagnostics, reportFailure } from './report.ts';

/** `gazette build`'s flags. */
export interface BuildFlags {
  /** Ignore the cache and render every page. */
  readonly fresh?: boolean;
  /** Include drafts. */
  readonly drafts?: boolean;
  /** Include releases dated after now. */
  readonly future?: boolean;
  /** Publish the valid releases when some release files have errors, leaving those out. */
  readonly keepGoing?: boolean;
  /** The folder to build into, relative to the current folder; else the project's _site/. */
  readonly output?: string | undefined;
  /** The site's address, over GAZETTE_SITE_URL and site.json's `url`. */
  readonly siteUrl?: string | undefined;
  /** The folder the site is served from, over GAZETTE_PATH_PREFIX and site.json's `pathPrefix`. */
  readonly pathPrefix?: string | undefined;
}

/**
 * `gazette build`'s exit code when `--keep-going` published the site but
 * left out release files with errors: "published with problems". 0 is a
 * clean build, 1 published nothing, 2 is a usage error.
 */
export const PUBLISHED_WITH_PROBLEMS = 3;

/**
 * `gazette build`: builds the site and its search index, or prints every
 * content error and fails; with `--keep-going`, publishes the valid releases
 * and names the files it left out. Progress goes to stderr: a live line on a
 * terminal, a few plain lines elsewhere.
 */
export async function runBuild(
  root: string,
  flags: BuildFlags = {},
  io: Io = processIo,
): Promise<number> {
  const started = performance.now();
  const { out, err } = io;
  let env: NodeJS.ProcessEnv;
  try {
    env = withDeployFlags(flags, io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  const project = path.resolve(io.cwd, root);
  const output =
    flags.output === undefined ? projectPaths(project).output : path.resolve(io.cwd, flags.output);
  const shown = `${path.relative(io.cwd, output) || '.'}/`;
  const progress = startProgress(io);
  // Printed once: as soon as the pages are written, so before the line saying
  // the build is indexing; or when a build that stopped returns.
  let printed = false;
  const print = (diagnostics: readonly Diagnostic[]) => {
    if (printed) return;
    printed = true;
    if (diagnostics.length > 0) progress.stop();
    printDiagnostics(diagnostics, io);
  };
  try {
    const result = await buildSite({
      root: project,
      env,
      output,
      cache: flags.fresh !== true,
      drafts: flags.drafts === true,
      future: flags.future === true,
      keepGoing: flags.keepGoing === true,
      search: true,
      onProgress: (at) => (at.phase === 'index' ? progress.indexing() : progress.onProgress(at)),
      onWritten: print,
    });
    if (!result.ok) progress.stop();
    print(result.diagnostics);
    if (!result.ok) {
      err(`Build stopped: ${whyStopped(result, flags)}The previous ${shown} is unchanged.\n`);
      return 1;
    }
    const search = result.search;
    // The summary times the pages and the search index apart, as they happened.
    const seconds = secondsOf(
      performance.now() - started - (search?.kind === 'indexed' ? search.ms : 0),
    );
    const how = result.incremental
      ? `updated ${result.rendered} of ${result.pages} pages`
      : `${result.pages} pages`;
    progress.stop();
    if (search?.kind === 'failed') {
      const code = reportFailure(search.failure, io);
      err(
        `The pages in ${shown} are built, but /search/ will not find them: fix the above and build again.\n`,
      );
      return code;
    }
    out(
      `Built ${plural(result.releases, 'release')} into ${shown} (${how}) in ${seconds} s; ${describeSearch(search)}\n`,
    );
    for (const line of [
      describeLeftOut(result.leftOut),
      describeUnfinished(result.leftOut.unfinished),
    ]) {
      if (line !== null) out(`${line}\n`);
    }
    for (const line of describeRejected(result.rejected, result.withdrawn)) err(`${line}\n`);
    return result.rejected.length > 0 ? PUBLISHED_WITH_PROBLEMS : 0;
  } catch (error) {
    progress.stop();
    const code = reportFailure(error, io);
    err(`Build stopped. The previous ${shown} is unchanged.\n`);
    return code;
  }
}

const DEPLOY_FLAGS = [
  { flag: 'site-url', key: 'siteUrl', setting: 'url', variable: 'GAZETTE_SITE_URL' },
  {
    flag: 'path-prefix',
    key: 'pathPrefix',
    setting: 'pathPrefix',
    variable: 'GAZETTE_PATH_PREFIX',
  },
] as const;

/**
 * The environment the build reads, with --site-url and --path-prefix in the
 * variables they win over. A value site.json could not take is a usage error.
 */
function withDeployFlags(flags: BuildFlags, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const overrides: Record<string, string> = {};
  for (const { flag, key, setting, variable } of DEPLOY_FLAGS) {
    const value = flags[key];
    if (value === undefined) continue;
    const problem = deploySettingProblem(setting, value);
    if (problem !== null) throw usageError(`--${flag} "${value}" ${problem}.`, 'build');
    overrides[variable] = value;
  }
  return { ...env, ...overrides };
}

/** What a stopped build says before "The previous <output>/ is unchanged." */
function whyStopped(
  result: { readonly diagnostics: readonly Diagnostic[]; readonly rejected: readonly string[] },
  flags: BuildFlags,
): string {
  if (flags.keepGoing !== true) return 'fix the errors above. ';
  const elsewhere = result.diagnostics.some(
    (d) => d.severity === 'error' && !result.rejected.includes(d.file),
  );
  return elsewhere
    ? 'fix the errors above; --keep-going leaves out release files with errors, not errors in areas.yaml. '
    : 'every release file has errors, so --keep-going has nothing to publish. Fix the errors above. ';
}

/** The summary's words for the search index: kept as it was, or how many pages it now holds. */
function describeSearch(search: SearchOutcome | undefined): string {
  if (search?.kind !== 'indexed') return 'search index unchanged';
  return `search index of ${search.pages} pages in ${secondsOf(search.ms)} s`;
}

function secondsOf(ms: number): string {
  return (ms / 1000).toFixed(2);
}
