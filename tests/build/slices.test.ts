import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite, slicePlan } from '../../src/build/build-site.ts';
import type { SitePlan } from '../../src/site/site-model.ts';
import { hashTree, makeProject } from './site-output.ts';

const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

function planOf(releaseCount: number, listCount: number): SitePlan {
  return { releaseCount, listCount } as SitePlan;
}

describe('slicePlan', () => {
  test('cuts releases, then lists, into runs of at most the given size', () => {
    expect(slicePlan(planOf(5, 3), 2)).toEqual([
      { releases: [0, 2], lists: [0, 0], oneOffs: true },
      { releases: [2, 4], lists: [0, 0], oneOffs: false },
      { releases: [4, 5], lists: [0, 0], oneOffs: false },
      { releases: [0, 0], lists: [0, 2], oneOffs: false },
      { releases: [0, 0], lists: [2, 3], oneOffs: false },
    ]);
  });

  test('still makes one run for the one-off pages when there are no releases', () => {
    expect(slicePlan(planOf(0, 0), 10)).toEqual([
      { releases: [0, 0], lists: [0, 0], oneOffs: true },
    ]);
  });
});

describe('a build cut into many small runs', () => {
  test('writes exactly the files of a build made in one run', async () => {
    const [whole, sliced] = [await makeProject(), await makeProject()];
    cleanup.push(whole, sliced);
    const one = await buildSite({ root: whole, env: {} });
    const many = await buildSite({ root: sliced, env: {}, pagesPerRun: 3 });
    expect(one.ok && many.ok && [one.pages, many.pages]).toEqual([
      one.ok && one.pages,
      one.ok && one.pages,
    ]);
    const [a, b] = [
      await hashTree(path.join(whole, '_site')),
      await hashTree(path.join(sliced, '_site')),
    ];
    expect(a.size).toBeGreaterThan(20);
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
  });
});
