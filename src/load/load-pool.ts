import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadReleaseFile, type FileResult, type LoadOptions } from './to-release.ts';

/** A file's path (for messages) and its bytes. */
export interface SourceFile {
  readonly file: string;
  readonly bytes: Uint8Array;
}

// Below this, starting workers costs more than parsing in this thread.
const MIN_FILES_FOR_WORKERS = 200;

/**
 * Loads files across this thread and worker threads, one contiguous share per
 * core, and returns results in the order given. Markdown rendering dominates a cold
 * build, so this is where the second core pays off.
 */
export async function loadInParallel(
  files: readonly SourceFile[],
  options: LoadOptions,
  threads = availableParallelism(),
): Promise<FileResult[]> {
  if (threads < 2 || files.length < MIN_FILES_FOR_WORKERS) {
    return files.map(({ file, bytes }) => loadReleaseFile(file, bytes, options));
  }
  const share = Math.ceil(files.length / threads);
  const jobs: Promise<FileResult[]>[] = [];
  // Workers take every share but the first, which this thread parses meanwhile.
  for (let from = share; from < files.length; from += share) {
    jobs.push(runWorker(files.slice(from, from + share), options));
  }
  const mine = files
    .slice(0, share)
    .map(({ file, bytes }) => loadReleaseFile(file, bytes, options));
  return [mine, ...(await Promise.all(jobs))].flat();
}

function runWorker(files: readonly SourceFile[], options: LoadOptions): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), {
      workerData: { options, files },
    });
    worker.once('message', (results: FileResult[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a loader worker stopped with exit code ${code}`));
    });
  });
}
