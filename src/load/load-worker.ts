// Worker thread: loads the files it is handed and posts their results back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadReleaseFile, type LoadOptions } from './to-release.ts';

interface Job {
  readonly options: LoadOptions;
  readonly files: readonly { readonly file: string; readonly bytes: Uint8Array }[];
}

const job = workerData as Job;
parentPort?.postMessage(
  job.files.map(({ file, bytes }) => loadReleaseFile(file, bytes, job.options)),
);
