import { Worker } from 'node:worker_threads';
import { errorFromChain, type ErrorLink } from '../diagnostics/error-chain.ts';
import type { Release } from '../model/release.ts';
import type { SliceTimes } from './render-run.ts';
import type { RenderSite } from '../site/view-types.ts';

/**
 * Render workers: Eleventy renders on one thread, so on a fresh build of a
 * large archive other threads render slices of the same plan at the same
 * time. Each plans the site again from the releases (cheaper than sending a
 * plan, which is mostly functions) and takes slice numbers from a counter
 * shared with the build's thread, so whoever is free renders the next slice.
 */

/** What a render worker is given. */
export interface RenderJob {
  readonly root: string;
  /** The staging folder pages are written to. */
  readonly outDir: string;
  readonly site: RenderSite;
  readonly releases: readonly Release[];
  /** The build's time, which decides which release pages say they are embargoed. */
  readonly now?: number;
  /** The load cache's body file, when bodies are stored rather than inline. */
  readonly bodyFile?: string;
  /** Pages per Eleventy run: the workers and the build's thread must cut the plan alike. */
  readonly sliceSize: number;
  /** One Int32: the number of the next slice to render. */
  readonly counter: SharedArrayBuffer;
}

/** What a render worker reports when it stops: its pages, or its error and that error's causes. */
export type RenderWorkerMessage =
  | { readonly written: number; readonly times: SliceTimes }
  | { readonly error: readonly ErrorLink[] };

/** A running render worker. */
export interface RenderWorker {
  /** Settles when the worker has no slice left: with the HTML pages it wrote, or its error. */
  readonly finished: Promise<{ written: number; times: SliceTimes }>;
  /** Stops the worker at once (after a failure elsewhere). */
  stop(): Promise<void>;
}

// Far past any slice: a counter set to this makes every thread stop taking slices.
const STOP = 2 ** 30;

/**
 * Starts a render worker on `job`. If it fails, the shared counter is pushed
 * past the last slice so the other threads stop early too.
 */
export function startRenderWorker(job: RenderJob): RenderWorker {
  // From src/, the entry teaches the thread TypeScript; compiled (dist/), the worker runs as it is.
  const entry = import.meta.url.endsWith('.ts')
    ? new URL('./render-worker-entry.mjs', import.meta.url)
    : new URL('./render-worker.js', import.meta.url);
  const worker = new Worker(entry, { workerData: job });
  const stopAll = () => Atomics.store(new Int32Array(job.counter), 0, STOP);
  const finished = new Promise<{ written: number; times: SliceTimes }>((resolve, reject) => {
    worker.once('message', (message: RenderWorkerMessage) => {
      if ('error' in message) {
        stopAll();
        // A template failure comes back as the same GazetteError, so it is reported alike.
        reject(errorFromChain(message.error));
      } else {
        resolve(message);
      }
      void worker.terminate();
    });
    worker.once('error', (error) => {
      stopAll();
      reject(error);
    });
    worker.once('exit', (code) => {
      stopAll();
      reject(new Error(`a render worker stopped with exit code ${code}`));
    });
  });
  // Rejections are handled by whoever awaits `finished`; until then, do not report them as unhandled.
  finished.catch(() => undefined);
  return {
    finished,
    stop: async () => {
      stopAll();
      await worker.terminate();
    },
  };
}
