import path from 'node:path';
import { lockBuilds, type BuildLock } from '../render/build-lock.ts';
import { buildSite } from '../render/build-site.ts';
import { describeSearchFailure, hasSearchIndex, indexSite } from '../search/index-site.ts';
import { startProgress } from './progress.ts';
import { describeLeftOut } from './left-out.ts';
import { printDiagnostics, reportFailure } from './report.ts';

/** `gazette build`'s flags. */
export interface BuildFlags {
  /** Ignore the cache and render every page. */
  readonly fresh?: boolean;
  /** Include drafts. */
  readonly drafts?: boolean;
  /** Include releases dated after now. */
  readonly future?: boolean;
}

/**
 * `gazette build`: builds the site and its search index, or prints every
 * content error and fails. Progress goes to stderr: a live line on a
 * terminal, a few plain lines elsewhere.
 */
export async function runBuild(root: string, flags: BuildFlags = {}): Promise<number> {
  const started = performance.now();
  const progress = startProgress(process.stderr);
  let lock: BuildLock | undefined;
  try {
    // Held through the search index too, which also writes into _site/.
    lock = lockBuilds(root, 'gazette build');
    const result = await buildSite({
      root,
      lock,
      cache: flags.fresh !== true,
      drafts: flags.drafts === true,
      future: flags.future === true,
      onProgress: progress.onProgress,
    });
    if (!result.ok || result.diagnostics.length > 0) progress.stop();
    printDiagnostics(result.diagnostics);
    if (!result.ok) {
      process.stderr.write(
        'Build stopped: fix the errors above. The previous _site/ is unchanged.\n',
      );
      return 1;
    }
    const seconds = secondsSince(started);
    const where = path.relative(process.cwd(), result.output) || '.';
    const how = result.incremental
      ? `updated ${result.rendered} of ${result.pages} pages`
      : `${result.pages} pages`;
    progress.indexing();
    const unchanged = leftPagesAsTheyWere(result);
    const search = await indexIfChanged(result.output, unchanged, progress.stop);
    progress.stop();
    if (search === null) return 1;
    process.stdout.write(
      `Built ${result.releases} releases into ${where}/ (${how}) in ${seconds} s; ${search}\n`,
    );
    const leftOut = describeLeftOut(result.leftOut);
    if (leftOut !== null) process.stdout.write(`${leftOut}\n`);
    return 0;
  } catch (error) {
    progress.stop();
    const code = reportFailure(error);
    process.stderr.write('Build stopped. The previous _site/ is unchanged.\n');
    return code;
  } finally {
    lock?.release();
  }
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
 * there already. Returns the summary's words for it, or null when it failed.
 */
async function indexIfChanged(
  output: string,
  unchanged: boolean,
  beforeError: () => void,
): Promise<string | null> {
  if (unchanged && (await hasSearchIndex(output))) return 'search index unchanged';
  const started = performance.now();
  try {
    const { pages } = await indexSite(output);
    return `search index of ${pages} pages in ${secondsSince(started)} s`;
  } catch (error) {
    beforeError();
    process.stderr.write(
      `${describeSearchFailure(error)}\nThe pages in _site/ are built, but /search/ will not find them: fix the above and build again.\n`,
    );
    return null;
  }
}

function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}
