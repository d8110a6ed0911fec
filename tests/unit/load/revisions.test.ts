import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.ts';
import { releaseWarnings } from '../../../src/load/release-warnings.ts';
import { splitFrontMatter } from '../../../src/load/front-matter.ts';
import { locateField } from '../../../src/load/locate.ts';
import type { FileResult } from '../../../src/load/source-file.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

// Published 09:30 14/03/2024 (GMT): line 6 of the file holds the date.
const FIELDS = [
  'area: Orrindale',
  'title: New sergeant for Tiverbrook',
  'url: https://www.orrindale.police.example/news/new-sergeant/',
  'publish:',
  '  date: 09:30 14/03/2024',
];

function load(extra: string[], form: 'fenced' | 'dashed' = 'fenced'): FileResult {
  const fence = form === 'fenced' ? ['```yaml', '```'] : ['---', '---'];
  const text = [fence[0], ...FIELDS, ...extra, fence[1], '', 'Body text.', ''].join('\n');
  return loadReleaseFile('content/x.md', Buffer.from(text), { timeZone: 'Europe/London' });
}

function diagnostics(extra: string[]): Diagnostic[] {
  const result = load(extra);
  return result.ok ? [] : result.diagnostics;
}

function places(extra: string[]): [number, number, string, string | undefined][] {
  return diagnostics(extra).map((d) => [d.line, d.column, d.rule, d.field]);
}

describe('draft', () => {
  test('draft: true marks the release as a draft', () => {
    const result = load(['draft: true']);
    expect(result.ok && result.release.draft).toBe(true);
  });

  test('draft: false and no draft field leave the release without the mark', () => {
    for (const extra of [['draft: false'], []]) {
      const result = load(extra);
      expect(result.ok && 'draft' in result.release, extra.join()).toBe(false);
    }
  });

  test('draft: yes is text in YAML 1.2, and is refused with a located message', () => {
    expect(diagnostics(['draft: yes'])).toEqual([
      {
        file: 'content/x.md',
        line: 7,
        column: 8,
        field: 'draft',
        rule: 'wrong-type',
        severity: 'error',
        reason: 'The field "draft" should be true or false but is text.',
        hint: 'Change "draft" to true or false.',
      },
    ]);
  });
});

describe('publish.updated', () => {
  test('is read in UK local time and becomes the modification time', () => {
    const result = load(['  updated: 10:05 02/04/2024']);
    expect(result.ok && result.release.modified).toEqual({
      year: '2024',
      month: '04',
      day: '02',
      time: '10:05',
      iso: '2024-04-02T10:05:00+01:00',
    });
    expect(result.ok && 'corrections' in result.release).toBe(false);
  });

  test('may equal the publish date', () => {
    const result = load(['  updated: 09:30 14/03/2024']);
    expect(result.ok && result.release.modified?.iso).toBe('2024-03-14T09:30:00+00:00');
  });

  test('a release without it or corrections has no modification time', () => {
    const result = load([]);
    expect(result.ok && 'modified' in result.release).toBe(false);
  });

  test('an impossible date is refused at its place, with a hint naming the field', () => {
    expect(diagnostics(['  updated: 09:30 30/02/2024'])).toEqual([
      {
        file: 'content/x.md',
        line: 7,
        column: 12,
        field: 'publish.updated',
        rule: 'bad-date',
        severity: 'error',
        reason: 'The date "09:30 30/02/2024" does not exist: month 2 of 2024 has 29 days.',
        hint: 'Write publish.updated as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
      },
    ]);
  });

  test('a date earlier than publish.date is refused, naming both dates', () => {
    expect(diagnostics(['  updated: 09:29 14/03/2024'])).toEqual([
      {
        file: 'content/x.md',
        line: 7,
        column: 12,
        field: 'publish.updated',
        rule: 'date-before-publish',
        severity: 'error',
        reason:
          'publish.updated "09:29 14/03/2024" is earlier than publish.date "09:30 14/03/2024"; a release can only be updated or corrected after it was published.',
        hint: 'Check both dates: publish.updated is when the release was changed, so it is on or after publish.date.',
      },
    ]);
  });

  test('a number is refused by type, not read as a date', () => {
    expect(places(['  updated: 2024'])).toEqual([[7, 12, 'wrong-type', 'publish.updated']]);
  });

  test('an empty value is as good as none: the release has no modified time', () => {
    const result = load(['  updated:']);
    expect(result.ok && 'modified' in result.release).toBe(false);
  });

  test('written at the top level, it is ignored, and check says where it belongs', () => {
    const result = load(['updated: 10:05 02/04/2024']);
    expect(result.ok && 'modified' in result.release).toBe(false);
    const text = ['```yaml', ...FIELDS, 'updated: 10:05 02/04/2024', '```', '', 'Body.', ''];
    const split = splitFrontMatter(text.join('\n'));
    if (!result.ok || 'kind' in split) throw new Error('the release should load');
    const warnings = releaseWarnings(result.release, split, null);
    expect(warnings.filter((w) => w.rule !== 'no-og-image')).toEqual([
      {
        file: 'content/x.md',
        line: 7,
        column: 10,
        field: 'updated',
        rule: 'misplaced-field',
        severity: 'warning',
        reason:
          'The field "updated" belongs under publish, as publish.updated; at the top level it is ignored.',
        hint: 'Indent "updated:" under "publish:".',
      },
    ]);
  });

  test('the --- form reports the same places', () => {
    const dashed = load(['  updated: 09:29 14/03/2024'], 'dashed');
    expect(dashed.ok ? [] : dashed.diagnostics.map((d) => [d.line, d.column])).toEqual([[7, 12]]);
  });
});

describe('corrections', () => {
  const twoCorrections = [
    'corrections:',
    '  - date: 16:00 20/03/2024',
    '    note: The road is Holm Lane, not &amp; Holm Road.',
    '  - date: 11:15 15/03/2024',
    '    note: Corrected the time of the fire.',
  ];

  test('are kept oldest first, with dates on the site clock and notes cleaned like other text', () => {
    const result = load(twoCorrections);
    expect(result.ok && result.release.corrections).toEqual([
      {
        local: {
          year: '2024',
          month: '03',
          day: '15',
          time: '11:15',
          iso: '2024-03-15T11:15:00+00:00',
        },
        note: 'Corrected the time of the fire.',
      },
      {
        local: {
          year: '2024',
          month: '03',
          day: '20',
          time: '16:00',
          iso: '2024-03-20T16:00:00+00:00',
        },
        note: 'The road is Holm Lane, not & Holm Road.',
      },
    ]);
  });

  test('the latest of publish.updated and the corrections is the modification time', () => {
    const later = load(['  updated: 12:00 18/03/2024', ...twoCorrections]);
    expect(later.ok && later.release.modified?.iso).toBe('2024-03-20T16:00:00+00:00');
    const latest = load(['  updated: 12:00 21/03/2024', ...twoCorrections]);
    expect(latest.ok && latest.release.modified?.iso).toBe('2024-03-21T12:00:00+00:00');
  });

  test('an empty list means no corrections', () => {
    const result = load(['corrections: []']);
    expect(result.ok && ('corrections' in result.release || 'modified' in result.release)).toBe(
      false,
    );
  });

  test('a bad date in the second correction is reported at that correction', () => {
    const lines = [
      'corrections:',
      '- date: 16:00 20/03/2024',
      '  note: First.',
      '- date: 16:00 40/03/2024',
      '  note: Second.',
    ];
    expect(places(lines)).toEqual([[10, 9, 'bad-date', 'corrections.1.date']]);
    expect(diagnostics(lines)[0]?.hint).toBe(
      'Write corrections.1.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
    );
  });

  test('a correction dated before publication is refused', () => {
    const lines = ['corrections:', '  - date: 09:00 14/03/2024', '    note: Too early.'];
    expect(places(lines)).toEqual([[8, 11, 'date-before-publish', 'corrections.0.date']]);
  });

  test('a correction without a note, or with an empty one, is refused at the correction', () => {
    expect(places(['corrections:', '  - date: 16:00 20/03/2024'])).toEqual([
      [8, 3, 'required-field', 'corrections.0.note'],
    ]);
    expect(places(['corrections:', '  - date: 16:00 20/03/2024', '    note:'])).toEqual([
      [9, 5, 'empty-field', 'corrections.0.note'],
    ]);
  });

  test('a correction written as one line of text is refused with a hint showing the shape', () => {
    const found = diagnostics(['corrections:', '  - 16:00 20/03/2024 fixed the road name']);
    expect(found.map((d) => [d.rule, d.field, d.reason, d.hint])).toEqual([
      [
        'wrong-type',
        'corrections.0',
        'The field "corrections.0" should be a group of fields but is text.',
        'Write corrections as a list, one "- date: HH:MM DD/MM/YYYY" line per correction with an indented "note: what was corrected" under it.',
      ],
    ]);
  });

  test('corrections that are not a list are refused', () => {
    expect(places(['corrections: fixed a typo'])).toEqual([[7, 14, 'wrong-type', 'corrections']]);
  });

  test('every problem in one file is reported in one run, in file order', () => {
    expect(
      places([
        '  updated: 08:00 01/01/2024',
        'draft: maybe',
        'corrections:',
        '  - date: nonsense',
        '    note: x',
      ]),
    ).toEqual([
      [7, 12, 'date-before-publish', 'publish.updated'],
      [8, 8, 'wrong-type', 'draft'],
      [10, 11, 'bad-date', 'corrections.0.date'],
    ]);
  });
});

describe('locating list items', () => {
  const yaml = [
    '',
    'corrections:',
    '  - date: a',
    '    note: b',
    '  - date: c',
    '    note: d',
    'after:',
    '- note: e',
  ].join('\n');

  test('a number in the path picks that item of a block list', () => {
    expect(locateField(yaml, ['corrections', 0, 'date'])).toEqual({ line: 3, column: 11 });
    expect(locateField(yaml, ['corrections', 1, 'note'])).toEqual({ line: 6, column: 11 });
    expect(locateField(yaml, ['corrections', 1])).toEqual({ line: 5, column: 3 });
  });

  test('a list at its parent key’s indent is found too, and a missing item falls back to the list', () => {
    expect(locateField(yaml, ['after', 0, 'note'])).toEqual({ line: 8, column: 9 });
    expect(locateField(yaml, ['corrections', 5, 'date'])).toEqual({ line: 2, column: 1 });
  });
});
