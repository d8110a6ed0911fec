import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { GazetteError } from '../../src/diagnostics/gazette-error.ts';
import { buildArchive } from '../../src/archive/archive.ts';
import { loadProject } from '../../src/build/load-phase.ts';
import { selectReleases } from '../../src/build/select-phase.ts';
import type { LoadSettings } from '../../src/load/load-releases.ts';
import { planSite } from '../../src/site/site-model.ts';
import { errorChain } from '../../src/diagnostics/error-chain.ts';
import { startRenderWorker } from '../../src/build/render-pool.ts';
import { renderSlices, slicePlan } from '../../src/build/render-run.ts';
import { mergeTemplates, templateLayers } from '../../src/build/theme.ts';
import { reportFailure } from '../../src/cli/report.ts';
import type * as RenderPool from '../../src/build/render-pool.ts';
import type * as RenderRun from '../../src/build/render-run.ts';
import { hashTree, projectsRemovedAfterAll } from './site-output.ts';

const project = projectsRemovedAfterAll();

/*
 * For the test of a failing worker: when `workersFirst` is set, the build's
 * own thread waits to take a slice until every worker it started has
 * finished or failed, so any failure the build reports is a worker's.
 */
const threads = vi.hoisted(() => ({
  workersFirst: false,
  outcomes: [] as Promise<unknown>[],
}));

vi.mock('../../src/build/render-pool.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof RenderPool>();
  return {
    ...actual,
    startRenderWorker: (job: Parameters<typeof actual.startRenderWorker>[0]) => {
      const worker = actual.startRenderWorker(job);
      threads.outcomes.push(
        worker.finished.then(
          () => 'finished',
          (error: unknown) => error,
        ),
      );
      return worker;
    },
  };
});

vi.mock('../../src/build/render-run.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof RenderRun>();
  return {
    ...actual,
    renderSlices: async (...args: Parameters<typeof actual.renderSlices>) => {
      if (threads.workersFirst) await Promise.all(threads.outcomes);
      return actual.renderSlices(...args);
    },
  };
});

/** A project planned by the build's own load, select, archive and plan phases. */
async function planned(root: string, settings: LoadSettings = {}) {
  // The render phase merges the theme and the project's templates before any thread renders.
  mergeTemplates(templateLayers(root));
  const loaded = await loadProject(root, { env: {}, settings });
  const selected = selectReleases(loaded);
  if (!selected.plannable) throw new Error('the fixture should load');
  const { releases } = selected;
  const plan = planSite(buildArchive(releases), loaded.site, loaded.bodies, { now: loaded.now });
  return { plan, releases, bodies: loaded.bodies };
}

/**
 * One project built on the build's own thread alone, with its load cache: what
 * every build on more threads, and every worker on its own, must write.
 */
let alone: { root: string; site: Map<string, string>; pages: number; rendered: number } | undefined;
async function builtAlone(): Promise<NonNullable<typeof alone>> {
  if (alone !== undefined) return alone;
  const root = await project();
  const built = await buildSite({ root, env: {}, renderThreads: 1 });
  if (!built.ok) throw new Error('the fixture should build');
  const site = await hashTree(path.join(root, '_site'));
  expect(site.size).toBeGreaterThan(20);
  alone = { root, site, pages: built.pages, rendered: built.rendered };
  return alone;
}

describe('a fresh build rendered by two threads', () => {
  // Runs of three pages make a dozen slices, so both threads render some.
  test.each([
    ['bodies read from the load cache’s body file', true],
    ['bodies held in memory (no cache)', false],
  ])('writes exactly the files a one-thread build writes, with %s', async (_, cache) => {
    const one = await builtAlone();
    const shared = await project();
    const two = await buildSite({
      root: shared,
      env: {},
      renderThreads: 2,
      pagesPerRun: 3,
      cache,
    });
    expect(two.ok).toBe(true);
    if (!two.ok) return;
    expect([two.pages, two.rendered]).toEqual([one.pages, one.rendered]);
    expect(Object.fromEntries(await hashTree(path.join(shared, '_site')))).toEqual(
      Object.fromEntries(one.site),
    );
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
    threads.outcomes = [];
    threads.workersFirst = true;
    const failure = await buildSite({
      root,
      env: {},
      renderThreads: 2,
      pagesPerRun: 3,
      cache: false,
    })
      .catch((error: unknown) => error)
      .finally(() => (threads.workersFirst = false));
    // The worker failed on the template, and that failure is what the build reports.
    expect(threads.outcomes).toHaveLength(1);
    const inWorker = await threads.outcomes[0];
    expect(errorChain(inWorker).map((link) => link.message)).toContainEqual(
      expect.stringMatching(/filter not found: nosuch/),
    );
    expect(failure).toBe(inWorker);
    expect(Object.fromEntries(await hashTree(path.join(root, '_site')))).toEqual(
      Object.fromEntries(before),
    );
    // No staging folder is left beside the output.
    expect((await readdir(root)).filter((name) => name.startsWith('_site.'))).toEqual([]);
  });
});

describe('a render worker on its own', () => {
  test('writes every page of the site exactly as the build’s own thread does', async () => {
    const { root, site, pages } = await builtAlone();
    const { plan, releases, bodies } = await planned(root, {
      cacheDir: path.join(root, '.cache/gazette'),
    });
    try {
      expect(bodies.file).toBeDefined();
      const worker = startRenderWorker({
        root,
        outDir: path.join(root, 'out'),
        site: plan.site,
        releases,
        ...(bodies.file !== undefined && { bodyFile: bodies.file }),
        sliceSize: 4,
        counter: new SharedArrayBuffer(4),
      });
      const { written } = await worker.finished;
      expect(written).toBe(pages);
      // Assets are copied, and data files written, by the build's own thread, not rendered.
      const rendered = [...site].filter(
        ([file]) => !file.startsWith('assets/') && !/^data\/.*\.(csv|ndjson)$/.test(file),
      );
      expect(Object.fromEntries(await hashTree(path.join(root, 'out')))).toEqual(
        Object.fromEntries(rendered),
      );
    } finally {
      bodies.close();
    }
  });

  test('renders every slice it can take, and stops the others when a template fails', async () => {
    const root = await project();
    const template = path.join(root, 'templates/list.njk');
    await writeFile(template, `${await readFile(template, 'utf8')}{{ nothing | nosuch }}`);
    const { plan, releases, bodies } = await planned(root);
    try {
      const slices = slicePlan(plan, 3);
      const counter = new SharedArrayBuffer(4);
      const worker = startRenderWorker({
        root,
        outDir: path.join(root, 'out'),
        site: plan.site,
        releases,
        sliceSize: 3,
        counter,
      });
      const failure = await worker.finished.catch((error: unknown) => error);
      // The failure and its causes cross the thread, so the CLI reports it as a template failure.
      const chain = errorChain(failure);
      expect(chain.map((link) => link.message)).toContainEqual(
        expect.stringMatching(/filter not found: nosuch/),
      );
      expect(failure).toBeInstanceOf(GazetteError);
      expect(failure).toMatchObject({ kind: 'template' });
      await worker.stop();
      // It rendered every release slice before the first list slice failed...
      const releasePages = (await readdir(path.join(root, 'out'), { recursive: true })).filter(
        (file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file.split(path.sep).join('/')),
      );
      expect(releasePages.length).toBe(plan.releaseCount);
      // ...and pushed the shared counter past the last slice, so no other thread takes more.
      expect(Atomics.load(new Int32Array(counter), 0)).toBeGreaterThan(slices.length);
    } finally {
      bodies.close();
    }
  });

  test('reports a template failure in words exactly as the build’s own thread does', async () => {
    const root = await project();
    const template = path.join(root, 'templates/list.njk');
    await writeFile(template, `${await readFile(template, 'utf8')}{{ nothing | nosuch }}`);
    const { plan, releases, bodies } = await planned(root);
    try {
      const slices = slicePlan(plan, 3);
      const worker = startRenderWorker({
        root,
        outDir: path.join(root, 'by-worker'),
        site: plan.site,
        releases,
        sliceSize: 3,
        counter: new SharedArrayBuffer(4),
      });
      const inWorker = await worker.finished.catch((error: unknown) => error);
      await worker.stop();
      let next = 0;
      const times = { render: 0, write: 0 };
      const outDir = path.join(root, 'by-main');
      const inMain = await renderSlices(root, outDir, plan, slices, () => next++, times).catch(
        (error: unknown) => error,
      );
      const [fromWorker, fromMain] = [report(inWorker), report(inMain)];
      const shown = path.relative(process.cwd(), template);
      expect(fromWorker).toEqual({
        code: 1,
        err: [
          'The site could not be rendered; a template failed:',
          `  - Having trouble rendering njk template ${shown}`,
          `  - (${shown})`,
          `  Template render error: (${path.join(root, 'templates/_includes/pagination.njk')})`,
          '  Error: filter not found: nosuch',
          'Fix the template named above and build again (GAZETTE_DEBUG=1 adds the stack trace).',
          '',
        ].join('\n'),
      });
      expect(fromMain).toEqual(fromWorker);
    } finally {
      bodies.close();
    }
  });
});

/** What `gazette build` prints for a failure, and its exit code. */
function report(error: unknown): { code: number; err: string } {
  let err = '';
  const code = reportFailure(error, { err: (text) => void (err += text), env: {} });
  return { code, err };
}
