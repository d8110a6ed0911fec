import { parentPort, workerData } from 'node:worker_threads';
import { buildArchive } from '../archive/archive.ts';
import { BodyFile, inlineBodies, type BodySource } from '../load/body-store.ts';
import { errorChain } from '../diagnostics/error-chain.ts';
import type { RenderJob, RenderWorkerMessage } from './render-pool.ts';
import { renderSlices, slicePlan, type SliceTimes } from './render-run.ts';
import { planSite } from '../site/site-model.ts';

/**
 * A render worker: plans the same site again from the same releases, then
 * renders slices of it into the staging folder, taking slice numbers from the
 * counter it shares with the build's own thread.
 */
async function run(job: RenderJob): Promise<RenderWorkerMessage> {
  const bodies: BodySource =
    job.bodyFile === undefined ? inlineBodies : BodyFile.openForReading(job.bodyFile);
  try {
    const options = job.now === undefined ? {} : { now: job.now };
    const plan = planSite(buildArchive([...job.releases]), job.site, bodies, options);
    const slices = slicePlan(plan, job.sliceSize);
    const counter = new Int32Array(job.counter);
    const times: SliceTimes = { render: 0, write: 0 };
    const take = () => Atomics.add(counter, 0, 1);
    const written = await renderSlices(job.root, job.outDir, plan, slices, take, times);
    return { written, times };
  } finally {
    bodies.close();
  }
}

const port = parentPort;
if (port === null) throw new Error('render-worker.ts runs only as a worker thread');
run(workerData as RenderJob).then(
  (message) => port.postMessage(message),
  (error: unknown) => port.postMessage({ error: errorChain(error) } satisfies RenderWorkerMessage),
);
