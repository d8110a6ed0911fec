import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { messages } from '../../../src/diagnostics/messages.ts';
import { BODY_LIMITS, type BodyLimit } from '../../../src/load/body-limits.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import { verdictOf } from './rendered.ts';

const lines = (count: number, line: string) => Array<string>(count).fill(line).join('\n');
const stair = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');

/** Bodies at and over each limit, with what renderBody must make of them. */
const AT_THE_LIMITS: [string, string, string][] = [
  ['32 quotes on one line', `${'>'.repeat(32)} x`, 'rendered 872'],
  ['33 quotes, refused at the 33rd', `${'>'.repeat(33)} x`, 'depth at 1:33'],
  ['10,000 quotes', '>'.repeat(10_000), 'depth at 1:33'],
  ['a list nested 32 deep', stair(32), 'rendered 734'],
  ['a list nested 33 deep, refused at the 33rd marker', stair(33), 'depth at 33:65'],
  ['a list nested 1,000 deep', stair(1_000), 'depth at 33:65'],
  ['quotes and list items on one line, 34 deep', `${'> - '.repeat(17)}x`, 'depth at 1:65'],
  ['31 quotes round two emphases', `${'> '.repeat(31)}*a _b_*`, 'depth at 1:66'],
  ['nested emphasis 40 deep', `${'*a _a '.repeat(20)}x${' a_ a*'.repeat(20)}`, 'depth at 1:97'],
  ['1,000 ] in a paragraph', ']'.repeat(1_000), 'rendered 1007'],
  ['40,000 ]', ']'.repeat(40_000), 'paragraphMarks at 1:1001'],
  ['40,000 [', '['.repeat(40_000), 'paragraphMarks at 1:1001'],
  ['unclosed links', '[a](b'.repeat(10_000), 'paragraphMarks at 1:2501'],
  ['40,000 * between words', '*a '.repeat(40_000), 'paragraphMarks at 1:3001'],
  ['40,000 _ inside one word', 'a_'.repeat(40_000), 'paragraphMarks at 1:2002'],
  [
    'backticks of growing length',
    Array.from({ length: 500 }, (_, i) => `e${'`'.repeat(i + 1)}`).join(''),
    'paragraphMarks at 1:1046',
  ],
  ['a line of a million letters and no space', 'a'.repeat(1_000_000), 'rendered 1000007'],
  ['a quote continued by 1,000 lines', `> x\n${lines(1_000, 'text')}`, 'rendered 5035'],
  ['a quote continued by 1,001 lines', `> x\n${lines(1_001, 'text')}`, 'lazyLines at 1002:1'],
  ['a list of 1,000 items', lines(1_000, '- x'), 'rendered 11010'],
  ['a list of 1,001 items', lines(1_001, '- x'), 'listItems at 1001:1'],
  ['1,001 underlined headings', lines(1_001, 'a\n=='), 'underlinedHeadings at 2002:1'],
  ['25,000 lines', lines(25_000, 'a'), 'rendered 50006'],
  ['25,001 lines', lines(25_001, 'a'), 'size at 25001:1'],
  ['40 paragraphs of 800 marks', `${'*a_ '.repeat(400)}\n\n`.repeat(40), 'size at 63:275'],
];

describe('a body over a limit is refused where it first goes over, before it is parsed', () => {
  test.each(AT_THE_LIMITS)('%s', (_name, body, verdict) => {
    expect(verdictOf(body)).toBe(verdict);
  });

  test('the verdicts are the same on a worker thread with a stack of half a megabyte', async () => {
    const bodies = AT_THE_LIMITS.map(([, body]) => body);
    const verdicts = await new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./render-worker.mjs', import.meta.url), {
        workerData: bodies,
        resourceLimits: { stackSizeMb: 0.5 },
      });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    expect(verdicts).toEqual(AT_THE_LIMITS.map(([, , verdict]) => verdict));
  });
});

describe('what the limits leave alone', () => {
  test('marks in fenced code do not count, nor do quote markers inside it', () => {
    const body = `\`\`\`\n${'>'.repeat(1_000)}\n${lines(5_000, '*a_')}\n\`\`\``;
    expect(verdictOf(body)).toBe('rendered 21025');
  });

  test('a fence inside a quote ends with it, and the quotes after it count again', () => {
    expect(verdictOf(`> \`\`\`\n> ${'>'.repeat(100)}\n> \`\`\`\n> ${'>'.repeat(40)}`)).toBe(
      'depth at 4:34',
    );
  });

  test('a table counts its marks row by row, so 1,000 rows with links and bold render', () => {
    const row = '| **Jo Bloggs** | [fined](https://e.example/a) |';
    expect(verdictOf(`| Name | Result |\n|---|---|\n${lines(1_000, row)}`)).toBe('rendered 96091');
  });

  test('a line of dashes is a thematic break, not 40 nested list items', () => {
    expect(verdictOf(`${'- '.repeat(40)}-`)).toBe('rendered 4');
  });

  test('the limits are the documented ones', () => {
    expect(BODY_LIMITS).toEqual({
      depth: 32,
      paragraphMarks: 1_000,
      lazyLines: 1_000,
      listItems: 1_000,
      underlinedHeadings: 1_000,
      size: 25_000,
    });
  });
});

describe('a refused body in a release file', () => {
  test('is reported at its line and column in the file, with what to do', () => {
    const file = [
      '---',
      'area: Wexmoor',
      'title: Results | Wexmoor Police',
      'url: https://www.wexmoor.police.example/news/results/',
      'publish:',
      '  date: 10:00 01/06/2021',
      '---',
      '',
      'The results:',
      '',
      lines(1_001, '- Jo Bloggs, fined'),
    ].join('\n');
    const result = loadReleaseFile('content/x.md', Buffer.from(file), {
      timeZone: 'Europe/London',
    });
    expect(result.ok ? [] : result.diagnostics).toEqual([
      {
        file: 'content/x.md',
        line: 1_011,
        column: 1,
        rule: 'body-too-complex',
        severity: 'error',
        reason: 'This list has more than 1,000 items, too many to render in reasonable time.',
        hint: 'Split the list into shorter ones, with a line of text between them.',
      },
    ]);
  });
});

describe('the messages for a refused body', () => {
  test('name each limit with its figure, and end with a full stop', () => {
    const limits = Object.keys(BODY_LIMITS).filter((l) => l !== 'depth') as Exclude<
      BodyLimit,
      'depth'
    >[];
    const texts = [
      messages['body-too-deep'](BODY_LIMITS.depth),
      ...limits.map((limit) => messages['body-too-complex'](limit, BODY_LIMITS[limit])),
    ];
    expect(texts.map((t) => /\b(32|1,000|25,000)\b/.exec(t.reason)?.[0])).toEqual([
      '32',
      '1,000',
      '1,000',
      '1,000',
      '1,000',
      '25,000',
    ]);
    for (const { reason, hint } of texts) expect(`${reason} ${hint}`).toMatch(/\.\s.*\.$/);
  });
});
