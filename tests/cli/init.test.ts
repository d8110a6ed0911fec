import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { checkContent } from '../../src/cli/check.ts';
import { runInit } from '../../src/cli/init.ts';
import { gazetteVersion } from '../../src/cli/version.ts';
import { loadAreaRegistry } from '../../src/load/area-registry.ts';
import { BuiltSite } from '../build/site-output.ts';
import { captureIo, makeFolder, repo } from './helpers.ts';

const WESTSHIRE = { title: 'Westshire archive', url: 'https://archive.westshire.example' };

/** Runs `gazette init <dir>` in a fresh folder, with no terminal to ask at. */
async function init(options: Partial<Parameters<typeof runInit>[0]> = {}, dir = 'my-archive') {
  const cwd = await makeFolder();
  const { io, streams } = captureIo(cwd);
  const code = await runInit({ dir, ...options }, io, null);
  return { code, streams, root: path.join(cwd, dir), cwd };
}

const readJson = async (file: string) =>
  JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

const gazetteJsYaml = (
  JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies['js-yaml'];

describe('gazette init', () => {
  test('writes a project: package.json, settings, areas, an example, deploy recipes, README', async () => {
    const { code, streams, root } = await init(WESTSHIRE);
    expect(code).toBe(0);
    expect(streams.err).toBe('');
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
    expect(files).toEqual([
      '.github/workflows/pages.yml',
      '.gitignore',
      'README.md',
      'areas.yaml',
      'content/example-area/2024/example-release-delete-me.md',
      'netlify.toml',
      'package.json',
      'site.json',
    ]);
    expect(streams.out).toBe(
      [
        'Created a Gazette archive in my-archive/.',
        'Next:',
        '  cd my-archive',
        '  npm install',
        '  npm start',
        'Then read my-archive/README.md: what to change before the first deploy.',
        '',
      ].join('\n'),
    );
  });

  test('package.json depends on this Gazette and has the usual scripts', async () => {
    const { root } = await init(WESTSHIRE);
    const manifest = await readJson(path.join(root, 'package.json'));
    expect(manifest).toMatchObject({
      name: 'my-archive',
      private: true,
      type: 'module',
      dependencies: { gazette: `^${gazetteVersion()}` },
      // As Gazette's own package.json has it: one js-yaml, Gazette's.
      overrides: { 'gray-matter': { 'js-yaml': gazetteJsYaml } },
    });
    expect(Object.keys(manifest.scripts as object).sort()).toEqual([
      'build',
      'check',
      'new',
      'preview',
      'start',
    ]);
    const spec = await init({ ...WESTSHIRE, gazetteSpec: 'file:../gazette-0.1.0.tgz' });
    expect(await readJson(path.join(spec.root, 'package.json'))).toMatchObject({
      dependencies: { gazette: 'file:../gazette-0.1.0.tgz' },
    });
  });

  test('site.json has the title and address given, and the theme’s share image', async () => {
    const { root } = await init({ ...WESTSHIRE, url: 'https://archive.westshire.example/' });
    expect(await readJson(path.join(root, 'site.json'))).toMatchObject({
      title: 'Westshire archive',
      url: 'https://archive.westshire.example',
      timeZone: 'Europe/London',
      image: { url: '/assets/share.png', width: 1200, height: 630 },
    });
  });

  test('the deploy recipes are Gazette’s own, and .gitignore leaves out what builds make', async () => {
    const { root } = await init(WESTSHIRE);
    for (const recipe of ['.github/workflows/pages.yml', 'netlify.toml']) {
      expect(await readFile(path.join(root, recipe), 'utf8')).toBe(
        await readFile(path.join(repo, recipe), 'utf8'),
      );
    }
    expect((await readFile(path.join(root, '.gitignore'), 'utf8')).split('\n')).toEqual(
      expect.arrayContaining(['node_modules/', '_site/', '.cache/']),
    );
  });

  test('areas.yaml is comments and no areas, so every area is taken as written', async () => {
    const { root } = await init(WESTSHIRE);
    const text = await readFile(path.join(root, 'areas.yaml'), 'utf8');
    expect(text).toMatch(/^# The areas/);
    expect(await loadAreaRegistry(root)).toEqual({ ok: true, registry: null });
  });

  test('the project checks clean and builds: title, canonical URLs on its host, share image', async () => {
    const { root } = await init(WESTSHIRE);
    expect(await checkContent({ root, paths: [], json: false, strict: true }, root)).toEqual({
      files: 1,
      diagnostics: [],
    });
    const result = await buildSite({ root, env: {} });
    expect(result.ok && result.diagnostics).toEqual([]);
    const site = await BuiltSite.read(path.join(root, '_site'));
    const home = site.page('/');
    expect(home('.site-title').text()).toBe('Westshire archive');
    expect(home('link[rel=canonical]').attr('href')).toBe('https://archive.westshire.example/');
    expect(home('meta[property="og:image"]').attr('content')).toBe(
      'https://archive.westshire.example/assets/share.png',
    );
    expect(site.has('/assets/share.png')).toBe(true);
    // The example says what it is wherever it shows.
    expect(home('main').text()).toContain('Example release: delete this file before you publish');
  });

  test('the README says what to change before the first deploy', async () => {
    const { root } = await init(WESTSHIRE);
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Westshire archive\n/);
    expect(readme).toContain('## Before the first deploy');
    expect(readme).toContain('content/example-area/2024/example-release-delete-me.md');
    expect(readme).toContain('templates/assets/share.png');
  });

  test('--empty leaves content/ empty of releases', async () => {
    const { root } = await init({ ...WESTSHIRE, empty: true });
    expect(await readdir(path.join(root, 'content'))).toEqual(['.gitkeep']);
    expect(await readFile(path.join(root, 'README.md'), 'utf8')).not.toContain('example-release');
  });

  test('with no flags and no terminal, site.json holds placeholders that check reports', async () => {
    const { code, streams, root } = await init();
    expect(code).toBe(0);
    expect(streams.out).toContain(
      "site.json's title and url hold placeholders: set them before the first deploy (`npx gazette check` names them).",
    );
    const { diagnostics } = await checkContent(
      { root, paths: [], json: false, strict: true },
      root,
    );
    expect(diagnostics.map(({ file, line, field, rule }) => ({ file, line, field, rule }))).toEqual(
      [
        { file: 'site.json', line: 2, field: 'title', rule: 'site-placeholder' },
        { file: 'site.json', line: 4, field: 'url', rule: 'site-placeholder' },
      ],
    );
  });

  test('asks for the title and address on a terminal', async () => {
    const cwd = await makeFolder();
    const { io } = captureIo(cwd);
    const asked: string[] = [];
    const answers = ['Westshire archive', 'https://archive.westshire.example'];
    const ask = async (question: string) => (asked.push(question), answers.shift() ?? '');
    expect(await runInit({ dir: 'my-archive' }, io, ask)).toBe(0);
    expect(asked).toEqual(['Title of the archive: ', 'Address it is published at (https://…): ']);
    expect(await readJson(path.join(cwd, 'my-archive/site.json'))).toMatchObject(WESTSHIRE);
  });

  test('never writes into a folder that holds anything, and says which', async () => {
    const cwd = await makeFolder();
    await mkdir(path.join(cwd, 'my-archive'));
    await writeFile(path.join(cwd, 'my-archive/notes.txt'), 'mine\n');
    const { io, streams } = captureIo(cwd);
    expect(await runInit({ dir: 'my-archive', ...WESTSHIRE }, io, null)).toBe(1);
    expect(streams.err).toBe(
      'my-archive/ is not empty (it holds notes.txt), and gazette init never writes over anything. Name a new folder, such as npx gazette init my-archive.\n',
    );
    expect(await readdir(path.join(cwd, 'my-archive'))).toEqual(['notes.txt']);
  });

  test('writes into an empty folder that exists', async () => {
    const cwd = await makeFolder();
    await mkdir(path.join(cwd, 'my-archive'));
    const { io } = captureIo(cwd);
    expect(await runInit({ dir: 'my-archive', ...WESTSHIRE }, io, null)).toBe(0);
    expect(existsSync(path.join(cwd, 'my-archive/site.json'))).toBe(true);
  });

  test('refuses an address that is not absolute http(s), writing nothing', async () => {
    const { code, streams, cwd } = await init({ url: 'archive.westshire.example' });
    expect(code).toBe(1);
    expect(streams.err).toBe(
      'The address "archive.westshire.example" must be an absolute http(s) URL: give it as https://archive.example.org, or leave it out for a placeholder to fill in later.\n',
    );
    expect(await readdir(cwd)).toEqual([]);
  });
});
