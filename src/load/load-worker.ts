// Worker thread: takes chunks of files from the counter it shares with the
// other loading threads, loads them and posts each chunk's results back.
import { parentPort, workerData } from 'node:worker_threads';
import { take, type WorkerJob, type WorkerMessage } from './load-pool.ts';
import { loadSourceFile } from './to-release.ts';

const job = workerData as WorkerJob;
const next = new Int32Array(job.counter);
const { files, chunk } = job;
for (let from = take(next, chunk); from < files.length; from = take(next, chunk)) {
  const results = files
    .slice(from, from + chunk)
    .map((source) => loadSourceFile(source, job.options));
  parentPort?.postMessage({ from, results } satisfies WorkerMessage);
}
parentPort?.postMessage({ done: true } satisfies WorkerMessage);
