import { spawnSync } from 'node:child_process';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { fixtureDir, hashTree, projectsRemovedAfterAll, tsxLoader } from './site-output.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const project = projectsRemovedAfterAll();
// Pinned, so that both builds agree on which releases are embargoed.
const env = { GAZETTE_PATH_PREFIX: 'news', GAZETTE_NOW: '2030-01-01T00:00:00Z' };

/** Runs Eleventy's own command in `root` with the repository's .eleventy.ts, as the README says. */
function runEleventy(root: string): { status: number | null; output: string } {
  const eleventy = path.join(repo, 'node_modules/@11ty/eleventy/cmd.cjs');
  const config = `--config=${path.join(repo, '.eleventy.ts')}`;
  const run = spawnSync(process.execPath, ['--import', tsxLoader, eleventy, config], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('Eleventy run by itself with .eleventy.ts', () => {
  test('writes byte for byte the files gazette build writes, under a path prefix too', async () => {
    const [direct, built] = [await project(), await project()];
    const run = runEleventy(direct);
    expect(run.status, run.output).toBe(0);
    expect((await buildSite({ root: built, env, cache: false })).ok).toBe(true);
    const files = await hashTree(path.join(direct, '_site'));
    expect(files.get('index.html')).toBeDefined();
    expect(Object.fromEntries(files)).toEqual(
      Object.fromEntries(await hashTree(path.join(built, '_site'))),
    );
  });

  test('stops with the located report, writing no page, when a release has an error', async () => {
    const root = await project();
    await cp(path.join(fixtureDir, 'broken/brindlecombe'), path.join(root, 'content/broken'), {
      recursive: true,
    });
    const run = runEleventy(root);
    expect(run.status).toBe(1);
    expect(run.output).toContain(
      'content/broken/impossible-date.md:6:9  error  The date "10:00 31/02/2023" does not exist: month 2 of 2023 has 28 days.  [bad-date]',
    );
    const written = await readdir(path.join(root, '_site'), { recursive: true }).catch(() => []);
    expect(written.filter((file) => file.endsWith('.html'))).toEqual([]);
  });
});
