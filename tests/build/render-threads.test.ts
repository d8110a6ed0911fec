import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite } from '../../src/render/build-site.ts';
import { prepareSite } from '../../src/render/prepare.ts';
import { errorChain } from '../../src/model/error-chain.ts';
import { startRenderWorker } from '../../src/render/render-pool.ts';
import { slicePlan } from '../../src/render/render-run.ts';
import { hashTree, projectsRemovedAfterAll } from './site-output.ts';

const project = projectsRemovedAfterAll();

describe('a fresh build rendered by two threads', () => {
  // Runs of three pages make a dozen slices, so both threads render some.
  test.each([
    ['bodies read from the load cache’s body file', true],
    ['bodies held in memory (no cache)', false],
  ])('writes exactly the files a one-thread build writes, with %s', async (_, cache) => {
    const [alone, shared] = [await project(), await project()];
    const one = await buildSite({ root: alone, env: {}, renderThreads: 1, cache });
    const two = await buildSite({
      root: shared,
      env: {},
      renderThreads: 2,
      pagesPerRun: 3,
      cache,
    });
    expect(one.ok && two.ok).toBe(true);
    if (!one.ok || !two.ok) return;
    expect(two.rendered).toBe(one.rendered);
    const [a, b] = [
      await hashTree(path.join(alone, '_site')),
      await hashTree(path.join(shared, '_site')),
    ];
    expect(a.size).toBeGreaterThan(20);
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
  });

  test('a template error in a worker fails the build and leaves the output as it was', async () => {
    const root = await project();
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    const before = await hashTree(path.join(root, '_site'));
    const template = path.join(root, 'templates/release.njk');
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace(
        '{{ view.headline }}',
        '{{ view.headline | nosuch }}',
      ),
    );
    const failure = await buildSite({
      root,
      env: {},
      renderThreads: 2,
      pagesPerRun: 3,
      cache: false,
    }).catch((error: unknown) => error);
    expect(errorChain(failure).map((link) => link.message)).toContainEqual(
      expect.stringMatching(/filter not found: nosuch/),
    );
    expect(Object.fromEntries(await hashTree(path.join(root, '_site')))).toEqual(
      Object.fromEntries(before),
    );
    // No staging folder is left beside the output.
    expect((await readdir(root)).filter((name) => name.startsWith('_site.'))).toEqual([]);
  });
});

describe('a render worker on its own', () => {
  test('writes every page of the site exactly as the build’s own thread does', async () => {
    const root = await project();
    const built = await buildSite({ root, env: {}, renderThreads: 1 });
    expect(built.ok).toBe(true);
    const prepared = await prepareSite(root, {}, { cacheDir: path.join(root, '.cache/gazette') });
    try {
      const plan = prepared.plan;
      if (plan === null) throw new Error('the fixture should load');
      expect(prepared.bodyFile).toBeDefined();
      const worker = startRenderWorker({
        root,
        outDir: path.join(root, 'out'),
        site: plan.site,
        releases: prepared.releases,
        ...(prepared.bodyFile !== undefined && { bodyFile: prepared.bodyFile }),
        sliceSize: 4,
        counter: new SharedArrayBuffer(4),
      });
      const { written } = await worker.finished;
      expect(built.ok && written).toBe(built.ok && built.pages);
      const site = await hashTree(path.join(root, '_site'));
      for (const file of site.keys()) if (file.startsWith('assets/')) site.delete(file);
      expect(Object.fromEntries(await hashTree(path.join(root, 'out')))).toEqual(
        Object.fromEntries(site),
      );
    } finally {
      prepared.close();
    }
  });

  test('renders every slice it can take, and stops the others when a template fails', async () => {
    const root = await project();
    const template = path.join(root, 'templates/list.njk');
    await writeFile(template, `${await readFile(template, 'utf8')}{{ nothing | nosuch }}`);
    const prepared = await prepareSite(root, {});
    try {
      const plan = prepared.plan;
      if (plan === null) throw new Error('the fixture should load');
      const slices = slicePlan(plan, 3);
      const counter = new SharedArrayBuffer(4);
      const worker = startRenderWorker({
        root,
        outDir: path.join(root, 'out'),
        site: plan.site,
        releases: prepared.releases,
        sliceSize: 3,
        counter,
      });
      const failure = await worker.finished.catch((error: unknown) => error);
      // The cause chain crosses the thread, so the CLI reports it as a template failure.
      const chain = errorChain(failure);
      expect(chain.map((link) => link.message)).toContainEqual(
        expect.stringMatching(/filter not found: nosuch/),
      );
      expect(chain.some((link) => /Template/.test(link.name))).toBe(true);
      await worker.stop();
      // It rendered every release slice before the first list slice failed...
      const releasePages = (await readdir(path.join(root, 'out'), { recursive: true })).filter(
        (file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file.split(path.sep).join('/')),
      );
      expect(releasePages.length).toBe(plan.releaseCount);
      // ...and pushed the shared counter past the last slice, so no other thread takes more.
      expect(Atomics.load(new Int32Array(counter), 0)).toBeGreaterThan(slices.length);
    } finally {
      prepared.close();
    }
  });
});
