import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseAtomFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/build/build-site.ts';
import {
  BuiltSite,
  collectList,
  hashTree,
  makeProject,
  meta,
  relTargets,
  runGazette,
} from './site-output.ts';
import { BEFORE_EMBARGO, DRAFT, DRAFT_IN_NEW_AREA, EMBARGOED } from './unpublished.ts';

/**
 * Drafts and embargoes: the fixture site plus two drafts and one embargoed
 * release, built "as of" a fixed moment (never the real clock).
 */

const SITE_URL = 'https://fixture-gazette.example';
const NOW = BEFORE_EMBARGO;
// After the embargoed one.
const LATER = Date.parse('2024-03-01T12:00:00Z');

const ADDED = [DRAFT, DRAFT_IN_NEW_AREA, EMBARGOED];

const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The fixture project, with `files` added to its content. */
async function project(files: readonly { file: string; text: string }[] = ADDED): Promise<string> {
  const root = await makeProject();
  cleanup.push(root);
  for (const { file, text } of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function build(root: string, options: Omit<BuildOptions, 'root'>): Promise<BuildResult> {
  const result = await buildSite({ root, env: {}, ...options });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

/** A fresh build of a copy of `root`'s content, with the same options: what an incremental build must equal. */
async function freshTwin(
  root: string,
  options: Omit<BuildOptions, 'root'>,
): Promise<Map<string, string>> {
  const copy = await project([]);
  await rm(path.join(copy, 'content'), { recursive: true, force: true });
  await cp(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
  await build(copy, { ...options, cache: false });
  return hashTree(path.join(copy, '_site'));
}

const entries = (map: Map<string, string>) => Object.fromEntries(map);

describe('a production build', () => {
  let root: string;
  let result: BuildResult;
  let site: BuiltSite;

  beforeAll(async () => {
    root = await project();
    result = await build(root, { now: NOW, cache: false });
    site = await BuiltSite.read(path.join(root, '_site'));
  });

  test('leaves drafts and embargoed releases out, and counts them', () => {
    expect(result.ok && { releases: result.releases, leftOut: result.leftOut }).toEqual({
      releases: 14,
      leftOut: { drafts: 2, embargoed: 1, unfinished: [] },
    });
    for (const { url } of ADDED) expect(site.has(url), url).toBe(false);
  });

  test('is byte for byte the site built without them: no list, count, feed, sitemap or neighbour shows them', async () => {
    const without = await project([]);
    await build(without, { now: NOW, cache: false });
    const plain = await hashTree(path.join(without, '_site'));
    expect(entries(await hashTree(path.join(root, '_site')))).toEqual(entries(plain));
  });

  test('has no month, year or area page made only of left-out releases', () => {
    expect(site.has('/2023/08/')).toBe(false);
    expect(site.has('/2024/')).toBe(false);
    expect(site.has('/areas/kestrel-fen/')).toBe(false);
    expect(site.has('/areas/kestrel-fen/feed.xml')).toBe(false);
  });

  test('still names its neighbours as they are without the draft', () => {
    const $ = site.page('/2023/07/04/warning-over-quotes-script-alert-1-script-scam-calls-myqit6/');
    expect(relTargets($, 'next')).toEqual([
      '/2023/10/29/quiet-night-as-the-clocks-go-back-w474cz/',
    ]);
  });
});

describe('a preview build (--drafts --future)', () => {
  let result: BuildResult;
  let site: BuiltSite;

  beforeAll(async () => {
    const root = await project();
    result = await build(root, { now: NOW, cache: false, drafts: true, future: true });
    site = await BuiltSite.read(path.join(root, '_site'));
  });

  test('publishes every release and leaves none out', () => {
    expect(result.ok && { releases: result.releases, leftOut: result.leftOut }).toEqual({
      releases: 17,
      leftOut: { drafts: 0, embargoed: 0, unfinished: [] },
    });
    for (const { url } of ADDED) expect(site.has(url), url).toBe(true);
  });

  test('marks a draft on its page and asks search engines not to index it', () => {
    const $ = site.page(DRAFT.url);
    expect($('.release-notice').text().replace(/\s+/g, ' ').trim()).toBe(
      'Draft Not published: production builds leave drafts out.',
    );
    expect(meta($, 'robots')).toBe('noindex');
  });

  test('marks an embargoed release with the time it may be published', () => {
    const $ = site.page(EMBARGOED.url);
    expect($('.release-notice strong').text()).toBe(
      'Embargoed until Thursday 15 February 2024, 10:00',
    );
    expect(meta($, 'robots')).toBe('noindex');
  });

  test('leaves published releases unmarked and indexable', () => {
    const $ = site.page('/2023/10/29/quiet-night-as-the-clocks-go-back-w474cz/');
    expect($('.release-notice')).toHaveLength(0);
    expect(meta($, 'robots')).toBeNull();
  });

  test('lists them, counts them, links them as neighbours and puts them in feeds and the sitemap', () => {
    expect(collectList(site, '/areas/ashwick-vale/').releases).toContain(DRAFT.url);
    expect(collectList(site, '/2023/08/').releases).toEqual([DRAFT.url]);
    expect(collectList(site, '/2024/').releases).toEqual([EMBARGOED.url]);
    expect(site.has('/areas/kestrel-fen/')).toBe(true);
    const scam = site.page(
      '/2023/07/04/warning-over-quotes-script-alert-1-script-scam-calls-myqit6/',
    );
    expect(relTargets(scam, 'next')).toEqual([DRAFT.url]);
    const home = site.page('/');
    expect(home('main').text()).toContain('17 releases from 5 areas.');
    const atom = parseAtomFeed(text(site, 'feed.xml'));
    expect(atom.entries?.[0]?.id).toBe(`${SITE_URL}${EMBARGOED.url}`);
    expect(atom.entries?.map((e) => e.id)).toContain(`${SITE_URL}${DRAFT.url}`);
    expect(sitemapLocs(site)).toEqual(
      expect.arrayContaining(ADDED.map((r) => `${SITE_URL}${r.url}`)),
    );
  });
});

describe('--drafts and --future each include only their own kind', () => {
  test('--drafts shows drafts but not embargoed releases', async () => {
    const root = await project();
    const result = await build(root, { now: NOW, cache: false, drafts: true });
    expect(result.ok && result.leftOut).toEqual({ drafts: 0, embargoed: 1, unfinished: [] });
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect([DRAFT, DRAFT_IN_NEW_AREA, EMBARGOED].map((r) => site.has(r.url))).toEqual([
      true,
      true,
      false,
    ]);
  });

  test('--future shows embargoed releases but not drafts', async () => {
    const root = await project();
    const result = await build(root, { now: NOW, cache: false, future: true });
    expect(result.ok && result.leftOut).toEqual({ drafts: 2, embargoed: 0, unfinished: [] });
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect([DRAFT, DRAFT_IN_NEW_AREA, EMBARGOED].map((r) => site.has(r.url))).toEqual([
      false,
      false,
      true,
    ]);
  });
});

describe('rebuilding with the cache', () => {
  test('an embargoed release appears once its time has come, with no file changed, as a fresh build has it', async () => {
    const root = await project();
    await build(root, { now: NOW });
    const later = await build(root, { now: LATER });
    expect(later.ok && [later.incremental, later.leftOut]).toEqual([
      true,
      { drafts: 2, embargoed: 0, unfinished: [] },
    ]);
    expect(later.ok && later.rendered).toBeGreaterThan(1);
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect(site.has(EMBARGOED.url)).toBe(true);
    expect(collectList(site, '/areas/corriston-isles/').releases[0]).toBe(EMBARGOED.url);
    expect(entries(await hashTree(path.join(root, '_site')))).toEqual(
      entries(await freshTwin(root, { now: LATER })),
    );
  });

  test('with --future, the embargo notice goes when the time comes', async () => {
    const root = await project();
    await build(root, { now: NOW, future: true });
    const before = await BuiltSite.read(path.join(root, '_site'));
    expect(before.page(EMBARGOED.url)('.release-notice')).toHaveLength(1);
    await build(root, { now: LATER, future: true });
    const after = await BuiltSite.read(path.join(root, '_site'));
    expect(after.page(EMBARGOED.url)('.release-notice')).toHaveLength(0);
    expect(meta(after.page(EMBARGOED.url), 'robots')).toBeNull();
    expect(entries(await hashTree(path.join(root, '_site')))).toEqual(
      entries(await freshTwin(root, { now: LATER, future: true })),
    );
  });

  test('a production build after a preview removes the drafts’ pages and equals a fresh build', async () => {
    const root = await project();
    await build(root, { now: NOW, drafts: true, future: true });
    const result = await build(root, { now: NOW });
    expect(result.ok && result.incremental).toBe(true);
    const site = await BuiltSite.read(path.join(root, '_site'));
    for (const { url } of ADDED) expect(site.has(url), url).toBe(false);
    expect(entries(await hashTree(path.join(root, '_site')))).toEqual(
      entries(await freshTwin(root, { now: NOW })),
    );
  });
});

describe('gazette build on the command line', () => {
  test('says what it left out, keeps it out of the search index, and includes it with the flags', async () => {
    const root = await project();
    const env = { GAZETTE_NOW: '12:00 01/01/2024' };
    const production = await runGazette(['build'], { cwd: root, env });
    expect(production.code).toBe(0);
    expect(production.stderr).not.toMatch(/error|warning/i);
    expect(production.stdout.split('\n')[1]).toBe(
      '2 drafts and 1 embargoed release (dated after now) left out; build with --drafts and --future to include them.',
    );
    expect(await indexedPages(root)).toBe(14);
    const preview = await runGazette(['build', '--drafts', '--future'], { cwd: root, env });
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Built 17 releases into _site\/ .*\n$/);
    expect(await indexedPages(root)).toBe(17);
  });

  test('a GAZETTE_NOW that is not a date stops the build with a message, not a stack', async () => {
    const root = await project();
    const run = await runGazette(['build'], { cwd: root, env: { GAZETTE_NOW: 'tomorrow' } });
    expect(run.code).toBe(1);
    // Progress lines may come first; the message ends stderr, with no stack.
    expect(run.stderr).toMatch(
      /(^|\n)GAZETTE_NOW holds "tomorrow", which is not in the form HH:MM DD\/MM\/YYYY or ISO 8601\. Set it to the moment to build as of, as ISO 8601 \(2024-03-14T09:30:00Z\) or HH:MM DD\/MM\/YYYY in UK local time, or unset it to use the clock\.\nBuild stopped\. The previous _site\/ is unchanged\.\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** The text of an output file. */
function text(site: BuiltSite, file: string): string {
  return site.files.get(file)?.toString('utf8') ?? '';
}

function sitemapLocs(site: BuiltSite): string[] {
  const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(
    text(site, 'sitemap.xml'),
  ) as { urlset: { url: { loc: string }[] } };
  return parsed.urlset.url.map((u) => u.loc);
}

/** Pages in the search index, all its yearly shards together. */
async function indexedPages(root: string): Promise<number> {
  const folder = path.join(root, '_site/pagefind');
  const { shards } = JSON.parse(await readFile(path.join(folder, 'shards.json'), 'utf8')) as {
    shards: string[];
  };
  let pages = 0;
  for (const year of shards) {
    const entry = JSON.parse(
      await readFile(path.join(folder, year, 'pagefind-entry.json'), 'utf8'),
    ) as { languages: Record<string, { page_count: number }> };
    pages += Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
  }
  return pages;
}
