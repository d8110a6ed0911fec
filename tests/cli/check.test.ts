import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hashTree } from '../build/site-output.ts';
import { runCheck } from '../../src/cli/check.ts';
import { main } from '../../src/cli/main.ts';
import { CACHE_FOLDER } from '../../src/model/project-paths.ts';
import { loadReleases } from '../../src/load/load-releases.ts';
import { captureIo, makeFolder, makeProject, release, type ReleaseFields } from './helpers.ts';

const AREAS = `areas:
  wexmoor:
    name: Wexmoor
    aliases: [Wexmoor Constabulary]
`;

/** A project holding one release at content/wexmoor/2024/r.md; returns its root. */
async function projectWith(fields: ReleaseFields, areas: string | null = AREAS) {
  const root = await makeProject(areas === null ? {} : { areas });
  await mkdir(path.join(root, 'content/wexmoor/2024'), { recursive: true });
  await writeFile(path.join(root, 'content/wexmoor/2024/r.md'), release(fields));
  return root;
}

const OTHER_URL = 'https://www.wexmoor.police.example/news/another-release/';

async function check(root: string, ...args: string[]) {
  const { io, streams } = captureIo(root);
  const code = await main(['check', ...args], io);
  return { code, ...streams };
}

interface JsonReport {
  ok: boolean;
  strict: boolean;
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Record<string, unknown>[];
}

async function checkJson(root: string, ...args: string[]) {
  const run = await check(root, '--json', ...args);
  return { code: run.code, report: JSON.parse(run.out) as JsonReport };
}

describe('gazette check on a clean release', () => {
  test('exits 0 and says how many files it checked', async () => {
    const run = await check(await projectWith({}));
    expect(run).toEqual({ code: 0, out: '1 file checked: 0 errors, 0 warnings\n', err: '' });
  });
});

describe('gazette check warnings, each at its field', () => {
  const cases: [string, ReleaseFields, string, number, number, string | undefined][] = [
    [
      'no og:image',
      { og: { title: 'Appeal after fire at Holm Farm' } },
      'no-og-image',
      7,
      1,
      'og.image',
    ],
    [
      'og.description over 200 characters',
      {
        og: {
          title: 'Appeal after fire at Holm Farm',
          description: 'x'.repeat(201),
          image: 'https://a.example/i.jpg',
        },
      },
      'long-og-description',
      9,
      16,
      'og.description',
    ],
    ['an area missing from areas.yaml', { area: 'Eastmoor' }, 'unknown-area', 2, 7, 'area'],
    [
      'og.title disagreeing with title',
      { og: { title: 'Something else entirely', image: 'https://a.example/i.jpg' } },
      'title-mismatch',
      8,
      10,
      'og.title',
    ],
    ['an empty body', { body: '' }, 'empty-body', 12, 1, undefined],
  ];
  test.each(cases)('%s', async (_name, fields, rule, line, column, field) => {
    const { code, report } = await checkJson(await projectWith(fields));
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        file: 'content/wexmoor/2024/r.md',
        line,
        column,
        rule,
        severity: 'warning',
        ...(field === undefined ? {} : { field }),
      }),
    ]);
  });

  test('the human report prints path:line:col  severity  message  [rule] and the count', async () => {
    const run = await check(await projectWith({ area: 'Eastmoor' }));
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      [
        'content/wexmoor/2024/r.md:2:7  warning  The area "Eastmoor" is not in areas.yaml.  [unknown-area]',
        '    field: area',
        '    hint: Use one of the areas it lists (Wexmoor) or one of their aliases, or add the area to areas.yaml.',
        '',
        '1 file checked: 0 errors, 1 warning',
        '',
      ].join('\n'),
    );
  });

  test('an area written as an alias is known', async () => {
    const { report } = await checkJson(await projectWith({ area: 'Wexmoor Constabulary' }));
    expect(report.warnings).toBe(0);
  });

  test('without areas.yaml no area is unknown', async () => {
    const { report } = await checkJson(await projectWith({ area: 'Eastmoor' }, null));
    expect(report.diagnostics).toEqual([]);
  });

  test('og.description of exactly 200 characters is not too long', async () => {
    const og = {
      title: 'Appeal after fire at Holm Farm',
      description: 'é'.repeat(200),
      image: 'https://a.example/i.jpg',
    };
    const { report } = await checkJson(await projectWith({ og }));
    expect(report.diagnostics).toEqual([]);
  });

  test('a title that differs from og.title only in case, punctuation and the force suffix agrees', async () => {
    const og = { title: 'APPEAL after fire, at Holm Farm!', image: 'https://a.example/i.jpg' };
    const { report } = await checkJson(await projectWith({ og }));
    expect(report.diagnostics).toEqual([]);
  });
});

describe('gazette check exit codes and --json', () => {
  test('--json prints one object with the counts and every diagnostic', async () => {
    const { code, report } = await checkJson(await projectWith({ body: '' }));
    expect(code).toBe(0);
    expect(report).toEqual({
      ok: true,
      strict: false,
      files: 1,
      errors: 0,
      warnings: 1,
      diagnostics: [
        {
          file: 'content/wexmoor/2024/r.md',
          line: 12,
          column: 1,
          rule: 'empty-body',
          severity: 'warning',
          reason: 'The release has no text after its front matter.',
          hint: 'Write the text of the release below the front matter.',
        },
      ],
    });
  });

  test('--strict makes a warning fail with exit 1', async () => {
    const root = await projectWith({ body: '' });
    const { code, report } = await checkJson(root, '--strict');
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect((await check(root, '--strict')).out).toContain(
      '0 errors, 1 warning (--strict: warnings fail the check)',
    );
  });

  test('--strict passes when there are no warnings', async () => {
    expect((await check(await projectWith({}), '--strict')).code).toBe(0);
  });

  test('an error exits 1 with the loader located message', async () => {
    const { code, report } = await checkJson(await projectWith({ url: 'javascript:alert(1)' }));
    expect(code).toBe(1);
    expect(report.errors).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({
      line: 4,
      column: 6,
      field: 'url',
      rule: 'bad-url',
      severity: 'error',
    });
  });
});

describe('gazette check beside a build cache', () => {
  test('finds an error made since the last build, and leaves the cache as the build wrote it', async () => {
    const root = await projectWith({});
    await writeFile(
      path.join(root, 'content/wexmoor/2024/other.md'),
      release({ url: OTHER_URL, date: '10:00 15/03/2024' }),
    );
    const cacheDir = path.join(root, CACHE_FOLDER);
    const built = await loadReleases(root, 'content', { timeZone: 'Europe/London' }, { cacheDir });
    built.bodies.close();
    const cache = await hashTree(cacheDir);
    await writeFile(
      path.join(root, 'content/wexmoor/2024/r.md'),
      release({ url: 'javascript:alert(1)' }),
    );
    const { code, report } = await checkJson(root);
    expect(code).toBe(1);
    expect(report.files).toBe(2);
    expect(report.diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([
      ['content/wexmoor/2024/r.md', 4, 'bad-url'],
    ]);
    expect(await hashTree(cacheDir)).toEqual(cache);
  });
});

describe('gazette check with paths', () => {
  test('checks only the files asked for, but against the whole content folder', async () => {
    const root = await projectWith({ body: '' });
    // A copy of r.md that sorts after it: the same url, so an error in z-copy.md, and r.md stays clean.
    await writeFile(path.join(root, 'content/wexmoor/2024/z-copy.md'), release({ body: 'Text.' }));
    const { report } = await checkJson(root, path.join(root, 'content/wexmoor/2024/r.md'));
    expect(report.files).toBe(1);
    expect(report.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['content/wexmoor/2024/r.md', 'empty-body'],
    ]);
    const copy = await checkJson(root, 'content/wexmoor/2024/z-copy.md');
    expect(copy.report.diagnostics.map((d) => d.rule)).toEqual(['duplicate-url']);
  });

  test('files outside content/ are checked as a set of their own, named relative to the working folder', async () => {
    const root = await projectWith({});
    const scraped = await makeFolder({
      'a.txt': release({ og: undefined }),
      'b.txt': release({ og: undefined }),
    });
    const { io, streams } = captureIo(scraped);
    const code = await runCheck({ root, paths: ['.'], json: true, strict: false }, io);
    const report = JSON.parse(streams.out) as JsonReport;
    expect(code).toBe(1);
    expect(report.files).toBe(2);
    expect(report.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['a.txt', 'no-og-image', 'warning'],
      ['b.txt', 'duplicate-url', 'error'],
    ]);
  });

  test('a scraped file outside content/ that import --repair would fix gets a hint naming that command', async () => {
    const root = await projectWith({});
    const title = 'CHARGED: Man, 34, after fire at Holm Farm | Wexmoor Constabulary';
    const scraped = await makeFolder({ 'holm.md': release({ title }) });
    const { io, streams } = captureIo(scraped);
    expect(await runCheck({ root, paths: ['holm.md'], json: false, strict: false }, io)).toBe(1);
    expect(streams.out).toBe(
      [
        'holm.md:3:15  error  The front matter is not valid YAML: bad indentation of a mapping entry.  [yaml-syntax]',
        `    hint: Quote values that contain ": " or start with a special character, and check the indentation. Or run npx gazette import --repair --root ${root} holm.md, which fixes this in the copy it imports and leaves this file as it is.`,
        '',
        '1 file checked: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  test('a file already in content/ gets no import hint, since importing it again would only copy it', async () => {
    const root = await projectWith({ title: 'CHARGED: Man, 34 | Wexmoor Constabulary' });
    const { report } = await checkJson(root);
    expect(report.diagnostics.map((d) => [d.rule, d.hint])).toEqual([
      [
        'yaml-syntax',
        'Quote values that contain ": " or start with a special character, and check the indentation.',
      ],
    ]);
  });

  test('a path that does not exist is a clear error, exit 1', async () => {
    const run = await check(await projectWith({}), 'content/nowhere');
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'content/nowhere does not exist. Give a release file or a folder of releases.\n',
    );
  });

  test('a file that is not a release is refused by name', async () => {
    const root = await projectWith({});
    await writeFile(path.join(root, 'content/notes.json'), '{}');
    const run = await check(root, 'content/notes.json');
    expect(run.code).toBe(1);
    expect(run.err).toContain('content/notes.json is not a release file');
  });
});

describe('gazette check and areas.yaml', () => {
  test('a broken areas.yaml is an error located in it', async () => {
    const broken = 'areas:\n  wexmoor:\n    name: Wexmoor\n    alias: [Wex]\n';
    const { code, report } = await checkJson(await projectWith({}, broken));
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        file: 'areas.yaml',
        line: 4,
        column: 12,
        field: 'areas.wexmoor.alias',
        rule: 'registry-unknown-field',
      }),
    ]);
  });
});

describe('gazette check usage', () => {
  test('an unknown flag is exit 2 naming it', async () => {
    const run = await check(await projectWith({}), '--stirct');
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'Unknown option "--stirct" for gazette check.\nRun `npx gazette check --help` for its options and examples.\n',
    );
  });
});
