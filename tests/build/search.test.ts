import { spawn } from 'node:child_process';
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  builtShards,
  compareFolders,
  indexPart,
  makeParts,
  mergeParts,
} from '../../bench/split-index.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { backgroundIndexer, indexInChild } from '../../src/search/background-indexer.ts';
import { indexSite, SHARDS_FILE, splitByPages } from '../../src/search/index-site.ts';
import {
  BuiltSite,
  gazetteBin,
  hashTree,
  isReleaseUrl,
  makeProject,
  readExpected,
  runGazette,
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

/** Pages in a written Pagefind bundle, per language, as its entry file counts them. */
async function indexedPages(folder: string): Promise<number[]> {
  const entry = JSON.parse(await readFile(path.join(folder, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).map((language) => language.page_count);
}

/** The shards of a written index, as shards.json lists them (newest first). */
async function shardsOf(output: string): Promise<string[]> {
  const file = path.join(output, 'pagefind', SHARDS_FILE);
  return (JSON.parse(await readFile(file, 'utf8')) as { shards: string[] }).shards;
}

/** Pages in each shard of a built site's index, by year. */
async function pagesByShard(output: string): Promise<Record<string, number[]>> {
  const counts: Record<string, number[]> = {};
  for (const year of await shardsOf(output))
    counts[year] = await indexedPages(path.join(output, 'pagefind', year));
  return counts;
}

/**
 * Every URL the index can give as a result: those of its fragments, each a
 * gzipped `pagefind_dcd` header and the page's JSON.
 */
async function indexedUrls(output: string): Promise<string[]> {
  const urls: string[] = [];
  for (const year of await shardsOf(output)) {
    const folder = path.join(output, 'pagefind', year, 'fragment');
    for (const name of await readdir(folder)) {
      const text = gunzipSync(await readFile(path.join(folder, name))).toString('utf8');
      urls.push((JSON.parse(text.replace(/^pagefind_dcd/, '')) as { url: string }).url);
    }
  }
  return urls.sort();
}

/** The pages whose indexed text holds `word`, from the index's fragments. */
async function indexedWords(output: string, word: string): Promise<string[]> {
  const urls: string[] = [];
  for (const year of await shardsOf(output)) {
    const folder = path.join(output, 'pagefind', year, 'fragment');
    for (const name of await readdir(folder)) {
      const text = gunzipSync(await readFile(path.join(folder, name))).toString('utf8');
      const fragment = JSON.parse(text.replace(/^pagefind_dcd/, '')) as {
        url: string;
        content: string;
      };
      if (fragment.content.includes(word)) urls.push(fragment.url);
    }
  }
  return urls.sort();
}

/** How many releases each year has: what each shard must hold. */
function releasesByYear(releases: readonly ExpectedRelease[]): Record<string, number[]> {
  const counts: Record<string, number[]> = {};
  for (const release of releases) {
    const year = release.datetime.slice(0, 4);
    counts[year] = [(counts[year]?.[0] ?? 0) + 1];
  }
  return counts;
}

const cacheOf = (root: string) => path.join(root, '.cache/gazette');

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

  test('indexes every release page and nothing else, in a shard per year', async () => {
    expect(pages).toBe(expected.length);
    expect(await pagesByShard(output)).toEqual(releasesByYear(expected));
    expect(await indexedUrls(output)).toEqual(expected.map((r) => r.url).sort());
  });

  test('lists the shards newest first, for the search page to merge', async () => {
    expect(await shardsOf(output)).toEqual(['2023', '2022', '2021', '2020']);
  });

  test('writes each year Pagefind’s script, worker, WebAssembly and index under _site/pagefind/<year>/, without its stock interfaces', () => {
    const files = [...site.files.keys()].filter((f) => f.startsWith('pagefind/'));
    expect(files.filter((f) => !/^pagefind\/\d{4}\//.test(f))).toEqual(['pagefind/shards.json']);
    for (const year of ['2020', '2021', '2022', '2023']) {
      const shard = files.filter((f) => f.startsWith(`pagefind/${year}/`));
      for (const file of ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json'])
        expect(shard).toContain(`pagefind/${year}/${file}`);
      expect(shard.some((f) => /\/wasm\.[a-z-]+\.pagefind$/.test(f))).toBe(true);
      expect(shard.some((f) => f.startsWith(`pagefind/${year}/index/`))).toBe(true);
      expect(shard.filter((f) => f.startsWith(`pagefind/${year}/filter/`))).toHaveLength(2);
    }
    expect(
      files.filter((f) => /pagefind-(ui|modular-ui|component-ui|highlight)\./.test(f)),
    ).toEqual([]);
  });

  test('leaves no staging or old index folder behind', async () => {
    expect((await readdir(root)).filter((name) => name.startsWith('_site.'))).toEqual([]);
    expect((await readdir(output)).filter((name) => name.startsWith('pagefind'))).toEqual([
      'pagefind',
    ]);
    expect((await readdir(path.join(output, 'pagefind'))).filter((n) => n.includes('-'))).toEqual(
      [],
    );
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

  test('shards indexed apart, each by a runner holding only its pages, merge into the same index byte for byte', async () => {
    // The search half of a build split across machines (bench/split-index.ts, docs/performance.md).
    const dir = path.join(root, 'runners');
    const shards = await builtShards(output);
    const parts = await makeParts(output, shards, 2, dir);
    expect(parts.map((p) => p.shards.length).every((n) => n > 0)).toBe(true);
    for (const part of parts) {
      expect((await readdir(part.folder)).filter((name) => !/^\d{4}$/.test(name))).toEqual([]);
      expect((await indexPart(part, 1)).ok).toBe(true);
    }
    await mergeParts(parts, path.join(dir, 'merged'));
    const merged = await compareFolders(
      path.join(dir, 'merged', 'pagefind'),
      path.join(output, 'pagefind'),
    );
    expect(merged).toEqual({
      same: (await hashTree(path.join(output, 'pagefind'))).size,
      differ: [],
      onlyFirst: [],
      onlySecond: [],
    });
  });

  test('each shard is, byte for byte, the index Pagefind makes of its release pages given whole', async () => {
    // indexSite gives Pagefind only the article of a release page (searchDocument).
    for (const year of await shardsOf(output)) {
      const whole = path.join(root, 'whole-pages', year);
      const files = [...site.files.keys()]
        .filter(
          (f) => f.startsWith(`${year}/`) && f.endsWith('/index.html') && f.split('/').length === 5,
        )
        .sort();
      try {
        const { index } = await pagefind.createIndex({});
        for (const file of files) {
          const content = await readFile(path.join(output, file), 'utf8');
          const url = `/${path.posix.dirname(file)}/`;
          expect((await index?.addHTMLFile({ url, content }))?.errors).toEqual([]);
        }
        expect((await index?.writeFiles({ outputPath: whole }))?.errors).toEqual([]);
      } finally {
        await pagefind.close();
      }
      const shard = await hashTree(path.join(output, 'pagefind', year));
      const given = [...(await hashTree(whole))].filter(
        ([name]) => !/^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(name),
      );
      expect(files.length).toBeGreaterThan(0);
      expect(Object.fromEntries(shard)).toEqual(Object.fromEntries(given));
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
    expect([...(await index()).keys()]).toContain(SHARDS_FILE);
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
    expect([...(await index()).keys()]).toContain('2023/pagefind.js');
  });
});

describe('indexing again after a change, year by year', () => {
  let root: string;
  const output = () => path.join(root, '_site');
  const shardFiles = async () => hashTree(path.join(output(), 'pagefind'));
  /** The shard files that differ between two hashes of the index, as `<year>` or file names. */
  const changedShards = (before: Map<string, string>, after: Map<string, string>) => {
    const keys = new Set([...before.keys(), ...after.keys()]);
    const changed = [...keys].filter((k) => before.get(k) !== after.get(k));
    return [...new Set(changed.map((k) => k.split('/')[0]))].sort();
  };
  async function build() {
    const result = await buildSite({ root, env: {}, search: true });
    if (!result.ok || result.search?.kind !== 'indexed') throw new Error('not indexed');
    return result.search;
  }
  const NEW_YEAR = 'content/ashwick-vale/lantern-walk-route.md';
  const NEW_YEAR_URL = /^\/2019\/11\/05\/[a-z0-9-]+\/$/;

  beforeAll(async () => {
    root = await makeProject();
    cleanup.push(root);
    expect((await build()).rebuilt).toEqual(['2023', '2022', '2021', '2020']);
  });

  test('an edit to one release re-indexes its year alone; the other shards stay byte for byte', async () => {
    const before = await shardFiles();
    const edited = expected.find((r) => r.datetime.startsWith('2021'));
    await appendFile(path.join(root, edited?.file ?? ''), '\nA quillfeatherword was added.\n');
    const search = await build();
    expect(search.rebuilt).toEqual(['2021']);
    expect(search.pages).toBe(expected.length);
    expect(changedShards(before, await shardFiles())).toEqual(['2021']);
  });

  test('a release in a year with none before adds that year’s shard, and leaves the others', async () => {
    const before = await shardFiles();
    await writeFile(
      path.join(root, NEW_YEAR),
      [
        '---',
        'area: Ashwick Vale',
        'title: Lantern walk route announced | Ashwick Vale Police',
        'url: https://www.ashwick.police.example/news/2019/november/lantern-walk-route/',
        'publish:',
        '  date: 18:00 05/11/2019',
        '---',
        '',
        'Officers will walk the lantern route through Harrowmere with the scouts.',
        '',
      ].join('\n'),
    );
    const search = await build();
    expect(search.rebuilt).toEqual(['2019']);
    expect(await shardsOf(output())).toEqual(['2023', '2022', '2021', '2020', '2019']);
    expect(changedShards(before, await shardFiles())).toEqual(['2019', SHARDS_FILE]);
    expect((await indexedUrls(output())).filter((url) => NEW_YEAR_URL.test(url))).toHaveLength(1);
  });

  test('the incremental index is byte for byte the one a cold build makes of the same releases', async () => {
    const cold = await makeProject();
    cleanup.push(cold);
    await rm(path.join(cold, 'content'), { recursive: true });
    await cp(path.join(root, 'content'), path.join(cold, 'content'), { recursive: true });
    const result = await buildSite({ root: cold, env: {}, cache: false, search: true });
    expect(result.ok).toBe(true);
    const fresh = Object.fromEntries(await hashTree(path.join(cold, '_site')));
    expect(Object.fromEntries(await hashTree(output()))).toEqual(fresh);
  });

  test('a removed release leaves the results, and its year’s shard goes with its last release', async () => {
    const removed = expected.find((r) => r.datetime.startsWith('2022'));
    await rm(path.join(root, removed?.file ?? ''));
    await rm(path.join(root, NEW_YEAR));
    const search = await build();
    expect(search.rebuilt).toEqual(['2022']);
    const urls = await indexedUrls(output());
    expect(urls).not.toContain(removed?.url);
    expect(urls.filter((url) => NEW_YEAR_URL.test(url))).toEqual([]);
    expect(urls).toHaveLength(expected.length - 1);
    expect(await shardsOf(output())).toEqual(['2023', '2022', '2021', '2020']);
    expect(await readdir(path.join(output(), 'pagefind'))).not.toContain('2019');
  });

  test('indexes every shard again when the cache remembers none, into the same files', async () => {
    const before = await shardFiles();
    await rm(path.join(root, '.cache/gazette/search-shards.json'));
    const result = await indexSite(output(), { cache: cacheOf(root) });
    expect(result.rebuilt).toEqual(['2023', '2022', '2021', '2020']);
    expect(Object.fromEntries(await shardFiles())).toEqual(Object.fromEntries(before));
  });

  test('indexes a shard again whose files are not the ones it wrote', async () => {
    const entry = path.join(output(), 'pagefind/2020/pagefind-entry.json');
    const written = await readFile(entry);
    await writeFile(entry, '{}');
    expect((await indexSite(output(), { cache: cacheOf(root) })).rebuilt).toEqual(['2020']);
    expect(await readFile(entry)).toEqual(written);
  });

  test('pages written by a build that did not index are indexed by the next, though it renders none', async () => {
    // Not the first of 2022: a test above removed it.
    const edited = expected.filter((r) => r.datetime.startsWith('2022'))[1];
    await appendFile(path.join(root, edited?.file ?? ''), '\nA marshwrenword was added.\n');
    // As a build that stopped, or failed, after writing its pages and before its index.
    const unindexed = await buildSite({ root, env: {}, search: false });
    expect(unindexed.ok && unindexed.rendered).toBeGreaterThan(0);
    const search = await build();
    expect(search.rebuilt).toEqual(['2022']);
    expect(await indexedWords(output(), 'marshwrenword')).toEqual([edited?.url]);
  });

  test('reads only the years the build wrote: a page changed behind its back elsewhere is not read', async () => {
    const other = expected.find((r) => r.datetime.startsWith('2020'));
    const page = path.join(output(), other?.url ?? '', 'index.html');
    const html = await readFile(page, 'utf8');
    await writeFile(
      page,
      html.replace('data-pagefind-body>', 'data-pagefind-body><p>An ospreyfeatherword.</p>'),
    );
    const edited = expected.find((r) => r.datetime.startsWith('2023'));
    await appendFile(path.join(root, edited?.file ?? ''), '\nA kestrelword was added.\n');
    expect((await build()).rebuilt).toEqual(['2023']);
    expect(await indexedWords(output(), 'ospreyfeatherword')).toEqual([]);
    await writeFile(page, html);
  });

  test('a fresh build whose templates change nothing Pagefind reads keeps every shard', async () => {
    const before = await shardFiles();
    const base = path.join(root, 'templates/_includes/footer.njk');
    const template = await readFile(base, 'utf8');
    await writeFile(
      base,
      template.replace('</footer>', '<p>Printed by the Westshire desk.</p></footer>'),
    );
    try {
      const result = await buildSite({ root, env: {}, search: true });
      expect(result.ok && result.incremental).toBe(false);
      expect(result.ok && result.search).toEqual({ kind: 'unchanged' });
      expect(Object.fromEntries(await shardFiles())).toEqual(Object.fromEntries(before));
      const home = await readFile(path.join(output(), 'index.html'), 'utf8');
      expect(home).toContain('Printed by the Westshire desk.');
    } finally {
      await writeFile(base, template);
    }
  });
});

describe('indexing a year larger than the limit month by month', () => {
  // The fixture has 5 releases in 2023 and 7 in 2022, over 4 and 5 months, and one in each of 2021 and 2020.
  const MONTHS_ABOVE = 4;
  const MONTHS = ['2023-10', '2023-07', '2023-03', '2023-01', '2022-12', '2022-11'];
  const SHARDS = [...MONTHS, '2022-06', '2022-03', '2022-02', '2021', '2020'];
  let root: string;
  const output = () => path.join(root, '_site');
  const byMonth = () => indexSite(output(), { cache: cacheOf(root), monthsAbove: MONTHS_ABOVE });
  const shardFiles = async () => hashTree(path.join(output(), 'pagefind'));

  beforeAll(async () => {
    root = await builtProject();
    expect((await byMonth()).rebuilt).toEqual(SHARDS);
  });

  test('splits the years with more release pages into months, newest first, and keeps the smaller years whole', async () => {
    expect(await shardsOf(output())).toEqual(SHARDS);
    const counts: Record<string, number[]> = {};
    for (const release of expected) {
      const month = release.datetime.slice(0, 7);
      const shard = ['2023', '2022'].includes(month.slice(0, 4)) ? month : month.slice(0, 4);
      counts[shard] = [(counts[shard]?.[0] ?? 0) + 1];
    }
    expect(await pagesByShard(output())).toEqual(counts);
    expect(await indexedUrls(output())).toEqual(expected.map((r) => r.url).sort());
  });

  test('a change to one release page re-indexes its month alone; the other shards stay byte for byte', async () => {
    const before = await shardFiles();
    const edited = expected.find((r) => r.datetime.startsWith('2022-06'));
    const file = `${edited?.url.slice(1) ?? ''}index.html`;
    const page = path.join(output(), file);
    const html = await readFile(page, 'utf8');
    await writeFile(
      page,
      html.replace('data-pagefind-body>', 'data-pagefind-body><p>A godwitword.</p>'),
    );
    const written = {
      pages: [...(await BuiltSite.read(output())).files.keys()],
      changed: new Set([file]),
    };
    const result = await indexSite(output(), {
      cache: cacheOf(root),
      monthsAbove: MONTHS_ABOVE,
      written,
    });
    expect(result.rebuilt).toEqual(['2022-06']);
    expect(await indexedWords(output(), 'godwitword')).toEqual([edited?.url]);
    const after = await shardFiles();
    const changed = [...after.keys()].filter((k) => before.get(k) !== after.get(k));
    expect(new Set(changed.map((k) => k.split('/')[0]))).toEqual(new Set(['2022-06']));
  });

  test('indexes the months again into the same files when the cache remembers none', async () => {
    const before = await shardFiles();
    const result = await indexSite(output(), { monthsAbove: MONTHS_ABOVE, fresh: true });
    expect(result.rebuilt).toEqual(SHARDS);
    expect(Object.fromEntries(await shardFiles())).toEqual(Object.fromEntries(before));
  });

  test('goes back to a shard per year, leaving no month behind, when the limit is not passed', async () => {
    const result = await indexSite(output(), { cache: cacheOf(root) });
    expect(result.shards).toEqual(['2023', '2022', '2021', '2020']);
    expect(result.rebuilt).toEqual(['2023', '2022']);
    expect((await readdir(path.join(output(), 'pagefind'))).sort()).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      SHARDS_FILE,
    ]);
    expect(await pagesByShard(output())).toEqual(releasesByYear(expected));
  });
});

describe('indexing with more than one Pagefind', () => {
  test('child processes write the same shards, byte for byte, as one Pagefind does', async () => {
    const root = await builtProject();
    const output = path.join(root, '_site');
    const one = await indexSite(output, { processes: 1 });
    const alone = Object.fromEntries(await hashTree(path.join(output, 'pagefind')));
    const three = await indexSite(output, { processes: 3 });
    expect(three).toEqual(one);
    expect(Object.fromEntries(await hashTree(path.join(output, 'pagefind')))).toEqual(alone);
    expect(await indexedUrls(output)).toEqual(expected.map((r) => r.url).sort());
  });

  test('splits the shards by pages, largest first, every shard in one group', () => {
    const shard = (name: string, pages: number) => ({
      name,
      files: Array.from({ length: pages }, (_, i) => `${name}/01/01/r${i}/index.html`),
      list: name,
    });
    const shards = [shard('2024', 50), shard('2023', 300), shard('2022', 120), shard('2021', 100)];
    const groups = splitByPages(shards, 2).map((g) => g.map((s) => s.name));
    expect(groups).toEqual([['2023'], ['2022', '2021', '2024']]);
    expect(splitByPages(shards, 8)).toHaveLength(4);
    expect(
      splitByPages(shards, 1)
        .flat()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['2021', '2022', '2023', '2024']);
  });
});

describe('indexing in the background (gazette serve)', () => {
  test('runs once more after a run that was asked for again, however many times', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(path.join(root, '_site'), cacheOf(root), (m) =>
      reports.push(m),
    );
    indexer.request();
    indexer.request();
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(2);
    for (const report of reports)
      expect(report).toMatch(new RegExp(`^Search index of ${expected.length} pages in \\d+ ms$`));
    expect(await readdir(path.join(root, '_site/pagefind'))).toContain(SHARDS_FILE);
  });

  test('with a quiet spell, waits for requests to stop and then runs once', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(
      path.join(root, '_site'),
      cacheOf(root),
      (m) => reports.push(m),
      400,
    );
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
    const { pages, priority } = await indexInChild(path.join(root, '_site'), cacheOf(root));
    expect(pages).toBe(expected.length);
    expect(priority).toBe(10);
    expect(await readdir(path.join(root, '_site/pagefind'))).toContain(SHARDS_FILE);
  });

  test('reports a failure in the child process in words too', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const missing = path.join(root, 'no-such-folder');
    const indexer = backgroundIndexer(missing, cacheOf(root), (m) => reports.push(m), 50);
    indexer.request();
    await indexer.idle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^The search index could not be built:\n {2}- /);
    expect(reports[0]).toMatch(/Search will work again after the next good rebuild\.$/);
  });

  test('reports a failure in words and throws nothing', async () => {
    const root = await builtProject();
    const reports: string[] = [];
    const indexer = backgroundIndexer(path.join(root, 'no-such-folder'), cacheOf(root), (m) =>
      reports.push(m),
    );
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
    const server = spawn(process.execPath, [gazetteBin, 'serve', '--port', String(port)], {
      cwd: root,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const indexed = () => output.match(/^Search index of \d+ pages in \d+ ms$/gm)?.length ?? 0;
    try {
      expect(await eventually(() => indexed() === 1), output).toBe(true);
      const served = await fetch(`http://127.0.0.1:${port}/pagefind/${SHARDS_FILE}`);
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
