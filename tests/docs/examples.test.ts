import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  fillExamples,
  findExamples,
  normaliseOutput,
  runExample,
} from '../../scripts/docs/examples.ts';
import { docFiles, repo } from '../../scripts/docs/references.ts';

/**
 * Every ```console block in README.md and docs/*.md whose lines start with
 * `$ ` is run in a fresh copy of the bundled project (tests/fixtures/docs adds
 * scraped folders and, per block, an overlay), and must print what it shows,
 * timings aside. `npm run docs` rewrites the blocks.
 */

const files = await docFiles();
const examples = (
  await Promise.all(
    files.map(async (file) => findExamples(file, await readFile(path.join(repo, file), 'utf8'))),
  )
).flat();

describe('console examples', () => {
  test('are found in the guides', () => {
    const where = new Set(examples.map((example) => example.file));
    expect([...where].sort()).toEqual(['docs/deploying.md', 'docs/editors.md', 'docs/rules.md']);
  });

  test.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))(
    '%s prints what it shows',
    async (where, example) => {
      const printed = normaliseOutput(await runExample(example));
      expect(printed, `${where} is stale: run npm run docs`).toBe(normaliseOutput(example.text));
    },
  );
});

describe('the example machinery', () => {
  const markdown = [
    'Text.',
    '',
    '<!-- example project: drafts -->',
    '',
    '```console',
    '$ npx gazette check --strict',
    'old output',
    '```',
    '',
    '```console',
    'no command here',
    '```',
  ].join('\n');

  test('reads each block with its commands, its line and the overlay named before it', () => {
    expect(findExamples('x.md', markdown)).toEqual([
      {
        file: 'x.md',
        line: 5,
        project: 'drafts',
        commands: ['npx gazette check --strict'],
        text: '$ npx gazette check --strict\nold output',
      },
    ]);
  });

  test('replaces only the example blocks with what they print now', () => {
    const filled = fillExamples(markdown, findExamples('x.md', markdown), [
      '$ npx gazette check --strict\nnew\noutput',
    ]);
    expect(filled).toBe(markdown.replace('old output', 'new\noutput'));
  });

  test('ignores timings, and only timings, when comparing', () => {
    expect(normaliseOutput('Built 15 releases (48 pages) in 0.74 s; index in 12.05 s')).toBe(
      'Built 15 releases (48 pages) in 0.00 s; index in 0.00 s',
    );
  });

  test('refuses a command that is not npx gazette', async () => {
    const example = { ...findExamples('x.md', markdown)[0]!, commands: ['rm -r content'] };
    await expect(runExample(example)).rejects.toThrow(
      'examples run only "npx gazette …", not: rm -r content',
    );
  });
});
