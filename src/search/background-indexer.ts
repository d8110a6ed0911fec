import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorFromChain, type ErrorLink } from '../diagnostics/error-chain.ts';
import { formatFailure } from '../diagnostics/format.ts';
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
export function indexInChild(
  output: string,
  cache: string,
): Promise<{ pages: number; priority: number }> {
  // From src/, the entry teaches the child TypeScript; compiled (dist/), the child runs as it is.
  const entry = import.meta.url.endsWith('.ts')
    ? new URL('./index-child-entry.mjs', import.meta.url)
    : new URL('./index-child.js', import.meta.url);
  const child = spawn(process.execPath, [fileURLToPath(entry), output, cache], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    if (child.pid !== undefined) setPriority(child.pid, CHILD_PRIORITY);
  } catch {
    // Not allowed here: index at the normal priority.
  }
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as { pages: number; priority: number });
      else reject(childFailure(err, code));
    });
  });
}

/**
 * The error the child reported as an error chain on stderr, rebuilt; or,
 * when it died before it could (killed, out of memory), what it printed.
 */
function childFailure(stderr: string, code: number | null): Error {
  try {
    const chain: unknown = JSON.parse(stderr);
    if (Array.isArray(chain) && chain.length > 0) return errorFromChain(chain as ErrorLink[]);
  } catch {
    // Not an error chain: the text itself is all there is.
  }
  return new Error(stderr.trim() || `the search indexer stopped with code ${code}`);
}
