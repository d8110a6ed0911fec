// Worker thread: loads the files it is handed and posts their results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from './load-pool.ts';
import { loadSourceFile, type LoadOptions, type SourceFile } from './to-release.ts';

interface Job {
  readonly options: LoadOptions;
  readonly files: readonly SourceFile[];
  readonly batch: number;
}

const job = workerData as Job;
for (let from = 0; from < job.files.length; from += job.batch) {
  const results = job.files
    .slice(from, from + job.batch)
    .map((source) => loadSourceFile(source, job.options));
  parentPort?.postMessage({ from, results } satisfies WorkerMessage);
}
parentPort?.postMessage({ done: true } satisfies WorkerMessage);
