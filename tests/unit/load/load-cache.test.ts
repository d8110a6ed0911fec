import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadReleases, type LoadSettings } from '../../../src/load/load-releases.ts';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

function release(n: number, body = `Body of release ${n}.`): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  return [
    '```yaml',
    `area: ${['Wexmoor', 'Harrowdale', 'Fenbridge'][n % 3]}`,
    `title: Release number ${n} | Wexmoor Police`,
    `url: https://www.wexmoor.police.example/news/${n}/`,
    'publish:',
    `  date: 10:${String(n % 60).padStart(2, '0')} ${day}/06/2021`,
    '```',
    '',
    body,
    '',
  ].join('\n');
}

async function project(count: number): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-cache-'));
  roots.push(root);
  await mkdir(path.join(root, 'content'), { recursive: true });
  for (let n = 0; n < count; n++)
    await writeFile(path.join(root, 'content', `r${n}.txt`), release(n));
  return root;
}

const London = { timeZone: 'Europe/London' };
const load = (root: string, settings: LoadSettings, options = London) =>
  loadReleases(root, 'content', options, settings);

describe('the load cache', () => {
  test('parses every file on the first load and none on a second load of unchanged files', async () => {
    const root = await project(12);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    expect((await load(root, settings)).stats).toEqual({ files: 12, parsed: 12 });
    expect((await load(root, settings)).stats).toEqual({ files: 12, parsed: 0 });
  });

  test('gives exactly the records a load without a cache gives', async () => {
    const root = await project(12);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const { releases, diagnostics } = await load(root, settings);
    const fresh = await load(root, { threads: 1 });
    expect({ releases, diagnostics }).toEqual({
      releases: fresh.releases,
      diagnostics: fresh.diagnostics,
    });
  });

  test('parses again only the file whose bytes changed, and shows the change', async () => {
    const root = await project(12);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    await writeFile(path.join(root, 'content', 'r5.txt'), release(5, 'An edited body.'));
    const second = await load(root, settings);
    expect(second.stats).toEqual({ files: 12, parsed: 1 });
    expect(second.releases.find((r) => r.file === 'content/r5.txt')?.bodyHtml).toBe(
      '<p>An edited body.</p>',
    );
  });

  test('parses everything again when the time zone changes, since dates would read differently', async () => {
    const root = await project(4);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const other = await load(root, settings, { timeZone: 'America/New_York' });
    expect(other.stats).toEqual({ files: 4, parsed: 4 });
    expect(await readdir(settings.cacheDir)).toHaveLength(1);
  });

  test('forgets files that were removed', async () => {
    const root = await project(3);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    await rm(path.join(root, 'content', 'r1.txt'));
    expect((await load(root, settings)).releases.map((r) => r.file).sort()).toEqual([
      'content/r0.txt',
      'content/r2.txt',
    ]);
  });
});

describe('parsing across worker threads', () => {
  test('gives the same records, in the same order, as parsing in one thread', async () => {
    const root = await project(240);
    const one = await load(root, { threads: 1 });
    const two = await load(root, { threads: 2 });
    expect(two.releases).toHaveLength(240);
    expect(two).toEqual(one);
  });
});

describe('the load cache and file times', () => {
  test('does not parse a file again when only its modification time changed', async () => {
    const root = await project(3);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const { utimes } = await import('node:fs/promises');
    await utimes(path.join(root, 'content', 'r1.txt'), new Date(), new Date(Date.now() + 5000));
    expect((await load(root, settings)).stats).toEqual({ files: 3, parsed: 0 });
  });

  test('parses a file again when its bytes changed, even if its size did not', async () => {
    const root = await project(3);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const file = path.join(root, 'content', 'r2.txt');
    const { readFile, utimes } = await import('node:fs/promises');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Body of release 2.', 'Body of release X.'));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = await load(root, settings);
    expect(second.stats).toEqual({ files: 3, parsed: 1 });
    expect(second.releases.find((r) => r.file === 'content/r2.txt')?.bodyHtml).toBe(
      '<p>Body of release X.</p>',
    );
  });
});

describe('the load cache across many rebuilds', () => {
  test('keeps every edit, addition and removal right through a series of small changes', async () => {
    const root = await project(80);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    await writeFile(path.join(root, 'content', 'r3.txt'), release(3, 'First edit.'));
    await load(root, settings);
    await rm(path.join(root, 'content', 'r4.txt'));
    await writeFile(path.join(root, 'content', 'r90.txt'), release(90));
    await load(root, settings);
    await writeFile(path.join(root, 'content', 'r3.txt'), release(3, 'Second edit.'));
    const cached = await load(root, settings);
    expect(cached.stats).toEqual({ files: 80, parsed: 1 });
    const fresh = await load(root, { threads: 1 });
    expect(cached.releases).toEqual(fresh.releases);
    expect(cached.releases.find((r) => r.file === 'content/r3.txt')?.bodyHtml).toBe(
      '<p>Second edit.</p>',
    );
    expect((await load(root, settings)).stats).toEqual({ files: 80, parsed: 0 });
  });
});
