import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findReleaseFiles } from '../../../src/load/find-files.ts';
import { findDuplicates, loadReleases, type LoadResult } from '../../../src/load/load-releases.ts';
import type { Release } from '../../../src/model/release.ts';

const options = { timeZone: 'Europe/London' };
const roots: string[] = [];

afterEach(async () => {
  await Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Fields {
  title: string;
  url?: string;
  date?: string;
  area?: string;
  slug?: string;
}

function release({
  title,
  url,
  date = '10:00 01/06/2021',
  area = 'Vellshire',
  slug,
}: Fields): string {
  const source = url ?? `https://www.vellshire.police.example/news/${encodeURIComponent(title)}/`;
  const lines = [
    '---',
    `area: ${area}`,
    `title: ${title}`,
    `url: ${source}`,
    'publish:',
    `  date: ${date}`,
  ];
  if (slug !== undefined) lines.push(`slug: ${slug}`);
  return [...lines, '---', '', `${title} body.`, ''].join('\n');
}

/** Makes a project folder holding `files` (path under content/ → text), written in the given order. */
async function project(files: [string, string][]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-load-'));
  roots.push(root);
  for (const [name, text] of files) {
    const full = path.join(root, 'content', name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  return root;
}

const load = (root: string): Promise<LoadResult> => loadReleases(root, 'content', options);
const files = (result: LoadResult) => result.releases.map((r) => r.file);

describe('loadReleases', () => {
  test('reads both .md and .txt files, in nested folders', async () => {
    const root = await project([
      ['a/2021/one.md', release({ title: 'One' })],
      ['b/two.txt', release({ title: 'Two' })],
      ['b/notes.html', release({ title: 'Three' })],
    ]);
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(files(result).sort()).toEqual(['content/a/2021/one.md', 'content/b/two.txt']);
  });

  test('reads .MD and .TXT in capitals as release files too', async () => {
    const root = await project([['one.MD', release({ title: 'One' })]]);
    expect(files(await load(root))).toEqual(['content/one.MD']);
  });

  test('gives each release its path relative to the project root, with forward slashes', async () => {
    const root = await project([['vellshire/2021/one.md', release({ title: 'One' })]]);
    expect((await load(root)).releases[0]?.file).toBe('content/vellshire/2021/one.md');
  });

  test('skips files and folders whose names start with _ or .', async () => {
    const root = await project([
      ['keep.md', release({ title: 'Keep' })],
      ['_draft.md', release({ title: 'Draft' })],
      ['.hidden.md', release({ title: 'Hidden' })],
      ['_drafts/inside.md', release({ title: 'Inside drafts' })],
      ['.git/inside.md', release({ title: 'Inside git' })],
      ['area/_partial.txt', 'not even front matter'],
    ]);
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(files(result)).toEqual(['content/keep.md']);
  });

  test('sorts releases newest first, breaking ties on page url', async () => {
    const root = await project([
      ['a.md', release({ title: 'Oldest', date: '09:00 01/01/2020' })],
      ['b.md', release({ title: 'Newest', date: '09:00 01/01/2022' })],
      ['c.md', release({ title: 'Beta', date: '09:00 01/01/2021' })],
      ['d.md', release({ title: 'Alpha', date: '09:00 01/01/2021' })],
    ]);
    expect((await load(root)).releases.map((r) => r.url)).toEqual([
      '/2022/01/01/newest-6kzqjo/',
      '/2021/01/01/alpha-njk3yd/',
      '/2021/01/01/beta-rtvgor/',
      '/2020/01/01/oldest-gvqwwg/',
    ]);
  });

  test('sorts by the instant, not the wall clock, across the autumn clock change', async () => {
    const root = await project([
      // 01:30 BST (00:30Z) comes before 01:10 GMT (01:10Z) on the same morning.
      ['bst.md', release({ title: 'Earlier', date: '01:30 25/10/2020' })],
      ['gmt.md', release({ title: 'Later', date: '2020-10-25T01:10:00Z' })],
    ]);
    expect((await load(root)).releases.map((r) => r.published)).toEqual([
      '2020-10-25T01:10:00Z',
      '2020-10-25T00:30:00Z',
    ]);
  });

  test('leaves out a file with errors while the others load', async () => {
    const root = await project([
      ['good.md', release({ title: 'Good' })],
      ['bad.md', release({ title: 'Bad', date: '10:00 31/02/2021' })],
    ]);
    const result = await load(root);
    expect(files(result)).toEqual(['content/good.md']);
    expect(result.diagnostics).toEqual([
      {
        file: 'content/bad.md',
        line: 6,
        column: 9,
        field: 'publish.date',
        rule: 'bad-date',
        severity: 'error',
        reason: 'The date "10:00 31/02/2021" does not exist: month 2 of 2021 has 28 days.',
        hint: 'Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
      },
    ]);
  });

  test('collects the problems of every file rather than stopping at the first', async () => {
    const root = await project([
      ['a.md', 'no front matter'],
      ['b.md', '---js\nglobalThis.pwned = 1\n---\n'],
      ['c.md', release({ title: 'Fine' })],
    ]);
    const result = await load(root);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['content/a.md', 'no-front-matter'],
      ['content/b.md', 'front-matter-engine'],
    ]);
    expect(files(result)).toEqual(['content/c.md']);
  });

  test('reports a broken symlink named x.md as unreadable instead of skipping it', async () => {
    const root = await project([['good.md', release({ title: 'Good' })]]);
    await symlink(path.join(root, 'nowhere.md'), path.join(root, 'content/x.md'));
    const result = await load(root);
    expect(files(result)).toEqual(['content/good.md']);
    expect(result.diagnostics).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'read-failed',
        severity: 'error',
        reason: 'The file could not be read (ENOENT).',
        hint: 'Check that the file exists and that its permissions allow reading.',
      },
    ]);
  });

  test('loads a release through a symlink that points at a real file', async () => {
    const root = await project([]);
    const outside = path.join(root, 'elsewhere.md');
    await writeFile(outside, release({ title: 'Linked' }));
    await mkdir(path.join(root, 'content'), { recursive: true });
    await symlink(outside, path.join(root, 'content/linked.md'));
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(files(result)).toEqual(['content/linked.md']);
  });

  test('treats a folder named x.md as a folder and reads the releases inside it', async () => {
    const root = await project([['x.md/inside.md', release({ title: 'Inside' })]]);
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(files(result)).toEqual(['content/x.md/inside.md']);
  });
});

describe('duplicate detection', () => {
  test("a repeated source url is an error at the later file's url field that names the earlier file", async () => {
    const url = 'https://www.vellshire.police.example/news/same/';
    const root = await project([
      ['2021/a-first.md', release({ title: 'First copy', url })],
      ['2021/b-second.md', release({ title: 'Second copy', url })],
    ]);
    const result = await load(root);
    expect(files(result)).toEqual(['content/2021/a-first.md']);
    expect(result.diagnostics).toEqual([
      {
        file: 'content/2021/b-second.md',
        line: 4,
        column: 6,
        field: 'url',
        rule: 'duplicate-url',
        severity: 'error',
        reason: 'This release has the same source url as content/2021/a-first.md.',
        hint: 'Each release must come from its own page; remove one copy or correct its url.',
      },
    ]);
  });

  test('one headline on one day from two source pages gives two pages', async () => {
    const root = await project([
      ['a.md', release({ title: 'Bonfire night', url: 'https://e.example/1' })],
      ['b.md', release({ title: 'Bonfire night', url: 'https://e.example/2' })],
    ]);
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.releases.map((r) => [r.file, r.url])).toEqual([
      ['content/a.md', '/2021/06/01/bonfire-night-yzhomj/'],
      ['content/b.md', '/2021/06/01/bonfire-night-zmoqh2/'],
    ]);
  });

  test('a repeated slug on one day is an error at the later slug, naming the earlier file', async () => {
    const root = await project([
      ['a.md', release({ title: 'Bonfire', url: 'https://e.example/1', slug: 'bonfire-night' })],
      ['b.md', release({ title: 'Fireworks', url: 'https://e.example/2', slug: 'bonfire-night' })],
    ]);
    const result = await load(root);
    expect(files(result)).toEqual(['content/a.md']);
    expect(result.diagnostics).toEqual([
      {
        file: 'content/b.md',
        line: 7,
        column: 7,
        field: 'slug',
        rule: 'duplicate-page',
        severity: 'error',
        reason:
          'This release would be published at /2021/06/01/bonfire-night/, which content/a.md already uses.',
        hint: 'Set a different "slug" in one of the two files.',
      },
    ]);
  });

  test('slugs that differ only in case lead to one page url and are caught', async () => {
    const root = await project([
      ['a.md', release({ title: 'A', url: 'https://e.example/1', slug: 'BONFIRE NIGHT' })],
      [
        'b.md',
        release({ title: 'Bonfire Night', url: 'https://e.example/2', slug: 'Bonfire-Night' }),
      ],
    ]);
    const result = await load(root);
    expect(files(result)).toEqual(['content/a.md']);
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.reason])).toEqual([
      [
        'content/b.md',
        'duplicate-page',
        'This release would be published at /2021/06/01/bonfire-night/, which content/a.md already uses.',
      ],
    ]);
  });

  test('the same day and slug in different years are different pages', async () => {
    const root = await project([
      [
        'a.md',
        release({ title: 'Bonfire night', date: '19:00 05/11/2020', url: 'https://e.example/1' }),
      ],
      [
        'b.md',
        release({ title: 'Bonfire night', date: '19:00 05/11/2021', url: 'https://e.example/2' }),
      ],
    ]);
    const result = await load(root);
    expect(result.diagnostics).toEqual([]);
    expect(files(result)).toEqual(['content/b.md', 'content/a.md']);
  });

  test('a third copy also names the first file, not the second', async () => {
    const url = 'https://e.example/same';
    const root = await project([
      ['a.md', release({ title: 'A', url })],
      ['b.md', release({ title: 'B', url })],
      ['c.md', release({ title: 'C', url })],
    ]);
    const result = await load(root);
    expect(result.diagnostics.map((d) => [d.file, d.reason])).toEqual([
      ['content/b.md', 'This release has the same source url as content/a.md.'],
      ['content/c.md', 'This release has the same source url as content/a.md.'],
    ]);
  });

  test('results are identical whatever order the files were created in', async () => {
    const entries: [string, string][] = [
      ['z/last.md', release({ title: 'Shared', url: 'https://e.example/s', slug: 'shared' })],
      ['a/first.md', release({ title: 'Shared', url: 'https://e.example/s', slug: 'shared' })],
      ['m/middle.txt', release({ title: 'SHARED', url: 'https://e.example/t', slug: 'SHARED' })],
      ['m/other.md', release({ title: 'Other', date: '08:00 02/06/2021' })],
      ['m/broken.md', 'no front matter'],
    ];
    const forward = await load(await project(entries));
    const backward = await load(await project([...entries].reverse()));
    expect(backward).toEqual(forward);
    expect(files(forward)).toEqual(['content/m/other.md', 'content/a/first.md']);
    expect(forward.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['content/m/broken.md', 'no-front-matter'],
      ['content/m/middle.txt', 'duplicate-page'],
      ['content/z/last.md', 'duplicate-url'],
    ]);
  });
});

describe('findDuplicates', () => {
  const stub = (file: string, url: string, sourceUrl: string) =>
    ({ file, url, sourceUrl }) as Release;

  test('compares page urls without case, since some hosts fold it', () => {
    const result = findDuplicates([
      stub('content/b.md', '/2021/06/01/Bonfire/', 'https://e.example/2'),
      stub('content/a.md', '/2021/06/01/bonfire/', 'https://e.example/1'),
    ]);
    expect(result.unique.map((r) => r.file)).toEqual(['content/a.md']);
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.reason])).toEqual([
      [
        'content/b.md',
        'duplicate-page',
        'This release would be published at /2021/06/01/Bonfire/, which content/a.md already uses.',
      ],
    ]);
  });

  test('reports a file that repeats both urls once, as a duplicate source url', () => {
    const result = findDuplicates([
      stub('content/a.md', '/p/', 'https://e.example/1'),
      stub('content/b.md', '/p/', 'https://e.example/1'),
    ]);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['content/b.md', 'duplicate-url'],
    ]);
  });
});

describe('findReleaseFiles', () => {
  test('lists release files sorted by code unit, whatever the file system order', async () => {
    const root = await project([
      ['b.md', ''],
      ['B.md', ''],
      ['a/z.txt', ''],
      ['a.md', ''],
    ]);
    const dir = path.join(root, 'content');
    expect((await findReleaseFiles(dir)).map((f) => path.relative(dir, f))).toEqual([
      'B.md',
      'a.md',
      path.join('a', 'z.txt'),
      'b.md',
    ]);
  });
});
