import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, loadArchive } from '../../src/api/index.ts';
import { BuiltSite, projectsRemovedAfterAll } from '../build/site-output.ts';
import { repo } from './helpers.ts';

const pkg = async () =>
  JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;

describe("Gazette's package", () => {
  test('is MIT-licensed, and LICENSE holds that licence and its copyright', async () => {
    expect((await pkg()).license).toBe('MIT');
    const licence = await readFile(path.join(repo, 'LICENSE'), 'utf8');
    expect(licence.split('\n').slice(0, 3)).toEqual([
      'MIT License',
      '',
      'Copyright (c) 2026 The Gazette authors',
    ]);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  test('runs on Node 20.18 and later: the 20, 22 and 24 lines', async () => {
    expect((await pkg()).engines).toEqual({ node: '>=20.18' });
  });

  test('may be published: not private, with its command, files and typed main export', async () => {
    const manifest = await pkg();
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ gazette: 'bin/gazette.mjs' });
    expect(manifest.files).toEqual([
      'bin/',
      'dist/',
      'templates/',
      '.github/workflows/pages.yml',
      'netlify.toml',
    ]);
    expect(manifest.exports).toEqual({
      '.': { types: './dist/api/index.d.ts', default: './dist/api/index.js' },
      './package.json': './package.json',
    });
    expect(manifest.types).toBe('./dist/api/index.d.ts');
  });
});

describe('what npm pack puts in the tarball', () => {
  let files: string[];

  beforeAll(() => {
    // --ignore-scripts: `prepare` would compile dist/ again, racing tests/cli/compiled.test.ts,
    // which compiles it when stale. dist/ is as `npm ci` left it; the proof test
    // (init-proof.test.ts) packs a compiled copy and runs it.
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    const [listing] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    files = listing.files.map((file) => file.path).sort();
  }, 300_000);

  test('holds only what runs: the bin, the compiled code, the theme, the recipes init copies', () => {
    const tops = [...new Set(files.map((file) => file.split('/')[0]))].sort();
    expect(tops).toEqual([
      '.github',
      'LICENSE',
      'README.md',
      'bin',
      'dist',
      'netlify.toml',
      'package.json',
      'templates',
    ]);
    expect(files.filter((file) => file.startsWith('.github/'))).toEqual([
      '.github/workflows/pages.yml',
    ]);
  });

  test('has no tests, fixtures, sources, sample content or sample settings', () => {
    const unwanted = files.filter((file) =>
      /(^|\/)(tests?|fixtures|content|src|bench|scripts|docs)\/|^(site\.json|areas\.yaml)$|\.test\.|\.ts$(?<!\.d\.ts)/.test(
        file,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  test('has compiled JavaScript and types alone under dist/', () => {
    const dist = files.filter((file) => file.startsWith('dist/'));
    expect(dist.filter((file) => !/\.(js|d\.ts)$|^dist\/sources\.sha256$/.test(file))).toEqual([]);
  });

  test('has the bin and the whole theme', () => {
    for (const file of [
      'bin/gazette.mjs',
      'bin/compiled.mjs',
      'templates/release.njk',
      'templates/_includes/footer.njk',
      'templates/assets/style.css',
      'templates/assets/share.png',
    ]) {
      expect(files, file).toContain(file);
    }
  });
});

describe('the programmatic API (the main export)', () => {
  const project = projectsRemovedAfterAll();

  test('loads an archive and builds its site', async () => {
    const root = await project();
    const archive = await loadArchive(root, { env: {} });
    expect(archive.site.title).toBe('Fixture Gazette');
    expect(archive.releases.length).toBeGreaterThan(5);
    expect(archive.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = await buildSite({ root, env: {} });
    expect(result.ok).toBe(true);
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect(site.page('/')('title').text()).toContain('Fixture Gazette');
  });
});
