import { describe, expect, test } from 'vitest';
import { repairRelease, type RepairResult } from '../../../src/load/repair.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

const FILE = 'scraped/x.md';
const QUOTE_HINT =
  'Have the scraper quote text values, or write its front matter with a YAML library.';

/** A release in the fenced form, one field per line, as scrapers write them. */
function scraped(fields: string[], body = 'Officers are appealing for witnesses.'): string {
  return ['```yaml', ...fields, '```', '', body, ''].join('\n');
}

const AREA = 'area: Westshire';
const URL = 'url: https://www.westshire.police.example/news/a/';
const DATE = ['publish:', '  date: 09:30 14/03/2024'];

function repair(text: string | Buffer): RepairResult {
  return repairRelease(FILE, typeof text === 'string' ? Buffer.from(text) : text);
}

/** The repaired copy as text; fails the test when nothing was repaired. */
function repairedText(text: string | Buffer): string {
  const result = repair(text);
  if (result.kind !== 'repaired') throw new Error(`expected a repair, got ${result.kind}`);
  return result.bytes.toString('utf8');
}

function loadedTitle(bytes: Buffer): string | undefined {
  const result = loadReleaseFile(FILE, bytes, { timeZone: 'Europe/London' });
  return result.ok ? result.release.title : undefined;
}

describe('an unquoted ": " in a one-line text field', () => {
  test('is put in double quotes, and the fix names the line, the column and the field', () => {
    const text = scraped([
      AREA,
      'title: UPDATE: Man charged after crash | Westshire Police',
      URL,
      ...DATE,
    ]);
    const result = repair(text);
    expect(result).toEqual({
      kind: 'repaired',
      bytes: Buffer.from(
        text.replace(
          'title: UPDATE: Man charged after crash | Westshire Police',
          'title: "UPDATE: Man charged after crash | Westshire Police"',
        ),
      ),
      fixes: [
        {
          file: FILE,
          line: 3,
          column: 8,
          field: 'title',
          rule: 'repaired-quote',
          severity: 'warning',
          reason:
            'The value of "title" holds a colon that YAML reads as the start of another field; repaired by putting it in double quotes: title: "UPDATE: Man charged after crash | Westshire Police".',
          hint: QUOTE_HINT,
        },
      ],
    });
  });

  test.each(['UPDATE:', 'CHARGED:', 'APPEAL:', 'NAMED:', 'JAILED:'])(
    'a headline with the %s prefix loads as written once repaired',
    (prefix) => {
      const title = `${prefix} Man, 34, from Holm Cross | Westshire Police`;
      const copy = repairedText(scraped([AREA, `title: ${title}`, URL, ...DATE]));
      expect(loadedTitle(Buffer.from(copy))).toBe(title);
    },
  );

  test('a question mark after the prefix is part of the text: APPEAL: Can you help?', () => {
    const title = 'APPEAL: Can you help? | Westshire Police';
    expect(
      loadedTitle(Buffer.from(repairedText(scraped([AREA, `title: ${title}`, URL, ...DATE])))),
    ).toBe(title);
  });

  test('double quotes and backslashes in the value are escaped, so the text is kept exactly', () => {
    const title = 'APPEAL: "Have you seen Dan?" \\ Mere Road | Westshire Police';
    const copy = repairedText(scraped([AREA, `title: ${title}`, URL, ...DATE]));
    expect(copy).toContain(
      'title: "APPEAL: \\"Have you seen Dan?\\" \\\\ Mere Road | Westshire Police"\n',
    );
    expect(loadedTitle(Buffer.from(copy))).toBe(title);
  });

  test('fields of og and publish are found under their group, each fix on its own line', () => {
    const text = scraped([
      AREA,
      'title: Man named | Westshire Police',
      URL,
      ...DATE,
      'og:',
      '  title: NAMED: Man who died in Holm Cross crash',
      '  description: CHARGED: A second man has now been charged.',
    ]);
    const result = repair(text);
    expect(
      result.kind === 'repaired' && result.fixes.map((f) => [f.line, f.column, f.field]),
    ).toEqual([
      [8, 10, 'og.title'],
      [9, 16, 'og.description'],
    ]);
  });

  test('a value ending in a colon is quoted too', () => {
    expect(repairedText(scraped([AREA, 'title: APPEAL:', URL, ...DATE]))).toContain(
      'title: "APPEAL:"\n',
    );
  });

  test('the column is that of the scraped line when a tab indents it', () => {
    const text = scraped([AREA, 'title: A | B', URL, ...DATE, 'og:', '\ttitle: APPEAL: A']);
    const result = repair(text);
    expect(
      result.kind === 'repaired' && result.fixes.map((f) => [f.rule, f.line, f.column]),
    ).toEqual([
      ['repaired-tabs', 8, 1],
      ['repaired-quote', 8, 9],
    ]);
  });
});

describe('what a repair never touches', () => {
  test('a file that loads is left as it is', () => {
    expect(repair(scraped([AREA, 'title: Man charged | Westshire Police', URL, ...DATE]))).toEqual({
      kind: 'unchanged',
    });
  });

  test('values already quoted, block scalars and url values are valid YAML and stay as written', () => {
    const text = scraped([
      AREA,
      'title: "UPDATE: Man charged | Westshire Police"',
      'url: https://www.westshire.police.example/news/update-man-charged/',
      ...DATE,
      'description: |',
      '  UPDATE: the road has reopened.',
      '  APPEAL: call 101.',
      'og:',
      "  title: 'UPDATE: Man charged'",
      '  description: >-',
      '    CHARGED: A man, 34,',
      '    was charged.',
    ]);
    expect(repair(text)).toEqual({ kind: 'unchanged' });
  });

  test('the body keeps its colons and tabs while the front matter is repaired', () => {
    const body = 'UPDATE: 16:05 - the road has reopened.\n\n\tDiversions: none.';
    const text = scraped(
      [AREA, 'title: UPDATE: Road reopened | Westshire Police', URL, ...DATE],
      body,
    );
    expect(repairedText(text)).toBe(
      text.replace(
        'title: UPDATE: Road reopened | Westshire Police',
        'title: "UPDATE: Road reopened | Westshire Police"',
      ),
    );
  });

  test('a field that is not one-line text, or a value that starts like other YAML, is not quoted', () => {
    expect(repair(scraped([AREA, 'title: A | B', URL, ...DATE, 'draft: yes: no']))).toEqual({
      kind: 'unchanged',
    });
    expect(repair(scraped([AREA, "title: 'Appeal': Holm Farm", URL, ...DATE]))).toEqual({
      kind: 'unchanged',
    });
    expect(
      repair(
        scraped([
          AREA,
          'title: A | B',
          URL,
          ...DATE,
          'corrections:',
          '  - date: 10:00 15/03/2024',
          '    note: CORRECTED: name',
        ]),
      ),
    ).toEqual({ kind: 'unchanged' });
  });

  test('a continuation line of another value is not taken for a field', () => {
    const text = scraped([
      AREA,
      'description: Officers said',
      '  title: APPEAL: help',
      URL,
      ...DATE,
    ]);
    expect(repair(text)).toEqual({ kind: 'unchanged' });
  });

  test('CRLF line ends and a byte order mark stay as they were', () => {
    const text = `\uFEFF${scraped([AREA, 'title: UPDATE: A | B', URL, ...DATE]).replace(/\n/g, '\r\n')}`;
    expect(repairedText(text)).toBe(text.replace('title: UPDATE: A | B', 'title: "UPDATE: A | B"'));
  });
});

describe('tabs in the front matter indentation', () => {
  test('become spaces with tab stops every 2 columns, in one fix naming the lines', () => {
    const text = scraped([
      AREA,
      'title: A | B',
      URL,
      'publish:',
      '\tdate: 09:30 14/03/2024',
      'og:',
      '\ttitle: A',
      '\t\t',
      '\tdescription: C',
    ]);
    const result = repair(text);
    expect(result).toEqual({
      kind: 'repaired',
      bytes: Buffer.from(text.replace(/\n\t(?=\w)/g, '\n  ')),
      fixes: [
        {
          file: FILE,
          line: 6,
          column: 1,
          rule: 'repaired-tabs',
          severity: 'warning',
          reason:
            "Lines 6, 8 and 10 are indented with tabs, which YAML does not allow; repaired by turning each tab into spaces, with tab stops every 2 columns (the fields nest the same whatever a tab's width).",
          hint: 'Have the scraper indent front matter with spaces.',
        },
      ],
    });
  });

  test('are refused when how the fields nest depends on the width of a tab', () => {
    const text = scraped([
      AREA,
      'title: A | B',
      URL,
      ...DATE,
      'og:',
      '    title: A',
      '\tdescription: C',
    ]);
    expect(repair(text)).toEqual({
      kind: 'refused',
      refusal: {
        file: FILE,
        line: 9,
        column: 1,
        rule: 'repair-refused',
        severity: 'warning',
        reason:
          "Not repaired: the front matter is indented with tabs and spaces together, and which field belongs to which group depends on a tab's width.",
        hint: 'Indent these lines with spaces by hand, so that each field lines up with the group it belongs to.',
      },
    });
  });
});
