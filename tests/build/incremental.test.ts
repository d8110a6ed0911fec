import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult, type BuildSession } from '../../src/build/build-site.ts';
import { hashTree, projectsRemovedAfterAll } from './site-output.ts';

const project = projectsRemovedAfterAll();

/** Builds `root` with the cache, and a copy of it from scratch, and returns both outputs' hashes. */
async function buildBoth(
  root: string,
): Promise<{ result: BuildResult; incremental: Map<string, string>; fresh: Map<string, string> }> {
  const result = await buildSite({ root, env: {} });
  const copy = await project();
  await rm(path.join(copy, 'content'), { recursive: true, force: true });
  await cp(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
  await buildSite({ root: copy, env: {}, cache: false });
  return {
    result,
    incremental: await hashTree(path.join(root, '_site')),
    fresh: await hashTree(path.join(copy, '_site')),
  };
}

function differing(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

const rendered = (r: BuildResult) =>
  r.ok ? { incremental: r.incremental, rendered: r.rendered, removed: r.removed } : r;

describe('rebuilding with the cache', () => {
  let root: string;
  let first: Map<string, string>;

  beforeAll(async () => {
    root = await project();
    const result = await buildSite({ root, env: {} });
    expect(result.ok && result.incremental).toBe(false);
    first = await hashTree(path.join(root, '_site'));
  });

  test('renders nothing when nothing changed, and leaves every file as it was', async () => {
    const result = await buildSite({ root, env: {} });
    expect(rendered(result)).toEqual({ incremental: true, rendered: 0, removed: 0 });
    expect(Object.fromEntries(await hashTree(path.join(root, '_site')))).toEqual(
      Object.fromEntries(first),
    );
  });

  test('after a body edit, renders only the pages that changed and matches a fresh build byte for byte', async () => {
    const before = await hashTree(path.join(root, '_site'));
    const file = path.join(root, 'content', await firstReleaseFile(root));
    await appendFile(file, '\nA sentence added by an editor.\n');
    const { result, incremental, fresh } = await buildBoth(root);
    expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(fresh));
    const changedPages = differing(before, incremental).filter((f) => f.endsWith('.html'));
    // The body is on the release's own page alone: no list or neighbour shows it.
    expect(changedPages.length).toBeGreaterThan(0);
    expect(result.ok && result.incremental).toBe(true);
    expect(result.ok ? result.rendered : -1).toBe(changedPages.length);
  });

  test('after an edit deep in a body with its own description, renders its page alone', async () => {
    const before = await hashTree(path.join(root, '_site'));
    // The seed's shape: og.description is set, so no list line is taken from the body.
    const file = path.join(root, 'content/leicestershire/2020/000_d1719f2e7f2409f0.txt');
    await appendFile(file, '\nA closing line added by an editor.\n');
    const { result, incremental, fresh } = await buildBoth(root);
    expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(fresh));
    const changedPages = differing(before, incremental).filter((f) => f.endsWith('.html'));
    expect(changedPages).toHaveLength(1);
    expect(result.ok ? result.rendered : -1).toBe(1);
  });

  /** Adds a copy of the first release under a new url and headline, as `content/<name>`. */
  async function addRelease(name: string): Promise<void> {
    const source = path.join(root, 'content', await firstReleaseFile(root));
    const text = (await readFile(source, 'utf8'))
      .replace(/^url: (.*)$/m, `url: $1${name}/`)
      .replace(/^(title: )(.*)$/m, `$1An added release ${name} | Added Police`)
      .replace(/^(\s+title: )(.*)$/m, `$1An added release ${name}`);
    await writeFile(path.join(root, 'content', name), text);
  }

  test('after adding a release, matches a fresh build byte for byte', async () => {
    await addRelease('zz-added.md');
    const { result, incremental, fresh } = await buildBoth(root);
    expect(result.ok && result.incremental).toBe(true);
    expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(fresh));
  });

  test('after removing a release, deletes its page and matches a fresh build byte for byte', async () => {
    // This test adds the release it removes, so it does not lean on the one before.
    await addRelease('zz-to-remove.md');
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    const pages = await hashTree(path.join(root, '_site'));
    await rm(path.join(root, 'content', 'zz-to-remove.md'));
    const { result, incremental, fresh } = await buildBoth(root);
    const gone = [...pages.keys()].filter((f) => !incremental.has(f));
    expect(gone).toContainEqual(
      expect.stringMatching(/an-added-release-zz-to-remove[^/]*\/index\.html$/),
    );
    expect(result.ok && result.incremental).toBe(true);
    // Its page, and the lists that only it filled, are reported as removed.
    expect(result.ok && result.removed).toBeGreaterThan(0);
    expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(fresh));
  });

  test('after a --fresh build of other content, a cached build trusts no page of the old manifest', async () => {
    const file = path.join(root, 'content/leicestershire/2020/000_d1719f2e7f2409f0.txt');
    const original = await readFile(file, 'utf8');
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    // The fresh build renders an edit the manifest never saw; then the edit is undone.
    await appendFile(file, '\nA line only the fresh build saw.\n');
    expect((await buildSite({ root, env: {}, cache: false })).ok).toBe(true);
    await writeFile(file, original);
    const { incremental, fresh } = await buildBoth(root);
    expect(differing(incremental, fresh)).toEqual([]);
  });

  test('after a build that failed while writing pages, the next one trusts no page of the old manifest', async () => {
    const file = path.join(root, 'content/corriston-isles/storm-warning.md');
    const original = await readFile(file, 'utf8');
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    // The edit changes the release's summary, so its lists are written, then
    // its page (shallower pages are written first): a folder where that page
    // goes stops the build there.
    await writeFile(file, original.replace('Residents of', 'Everyone on'));
    const releasePage = path.join(
      root,
      '_site/2022/02/01/storm-advice-for-island-residents-ewdf62/index.html',
    );
    await rm(releasePage);
    await mkdir(releasePage);
    await expect(buildSite({ root, env: {} })).rejects.toThrow();
    const monthList = path.join(root, '_site/2022/02/index.html');
    expect(await readFile(monthList, 'utf8')).toContain('Everyone on');
    // The edit is undone: the list page on disk must be rendered again.
    await rm(releasePage, { recursive: true });
    await writeFile(file, original);
    const { incremental, fresh } = await buildBoth(root);
    expect(differing(incremental, fresh)).toEqual([]);
  });

  test('renders every page afresh when a template changes', async () => {
    const layout = path.join(root, 'templates/_includes/footer.njk');
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace('</footer>', '<p>Changed.</p></footer>'),
    );
    const result = await buildSite({ root, env: {} });
    expect(result.ok && result.incremental).toBe(false);
    expect(await readFile(path.join(root, '_site/index.html'), 'utf8')).toContain(
      '<p>Changed.</p>',
    );
  });
});

async function firstReleaseFile(root: string): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(path.join(root, 'content'), { recursive: true });
  const file = entries.filter((e) => /\.(md|txt)$/.test(e)).sort()[0];
  if (file === undefined) throw new Error('the fixture has no releases');
  return file;
}

describe('rebuilding in one process with a session, as serve does', () => {
  test('reuses the open load cache and still writes what a fresh build writes', async () => {
    const root = await project();
    const session: BuildSession = {};
    expect((await buildSite({ root, env: {}, session })).ok).toBe(true);
    const cache = session.load?.cache;
    expect(cache).toBeDefined();
    const file = path.join(root, 'content/corriston-isles/storm-warning.md');
    for (const sentence of ['A first edit.', 'A second edit.']) {
      await appendFile(file, `\n${sentence}\n`);
      const result = await buildSite({ root, env: {}, session });
      expect(rendered(result)).toMatchObject({ incremental: true });
      expect(result.ok && result.rendered).toBeGreaterThan(0);
      // The same cache object: nothing was read back from disk.
      expect(session.load?.cache).toBe(cache);
    }
    const { incremental, fresh } = await buildBoth(root);
    expect(differing(incremental, fresh)).toEqual([]);
    const pages = await readdir(path.join(root, '_site'), { recursive: true });
    const texts = await Promise.all(
      pages
        .filter((p) => p.endsWith('.html'))
        .map((p) => readFile(path.join(root, '_site', p), 'utf8')),
    );
    const edited = texts.filter((t) => t.includes('A second edit.'));
    expect(edited.length).toBeGreaterThan(0);
    expect(edited.every((t) => t.includes('A first edit.'))).toBe(true);
  });
});

describe('a session keys again only what changed, and misses nothing', () => {
  test("a neighbour's new headline, a release added between and taken away again, and a duplicate, each as a fresh build has them", async () => {
    const root = await project();
    const session: BuildSession = {};
    const content = path.join(root, 'content/corriston-isles');
    const storm = path.join(
      root,
      '_site/2022/02/01/storm-advice-for-island-residents-ewdf62/index.html',
    );
    const matchesFresh = async (result: BuildResult) => {
      expect(result.ok && result.incremental).toBe(true);
      const sessionOutput = await hashTree(path.join(root, '_site'));
      const { fresh } = await buildBoth(root);
      expect(differing(sessionOutput, fresh)).toEqual([]);
    };
    expect((await buildSite({ root, env: {}, session })).ok).toBe(true);
    expect(await readFile(storm, 'utf8')).toContain('Police at the Skelland lighthouse open day');

    // The storm release is unchanged, but its newer neighbour's headline is not.
    const lighthouse = path.join(content, 'lighthouse-open-day.md');
    const original = await readFile(lighthouse, 'utf8');
    await writeFile(
      lighthouse,
      original.replace('Police at the Skelland', 'Crowds at the Skelland'),
    );
    await matchesFresh(await buildSite({ root, env: {}, session }));
    expect(await readFile(storm, 'utf8')).toContain('Crowds at the Skelland lighthouse open day');

    // A release between them becomes the storm release's newer neighbour, then goes.
    const between = path.join(content, 'between.md');
    await writeFile(
      between,
      [
        '---',
        'area: Corriston Isles',
        'title: Harbour wall repairs | Corriston Isles Police',
        'url: https://www.corriston.police.example/news/2022/june/harbour-wall-repairs/',
        'publish:',
        '  date: 2022-06-01T09:00:00Z',
        '---',
        '',
        'Repairs to the harbour wall begin on Monday.',
        '',
      ].join('\n'),
    );
    await matchesFresh(await buildSite({ root, env: {}, session }));
    expect(await readFile(storm, 'utf8')).toContain('Harbour wall repairs');
    await rm(between);
    await writeFile(lighthouse, original);
    await matchesFresh(await buildSite({ root, env: {}, session }));
    expect(await readFile(storm, 'utf8')).toContain('Police at the Skelland lighthouse open day');

    // A copy of an unchanged release under another name is still a duplicate.
    const copy = path.join(content, 'storm-warning-copy.md');
    await cp(path.join(content, 'storm-warning.md'), copy);
    const duplicated = await buildSite({ root, env: {}, session });
    expect(duplicated.ok).toBe(false);
    expect(duplicated.diagnostics.map((d) => d.rule)).toContain('duplicate-url');
    await rm(copy);
    await matchesFresh(await buildSite({ root, env: {}, session }));
  });
});
