import { appendFile, cp, mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { hashTree, makeProject, runNode, runSourceGazette } from '../build/site-output.ts';
import { makeFolder, repo } from './helpers.ts';
import { CACHE_FOLDER } from '../../src/model/project-paths.ts';

/**
 * The `gazette` command runs the JavaScript compiled into dist/ (bin/gazette.mjs),
 * and the tests import src/. These check that the two agree, worker threads
 * and the search child included, and that the bin never runs a dist/ that is
 * older than src/. The tests' global set-up (tests/compile-setup.ts) has
 * compiled dist/ from src/ as it is, as `npm ci` leaves it.
 */

const compiledCli = path.join(repo, 'dist/cli/gazette.js');

/**
 * What a build prints, with its timings masked (`in 6.60 s` → `in # s`) and
 * without the notes Eleventy adds when a step of a run is slow.
 */
const untimed = (text: string) =>
  text.replace(/^\[11ty\] Benchmark .*\n/gm, '').replace(/\d+(\.\d+)? (s|ms)\b/g, '# $2');

/**
 * The fixture project plus `extra` short releases: past 200 files the loader
 * starts worker threads, which the compiled build must start from dist/.
 */
async function projectWith(extra: number): Promise<string> {
  const root = await makeProject();
  const folder = path.join(root, 'content/corriston-isles/generated');
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < extra; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await writeFile(
      path.join(folder, `notice-${i}.md`),
      `---\narea: Corriston Isles\ntitle: Harbour notice ${i} | Corriston Isles Police\n` +
        `url: https://www.corriston.police.example/news/notice-${i}/\n` +
        `publish:\n  date: 2021-03-${day}T08:${String(i % 60).padStart(2, '0')}:00Z\n---\n\n` +
        `Harbour notice number ${i} for island residents.\n`,
    );
  }
  return root;
}

describe('the compiled CLI', () => {
  test('prints the same --help as the sources', async () => {
    const compiled = await runNode([compiledCli, '--help'], { cwd: repo });
    const source = await runSourceGazette(['--help'], { cwd: repo, env: {} });
    expect(compiled.stdout).toMatch(/^Usage: gazette <command> \[options\]\n/);
    expect(compiled).toEqual(source);
  });

  test('builds the fixture byte for byte as the sources do, on worker threads', async () => {
    const [fromDist, fromSrc] = await Promise.all([projectWith(200), projectWith(200)]);
    // Two render threads and short runs, so the render workers start too, and
    // two Pagefind processes, so the search child starts from dist/ as well.
    const env = {
      GAZETTE_RENDER_THREADS: '2',
      GAZETTE_PAGES_PER_RUN: '40',
      GAZETTE_SEARCH_PROCESSES: '2',
    };
    const compiled = await runNode([compiledCli, 'build'], { cwd: fromDist, env });
    const source = await runSourceGazette(['build'], { cwd: fromSrc, env });
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toMatch(/^Built 214 releases into _site\//);
    expect([untimed(compiled.stdout), untimed(compiled.stderr)]).toEqual([
      untimed(source.stdout),
      untimed(source.stderr),
    ]);
    const [distSite, srcSite] = await Promise.all([
      hashTree(path.join(fromDist, '_site')),
      hashTree(path.join(fromSrc, '_site')),
    ]);
    expect(Object.fromEntries(distSite)).toEqual(Object.fromEntries(srcSite));
  }, 240_000);

  test('indexes a built site in its own child process, as `gazette serve` does', async () => {
    const root = await makeProject();
    expect((await runNode([compiledCli, 'build'], { cwd: root })).code).toBe(0);
    const child = path.join(repo, 'dist/search/index-child.js');
    const cache = path.join(root, CACHE_FOLDER);
    const run = await runNode([child, path.join(root, '_site'), cache], { cwd: root });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ pages: 14 });
  }, 120_000);
});

describe('the gazette bin', () => {
  let app: string;

  // A copy of the checkout whose dist/cli/gazette.js only says that it ran.
  beforeAll(async () => {
    app = await makeFolder();
    for (const part of [
      'bin',
      'src',
      'dist',
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ])
      await cp(path.join(repo, part), path.join(app, part), { recursive: true });
    await symlink(path.join(repo, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    await writeFile(
      path.join(app, 'dist/cli/gazette.js'),
      "process.stdout.write('compiled\\n');\n",
    );
  });

  const help = (env: NodeJS.ProcessEnv = {}) =>
    runNode([path.join(app, 'bin/gazette.mjs'), '--help'], { cwd: app, env });

  test('runs dist/ when it was compiled from src/ as it is', async () => {
    expect(await help()).toMatchObject({ code: 0, stdout: 'compiled\n', stderr: '' });
  });

  test('runs src/ through tsx with GAZETTE_DEV=1', async () => {
    const run = await help({ GAZETTE_DEV: '1' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: gazette/);
  });

  test('runs src/ through tsx when dist/ has no finished compile', async () => {
    const stamp = path.join(app, 'dist/sources.sha256');
    await rename(stamp, `${stamp}.aside`);
    try {
      expect((await help()).stdout).toMatch(/^Usage: gazette/);
    } finally {
      await rename(`${stamp}.aside`, stamp);
    }
  });

  test('runs src/ through tsx once src/ has changed since dist/ was compiled', async () => {
    expect((await help()).stdout).toBe('compiled\n');
    await appendFile(path.join(app, 'src/cli/main.ts'), '\n// An edit made after compiling.\n');
    const run = await help();
    // Not a terminal: nothing is said about it, and the output is the sources' own.
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: gazette/);
  });
});
