import { spawn } from 'node:child_process';
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { backgroundIndexer, indexInChild } from '../../src/search/background-indexer.ts';
import { indexSite } from '../../src/search/index-site.ts';
import {
  BuiltSite,
  cliEntry,
  hashTree,
  isReleaseUrl,
  makeProject,
  readExpected,
  runGazette,
  tsxLoader,
  type ExpectedRelease,
} from './site-output.ts';

/**
 * The search index: Pagefind over the built fixture site, as `npm run build`
 * and `gazette serve` make it. What a reader finds with it is checked in
 * Chromium by tests/e2e/search.test.ts.
 */

const cleanup: string[] = [];
let expected: ExpectedRelease[];

beforeAll(async () => {
  expected = await readExpected();
});

afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Pages in a written index, per language, as its entry file counts them. */
async function indexedPages(folder: string): Promise<number[]> {
  const entry = JSON.parse(await readFile(path.join(folder, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).map((language) => language.page_count);
}

async function builtProject(): Promise<string> {
  const root = await makeProject();
  cleanup.push(root);
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error('the fixture did not build');
  return root;
}

describe('indexing a built site', () => {
  let root: string;
  let output: string;
  let pages: number;
  let site: BuiltSite;

  beforeAll(async () => {
    root = await builtProject();
    output = path.join(root, '_site');
    ({ pages } = await indexSite(output));
    site = await BuiltSite.read(output);
  });

  test('indexes every release page and nothing else', async () => {
    expect(pages).toBe(expected.length);
    expect(await indexedPages(path.join(output, 'pagefind'))).toEqual([expected.length]);
  });

  test('writes Pagefind’s script, worker, WebAssembly and index into _site/pagefind/, without its stock interfaces', () => {
    const files = [...site.files.keys()].filter((f) => f.startsWith('pagefind/'));
    for (const file of [
      'pagefind/pagefind.js',
      'pagefind/pagefind-worker.js',
      'pagefind/pagefind-entry.json',
    ])
      expect(files).toContain(file);
    expect(files.some((f) => /^pagefind\/wasm\.[a-z-]+\.pagefind$/.test(f))).toBe(true);
    expect(files.some((f) => f.startsWith('pagefind/index/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('pagefind/filter/'))).toHaveLength(2);
    expect(
      files.filter((f) => /pagefind-(ui|modular-ui|component-ui|highlight)\./.test(f)),
    ).toEqual([]);
  });

  test('leaves no staging or old index folder behind', async () => {
    expect((await readdir(root)).filter((name) => name.startsWith('_site.'))).toEqual([]);
    expect((await readdir(output)).filter((name) => name.startsWith('pagefind'))).toEqual([
      'pagefind',
    ]);
  });

  test('marks the article of release pages, and of no other page, for the index', () => {
    const marked = site.pages.filter((url) => site.page(url)('[data-pagefind-body]').length > 0);
    expect(marked.sort()).toEqual(expected.map((r) => r.url).sort());
    for (const url of marked)
      expect(site.page(url)('[data-pagefind-body]').is('article')).toBe(true);
    expect(site.pages.filter((url) => !isReleaseUrl(url)).length).toBeGreaterThan(20);
  });

  test('gives each release page its area and year as filters, and its date as metadata', () => {
    for (const release of expected) {
      const $ = site.page(release.url);
      const area = $('[data-pagefind-filter="area"]');
      expect(area.text()).toBe(release.area);
      const year = $('[data-pagefind-filter^="year:"]');
      expect(year.attr('data-pagefind-filter')).toBe(`year:${release.datetime.slice(0, 4)}`);
      expect($('[data-pagefind-meta="date[datetime]"]').attr('datetime')).toBe(release.datetime);
    }
  });

  test('would still index only the release pages if every page were offered to Pagefind', async () => {
    // indexSite offers release pages alone; the markup alone must give the same index.
    const whole = path.join(root, 'whole-site-index');
    try {
      const { index } = await pagefind.createIndex({});
      expect((await index?.addDirectory({ path: output }))?.errors).toEqual([]);
      expect((await index?.writeFiles({ outputPath: whole }))?.errors).toEqual([]);
    } finally {
      await pagefind.close();
    }
    expect(await indexedPages(whole)).toEqual([expected.length]);
  });
});

describe('gazette build', () => {
  let root: string;
  const index = () => hashTree(path.join(root, '_site/pagefind'));

  beforeAll(async () => {
    root = await makeProject();
    cleanup.push(root);
  });

  test('builds the search index after the pages and reports it separately', async () => {
    const run = await runGazette(['build', '--root', root], { cwd: root, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Built ${expected.length} releases into _site/ \\(\\d+ pages\\) in \\d+\\.\\d\\d s; search index of ${expected.length} pages in \\d+\\.\\d\\d s\\n$`,
      ),
    );
    expect([...(await index()).keys()]).toContain('pagefind.js');
  });

  test('keeps the index as it is when a rebuild renders no page', async () => {
    const before = await index();
    const run = await runGazette(['build', '--root', root], { cwd: root, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /\(updated 0 of \d+ pages\) in \d+\.\d\d s; search index unchanged\n$/,
    );
    expect(Object.fromEntries(await index())).toEqual(Object.fromEntries(before));
  });

  test('indexes again, into a changed index, when a release changed', async () => {
    const before = await index();
    const file = expected[0]?.file ?? '';
    await appendFile(path.join(root, file), '\nA zebracrossingword was added.\n');
    const run = await runGazette(['build', '--root', root], { cwd: root, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(updated [1-9]\d* of \d+ pages\).*; search index of \d+ pages in/);
    expect(Object.fromEntries(await index())).not.toEqual(Object.fromEntries(before));
  });

  test('has an index after a fresh build, which replaces the whole output folder', async () => {
    const run = await runGazette(['build', '--root', root, '--fresh'], { cwd: root, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/; search index of \d+ pages in/);
    expect([...(await index()).keys()]).toContain('pagefind.js');
  });
});

describe('indexing in the background (gazette serve)', () => {
  test('runs once more after a run that was asked for again, however many times', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(path.join(root, '_site'), (m) => reports.push(m));
    indexer.request();
    indexer.request();
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(2);
    for (const report of reports)
      expect(report).toMatch(new RegExp(`^Search index of ${expected.length} pages in \\d+ ms$`));
    expect(await readdir(path.join(root, '_site/pagefind'))).toContain('pagefind.js');
  });

  test('with a quiet spell, waits for requests to stop and then runs once', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(path.join(root, '_site'), (m) => reports.push(m), 400);
    // Without the quiet spell the first request would start a run at once and
    // the later ones would ask for a second: two runs, as in the test above.
    indexer.request();
    await sleep(100);
    indexer.request();
    await sleep(100);
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^Search index of ${expected.length} pages in \\d+ ms$`));
  });

  test('indexes in a child process at a lower CPU priority when it waits for quiet', async () => {
    const root = await builtProject();
    const { pages, priority } = await indexInChild(path.join(root, '_site'));
    expect(pages).toBe(expected.length);
    expect(priority).toBe(10);
    expect(await readdir(path.join(root, '_site/pagefind'))).toContain('pagefind.js');
  });

  test('reports a failure in the child process in words too', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const missing = path.join(root, 'no-such-folder');
    const indexer = backgroundIndexer(missing, (m) => reports.push(m), 50);
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^The search index could not be built:\n {2}- /);
    expect(reports[0]).toMatch(/Search will work again after the next good rebuild\.$/);
  });

  test('reports a failure in words and throws nothing', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(path.join(root, 'no-such-folder'), (m) => reports.push(m));
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^The search index could not be built:\n {2}- /);
    expect(reports[0]).toMatch(/Search will work again after the next good rebuild\.$/);
  });
});

describe('gazette serve', () => {
  /** Polls until `check` holds, for at most `seconds`: a limit, not a measure. */
  async function eventually(check: () => Promise<boolean> | boolean, seconds = 30) {
    for (let i = 0; i < seconds * 10; i++) {
      if (await Promise.resolve(check()).catch(() => false)) return true;
      await sleep(100);
    }
    return false;
  }

  test('indexes the site after the first build and again after a rebuild, while serving', async () => {
    const root = await makeProject();
    cleanup.push(root);
    const port = 43000 + Math.floor(Math.random() * 2000);
    const server = spawn(
      process.execPath,
      ['--import', tsxLoader, cliEntry, 'serve', '--port', String(port)],
      { cwd: root, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const indexed = () => output.match(/^Search index of \d+ pages in \d+ ms$/gm)?.length ?? 0;
    try {
      expect(await eventually(() => indexed() === 1), output).toBe(true);
      const served = await fetch(`http://127.0.0.1:${port}/pagefind/pagefind.js`);
      expect(served.status).toBe(200);
      const before = await hashTree(path.join(root, '_site/pagefind'));
      await appendFile(
        path.join(root, expected[0]?.file ?? ''),
        '\nA zebracrossingword was added.\n',
      );
      expect(await eventually(() => indexed() === 2), output).toBe(true);
      const after = await hashTree(path.join(root, '_site/pagefind'));
      expect(Object.fromEntries(after)).not.toEqual(Object.fromEntries(before));
      expect(output).not.toMatch(/could not be built/);
    } finally {
      server.kill();
    }
  });
});
