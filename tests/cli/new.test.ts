import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadReleases } from '../../src/load/load-releases.ts';
import { loadReleaseFile } from '../../src/load/to-release.ts';
import { captureIo, makeProject } from './helpers.ts';

const AREAS = `areas:
  leicestershire:
    name: Leicestershire
    aliases: [Leics]
    image:
      url: https://gazette.example/assets/areas/leicestershire.png
      alt: Leicestershire Police badge
`;
// 09:30 UTC on 14 March 2024 is 09:30 in London (GMT).
const MARCH = Date.UTC(2024, 2, 14, 9, 30);

async function gazetteNew(root: string, args: string[], now = MARCH) {
  const { io, streams } = captureIo(root, now);
  const code = await main(['new', ...args], io);
  return { code, ...streams };
}

const London = { timeZone: 'Europe/London' };

async function loadOne(root: string, file: string) {
  const bytes = await readFile(path.join(root, file));
  return loadReleaseFile(file, bytes, { timeZone: 'Europe/London' });
}

describe('gazette new', () => {
  test('writes the fenced house format at content/<area>/<year>/<title>.md and prints the path', async () => {
    const root = await makeProject();
    const run = await gazetteNew(root, [
      '--area',
      'Wexmoor',
      '--title',
      'Appeal after fire at Holm Farm',
    ]);
    const file = 'content/wexmoor/2024/appeal-after-fire-at-holm-farm.md';
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      `Created ${file}\n` +
        'Fill in url, og.description, og.image, og.url and the body: they hold placeholders (TODO, example.invalid) until you do.\n' +
        `Run \`npx gazette check ${file}\` to see what is left.\n`,
    );
    expect(await readFile(path.join(root, file), 'utf8')).toBe(
      [
        '```yaml',
        'area: Wexmoor',
        'title: Appeal after fire at Holm Farm',
        'url: https://example.invalid/wexmoor/2024/appeal-after-fire-at-holm-farm/',
        'publish:',
        '  date: 09:30 14/03/2024',
        'og:',
        '  title: Appeal after fire at Holm Farm',
        '  description: TODO one or two sentences for lists and share previews, at most 200 characters.',
        "  # image: the https:// address of the release's picture",
        '  locale: en_GB',
        '  type: website',
        '  url: https://example.invalid/wexmoor/2024/appeal-after-fire-at-holm-farm/',
        '```',
        '',
        'TODO: write the release here, in Markdown.',
        '',
      ].join('\n'),
    );
  });

  test('the file it writes loads without errors, alone and with the whole content folder', async () => {
    const root = await makeProject();
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'First']);
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'Second']);
    const one = await loadOne(root, 'content/wexmoor/2024/first.md');
    expect(one.ok && one.release).toMatchObject({
      area: 'Wexmoor',
      headline: 'First',
      published: '2024-03-14T09:30:00Z',
      url: '/2024/03/14/first-baq5hj/',
    });
    const all = await loadReleases(root, 'content', { timeZone: 'Europe/London' });
    expect(all.diagnostics).toEqual([]);
    expect(all.releases.map((r) => r.file).sort()).toEqual([
      'content/wexmoor/2024/first.md',
      'content/wexmoor/2024/second.md',
    ]);
  });

  test('--format dashes writes the same fields between --- lines', async () => {
    const root = await makeProject();
    const run = await gazetteNew(root, [
      '--area',
      'Wexmoor',
      '--title',
      'Dashes',
      '--format',
      'dashes',
    ]);
    expect(run.code).toBe(0);
    const text = await readFile(path.join(root, 'content/wexmoor/2024/dashes.md'), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual(['---', 'area: Wexmoor', 'title: Dashes']);
    expect(text).toContain('\n---\n\nTODO: write the release here');
    const fenced = await makeProject();
    await gazetteNew(fenced, ['--area', 'Wexmoor', '--title', 'Dashes']);
    const other = await readFile(path.join(fenced, 'content/wexmoor/2024/dashes.md'), 'utf8');
    expect(text.replaceAll('---', '```')).toBe(other.replace('```yaml', '```'));
    expect((await loadOne(root, 'content/wexmoor/2024/dashes.md')).ok).toBe(true);
  });

  test('publish.date is the time in London, not UTC: 23:30 UTC on 31 Dec 2023 in winter, 00:30 next day in summer', async () => {
    const winter = await makeProject();
    await gazetteNew(winter, ['--area', 'A', '--title', 'T'], Date.UTC(2023, 11, 31, 23, 30));
    expect(await readFile(path.join(winter, 'content/a/2023/t.md'), 'utf8')).toContain(
      '  date: 23:30 31/12/2023\n',
    );
    const summer = await makeProject();
    await gazetteNew(summer, ['--area', 'A', '--title', 'T'], Date.UTC(2024, 5, 30, 23, 30));
    expect(await readFile(path.join(summer, 'content/a/2024/t.md'), 'utf8')).toContain(
      '  date: 00:30 01/07/2024\n',
    );
  });

  test('--date sets publish.date and the year folder', async () => {
    const root = await makeProject();
    const run = await gazetteNew(root, [
      '--area',
      'Wexmoor',
      '--title',
      'Old',
      '--date',
      '10:55 16/09/2020',
    ]);
    expect(run.out).toContain('Created content/wexmoor/2020/old.md\n');
    const loaded = await loadOne(root, 'content/wexmoor/2020/old.md');
    expect(loaded.ok && loaded.release.published).toBe('2020-09-16T09:55:00Z');
  });

  test('an impossible --date is a usage error, exit 2, and writes nothing', async () => {
    const root = await makeProject();
    const run = await gazetteNew(root, [
      '--area',
      'W',
      '--title',
      'T',
      '--date',
      '10:00 31/02/2024',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'The date "10:00 31/02/2024" does not exist: month 2 of 2024 has 29 days. Give --date as "HH:MM DD/MM/YYYY" in UK local time, such as --date "09:30 14/03/2024".\n' +
        'Run `npx gazette new --help` for its options and examples.\n',
    );
    expect(run.out).toBe('');
  });

  test('titles with YAML and HTML specials read back exactly as typed', async () => {
    const root = await makeProject();
    const title = 'Appeal: "Dog" & R&D #1 - no';
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', title]);
    const loaded = await loadOne(root, 'content/wexmoor/2024/appeal-dog-and-r-and-d-1-no.md');
    expect(loaded.ok && [loaded.release.title, loaded.release.headline]).toEqual([title, title]);
  });

  test('refuses to overwrite an existing file: exit 1, a clear message, the file unchanged', async () => {
    const root = await makeProject();
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'Twice']);
    const file = path.join(root, 'content/wexmoor/2024/twice.md');
    await writeFile(file, 'edited by hand');
    const run = await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'Twice']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'content/wexmoor/2024/twice.md already exists; gazette new never overwrites a release. Edit that file, or give another --title.\n',
    );
    expect(await readFile(file, 'utf8')).toBe('edited by hand');
  });

  test('writes a release with the title of one on the same day in another area, at its own address', async () => {
    const root = await makeProject();
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'Road closed']);
    const run = await gazetteNew(root, ['--area', 'Saltmere', '--title', 'Road closed']);
    expect(run.code).toBe(0);
    const all = await loadReleases(root, 'content', London);
    expect(all.diagnostics).toEqual([]);
    expect(all.releases.map((r) => [r.file, r.url])).toEqual([
      ['content/saltmere/2024/road-closed.md', '/2024/03/14/road-closed-bvhuyn/'],
      ['content/wexmoor/2024/road-closed.md', '/2024/03/14/road-closed-ywzu2b/'],
    ]);
  });

  test('an alias in areas.yaml files the release under the area, with its name and share picture', async () => {
    const root = await makeProject({ areas: AREAS });
    const run = await gazetteNew(root, ['--area', 'leics', '--title', 'Road closed']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Fill in url, og.description, og.url and the body:');
    const loaded = await loadOne(root, 'content/leicestershire/2024/road-closed.md');
    expect(loaded.ok && [loaded.release.area, loaded.release.og.image]).toEqual([
      'Leicestershire',
      'https://gazette.example/assets/areas/leicestershire.png',
    ]);
  });

  test('an area missing from areas.yaml is written, with a note on stderr', async () => {
    const root = await makeProject({ areas: AREAS });
    const run = await gazetteNew(root, ['--area', 'Rutland', '--title', 'T']);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      'Note: the area "Rutland" is not in areas.yaml; add it there, or use one of its names or aliases.\n',
    );
  });

  test('gazette check lists exactly the placeholders left, and --strict fails on them', async () => {
    const root = await makeProject();
    await gazetteNew(root, ['--area', 'Wexmoor', '--title', 'Holm Farm']);
    const { io, streams } = captureIo(root);
    expect(await main(['check', '--json', '--strict'], io)).toBe(1);
    const report = JSON.parse(streams.out) as {
      diagnostics: { rule: string; field?: string; line: number }[];
    };
    expect(report.diagnostics.map((d) => [d.line, d.rule, d.field])).toEqual([
      [4, 'placeholder', 'url'],
      [7, 'no-og-image', 'og.image'],
      [9, 'placeholder', 'og.description'],
      [13, 'placeholder', 'og.url'],
      [16, 'placeholder', 'body'],
    ]);
  });
});

describe('gazette new usage', () => {
  test.each([
    [[], 'gazette new needs --area <name> and --title <title>.'],
    [['--area', 'W'], 'gazette new needs --title <title>.'],
    [['--area', 'W', '--title'], 'The option --title needs a value: --title <title>.'],
    [
      ['--area', 'W', '--title', 'T', '--format', 'toml'],
      '--format is "fenced" or "dashes", not "toml".',
    ],
    [['--area', 'W', '--title', 'T', '--force'], 'Unknown option "--force" for gazette new.'],
    [
      ['--area', 'W', '--title', 'T', 'extra'],
      'gazette new takes no arguments, but was given "extra".',
    ],
    [
      ['--area', '...', '--title', 'T'],
      'The area "..." has no letters or digits to make a folder name from.',
    ],
  ])('%j is exit 2: %s', async (args, message) => {
    const root = await makeProject();
    const run = await gazetteNew(root, args);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `${message}\nRun \`npx gazette new --help\` for its options and examples.\n`,
    );
  });

  test('--help prints the synopsis, every option and examples, exit 0', async () => {
    const run = await gazetteNew(await makeProject(), ['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Usage: gazette new --area <name> --title <title>/);
    for (const option of [
      '--area <name>',
      '--title <title>',
      '--date',
      '--format fenced|dashes',
      '--root <dir>',
    ]) {
      expect(run.out).toContain(option);
    }
    expect(run.out).toContain(
      'Examples:\n  gazette new --area Wexmoor --title "Appeal after fire at Holm Farm"',
    );
  });

  test('stops with the located error when areas.yaml is wrong, and writes nothing', async () => {
    const root = await makeProject();
    await writeFile(
      path.join(root, 'areas.yaml'),
      'areas:\n  leicestershire:\n    aliases: [Leics]\n',
    );
    const run = await gazetteNew(root, ['--area', 'Leics', '--title', 'Road closed']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^areas\.yaml:2:3 /m);
    expect(run.err).toContain('Fix areas.yaml first.');
    expect(await readdir(path.join(root, 'content'), { recursive: true })).not.toContainEqual(
      expect.stringMatching(/road-closed/),
    );
  });
});
