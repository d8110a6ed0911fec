import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/build/build-site.ts';
import { CACHE_FOLDER, OUTPUT_FOLDER, projectPaths } from '../../src/model/project-paths.ts';
import { hashTree, projectsRemovedAfterAll, runGazette } from './site-output.ts';

/**
 * A deploy on CI restores `.cache/gazette` and `_site` from the last deploy
 * (.github/workflows/pages.yml, Netlify's build cache) into a fresh clone: a
 * different folder, every file with a new modification time, and whatever the
 * last runner left in the cache, a lock included. The build from there must
 * give the site, search index included, that a cold build of the same content
 * gives, byte for byte.
 */

const project = projectsRemovedAfterAll();

/** Copies the caches of `from` into `to`, as a cache restore on a new runner does. */
async function restoreCaches(from: string, to: string): Promise<void> {
  // fs.cp gives every copy a new modification time, as a fresh clone's files have.
  for (const folder of [CACHE_FOLDER, OUTPUT_FOLDER]) {
    await cp(path.join(from, folder), path.join(to, folder), { recursive: true });
  }
}

/** Writes the day's new releases into the project at `root`. */
async function addReleases(root: string, names: readonly string[]): Promise<void> {
  const folder = path.join(root, 'content/brindlecombe/2026');
  await mkdir(folder, { recursive: true });
  for (const [i, name] of names.entries()) {
    await writeFile(
      path.join(folder, `${name}.md`),
      `---\narea: Brindlecombe\ntitle: ${name.replaceAll('-', ' ')} | Brindlecombe Police\n` +
        `url: https://www.brindlecombe.police.example/news/${name}/\n` +
        `publish:\n  date: 2026-11-${String(20 + i)}T10:30:00Z\n---\n\n` +
        `Officers in Brindlecombe ask anyone who saw the ${name.replaceAll('-', ' ')} to come forward.\n`,
    );
  }
}

/** A cold build, search included, of the fixture plus `releases`: its output's hashes. */
async function coldBuild(releases: readonly string[]): Promise<Record<string, string>> {
  const root = await project();
  await addReleases(root, releases);
  const result = await buildSite({ root, env: {}, cache: false, search: true });
  expect(result.ok).toBe(true);
  return Object.fromEntries(await hashTree(path.join(root, OUTPUT_FOLDER)));
}

const done = (r: BuildResult) =>
  r.ok
    ? { incremental: r.incremental, rendered: r.rendered, search: r.search?.kind }
    : r.diagnostics;

describe('a build from caches restored into a fresh clone', () => {
  let last: string;

  beforeAll(async () => {
    last = await project();
    const result = await buildSite({ root: last, env: {}, search: true });
    expect(result.ok).toBe(true);
  });

  test('with the day’s new releases, matches a cold build byte for byte, search index included', async () => {
    const releases = ['van-stolen-from-quay-street', 'footbridge-closed-after-collision'];
    const clone = await project();
    await restoreCaches(last, clone);
    await addReleases(clone, releases);
    const result = await buildSite({ root: clone, env: {}, search: true });
    const pages = result.ok ? result.pages : 0;
    // The restored caches were used: an update, not every page rendered again.
    expect(done(result)).toMatchObject({ incremental: true, search: 'indexed' });
    expect(result.ok && result.rendered).toBeGreaterThan(0);
    expect(result.ok && result.rendered).toBeLessThan(pages);
    expect(Object.fromEntries(await hashTree(path.join(clone, OUTPUT_FOLDER)))).toEqual(
      await coldBuild(releases),
    );
  });

  test('with nothing new, renders no page and keeps the search index', async () => {
    const clone = await project();
    await restoreCaches(last, clone);
    const result = await buildSite({ root: clone, env: {}, search: true });
    expect(done(result)).toEqual({ incremental: true, rendered: 0, search: 'unchanged' });
    expect(Object.fromEntries(await hashTree(path.join(clone, OUTPUT_FOLDER)))).toEqual(
      await coldBuild([]),
    );
  });

  test('with a lock left by a build on another runner, goes ahead through `gazette build`', async () => {
    const clone = await project();
    await restoreCaches(last, clone);
    // pid 1 runs here too, so the id alone would look alive: the host and boot tell it apart.
    const lock = projectPaths(clone).lock;
    const stranger = {
      pid: 1,
      host: 'fv-az512-733',
      boot: '3f1c9e2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      started: '412',
      command: 'gazette build',
      since: '2026-11-30T06:12:09.000Z',
    };
    await writeFile(lock, `${JSON.stringify(stranger)}\n`);
    const releases = ['bus-shelter-damaged'];
    await addReleases(clone, releases);
    const run = await runGazette(['build'], { cwd: clone, env: {} });
    expect(run.stderr).not.toContain('Another Gazette process');
    expect(run.code).toBe(0);
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(Object.fromEntries(await hashTree(path.join(clone, OUTPUT_FOLDER)))).toEqual(
      await coldBuild(releases),
    );
  });
});
