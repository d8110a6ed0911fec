// Worker thread for the body-limits tests: renders each body it is given and
// posts back the verdicts, so a test can compare them with the main thread's.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { verdictOf } = await import('./rendered.ts');
parentPort?.postMessage(workerData.map(verdictOf));
