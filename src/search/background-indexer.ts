import { formatFailure } from '../diagnostics/format.ts';
import { runChild } from './child-process.ts';
import { indexSite, searchFailure } from './index-site.ts';

/** Keeps a site's search index up to date without holding anything else up. */
export interface BackgroundIndexer {
  /** Asks for the site to be indexed again; returns at once. */
  request(): void;
  /** Settles when no run is going on or asked for. */
  idle(): Promise<void>;
}

/**
 * Indexes `output` in the background, one run at a time, keeping the years
 * whose pages did not change as `cache` remembers them: a request while a
 * run is going on makes one more run after it, however many requests came,
 * so a burst of rebuilds costs at most two runs and the last one sees the
 * last build. With `quietMs`, a run starts only once that long has passed
 * without a request, and runs in a child process at a lower CPU priority:
 * Pagefind keeps both cores busy for seconds on a large site, and an editor
 * saving again should get the fast rebuild first. Every
 * outcome, failures included, goes to `report` (failures with their stacks
 * when `debug`); nothing is thrown, so a failed index never stops the caller
 * (`gazette serve`).
 */
export function backgroundIndexer(
  output: string,
  cache: string,
  report: (message: string) => void,
  quietMs = 0,
  debug = false,
): BackgroundIndexer {
  let current: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRequest = 0;

  /** Resolves once `quietMs` have passed since the last request. */
  async function quietSpell(): Promise<void> {
    for (;;) {
      const wait = lastRequest + quietMs - performance.now();
      if (wait <= 0) return;
      await new Promise((resolve) => {
        timer = setTimeout(resolve, wait);
      });
    }
  }

  async function runUntilCurrent(): Promise<void> {
    do {
      // Requests that come while waiting only make the wait longer.
      if (quietMs > 0) await quietSpell();
      again = false;
      const started = performance.now();
      try {
        const { pages } =
          quietMs > 0 ? await indexInChild(output, cache) : await indexSite(output, { cache });
        report(`Search index of ${pages} pages in ${Math.round(performance.now() - started)} ms`);
      } catch (error) {
        const why = formatFailure(searchFailure(error), debug);
        report(`${why}\nSearch will work again after the next good rebuild.`);
      }
    } while (again);
  }

  return {
    request() {
      lastRequest = performance.now();
      if (current !== null) {
        again = true;
        return;
      }
      current = runUntilCurrent().finally(() => {
        current = null;
        clearTimeout(timer);
      });
    },
    idle: () => current ?? Promise.resolve(),
  };
}

// Niceness of the indexing process: the rebuild after the next save comes first.
const CHILD_PRIORITY = 10;

/**
 * Indexes `output` (with `cache`, as `indexSite`) in a child process at a lower CPU priority, inherited by
 * Pagefind's binary, so that a rebuild started meanwhile gets the cores first.
 * Returns the pages indexed and the priority the child ran at.
 */
export async function indexInChild(
  output: string,
  cache: string,
): Promise<{ pages: number; priority: number }> {
  const printed = await runChild('index-child', [output, cache], { priority: CHILD_PRIORITY });
  return JSON.parse(printed) as { pages: number; priority: number };
}
