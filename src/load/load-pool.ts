import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  loadSourceFile,
  type LoadOptions,
  type SourceFile,
  type SourceResult,
} from './to-release.ts';

// Below this, starting workers costs more than parsing in this thread.
const MIN_FILES_FOR_WORKERS = 200;
// Results come back in batches of this many files, so that neither a worker
// nor this thread holds a whole share of parsed bodies at once.
const BATCH = 250;

/** Receives each file's result, by its index in the list given, as soon as it is ready. */
export type OnResult = (index: number, result: SourceResult) => void;

/**
 * Loads files across this thread and worker threads, one contiguous share per
 * core, handing each result to `onResult` as it arrives (not in order).
 * Markdown rendering dominates a cold build, so this is where the second core pays off.
 */
export async function loadInParallel(
  files: readonly SourceFile[],
  options: LoadOptions,
  onResult: OnResult,
  threads = availableParallelism(),
): Promise<void> {
  if (threads < 2 || files.length < MIN_FILES_FOR_WORKERS) {
    files.forEach((source, i) => onResult(i, loadSourceFile(source, options)));
    return;
  }
  const share = Math.ceil(files.length / threads);
  const jobs: Promise<void>[] = [];
  // Workers take every share but the first, which this thread parses meanwhile.
  for (let from = share; from < files.length; from += share) {
    jobs.push(runWorker(files.slice(from, from + share), from, options, onResult));
  }
  for (let from = 0; from < share; from += BATCH) {
    for (let i = from; i < Math.min(from + BATCH, share); i++) {
      const source = files[i];
      if (source !== undefined) onResult(i, loadSourceFile(source, options));
    }
    // Let the workers' batches in, so they are stored rather than queued.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(jobs);
}

/** What a worker posts: results for files `from` onwards, or that it has finished. */
export type WorkerMessage =
  { readonly from: number; readonly results: SourceResult[] } | { readonly done: true };

function runWorker(
  files: readonly SourceFile[],
  offset: number,
  options: LoadOptions,
  onResult: OnResult,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), {
      workerData: { options, files, batch: BATCH },
    });
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        resolve();
        void worker.terminate();
        return;
      }
      message.results.forEach((result, i) => onResult(offset + message.from + i, result));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a loader worker stopped with exit code ${code}`));
    });
  });
}
