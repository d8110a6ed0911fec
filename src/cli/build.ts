import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { lockBuilds, type BuildLock } from '../render/build-lock.ts';
import { buildSite, type BuildSession } from '../render/build-site.ts';
import { describeSearchFailure, hasSearchIndex, indexSite } from '../search/index-site.ts';
import { startProgress, type ProgressStream } from './progress.ts';
import { describeLeftOut, describeRejected, describeUnfinished } from './left-out.ts';
import { printDiagnostics, reportFailure, type Write } from './report.ts';

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
}

/**
 * `gazette build`'s exit code when `--keep-going` published the site but
 * left out release files with errors: "published with problems". 0 is a
 * clean build, 1 published nothing, 2 is a usage error.
 */
export const PUBLISHED_WITH_PROBLEMS = 3;

/**
 * Where a build reports and what it builds with: by default this process's
 * own streams, environment and folder; in a build server, its client's.
 */
export interface BuildContext {
  /** The summary. */
  readonly out: Write;
  /** Progress and errors. */
  readonly err: ProgressStream;
  /** GAZETTE_NOW, GAZETTE_SITE_URL and the rest are read from here. */
  readonly env: NodeJS.ProcessEnv;
  /** The folder the summary's path is relative to. */
  readonly cwd: string;
  /** The build lock, when the caller holds it for longer (a build server). Else the build takes it. */
  readonly lock?: BuildLock;
  /** Caches kept in memory between builds (a build server). */
  readonly session?: BuildSession;
}

/** This process's streams, environment and folder. */
export function processBuildContext(): BuildContext {
  return {
    out: (text) => void process.stdout.write(text),
    err: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * `gazette build`: builds the site and its search index, or prints every
 * content error and fails; with `--keep-going`, publishes the valid releases
 * and names the files it left out. Progress goes to stderr: a live line on a
 * terminal, a few plain lines elsewhere.
 */
export async function runBuild(
  root: string,
  flags: BuildFlags = {},
  context: BuildContext = processBuildContext(),
): Promise<number> {
  const started = performance.now();
  const { out, env } = context;
  const err: Write = (text) => void context.err.write(text);
  const progress = startProgress(context.err, env);
  let lock: BuildLock | undefined;
  try {
    // Held through the search index too, which also writes into _site/.
    lock = context.lock ?? lockBuilds(root, 'gazette build');
    const result = await buildSite({
      root,
      lock,
      env,
      ...(context.session !== undefined && { session: context.session }),
      cache: flags.fresh !== true,
      drafts: flags.drafts === true,
      future: flags.future === true,
      keepGoing: flags.keepGoing === true,
      onProgress: progress.onProgress,
    });
    if (!result.ok || result.diagnostics.length > 0) progress.stop();
    printDiagnostics(result.diagnostics, err);
    if (!result.ok) {
      err(`Build stopped: ${whyStopped(result, flags)}The previous _site/ is unchanged.\n`);
      return 1;
    }
    const seconds = secondsSince(started);
    const where = path.relative(context.cwd, result.output) || '.';
    const how = result.incremental
      ? `updated ${result.rendered} of ${result.pages} pages`
      : `${result.pages} pages`;
    const unchanged = leftPagesAsTheyWere(result);
    const search = await indexIfChanged(result.output, unchanged, progress.indexing);
    progress.stop();
    if (typeof search !== 'string') {
      err(
        `${describeSearchFailure(search.failure, env)}\nThe pages in _site/ are built, but /search/ will not find them: fix the above and build again.\n`,
      );
      return 1;
    }
    out(`Built ${result.releases} releases into ${where}/ (${how}) in ${seconds} s; ${search}\n`);
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
    const code = reportFailure(error, env, err);
    err('Build stopped. The previous _site/ is unchanged.\n');
    return code;
  } finally {
    if (lock !== context.lock) lock?.release();
  }
}

/** What a stopped build says before "The previous _site/ is unchanged." */
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

/**
 * Whether a build changed no page: an update that rendered none and deleted
 * none. Only then can the search index of the last build stay.
 */
export function leftPagesAsTheyWere(result: {
  readonly incremental: boolean;
  readonly rendered: number;
  readonly removed: number;
}): boolean {
  return result.incremental && result.rendered === 0 && result.removed === 0;
}

/**
 * Indexes the built site for search, unless no page changed and an index is
 * there already. Returns the summary's words for it, or why it failed.
 */
async function indexIfChanged(
  output: string,
  unchanged: boolean,
  onStart: () => void,
): Promise<string | { failure: unknown }> {
  if (unchanged && (await hasSearchIndex(output))) return 'search index unchanged';
  onStart();
  const started = performance.now();
  try {
    const { pages } = await indexSite(output);
    return `search index of ${pages} pages in ${secondsSince(started)} s`;
  } catch (error) {
    return { failure: error };
  }
}

function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}
