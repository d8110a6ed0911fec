import { describeSearchFailure, indexSite } from './index-site.ts';

/** Keeps a site's search index up to date without holding anything else up. */
export interface BackgroundIndexer {
  /** Asks for the site to be indexed again; returns at once. */
  request(): void;
  /** Settles when no run is going on or asked for. */
  idle(): Promise<void>;
}

/**
 * Indexes `output` in the background, one run at a time: a request while a
 * run is going on makes one more run after it, however many requests came,
 * so a burst of rebuilds costs at most two runs and the last one sees the
 * last build. Every outcome, failures included, goes to `report`; nothing is
 * thrown, so a failed index never stops the caller (`gazette serve`).
 */
export function backgroundIndexer(
  output: string,
  report: (message: string) => void,
): BackgroundIndexer {
  let current: Promise<void> | null = null;
  let again = false;

  async function runUntilCurrent(): Promise<void> {
    do {
      again = false;
      const started = performance.now();
      try {
        const { pages } = await indexSite(output);
        report(`Search index of ${pages} pages in ${Math.round(performance.now() - started)} ms`);
      } catch (error) {
        report(
          `${describeSearchFailure(error)}\nSearch will work again after the next good rebuild.`,
        );
      }
    } while (again);
  }

  return {
    request() {
      if (current !== null) {
        again = true;
        return;
      }
      current = runUntilCurrent().finally(() => {
        current = null;
      });
    },
    idle: () => current ?? Promise.resolve(),
  };
}
