import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hashTree } from '../../build/site-output.ts';
import {
  loadReleases,
  type LoadResult,
  type LoadSettings,
} from '../../../src/load/load-releases.ts';
import { runWorker } from '../../../src/load/load-pool.ts';
import type { SourceResult } from '../../../src/load/source-file.ts';
import { loadSourceFile } from '../../../src/load/to-release.ts';

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

/** Releases with their bodies read, whether inline or from the cache's body file. */
function withBodies(result: LoadResult) {
  return result.releases.map((r) => ({ ...r, body: result.bodies.read(r.body) }));
}

function bodyOf(result: LoadResult, file: string): string | undefined {
  const release = result.releases.find((r) => r.file === file);
  return release && result.bodies.read(release.body);
}
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
    const second = await load(root, settings);
    const fresh = await load(root, { threads: 1 });
    expect({ releases: withBodies(second), diagnostics: second.diagnostics }).toEqual({
      releases: withBodies(fresh),
      diagnostics: fresh.diagnostics,
    });
  });

  test('reads back whole records whose Open Graph fields repeat others, differ or are missing', async () => {
    const root = await project(0);
    const og = (lines: string[]) => ['og:', ...lines.map((line) => `  ${line}`)];
    const variants = [
      // The house format: og.title is the headline, og.description the description, og.url the source.
      og([
        'title: Release number 0',
        'description: What happened.',
        'url: https://www.wexmoor.police.example/news/0/',
      ]),
      og([
        'title: Another title',
        'description: Something else.',
        'url: https://www.wexmoor.police.example/elsewhere/',
        'image: https://www.wexmoor.police.example/p.jpg',
      ]),
      og(['locale: en_GB']),
      [],
    ];
    for (const [n, extra] of variants.entries()) {
      const text = release(n).replace('publish:', [...extra, 'publish:'].join('\n'));
      await writeFile(path.join(root, 'content', `og${n}.txt`), text);
    }
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const cached = await load(root, settings);
    expect(cached.stats.parsed).toBe(0);
    const fresh = await load(root, { threads: 1 });
    expect(fresh.diagnostics).toEqual([]);
    expect(withBodies(cached)).toEqual(withBodies(fresh));
    // The first variant really is stored with repeats: its og fields come back all the same.
    const first = cached.releases.find((r) => r.file === 'content/og0.txt');
    expect(first?.og).toEqual({
      title: first?.headline,
      description: first?.description,
      url: first?.sourceUrl,
    });
  });

  test('parses again only the file whose bytes changed, and shows the change', async () => {
    const root = await project(12);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    await writeFile(path.join(root, 'content', 'r5.txt'), release(5, 'An edited body.'));
    const second = await load(root, settings);
    expect(second.stats).toEqual({ files: 12, parsed: 1 });
    expect(bodyOf(second, 'content/r5.txt')).toBe('<p>An edited body.</p>');
  });

  test('parses everything again when the time zone changes, since dates would read differently', async () => {
    const root = await project(4);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const other = await load(root, settings, { timeZone: 'America/New_York' });
    expect(other.stats).toEqual({ files: 4, parsed: 4 });
    // One snapshot, its stamps and its body file, all of the new loader version.
    const names = await readdir(settings.cacheDir);
    expect(names).toHaveLength(3);
    expect(new Set(names.map((name) => name.slice(0, 'load-'.length + 16))).size).toBe(1);
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

describe('the load cache opened only for reading', () => {
  test('takes unchanged files from it, parses the rest, and writes nothing', async () => {
    const root = await project(12);
    const cacheDir = path.join(root, '.cache');
    await load(root, { cacheDir, threads: 1 });
    await writeFile(path.join(root, 'content', 'r5.txt'), release(5, 'An edited body.'));
    await writeFile(path.join(root, 'content', 'r12.txt'), release(12));
    await rm(path.join(root, 'content', 'r3.txt'));
    const before = await hashTree(cacheDir);

    const read = await load(root, { cacheDir, threads: 1, readOnly: true });
    expect(read.stats).toEqual({ files: 12, parsed: 2 });
    expect(await hashTree(cacheDir)).toEqual(before);
    // Exactly what a load without a cache gives, the new and edited bodies included.
    const fresh = await load(root, { threads: 1 });
    expect({ releases: withBodies(read), diagnostics: read.diagnostics }).toEqual({
      releases: withBodies(fresh),
      diagnostics: fresh.diagnostics,
    });
    expect(bodyOf(read, 'content/r5.txt')).toBe('<p>An edited body.</p>');
    read.bodies.close();

    // The writable cache still holds the old r5 and sees the change itself.
    expect((await load(root, { cacheDir, threads: 1 })).stats).toEqual({ files: 12, parsed: 2 });
  });

  test('parses everything, and creates nothing, when there is no cache yet', async () => {
    const root = await project(3);
    const cacheDir = path.join(root, '.cache');
    const read = await load(root, { cacheDir, threads: 1, readOnly: true });
    expect(read.stats).toEqual({ files: 3, parsed: 3 });
    await expect(stat(cacheDir)).rejects.toThrow(/ENOENT/);
  });

  test('trusts nothing from a body file cut short, and leaves it as it is', async () => {
    const root = await project(4);
    const cacheDir = path.join(root, '.cache');
    await load(root, { cacheDir, threads: 1 });
    const bodyFile = (await readdir(cacheDir)).find((name) => name.includes('.bodies-')) ?? '';
    await truncate(path.join(cacheDir, bodyFile), 10);
    const before = await hashTree(cacheDir);
    const read = await load(root, { cacheDir, threads: 1, readOnly: true });
    expect(read.stats).toEqual({ files: 4, parsed: 4 });
    expect(bodyOf(read, 'content/r2.txt')).toBe('<p>Body of release 2.</p>');
    expect(await hashTree(cacheDir)).toEqual(before);
  });
});

describe('the body file', () => {
  const bodyFile = async (dir: string) => {
    const name = (await readdir(dir)).find((n) => n.includes('.bodies-'));
    if (name === undefined) throw new Error('no body file');
    return path.join(dir, name);
  };

  test('keeps bodies out of the snapshot and reads them back byte for byte', async () => {
    const root = await project(5);
    await writeFile(path.join(root, 'content', 'r1.txt'), release(1, 'Café “quoted” – ünïcode ✓.'));
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const cached = await load(root, settings);
    expect(cached.stats.parsed).toBe(0);
    expect(cached.releases[0]?.body).not.toHaveProperty('html');
    expect(bodyOf(cached, 'content/r1.txt')).toBe('<p>Café “quoted” – ünïcode ✓.</p>');
    expect(withBodies(cached)).toEqual(withBodies(await load(root, { threads: 1 })));
  });

  test('a body file cut short is not trusted: everything is parsed again', async () => {
    const root = await project(6);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    const file = await bodyFile(settings.cacheDir);
    await truncate(file, (await stat(file)).size - 5);
    const again = await load(root, settings);
    expect(again.stats).toEqual({ files: 6, parsed: 6 });
    expect(withBodies(again)).toEqual(withBodies(await load(root, { threads: 1 })));
  });

  test('a body file mostly holding old bodies is compacted, and every body stays right', async () => {
    const root = await project(6);
    const settings = { cacheDir: path.join(root, '.cache'), threads: 1 };
    await load(root, settings);
    // What thousands of edits would leave behind: bytes no entry points to.
    await appendFile(await bodyFile(settings.cacheDir), Buffer.alloc(17 * 1024 * 1024, 'x'));
    const compacted = await load(root, settings);
    expect(compacted.stats.parsed).toBe(0);
    expect((await stat(await bodyFile(settings.cacheDir))).size).toBeLessThan(4096);
    expect(withBodies(compacted)).toEqual(withBodies(await load(root, { threads: 1 })));
    // The snapshot, its stamps and the new body file.
    expect(await readdir(settings.cacheDir)).toHaveLength(3);
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

  test('a worker loads exactly the files nobody else took, as this thread would', async () => {
    const root = await project(150);
    const files = (await readdir(path.join(root, 'content')))
      .sort()
      .map((name) => ({ file: `content/${name}`, full: path.join(root, 'content', name) }));
    const counter = new SharedArrayBuffer(4);
    // Another thread has already taken the first 40 files.
    Atomics.store(new Int32Array(counter), 0, 40);
    const got = new Map<number, SourceResult>();
    await runWorker({ options: London, files, counter, chunk: 16 }, (i, result) => {
      expect(got.has(i)).toBe(false);
      got.set(i, result);
    });
    expect([...got.keys()].sort((a, b) => a - b)).toEqual(
      files.map((_, i) => i).filter((i) => i >= 40),
    );
    for (const [i, result] of got) {
      const source = files[i];
      if (source === undefined) throw new Error(`no file ${i}`);
      expect(result).toEqual(loadSourceFile(source, London));
    }
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
    expect(bodyOf(second, 'content/r2.txt')).toBe('<p>Body of release X.</p>');
  });
});

describe('the load cache after a fresh checkout', () => {
  /** The cache's files and their bytes' hashes. */
  const cacheFiles = async (dir: string) => Object.fromEntries(await hashTree(dir));

  test('writes only the files’ new times when every file has one but the same bytes', async () => {
    const root = await project(30);
    const cacheDir = path.join(root, '.cache');
    const settings = { cacheDir, threads: 1 };
    await load(root, settings);
    const before = await cacheFiles(cacheDir);
    const { utimes } = await import('node:fs/promises');
    const later = new Date(Date.now() + 60_000);
    for (const name of await readdir(path.join(root, 'content')))
      await utimes(path.join(root, 'content', name), later, later);
    expect((await load(root, settings)).stats).toEqual({ files: 30, parsed: 0 });
    const after = await cacheFiles(cacheDir);
    const changed = Object.keys(after).filter((name) => after[name] !== before[name]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^load-[0-9a-f]+\.bin\.stamps$/);
    // The new times are known now: the next load writes nothing.
    expect((await load(root, settings)).stats).toEqual({ files: 30, parsed: 0 });
    expect(await cacheFiles(cacheDir)).toEqual(after);
  });

  test('never takes a file on its stamp for an entry of other bytes', async () => {
    const root = await project(3);
    const cacheDir = path.join(root, '.cache');
    const settings = { cacheDir, threads: 1 };
    await load(root, settings);
    const { cp, readFile, utimes } = await import('node:fs/promises');
    const aside = path.join(root, 'aside');
    await cp(cacheDir, aside, { recursive: true });
    // Same size, other bytes, and a time of its own: loaded, and stamped, anew.
    const file = path.join(root, 'content', 'r1.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('release 1.', 'release X.'));
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    await load(root, settings);
    // The entries of before come back, with the stamps of after: as if a crash
    // had kept the new stamps file and lost the entries written before it.
    const kept = await readdir(aside);
    for (const name of await readdir(cacheDir))
      if (name.endsWith('.delta') && !kept.includes(name)) await rm(path.join(cacheDir, name));
    for (const name of kept)
      if (!name.endsWith('.stamps') && !name.includes('.bodies-'))
        await cp(path.join(aside, name), path.join(cacheDir, name));
    const loaded = await load(root, settings);
    expect(loaded.stats).toEqual({ files: 3, parsed: 1 });
    expect(bodyOf(loaded, 'content/r1.txt')).toBe('<p>Body of release X.</p>');
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
    expect(withBodies(cached)).toEqual(withBodies(fresh));
    expect(bodyOf(cached, 'content/r3.txt')).toBe('<p>Second edit.</p>');
    expect((await load(root, settings)).stats).toEqual({ files: 80, parsed: 0 });
  });
});
