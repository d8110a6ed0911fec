import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { BuiltSite, hashTree, projectsRemovedAfterAll } from '../build/site-output.ts';
import { captureIo } from './helpers.ts';

/**
 * `gazette build --output`, `--site-url` and `--path-prefix`, run in-process
 * as a person types them: the flags win over GAZETTE_SITE_URL and
 * GAZETTE_PATH_PREFIX, which still win over site.json.
 */

const newProject = projectsRemovedAfterAll();

async function build(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { io, streams } = captureIo(cwd, Date.UTC(2030, 0, 1), env);
  const code = await main(['build', ...args], io);
  return { code, ...streams };
}

/** The canonical URL of the home page in `output`. */
async function homeCanonical(output: string): Promise<string | undefined> {
  const site = await BuiltSite.read(output);
  return site.page('/')('link[rel="canonical"]').attr('href');
}

describe('gazette build --output', () => {
  test('builds into the folder it names, from the current folder, and says so', async () => {
    const root = await newProject();
    const run = await build(root, ['--output', 'public']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Built \d+ releases into public\/ \(\d+ pages\)/);
    expect((await BuiltSite.read(path.join(root, 'public'))).files.has('index.html')).toBe(true);
    await expect(readFile(path.join(root, '_site/index.html'))).rejects.toThrow(/ENOENT/);
  });

  test('is read from the current folder when --root names the project', async () => {
    const root = await newProject();
    const cwd = path.dirname(root);
    const out = `${path.basename(root)}-out`;
    const run = await build(cwd, ['--root', path.basename(root), '--output', out]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(` into ${out}/ (`);
  });

  test('a cached build into another folder renders all of it, as a fresh build would', async () => {
    const root = await newProject();
    expect((await build(root, [])).code).toBe(0);
    const other = await build(root, ['--output', 'elsewhere']);
    expect(other.code).toBe(0);
    // Not "updated 0 of N pages": the cache describes _site/, not this folder.
    expect(other.out).toMatch(/ into elsewhere\/ \(\d+ pages\)/);
    const fresh = await build(root, ['--fresh', '--output', 'fresh']);
    expect(fresh.code).toBe(0);
    expect(await hashTree(path.join(root, 'elsewhere'))).toEqual(
      await hashTree(path.join(root, 'fresh')),
    );
    expect(await hashTree(path.join(root, 'elsewhere'))).toEqual(
      await hashTree(path.join(root, '_site')),
    );
  });

  test.each([
    ['.', 'The output folder . holds the project itself'],
    ['..', 'The output folder .. holds the project itself'],
    [
      'content',
      'The output folder content holds files but no index.html, so it is not a built site',
    ],
  ])('refuses --output %s, which a build would replace whole, and keeps it', async (dir, why) => {
    const root = await newProject();
    const before = await hashTree(path.join(root, 'content'));
    const run = await build(root, ['--output', dir]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(why);
    expect(run.err).toContain('every build replaces its output folder whole');
    expect(await hashTree(path.join(root, 'content'))).toEqual(before);
  });

  test('builds into an empty folder that is there already', async () => {
    const root = await newProject();
    await mkdir(path.join(root, 'empty'));
    expect((await build(root, ['--output', 'empty'])).code).toBe(0);
  });

  test('refuses a file', async () => {
    const root = await newProject();
    await writeFile(path.join(root, 'notes.txt'), 'keep me\n');
    const run = await build(root, ['--output', 'notes.txt']);
    expect([run.code, run.err]).toEqual([
      1,
      'The output folder notes.txt is a file. Build into a folder, such as _site.\n' +
        'Build stopped. The previous notes.txt/ is unchanged.\n',
    ]);
  });
});

describe('gazette build --site-url and --path-prefix', () => {
  test('move canonical URLs and links, winning over the environment variables', async () => {
    const root = await newProject();
    const env = {
      GAZETTE_SITE_URL: 'https://from-env.example',
      GAZETTE_PATH_PREFIX: '/env/',
    };
    const run = await build(
      root,
      ['--site-url', 'https://owner.github.example', '--path-prefix', 'archive'],
      env,
    );
    expect(run.code).toBe(0);
    const site = await BuiltSite.read(path.join(root, '_site'));
    const home = site.page('/');
    expect(home('link[rel="canonical"]').attr('href')).toBe(
      'https://owner.github.example/archive/',
    );
    expect(home('a[href="/archive/areas/"]').length).toBeGreaterThan(0);
  });

  test('leave the environment variables in force when not given', async () => {
    const root = await newProject();
    const run = await build(root, [], { GAZETTE_SITE_URL: 'https://from-env.example' });
    expect(run.code).toBe(0);
    expect(await homeCanonical(path.join(root, '_site'))).toBe('https://from-env.example/');
  });

  test.each([
    [
      ['--site-url', 'news.example.org'],
      '--site-url "news.example.org" must be an absolute http(s) URL.',
    ],
    [
      ['--path-prefix', '/../up/'],
      '--path-prefix "/../up/" must be a folder path such as /archive/ (letters, digits, . _ ~ - and slashes).',
    ],
  ])('refuse %j as a usage error, before building', async (args, message) => {
    const root = await newProject();
    expect(await build(root, args)).toEqual({
      code: 2,
      out: '',
      err: `${message}\nRun \`npx gazette build --help\` for its options and examples.\n`,
    });
  });
});

describe('GAZETTE_SITE_URL and GAZETTE_PATH_PREFIX', () => {
  test.each([
    [
      { GAZETTE_SITE_URL: 'staging' },
      'GAZETTE_SITE_URL holds "staging", which must be an absolute http(s) URL. Set it as GAZETTE_SITE_URL=https://news.example.org, or unset it to use the url in site.json.',
    ],
    [
      { GAZETTE_PATH_PREFIX: '/a b/' },
      'GAZETTE_PATH_PREFIX holds "/a b/", which must be a folder path such as /archive/ (letters, digits, . _ ~ - and slashes). Set it as GAZETTE_PATH_PREFIX=/archive/, or unset it to use the pathPrefix in site.json.',
    ],
  ])('%j is refused by name, not blamed on site.json', async (env, message) => {
    const root = await newProject();
    const run = await build(root, [], env);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`${message}\nBuild stopped. The previous _site/ is unchanged.\n`);
  });
});
