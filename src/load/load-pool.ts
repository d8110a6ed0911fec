import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadOptions, SourceFile, SourceResult } from './source-file.ts';

// Below this, starting workers costs more than parsing in this thread.
const MIN_FILES_FOR_WORKERS = 200;
// Threads take files this many at a time, and a worker posts each chunk's
// results as one message: small enough that the threads finish within a
// fraction of a second of each other, and that nobody holds many parsed bodies.
const CHUNK = 64;

/** Receives each file's result, by its index in the list given, as soon as it is ready. */
export type OnResult = (index: number, result: SourceResult) => void;

/**
 * Loads files across this thread and worker threads, handing each result to
 * `onResult` as it arrives (not in order). Every thread takes the next chunk
 * of files from a counter they share, so a thread that started late or
 * drew slower files simply takes fewer chunks. Markdown rendering dominates a
 * cold build, so this is where the other cores pay off.
 */
export async function loadInParallel(
  files: readonly SourceFile[],
  options: LoadOptions,
  onResult: OnResult,
  threads = availableParallelism(),
): Promise<void> {
  if (files.length === 0) return;
  // The parser brings remark and its plugins, about half a second to import:
  // a rebuild that finds every file in the cache never loads it.
  const { loadSourceFile } = await import('./to-release.ts');
  if (threads < 2 || files.length < MIN_FILES_FOR_WORKERS) {
    files.forEach((source, i) => onResult(i, loadSourceFile(source, options)));
    return;
  }
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const next = new Int32Array(counter);
  const jobs: Promise<void>[] = [];
  for (let i = 1; i < threads; i++)
    jobs.push(runWorker({ options, files, counter, chunk: CHUNK }, onResult));
  // If a worker fails, the others stop taking files rather than parse on for nothing.
  const stopping = Promise.all(jobs).catch((error: unknown) => {
    Atomics.store(next, 0, files.length);
    throw error;
  });
  stopping.catch(() => undefined);
  try {
    for (let from = take(next); from < files.length; from = take(next)) {
      for (let i = from; i < Math.min(from + CHUNK, files.length); i++) {
        const source = files[i];
        if (source !== undefined) onResult(i, loadSourceFile(source, options));
      }
      // Let the workers' results in, so they are stored rather than queued.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    Atomics.store(next, 0, files.length);
    throw error;
  }
  await stopping;
}

/** Takes the next chunk: the index of its first file. */
export function take(next: Int32Array, chunk = CHUNK): number {
  return Atomics.add(next, 0, chunk);
}

/** What a worker is given: every file, and the counter saying which to load next. */
export interface WorkerJob {
  readonly options: LoadOptions;
  readonly files: readonly SourceFile[];
  /** One Int32: index of the next file nobody has taken. */
  readonly counter: SharedArrayBuffer;
  readonly chunk: number;
}

/** What a worker posts: results for files `from` onwards, or that it has finished. */
export type WorkerMessage =
  { readonly from: number; readonly results: SourceResult[] } | { readonly done: true };

/** Runs one loader worker until the shared counter passes the last file. */
export function runWorker(job: WorkerJob, onResult: OnResult): Promise<void> {
  return new Promise((resolve, reject) => {
    // From src/, the entry teaches the thread TypeScript; compiled (dist/), the worker runs as it is.
    const entry = import.meta.url.endsWith('.ts')
      ? new URL('./load-worker-entry.mjs', import.meta.url)
      : new URL('./load-worker.js', import.meta.url);
    const worker = new Worker(entry, { workerData: job });
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        resolve();
        void worker.terminate();
        return;
      }
      message.results.forEach((result, i) => onResult(message.from + i, result));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a loader worker stopped with exit code ${code}`));
    });
  });
}
