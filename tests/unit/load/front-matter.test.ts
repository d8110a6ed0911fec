import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.ts';
import { splitFrontMatter } from '../../../src/load/front-matter.ts';
import { locateField } from '../../../src/load/locate.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import { inlineBodies } from '../../../src/load/body-store.ts';

const FIELDS = [
  'area: Orrindale',
  'title: New sergeant for Tiverbrook',
  'url: https://www.orrindale.police.example/news/new-sergeant/',
  'publish:',
  '  date: 12:10 10/01/2022',
];

/** The same front matter in the house form or the --- form, followed by a body. */
function fenced(lines: string[], body = 'Body text.\n'): string {
  return ['```yaml', ...lines, '```', '', body].join('\n');
}
function dashed(lines: string[], body = 'Body text.\n'): string {
  return ['---', ...lines, '---', '', body].join('\n');
}

function diagnosticsOf(text: string): Diagnostic[] {
  const result = loadReleaseFile('content/x.md', Buffer.from(text), { timeZone: 'Europe/London' });
  return result.ok ? [] : result.diagnostics;
}

/** Line, column, rule and field of each diagnostic: the part both front-matter forms must share. */
function places(text: string): [number, number, string, string | undefined][] {
  return diagnosticsOf(text).map((d) => [d.line, d.column, d.rule, d.field]);
}

afterEach(() => {
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe('splitting the two front-matter forms', () => {
  test('the house form opens with ```yaml on line 1 and closes with ```', () => {
    expect(splitFrontMatter('```yaml\narea: A\ntitle: T\n```\n\nBody\n')).toEqual({
      data: { area: 'A', title: 'T' },
      yaml: '\narea: A\ntitle: T',
      body: '\nBody\n',
      bodyLine: 5,
    });
  });

  test('the conventional form opens and closes with ---', () => {
    expect(splitFrontMatter('---\narea: A\ntitle: T\n---\nBody\n')).toEqual({
      data: { area: 'A', title: 'T' },
      yaml: '\narea: A\ntitle: T',
      body: 'Body\n',
      bodyLine: 5,
    });
  });

  test('a fence with no language, with yml or with YAML in capitals is read as YAML', () => {
    for (const open of ['```', '```yml', '```YAML', '---yaml', '--- ']) {
      const close = open.startsWith('`') ? '```' : '---';
      expect(splitFrontMatter(`${open}\narea: A\n${close}\n`), open).toMatchObject({
        data: { area: 'A' },
      });
    }
  });

  test('bodyLine is the file line just after the closing fence', () => {
    const split = splitFrontMatter(fenced(FIELDS));
    expect(split).toMatchObject({ bodyLine: 8, body: '\nBody text.\n' });
    const text = fenced(FIELDS).split('\n');
    expect(text[7 - 1]).toBe('```');
  });

  test('a file that ends on the closing fence has an empty body', () => {
    expect(splitFrontMatter('---\narea: A\n---')).toEqual({
      data: { area: 'A' },
      yaml: '\narea: A',
      body: '',
      bodyLine: 4,
    });
  });

  test('empty front matter gives an empty mapping', () => {
    expect(splitFrontMatter('---\n---\nBody')).toMatchObject({
      data: {},
      body: 'Body',
      bodyLine: 3,
    });
  });

  test('a ```yaml block inside the body stays in the body', () => {
    const text = '```yaml\narea: A\n```\n\nIntro.\n\n```yaml\narea: B\n```\n';
    expect(splitFrontMatter(text)).toEqual({
      data: { area: 'A' },
      yaml: '\narea: A',
      body: '\nIntro.\n\n```yaml\narea: B\n```\n',
      bodyLine: 4,
    });
  });

  test('a ```yaml block in the body is rendered as code, not read as fields', () => {
    const text = fenced(FIELDS, 'Intro.\n\n```yaml\narea: Elsewhere\n```\n');
    const result = loadReleaseFile('content/x.md', Buffer.from(text), {
      timeZone: 'Europe/London',
    });
    expect(result.ok && result.release.area).toBe('Orrindale');
    expect(result.ok && inlineBodies.read(result.release.body)).toBe(
      '<p>Intro.</p>\n<pre><code class="language-yaml">area: Elsewhere\n</code></pre>',
    );
  });
});

describe('files without usable front matter', () => {
  test('a file that does not start with a fence has no front matter', () => {
    expect(splitFrontMatter('Hello\n---\narea: A\n---\n')).toEqual({ kind: 'no-front-matter' });
  });

  test('a blank line before the fence means there is no front matter', () => {
    expect(splitFrontMatter('\n---\narea: A\n---\n')).toEqual({ kind: 'no-front-matter' });
  });

  test('four dashes or four backticks are not a fence', () => {
    expect(splitFrontMatter('----\narea: A\n----\n')).toEqual({ kind: 'no-front-matter' });
    expect(splitFrontMatter('````\narea: A\n````\n')).toEqual({ kind: 'no-front-matter' });
  });

  test('an empty file is reported as empty, not as missing its front matter', () => {
    expect(diagnosticsOf('')).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'empty-file',
        severity: 'error',
        reason: 'The file is empty (0 bytes).',
        hint: 'A scraper leaves such a file when fetching the page failed: scrape the page again, or delete the file.',
      },
    ]);
  });

  test('a file of only a byte order mark, spaces and line breaks is empty too', () => {
    expect(diagnosticsOf('\uFEFF \r\n\t\n\uFEFF').map((d) => [d.rule, d.reason])).toEqual([
      ['empty-file', 'The file is empty: it holds only spaces, line breaks or a byte order mark.'],
    ]);
  });

  test('TOML front matter between +++ lines is named as TOML', () => {
    expect(splitFrontMatter('+++\ntitle = "A"\n+++\n\nBody\n')).toEqual({
      kind: 'toml-front-matter',
    });
    expect(diagnosticsOf('+++\r\ntitle = "A"\r\n+++\r\n')).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'toml-front-matter',
        severity: 'error',
        reason:
          'The front matter is TOML (between +++ lines, as Hugo writes it); only YAML front matter is read.',
        hint: 'Rewrite it as YAML between --- lines: title = "…" becomes title: "…", and an [og] table becomes og: with its fields indented under it.',
      },
    ]);
  });

  test('a body line of plus signs is not TOML front matter', () => {
    expect(splitFrontMatter('++++\nA\n')).toEqual({ kind: 'no-front-matter' });
    expect(splitFrontMatter('+++ Breaking\nA\n')).toEqual({ kind: 'no-front-matter' });
  });

  test('a --- block that is never closed is reported with the --- fence in the hint', () => {
    expect(splitFrontMatter('---\narea: A\n\nBody\n')).toEqual({
      kind: 'unclosed-front-matter',
      fence: '---',
    });
    expect(diagnosticsOf('---\narea: A\n\nBody\n')).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'unclosed-front-matter',
        severity: 'error',
        reason: 'The front matter opened on line 1 is never closed.',
        hint: 'Add a line holding only --- after the last front-matter field.',
      },
    ]);
  });

  test('a ```yaml block that is never closed is reported with the ``` fence in the hint', () => {
    expect(splitFrontMatter('```yaml\narea: A\n')).toEqual({
      kind: 'unclosed-front-matter',
      fence: '```',
    });
    expect(diagnosticsOf('```yaml\narea: A\n')[0]?.hint).toBe(
      'Add a line holding only ``` after the last front-matter field.',
    );
  });

  test('a file holding only the opening fence is unclosed', () => {
    expect(splitFrontMatter('---')).toEqual({ kind: 'unclosed-front-matter', fence: '---' });
  });

  test('front matter that is a list, not a mapping, is refused', () => {
    expect(diagnosticsOf('---\n- area\n- title\n---\n')).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'front-matter-shape',
        severity: 'error',
        reason: 'The front matter must be a mapping of field names to values.',
        hint: 'Write one "field: value" per line.',
      },
    ]);
  });
});

describe('front matter in another language is refused and never run', () => {
  const code = "globalThis.pwned = true;\nmodule.exports = { area: 'A' };";

  test.each([
    ['---js', '---', 'js'],
    ['---javascript', '---', 'javascript'],
    ['--- js', '---', 'js'],
    ['```js', '```', 'js'],
    ['```JavaScript', '```', 'javascript'],
    ['---json', '---', 'json'],
    ['---coffee', '---', 'coffee'],
    ['---toml', '---', 'toml'],
  ])('%s front matter is refused as "%s"', (open, close, language) => {
    const text = `${open}\n${code}\n${close}\nBody\n`;
    expect(splitFrontMatter(text)).toEqual({ kind: 'front-matter-engine', language });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test('loading ---js front matter reports front-matter-engine and leaves globalThis untouched', () => {
    expect(diagnosticsOf(`---js\n${code}\n---\nBody\n`)).toEqual([
      {
        file: 'content/x.md',
        line: 1,
        column: 1,
        rule: 'front-matter-engine',
        severity: 'error',
        reason:
          'Front matter in "js" is not accepted; only YAML is read, and front matter is never run as code.',
        hint: 'Write the front matter as YAML: ```yaml or --- on the first line.',
      },
    ]);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test('JSON front matter is refused even though it would parse', () => {
    expect(diagnosticsOf('---json\n{ "area": "A" }\n---\n').map((d) => d.rule)).toEqual([
      'front-matter-engine',
    ]);
  });
});

describe('front matter is read as YAML 1.2 with the core schema', () => {
  const data = (yaml: string) =>
    (splitFrontMatter(`---\n${yaml}\n---\n`) as { data: unknown }).data;

  test('no, yes, on and off stay text', () => {
    expect(data('a: no\nb: yes\nc: on\nd: off')).toEqual({ a: 'no', b: 'yes', c: 'on', d: 'off' });
  });

  test('1:20 stays the text "1:20", not the sexagesimal 80', () => {
    expect(data('time: 1:20')).toEqual({ time: '1:20' });
  });

  test('ISO dates and timestamps stay text, not Date objects', () => {
    expect(data('a: 2020-09-16\nb: 2020-09-16T10:55:00Z')).toEqual({
      a: '2020-09-16',
      b: '2020-09-16T10:55:00Z',
    });
  });

  test('true, numbers and null keep their core-schema types', () => {
    expect(data('a: true\nb: 2020\nc: 1.5\nd: ~\ne:')).toEqual({
      a: true,
      b: 2020,
      c: 1.5,
      d: null,
      e: null,
    });
  });

  test('a JS-specific tag is refused as a syntax error, never evaluated', () => {
    const text = '---\narea: !!js/function "function () { globalThis.pwned = true }"\n---\n';
    expect(splitFrontMatter(text)).toMatchObject({ kind: 'yaml-syntax', line: 2 });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test('a repeated top-level key is refused at the line of the repeat', () => {
    expect(splitFrontMatter('---\narea: A\ntitle: T\narea: B\n---\n')).toEqual({
      kind: 'yaml-syntax',
      detail: 'duplicated mapping key',
      line: 4,
      column: 1,
    });
  });

  test('a repeated nested key is refused at the line of the repeat', () => {
    expect(splitFrontMatter('---\nog:\n  title: A\n  title: B\n---\n')).toMatchObject({
      kind: 'yaml-syntax',
      detail: 'duplicated mapping key',
      line: 4,
    });
  });

  test('a repeated key gets a hint about the repeat, not about quoting', () => {
    expect(diagnosticsOf('---\narea: A\narea: B\n---\n')).toEqual([
      {
        file: 'content/x.md',
        line: 3,
        column: 1,
        rule: 'yaml-syntax',
        severity: 'error',
        reason: 'The front matter is not valid YAML: duplicated mapping key.',
        hint: 'Each field may appear only once in its group; delete or merge the repeated one.',
      },
    ]);
  });
});

describe('error positions are file positions, the same for both forms', () => {
  // Both forms put the first field on line 2, so every position must agree.
  const cases: [string, string[]][] = [
    [
      'a YAML syntax error',
      [...FIELDS.slice(0, 2), ' url: https://e.example/', ...FIELDS.slice(3)],
    ],
    ['a number where text belongs', ['area: Orrindale', 'title: 2022', ...FIELDS.slice(2)]],
    ['an impossible date', [...FIELDS.slice(0, 4), '  date: 12:10 31/02/2022']],
    ['a missing nested field', [...FIELDS.slice(0, 4), '  time: 12:10']],
    ['a bad URL', [FIELDS[0] ?? '', FIELDS[1] ?? '', 'url: ftp://e.example/', ...FIELDS.slice(3)]],
  ];

  test.each(cases)('%s is reported on the same line and column in both forms', (_name, lines) => {
    const inFence = places(fenced(lines));
    expect(inFence).not.toEqual([]);
    expect(places(dashed(lines))).toEqual(inFence);
  });

  test('the base line is pinned: a YAML error on file line 4 is reported as line 4', () => {
    const lines = [...FIELDS.slice(0, 2), ' url: https://e.example/', ...FIELDS.slice(3)];
    expect(places(fenced(lines))).toEqual([[4, 5, 'yaml-syntax', undefined]]);
    expect(places(dashed(lines))).toEqual([[4, 5, 'yaml-syntax', undefined]]);
  });

  test('the base line is pinned: a field error points at the value on its file line', () => {
    const lines = ['area: Orrindale', 'title: 2022', ...FIELDS.slice(2)];
    expect(places(fenced(lines))).toEqual([[3, 8, 'wrong-type', 'title']]);
  });

  test('the base line is pinned: a bad date points at the value on line 6', () => {
    const lines = [...FIELDS.slice(0, 4), '  date: 12:10 31/02/2022'];
    expect(places(dashed(lines))).toEqual([[6, 9, 'bad-date', 'publish.date']]);
  });

  test('a missing nested field points at its parent key', () => {
    const lines = [...FIELDS.slice(0, 4), '  hour: 12:10'];
    expect(places(fenced(lines))).toEqual([[5, 1, 'required-field', 'publish.date']]);
  });

  test('a missing field written under a near name points at that value and names the key', () => {
    const lines = [...FIELDS.slice(0, 4), '  time: 12:10 10/01/2022'];
    expect(diagnosticsOf(fenced(lines))).toEqual([
      {
        file: 'content/x.md',
        line: 6,
        column: 9,
        field: 'publish.date',
        rule: 'required-field',
        severity: 'error',
        reason: 'The required field "publish.date" is missing.',
        hint: '"publish.time" probably means it: rename it to "date".',
      },
    ]);
  });

  test('a missing top-level field points at the opening fence', () => {
    expect(places(dashed(FIELDS.slice(1)))).toEqual([[1, 1, 'required-field', 'area']]);
  });

  test('CRLF line ends do not shift the reported line', () => {
    const lines = [...FIELDS.slice(0, 4), '  date: 12:10 31/02/2022'];
    expect(places(dashed(lines).replace(/\n/g, '\r\n'))).toEqual([
      [6, 9, 'bad-date', 'publish.date'],
    ]);
  });
});

describe('locateField', () => {
  const yaml =
    '\narea: A\nog:\n  title: T\n  image:   https://e.example/i.png\npublish:\n  date: x\ntitle:\n  - a';

  test('points at the value when it shares the key line', () => {
    expect(locateField(yaml, ['area'])).toEqual({ line: 2, column: 7 });
  });

  test('walks into nested groups by indentation', () => {
    expect(locateField(yaml, ['og', 'title'])).toEqual({ line: 4, column: 10 });
    expect(locateField(yaml, ['publish', 'date'])).toEqual({ line: 7, column: 9 });
  });

  test('skips extra spaces before the value', () => {
    expect(locateField(yaml, ['og', 'image'])).toEqual({ line: 5, column: 12 });
  });

  test('points at the key when the value starts on the next line', () => {
    expect(locateField(yaml, ['og'])).toEqual({ line: 3, column: 1 });
    expect(locateField(yaml, ['title', 0])).toEqual({ line: 8, column: 1 });
  });

  test('falls back to the nearest written parent', () => {
    expect(locateField(yaml, ['og', 'url'])).toEqual({ line: 3, column: 1 });
  });

  test('falls back to line 1, column 1 when nothing on the path is written', () => {
    expect(locateField(yaml, ['slug'])).toEqual({ line: 1, column: 1 });
  });

  test('does not mistake a nested key for a top-level one of the same name', () => {
    expect(locateField(yaml, ['title'])).toEqual({ line: 8, column: 1 });
  });
});

describe('field checks', () => {
  test('every problem in a file is reported at once, the bad date included, in line order', () => {
    // The schema checks area, title, url, publish, og in that order; the file has og first.
    const lines = [
      'title: 2022',
      'og:',
      '  image: javascript:alert(1)',
      'publish:',
      '  date: 12:10 31/02/2022',
    ];
    expect(places(dashed(lines))).toEqual([
      [1, 1, 'required-field', 'area'],
      [1, 1, 'required-field', 'url'],
      [2, 8, 'wrong-type', 'title'],
      [4, 10, 'bad-url', 'og.image'],
      [6, 9, 'bad-date', 'publish.date'],
    ]);
  });

  test('a key with no value is reported as an empty field, not as the wrong type', () => {
    expect(diagnosticsOf(dashed(['area: Orrindale', 'title:', ...FIELDS.slice(2)]))).toEqual([
      {
        file: 'content/x.md',
        line: 3,
        column: 1,
        field: 'title',
        rule: 'empty-field',
        severity: 'error',
        reason: 'The field "title" is empty.',
        hint: 'Give "title" a value, or remove it if it is optional.',
      },
    ]);
  });

  test('a title of spaces is empty once trimmed', () => {
    expect(places(dashed(['area: Orrindale', 'title: "   "', ...FIELDS.slice(2)]))).toEqual([
      [3, 8, 'empty-field', 'title'],
    ]);
  });

  test('text is NFC-normalised after entities are decoded, so an encoded accent composes', () => {
    const text = dashed(['area: Orrindale', 'title: Cafe&#x301; fire', ...FIELDS.slice(2)]);
    const result = loadReleaseFile('content/x.md', Buffer.from(text), {
      timeZone: 'Europe/London',
    });
    expect(result.ok && result.release.title).toBe('Caf\u00e9 fire');
    expect(result.ok && result.release.slug).toMatch(/^cafe-fire-[a-z2-7]{6}$/);
  });

  test('an area with no letters or digits is refused, a title with none is not', () => {
    expect(diagnosticsOf(dashed(['area: "***"', 'title: "!!!"', ...FIELDS.slice(2)]))).toEqual([
      {
        file: 'content/x.md',
        line: 2,
        column: 7,
        field: 'area',
        rule: 'bad-slug',
        severity: 'error',
        reason: 'The area "***" has no letters or digits to build a web address from.',
        hint: 'Give "area" a name with letters or digits, such as the force or county name.',
      },
    ]);
  });

  test('a headline with no letters or digits is published at its id alone', () => {
    const text = dashed([...FIELDS, 'og:', '  title: "???"']);
    const result = loadReleaseFile('content/x.md', Buffer.from(text), {
      timeZone: 'Europe/London',
    });
    expect(result.ok && result.release.url).toBe('/2022/01/10/wduubu/');
  });

  test('a slug field overrides the headline and is reported itself when unusable', () => {
    expect(places(dashed([...FIELDS, 'slug: "+++"']))).toEqual([[7, 7, 'bad-slug', 'slug']]);
    const ok = loadReleaseFile(
      'content/x.md',
      Buffer.from(dashed([...FIELDS, 'slug: Sergeant News'])),
      {
        timeZone: 'Europe/London',
      },
    );
    expect(ok.ok && ok.release.url).toBe('/2022/01/10/sergeant-news/');
  });

  test('a number as the publish date is the wrong type, with a hint to quote it', () => {
    expect(diagnosticsOf(dashed([...FIELDS.slice(0, 4), '  date: 2022']))).toEqual([
      {
        file: 'content/x.md',
        line: 6,
        column: 9,
        field: 'publish.date',
        rule: 'wrong-type',
        severity: 'error',
        reason: 'The field "publish.date" should be text but is the number 2022.',
        hint: 'Put the value in double quotes so YAML reads it as text.',
      },
    ]);
  });

  test('publish written as text instead of a group is the wrong type', () => {
    expect(diagnosticsOf(dashed([...FIELDS.slice(0, 3), 'publish: 12:10 10/01/2022']))).toEqual([
      {
        file: 'content/x.md',
        line: 5,
        column: 10,
        field: 'publish',
        rule: 'wrong-type',
        severity: 'error',
        reason: 'The field "publish" should be a group of fields but is text.',
        hint: 'Change "publish" to a group of fields.',
      },
    ]);
  });
});
