import { hasSearchIndex, indexSite } from '../search/index-site.ts';
import type { Build } from './build-context.ts';
import type { SearchOutcome } from './build-types.ts';
import type { Written } from './write-phase.ts';

/**
 * Indexes the built site for search when the build was asked to, unless no
 * page changed and an index is there already; says so to progress only when
 * it indexes. Only the years whose release pages changed are indexed again
 * (see `indexSite`). A failure is returned: the pages are built all the same.
 */
export async function indexSearch(
  build: Build,
  written: Written,
): Promise<SearchOutcome | undefined> {
  if (build.options.search !== true) return undefined;
  const { output, cache } = build.paths;
  if (leftPagesAsTheyWere(written) && (await hasSearchIndex(output))) return { kind: 'unchanged' };
  build.progress.enter('index');
  const started = performance.now();
  try {
    const { pages, rebuilt } = await indexSite(output, cache);
    return { kind: 'indexed', pages, ms: performance.now() - started, rebuilt };
  } catch (failure) {
    return { kind: 'failed', failure };
  }
}

/**
 * Whether a build changed no page: an update that rendered none and deleted
 * none. Only then can the search index of the last build stay.
 */
export function leftPagesAsTheyWere(written: Written): boolean {
  return written.inPlace && written.rendered === 0 && written.removed === 0;
}
