import { describe, expect, test } from 'vitest';
import {
  compareText,
  sortDiagnostics,
  type Diagnostic,
} from '../../../src/diagnostics/diagnostic.ts';
import { formatDiagnostic, formatReport } from '../../../src/diagnostics/format.ts';
import { messages } from '../../../src/diagnostics/messages.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

const badDate: Diagnostic = {
  file: 'content/x.md',
  line: 4,
  column: 7,
  field: 'publish.date',
  rule: 'bad-date',
  severity: 'error',
  reason: 'The date "10:00 31/02/2021" does not exist: month 2 of 2021 has 28 days.',
  hint: 'Write publish.date as HH:MM DD/MM/YYYY.',
};

describe('formatDiagnostic', () => {
  test('prints file:line:column, severity, reason and rule, then the field and the hint', () => {
    expect(formatDiagnostic(badDate)).toBe(
      [
        'content/x.md:4:7  error  The date "10:00 31/02/2021" does not exist: month 2 of 2021 has 28 days.  [bad-date]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY.',
      ].join('\n'),
    );
  });

  test('leaves out the field line when the problem has no field', () => {
    expect(
      formatDiagnostic({
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'no-front-matter',
        severity: 'error',
        reason: 'The file does not start with front matter.',
        hint: 'Begin the file with front matter.',
      }),
    ).toBe(
      'content/x.md:1:1  error  The file does not start with front matter.  [no-front-matter]\n' +
        '    hint: Begin the file with front matter.',
    );
  });

  test('prints only the first line when there is neither field nor hint', () => {
    expect(
      formatDiagnostic({
        file: 'content/y.md',
        line: 2,
        column: 3,
        rule: 'style',
        severity: 'warning',
        reason: 'Something small.',
      }),
    ).toBe('content/y.md:2:3  warning  Something small.  [style]');
  });

  test('never starts a reason with "Error:"', () => {
    expect(formatDiagnostic(badDate)).not.toMatch(/Error:/);
  });
});

describe('formatReport', () => {
  const warning: Diagnostic = {
    file: 'content/a.md',
    line: 9,
    column: 1,
    rule: 'style',
    severity: 'warning',
    reason: 'Something small.',
  };
  const early: Diagnostic = {
    ...badDate,
    line: 2,
    column: 1,
    rule: 'required-field',
    reason: 'Early.',
  };

  test('says 0 errors, 0 warnings when there is nothing to report', () => {
    expect(formatReport([])).toBe('0 errors, 0 warnings');
  });

  test('uses the singular for exactly one', () => {
    expect(formatReport([badDate, warning]).split('\n').at(-1)).toBe('1 error, 1 warning');
  });

  test('counts errors and warnings separately', () => {
    expect(formatReport([badDate, early, warning]).split('\n').at(-1)).toBe('2 errors, 1 warning');
  });

  test('sorts by file, then line, then column, with a blank line between entries', () => {
    expect(formatReport([badDate, warning, early])).toBe(
      [
        'content/a.md:9:1  warning  Something small.  [style]',
        '',
        'content/x.md:2:1  error  Early.  [required-field]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY.',
        '',
        'content/x.md:4:7  error  The date "10:00 31/02/2021" does not exist: month 2 of 2021 has 28 days.  [bad-date]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY.',
        '',
        '2 errors, 1 warning',
      ].join('\n'),
    );
  });

  test('prints a real loader diagnostic at its file position', () => {
    const text =
      '---\narea: A\ntitle: T\nurl: https://e.example/\npublish:\n  date: 10:00 31/02/2021\n---\n';
    const result = loadReleaseFile('content/x.md', Buffer.from(text), {
      timeZone: 'Europe/London',
    });
    expect(result.ok).toBe(false);
    expect(formatReport(result.ok ? [] : result.diagnostics)).toBe(
      [
        'content/x.md:6:9  error  The date "10:00 31/02/2021" does not exist: month 2 of 2021 has 28 days.  [bad-date]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
        '',
        '1 error, 0 warnings',
      ].join('\n'),
    );
  });
});

describe('sortDiagnostics', () => {
  const at = (file: string, line: number, column: number, rule = 'r'): Diagnostic => ({
    file,
    line,
    column,
    rule,
    severity: 'error',
    reason: 'x',
  });

  test('orders by file, line, column and then rule, without changing its input', () => {
    const input = [
      at('b.md', 1, 1),
      at('a.md', 10, 1),
      at('a.md', 2, 5),
      at('a.md', 2, 3, 'z'),
      at('a.md', 2, 3, 'a'),
    ];
    const copy = [...input];
    expect(sortDiagnostics(input).map((d) => `${d.file}:${d.line}:${d.column}:${d.rule}`)).toEqual([
      'a.md:2:3:a',
      'a.md:2:3:z',
      'a.md:2:5:r',
      'a.md:10:1:r',
      'b.md:1:1:r',
    ]);
    expect(input).toEqual(copy);
  });

  test('compares line numbers as numbers, so line 10 follows line 9', () => {
    expect(sortDiagnostics([at('a.md', 10, 1), at('a.md', 9, 1)]).map((d) => d.line)).toEqual([
      9, 10,
    ]);
  });

  test('compareText orders by code unit, not by locale', () => {
    expect(['b', 'B', 'a', 'é', 'e'].sort(compareText)).toEqual(['B', 'a', 'b', 'e', 'é']);
  });
});

describe('the message catalogue', () => {
  test('no reason starts with "Error" and every reason and hint ends with a full stop', () => {
    const samples = [
      messages['read-failed']('ENOENT'),
      messages['invalid-utf8'](3),
      messages['no-front-matter'](),
      messages['unclosed-front-matter']('---'),
      messages['front-matter-engine']('js'),
      messages['yaml-syntax']('bad indentation of a mapping entry'),
      messages['front-matter-shape'](),
      messages['required-field']('area'),
      messages['wrong-type']('title', 'text', 'a list'),
      messages['empty-field']('title'),
      messages['bad-date']('x', 'is not a date'),
      messages['bad-url']('url', 'x'),
      messages['bad-slug']('title', '!!!'),
      messages['duplicate-url']('content/a.md'),
      messages['duplicate-page']('/p/', 'content/a.md'),
      messages['empty-file'](0),
      messages['empty-file'](3),
      messages['toml-front-matter'](),
      messages['repaired-quote']('title', 'title: "UPDATE: A"'),
      messages['repaired-tabs']([4, 5]),
      messages['repaired-encoding']([[0x93, '“']], 1, [4]),
      messages['repair-refused']({ kind: 'mixed-encoding', utf8Line: 2 }),
      messages['repair-refused']({ kind: 'unassigned-byte', byte: 0x81 }),
      messages['repair-refused']({ kind: 'tab-width' }),
    ];
    for (const { reason, hint } of samples) {
      expect(reason).not.toMatch(/^Error/i);
      expect(reason).toMatch(/\.$/);
      expect(hint).toMatch(/\.$/);
    }
  });

  test('a duplicate message names the other file', () => {
    expect(messages['duplicate-url']('content/a.md').reason).toContain('content/a.md');
    expect(messages['duplicate-page']('/p/', 'content/a.md').reason).toContain('content/a.md');
  });
});
