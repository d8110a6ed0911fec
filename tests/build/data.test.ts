import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildOptions } from '../../src/build/build-site.ts';
import { DATA_COLUMNS } from '../../src/site/data-files.ts';
import { BuiltSite, hashTree, isReleaseUrl, meta, projectsRemovedAfterAll } from './site-output.ts';
import { BEFORE_EMBARGO, DRAFT, EMBARGOED } from './unpublished.ts';

/**
 * The data downloads (`/data/`): parsed back with a real CSV parser and
 * compared with the release pages they describe.
 */

const SITE_URL = 'https://fixture-gazette.example';
const NOW = BEFORE_EMBARGO;

const UNPUBLISHED = ['Road survey on the Tollerby bypass', 'Harbour wall repairs begin'];

// The fixture's one Leicestershire release.
const LEICESTERSHIRE = 'content/leicestershire/2020/000_d1719f2e7f2409f0.txt';

const EDITED = 'A headline edited for the data test';

type Row = Record<(typeof DATA_COLUMNS)[number], string>;

const project = projectsRemovedAfterAll();

async function withUnpublished(root: string): Promise<string> {
  for (const { file, text } of [DRAFT, EMBARGOED]) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function build(root: string, options: Omit<BuildOptions, 'root'> = {}): Promise<void> {
  const result = await buildSite({ root, env: {}, now: NOW, ...options });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.diagnostics)}`);
}

function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const records = parse(text, { record_delimiter: '\r\n' }) as string[][];
  const [header = [], ...body] = records;
  const rows = body.map((values) =>
    Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])),
  ) as Row[];
  return { header, rows };
}

function parseNdjson(text: string): Row[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
}

async function readData(output: string, base: string): Promise<{ csv: Row[]; ndjson: Row[] }> {
  const csv = parseCsv(await readFile(path.join(output, `${base}.csv`), 'utf8'));
  expect(csv.header).toEqual([...DATA_COLUMNS]);
  const ndjson = parseNdjson(await readFile(path.join(output, `${base}.ndjson`), 'utf8'));
  return { csv: csv.rows, ndjson };
}

/** What a release page says about itself, as a data row would. */
function rowOfPage(site: BuiltSite, url: string, sourceUrl: string): Row {
  const $ = site.page(url);
  const areaLink = $('article a.area-label');
  return {
    area: areaLink.text().trim(),
    area_slug: (areaLink.attr('href') ?? '').replace(/^\/areas\/|\/$/g, ''),
    headline: $('h1').text(),
    published: $('article .release-meta time').first().attr('datetime') ?? '',
    url: meta($, 'og:url') ?? '',
    source_url: sourceUrl,
    description: meta($, 'description') ?? '',
  };
}

describe('a production build', () => {
  let output: string;
  let site: BuiltSite;
  let all: { csv: Row[]; ndjson: Row[] };

  beforeAll(async () => {
    const root = await withUnpublished(await project());
    await build(root, { cache: false });
    output = path.join(root, '_site');
    site = await BuiltSite.read(output);
    all = await readData(output, 'data/releases');
  });

  test('the CSV and the NDJSON hold the same rows', () => {
    expect(all.csv.length).toBeGreaterThan(10);
    expect(all.ndjson).toEqual(all.csv);
  });

  test('there is one row per release page, equal to what the page shows', () => {
    const pages = site.pages.filter(isReleaseUrl).sort();
    const rowUrls = all.csv.map((row) => row.url.slice(SITE_URL.length)).sort();
    expect(rowUrls).toEqual(pages);
    for (const row of all.csv) {
      const url = row.url.slice(SITE_URL.length);
      const source = site.page(url)('.source a').attr('href') ?? '';
      expect(row).toEqual(rowOfPage(site, url, source));
    }
  });

  test('rows are newest first, with instants in ISO 8601 and an offset', () => {
    const times = all.csv.map((row) => row.published);
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const ms = times.map((time) => Date.parse(time));
    expect(ms).toEqual([...ms].sort((a, b) => b - a));
  });

  test('a headline with quotes and markup survives the CSV quoting', () => {
    const scam = all.csv.find((row) => row.headline.startsWith('Warning over'));
    expect(scam?.headline).toBe('Warning over "quotes" <script>alert(1)</script> scam calls');
  });

  test('drafts and embargoed releases are not in any file', async () => {
    const files = [...(await hashTree(output)).keys()].filter((f) => /\.(csv|ndjson)$/.test(f));
    for (const file of files) {
      const text = await readFile(path.join(output, file), 'utf8');
      for (const headline of UNPUBLISHED) expect(text).not.toContain(headline);
    }
  });

  test('each area has its own files, holding exactly its rows of the whole', async () => {
    const slugs = [...new Set(all.csv.map((row) => row.area_slug))].sort();
    expect(slugs.length).toBe(4);
    for (const slug of slugs) {
      const own = await readData(output, `data/areas/${slug}`);
      expect(own.csv).toEqual(all.csv.filter((row) => row.area_slug === slug));
      expect(own.ndjson).toEqual(own.csv);
    }
  });

  test('the data page links to every file, with the counts the files hold', async () => {
    const $ = site.page('/data/');
    expect($('h1').text()).toBe('Data');
    const links = $('main a[download]')
      .map((_, a) => $(a).attr('href') ?? '')
      .get();
    const files = [...(await hashTree(output)).keys()]
      .filter((f) => /\.(csv|ndjson)$/.test(f))
      .map((f) => `/${f}`);
    expect(links.sort()).toEqual(files.sort());
    expect($('.data-all .count').first().text()).toBe(`${all.csv.length} releases`);
    const counts = $('.data-table tbody tr')
      .map((_, tr) => Number($(tr).find('.num').text()))
      .get();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.csv.length);
    expect(
      $('dt code')
        .map((_, c) => $(c).text())
        .get(),
    ).toEqual([...DATA_COLUMNS]);
    expect($('.data-licence').text()).toContain('has not set a licence');
  });

  test('every page’s footer links to the data page', () => {
    for (const url of ['/', '/areas/', '/2023/']) {
      expect(site.page(url)('footer a[href="/data/"]').length).toBe(1);
    }
  });
});

describe('a preview build (--drafts --future)', () => {
  test('still leaves drafts and embargoed releases out of the data', async () => {
    const root = await withUnpublished(await project());
    await build(root, { cache: false, drafts: true, future: true });
    const output = path.join(root, '_site');
    const { csv } = await readData(output, 'data/releases');
    const site = await BuiltSite.read(output);
    // The pages are there, marked; the data has only what production publishes.
    expect(site.pages.filter(isReleaseUrl).length).toBe(csv.length + UNPUBLISHED.length);
    for (const headline of UNPUBLISHED) {
      expect(csv.map((row) => row.headline)).not.toContain(headline);
    }
  });
});

describe('the publisher’s licence', () => {
  test('is named and linked on the data page when site.json sets dataLicence', async () => {
    const root = await project();
    const settings = JSON.parse(await readFile(path.join(root, 'site.json'), 'utf8')) as object;
    const dataLicence = { name: 'Example Open Licence 1.0', url: 'https://licence.example/1.0' };
    await writeFile(path.join(root, 'site.json'), JSON.stringify({ ...settings, dataLicence }));
    await build(root, { cache: false });
    const $ = (await BuiltSite.read(path.join(root, '_site'))).page('/data/');
    const link = $('.data-licence a[rel="license"]');
    expect(link.text()).toBe('Example Open Licence 1.0');
    expect(link.attr('href')).toBe('https://licence.example/1.0');
  });
});

describe('rebuilding with the cache', () => {
  let root: string;
  let output: string;

  beforeAll(async () => {
    root = await project();
    output = path.join(root, '_site');
    await build(root);
  });

  const mtimes = async (files: readonly string[]) =>
    Promise.all(files.map(async (f) => (await stat(path.join(output, f))).mtimeMs));

  test('leaves every data file as it was when nothing changed', async () => {
    const files = ['data/releases.csv', 'data/releases.ndjson', 'data/areas/brindlecombe.csv'];
    const before = await mtimes(files);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await build(root);
    expect(await mtimes(files)).toEqual(before);
  });

  test('after a headline edit, rewrites the whole archive’s and that area’s files only, as a fresh build writes them', async () => {
    const untouched = ['data/areas/brindlecombe.csv', 'data/areas/brindlecombe.ndjson'];
    const before = await mtimes(untouched);
    const csvBefore = await readFile(path.join(output, 'data/releases.csv'), 'utf8');
    const release = path.join(root, LEICESTERSHIRE);
    const text = await readFile(release, 'utf8');
    const edited = text.replaceAll('Further work to combat city kerb-crawling', EDITED);
    await writeFile(release, edited);
    await build(root);
    expect(await mtimes(untouched)).toEqual(before);
    const all = await readData(output, 'data/releases');
    expect(all.csv.map((row) => row.headline)).toContain(EDITED);
    expect(await readFile(path.join(output, 'data/releases.csv'), 'utf8')).not.toBe(csvBefore);
    const own = await readData(output, 'data/areas/leicestershire');
    expect(own.csv.map((row) => row.headline)).toContain(EDITED);
    const fresh = await project();
    await cp(release, path.join(fresh, path.relative(root, release)));
    await build(fresh, { cache: false });
    const data = (tree: Map<string, string>) =>
      Object.fromEntries([...tree].filter(([f]) => f.startsWith('data/')));
    expect(data(await hashTree(output))).toEqual(data(await hashTree(path.join(fresh, '_site'))));
  });

  test('deletes an area’s files when its last release goes, and drops its rows from the whole', async () => {
    await rm(path.join(root, LEICESTERSHIRE));
    await build(root);
    const files = [...(await hashTree(output)).keys()].filter((f) => f.startsWith('data/areas/'));
    expect(files.some((f) => f.includes('leicestershire'))).toBe(false);
    expect(files.length).toBe(6);
    const all = await readData(output, 'data/releases');
    expect(all.csv.some((row) => row.area_slug === 'leicestershire')).toBe(false);
  });
});
