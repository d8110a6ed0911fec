import { indexSite } from '../search/index-site.ts';
import type { Build } from './build-context.ts';
import type { SearchOutcome } from './build-types.ts';
import type { Diffed } from './diff-phase.ts';
import { outputFileOf } from './page-manifest.ts';
import type { Written } from './write-phase.ts';

/**
 * Indexes the built site for search when the build was asked to. Only the
 * shards (years, or months of a large year) whose release pages this build
 * wrote, or whose bundle is missing or not the one last written, are read and indexed again (see `indexSite`);
 * progress hears of it only then. A failure is returned: the pages are built
 * all the same.
 */
export async function indexSearch(
  build: Build,
  diffed: Diffed,
  written: Written,
): Promise<SearchOutcome | undefined> {
  if (build.options.search !== true) return undefined;
  const started = performance.now();
  // Every page's file; the index picks out the release pages.
  const pages = [...diffed.diff.pages.keys()].map((url) => outputFileOf(url).slice(1));
  try {
    const { pages: indexed, rebuilt } = await indexSite(build.paths.output, {
      cache: build.paths.cache,
      fresh: build.cacheDir === undefined,
      ...searchProcesses(build),
      written: { pages, changed: written.changed },
      onIndexing: () => build.progress.enter('index'),
    });
    if (rebuilt.length === 0) return { kind: 'unchanged' };
    return { kind: 'indexed', pages: indexed, ms: performance.now() - started, rebuilt };
  } catch (failure) {
    return { kind: 'failed', failure };
  }
}

/** Pagefind processes to index with, when GAZETTE_SEARCH_PROCESSES says; else indexSite chooses. */
function searchProcesses({ env }: Build): { processes?: number } {
  const asked = Number(env.GAZETTE_SEARCH_PROCESSES);
  return Number.isInteger(asked) && asked >= 1 ? { processes: asked } : {};
}
