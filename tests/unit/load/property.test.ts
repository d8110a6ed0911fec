import { isUtf8 } from 'node:buffer';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { load as loadHtml } from 'cheerio';
import fc from 'fast-check';
import { defaultSchema } from 'hast-util-sanitize';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.ts';
import { messages } from '../../../src/diagnostics/messages.ts';
import { loadReleases } from '../../../src/load/load-releases.ts';
import { rendered } from './rendered.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import type { Release } from '../../../src/model/release.ts';
import { inlineBodies } from '../../../src/load/body-store.ts';

/*
 * Properties of the loader over hostile input. fast-check picks a fresh seed on
 * every run and prints it, with the shrunk counterexample, when a property fails.
 */

const FILE = 'content/x.md';
const options = { timeZone: 'Europe/London' };
const RULES = new Set(Object.keys(messages));
const PAGE_URL = /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9]+(-[a-z0-9]+)*\/$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ALLOWED_TAGS = new Set(defaultSchema.tagNames);
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_TAB_AND_LF = /[^\P{Cc}\t\n]/u;

/** Strings that have broken parsers, sanitisers or URL checks somewhere. */
const HOSTILE_TEXT = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&#58;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD4=',
  '//evil.example/',
  'https:evil.example',
  'https://a.example/\u0000',
  'https://a.example/\nx',
  'https://a.example/&#10;x',
  '&amp;',
  '&amp;amp;',
  '&lt;script&gt;',
  '&#13;',
  '&#0;',
  '&quot;',
  '</script>',
  '<script>alert(1)</script>',
  '"',
  "'",
  ': ',
  '- ',
  ' #',
  '&anchor ',
  '*alias',
  '!!binary',
  '|',
  '>',
  '{',
  '[',
  '%YAML 1.1',
  '---',
  '```',
  '```yaml',
  '\r',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u2028',
  '\ufeff',
  'e\u0301',
  'Ynys Mo\u0302n',
  '../..',
  '/',
  '\\',
];

/** Markdown that tries to get markup, script or a dangerous URL into the page. */
const HOSTILE_MARKDOWN = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<object data="x"></object>',
  '<!-- comment -->',
  '<a href="javascript:alert(1)">raw</a>',
  '<details open ontoggle=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](<java\tscript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD4=)',
  '[x](xmpp:evil@evil.example)',
  '[x](/relative) [y](page.html) [z](//evil.example/)',
  '[x](#fragment)',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '![i](data:image/svg+xml;base64,PHN2Zz4=)',
  '![i](javascript:alert(1))',
  '![remote](https://e.example/i.png) ![rel](/i.png) [![in](https://e.example/i.png)](/a)',
  '<javascript:alert(1)>',
  '<vbscript:msgbox(1)>',
  '[ok](https://e.example/a) <https://e.example/b> mailto:press@e.example',
  '````md\n```yaml\narea: x\n```\n````',
  '```yaml\n---\n```',
  '---',
  'text[^1]\n\n[^1]: note',
  '| a | b |\n|---|---|\n| <b>x</b> | [y](javascript:z) |',
  '- [ ] task',
  'a\u0000b\u0007c\u000bd\u001be',
  'line\rline\r\nline',
  'a&#13;b&#12;c [t](https://e.example "x&#13;y") ![a&#13;b](https://e.example/i.png)',
  '```&#13;x&#12;\ncode\n```',
];

const hostileText = fc.constantFrom(...HOSTILE_TEXT);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  hostileText,
  fc
    .array(fc.oneof(hostileText, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 5 })
    .map((parts) => parts.join('')),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }),
);

/** A word with letters, so that a field built around it always has a slug. */
const word = fc.constantFrom(
  'Wexmoor',
  'road',
  'Caf\u00e9',
  'Cafe\u0301',
  'M\u00f4n',
  'Mo\u0302n',
  'FIRE',
  '2021',
);
/** Text that still validates: a word with anything, hostile or not, around it. */
const validText = fc
  .tuple(fc.option(fc.oneof(hostileText, text)), word, fc.option(fc.oneof(hostileText, text)))
  .map(([before, w, after]) => `${before ?? ''} ${w} ${after ?? ''}`);

const validArea = fc.oneof(
  fc.constantFrom(
    'Wexmoor',
    'Ynys M\u00f4n',
    'Ynys Mo\u0302n',
    '  Brackenshire &amp; Fenmoor ',
    '../../etc/passwd',
    'Saltmere/North',
    '<b>"Vellshire"</b>',
    'Orrin\u0007dale\r',
  ),
  validText,
);
const validTitle = fc.oneof(
  fc.constantFrom(
    'Road closed after crash | Wexmoor Police',
    'ROAD CLOSED AFTER CRASH',
    'Caf\u00e9 fire \u2014 Brackenshire',
    'Fish &amp; chips &#x3C;script&#x3E;',
    '\u0000Road\r\nclosed',
  ),
  validText,
);
const validUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://www.wexmoor.police.example/news/a/?x=1&amp;y=2',
    '  https://www.wexmoor.police.example/news/b/  ',
    'HTTPS://WWW.WEXMOOR.POLICE.EXAMPLE/news/c/',
    'https://a.example/"><script>alert(1)</script>',
    'https://a.example/&#x9;',
    'http://[::1]/',
  ),
);
const validDate = fc.oneof(
  fc
    .record({
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 1900, max: 2199 }),
    })
    .map(
      ({ hour, minute, day, month, year }) =>
        `${hour}:${String(minute).padStart(2, '0')} ${day}/${month}/${year}`,
    ),
  fc
    .date({ min: new Date('1900-01-02'), max: new Date('2199-12-30'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('01:30 28/03/2021', '01:30 31/10/2021', '2020-10-25T01:10:00+23:59'),
);

const validOpenGraph = fc.record(
  {
    title: validTitle,
    description: validText,
    image: validUrl,
    url: validUrl,
    locale: validText,
    type: validText,
  },
  { requiredKeys: [] },
);
const validFrontMatter = fc.record(
  {
    area: validArea,
    title: validTitle,
    url: validUrl,
    publish: fc.record({ date: validDate }),
    og: validOpenGraph,
    slug: validText,
    description: validText,
  },
  { requiredKeys: ['area', 'title', 'url', 'publish'] },
);

const FIELD_PATHS = [
  ['area'],
  ['title'],
  ['url'],
  ['publish'],
  ['publish', 'date'],
  ['og'],
  ['og', 'title'],
  ['og', 'url'],
  ['og', 'image'],
  ['slug'],
  ['description'],
] as const;

/** Sets one field, creating its parent group when needed. */
function withField(data: Record<string, unknown>, at: readonly string[], value: unknown): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return value;
  const parent = data[head];
  const child =
    typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>) : {};
  return { ...data, [head]: withField(child, rest, value) };
}

/** Any value at all, hostile or not, for any field. */
const anyField = fc.oneof(anyValue, hostileText, fc.constant(undefined));

const frontMatter = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(validFrontMatter, fc.option(fc.tuple(fc.constantFrom(...FIELD_PATHS), anyField)))
      .map(([data, spoil]) => (spoil === null ? data : withField(data, spoil[0], spoil[1]))),
  },
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...FIELD_PATHS.map((p) => p.join('.'))), anyField, {
        maxKeys: 6,
      }),
      fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }),
    )
    .map(([fields, extra]) =>
      Object.entries(fields).reduce<unknown>(
        (data, [key, value]) => withField(data as Record<string, unknown>, key.split('.'), value),
        extra,
      ),
    ),
);

const dumpOptions = fc.record({
  lineWidth: fc.constantFrom(-1, 20, 80),
  flowLevel: fc.constantFrom(-1, 0, 1),
  quotingType: fc.constantFrom("'" as const, '"' as const),
  forceQuotes: fc.boolean(),
});

const body = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom(...HOSTILE_MARKDOWN),
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('\n', '\n\n', ' ', '\r\n', '\r'),
  )
  .map(([parts, separator]) => parts.join(separator));

const FENCES = [
  ['```yaml', '```'],
  ['```yml', '```'],
  ['```YAML ', '```'],
  ['```', '```'],
  ['---', '---'],
  ['--- ', '---'],
] as const;

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert-cr'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'cr' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert-cr' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.constantFrom({ kind: 'bom' as const }, { kind: 'crlf' as const }, { kind: 'cr' as const }),
);

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = 'at' in m ? m.at % (bytes.length + 1) : 0;
  switch (m.kind) {
    case 'flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at % copy.length] = m.byte;
      return copy;
    }
    case 'truncate':
      return bytes.subarray(0, at);
    case 'insert-cr':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from('\r'), bytes.subarray(at)]);
    case 'duplicate-line': {
      const lines = bytes.toString('latin1').split('\n');
      const index = at % lines.length;
      lines.splice(index, 0, lines[index] ?? '');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'crlf':
      return Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'cr':
      return Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r'), 'latin1');
  }
}

const releaseFile = fc
  .record({
    data: frontMatter,
    dump: dumpOptions,
    fence: fc.constantFrom(...FENCES),
    body,
    mutations: fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as Mutation[]) },
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
    ),
  })
  .map(({ data, dump, fence, body, mutations }) => {
    const front = yaml.dump(data, { ...dump, skipInvalid: true });
    const text = `${fence[0]}\n${front}${fence[1]}\n\n${body}\n`;
    return mutations.reduce(mutate, Buffer.from(text));
  });

/** Every string in a value, with its dotted path. */
function stringsOf(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    stringsOf(v, at === '' ? key : `${at}.${key}`),
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** Problems with sanitised HTML, read with a real parser: one line each, empty when inert. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const $ = loadHtml(html, null, false);
  for (const el of $('*').toArray()) {
    if (!('tagName' in el)) continue;
    if (!ALLOWED_TAGS.has(el.tagName)) problems.push(`element <${el.tagName}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) problems.push(`attribute ${name} on <${el.tagName}>`);
      if (/^(href|src)$/i.test(name) && !/^(https?:|mailto:|#)/.test(value)) {
        problems.push(`${name}="${value}" on <${el.tagName}>`);
      }
    }
  }
  // Read as HTML, not as text: `<script>` may stand inside a quoted attribute such
  // as `class="language-<script>"`, where it is inert.
  if ($('script, iframe, style, object, embed').length > 0) problems.push('a dangerous element');
  // Images are never loaded from a body: each one is a link to the picture.
  if ($('img').length > 0) problems.push('an img element');
  if (CONTROL_BUT_TAB_AND_LF.test(html)) problems.push('a control character');
  return problems;
}

function releaseProblems(release: Release): string[] {
  const problems: string[] = [];
  if (!PAGE_URL.test(release.url)) problems.push(`url ${release.url}`);
  if (!SLUG.test(release.areaSlug)) problems.push(`areaSlug ${release.areaSlug}`);
  if (!SLUG.test(release.slug)) problems.push(`slug ${release.slug}`);
  const { year, month, day } = release.local;
  if (release.url !== `/${year}/${month}/${day}/${release.slug}/`)
    problems.push('url and slug differ');
  for (const [key, value] of [
    ['sourceUrl', release.sourceUrl],
    ['og.url', release.og.url],
    ['og.image', release.og.image],
  ] as const) {
    if (value !== undefined && !isHttpUrl(value)) problems.push(`${key} ${value}`);
  }
  for (const [key, value] of stringsOf(release)) {
    if (key === 'body.html') continue;
    if (CONTROL.test(value)) problems.push(`control character in ${key}: ${JSON.stringify(value)}`);
    if (key !== 'file' && value !== value.normalize('NFC')) {
      problems.push(`${key} is not NFC`);
    }
  }
  for (const key of ['area', 'title', 'headline'] as const) {
    if (release[key] !== release[key].trim() || release[key] === '')
      problems.push(`${key} untrimmed`);
  }
  return [...problems, ...htmlProblems(inlineBodies.read(release.body)).map((p) => `body: ${p}`)];
}

/** Number of lines in the raw bytes, counting CRLF, lone CR and LF as line ends. */
function lineCount(bytes: Buffer): number {
  return bytes.toString('latin1').split(/\r\n|\r|\n/).length;
}

function diagnosticProblems(diagnostics: readonly Diagnostic[], bytes: Buffer): string[] {
  if (diagnostics.length === 0) return ['no diagnostics and no release'];
  const lines = lineCount(bytes);
  return diagnostics.flatMap((d) => {
    const problems: string[] = [];
    if (d.file !== FILE) problems.push(`file ${d.file}`);
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines)
      problems.push(`line ${d.line} of ${lines}`);
    if (!Number.isInteger(d.column) || d.column < 1) problems.push(`column ${d.column}`);
    if (!RULES.has(d.rule)) problems.push(`rule ${d.rule}`);
    if (d.reason.trim() === '') problems.push('empty reason');
    if (/[\p{Cc}\u2028\u2029]/u.test(d.reason + (d.hint ?? ''))) {
      problems.push(`control character in message: ${JSON.stringify(d.reason)}`);
    }
    if (d.severity !== 'error') problems.push(`severity ${d.severity}`);
    return problems.map((p) => `${d.rule} at ${d.line}:${d.column}: ${p}`);
  });
}

describe('loadReleaseFile on generated files', () => {
  test(
    'never throws and returns a release that keeps every invariant or located diagnostics',
    { timeout: 20_000 },
    () => {
      fc.assert(
        fc.property(releaseFile, (bytes) => {
          const result = loadReleaseFile(FILE, bytes, options);
          const problems = result.ok
            ? releaseProblems(result.release)
            : diagnosticProblems(result.diagnostics, bytes);
          expect(problems, bytes.toString('latin1')).toEqual([]);
        }),
        { numRuns: 400 },
      );
    },
  );

  test(
    'loads a CRLF, lone-CR or BOM spelling of a file to the same result as its LF spelling',
    { timeout: 20_000 },
    () => {
      fc.assert(
        fc.property(
          releaseFile,
          fc.constantFrom<Mutation>({ kind: 'crlf' }, { kind: 'cr' }, { kind: 'bom' }),
          (bytes, m) => {
            // Only files without a CR of their own: the mutation must be the only difference.
            // An empty file is not one: a byte order mark alone is reported in its own words.
            fc.pre(bytes.length > 0 && isUtf8(bytes) && !bytes.includes(0x0d) && bytes[0] !== 0xef);
            const plain = loadReleaseFile(FILE, bytes, options);
            const spelled = loadReleaseFile(FILE, mutate(bytes, m), options);
            if (m.kind === 'bom' || plain.ok)
              expect(withoutHash(spelled)).toEqual(withoutHash(plain));
            else expect(spelled.ok).toBe(false);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  test('an NFD spelling of the front matter gives the same area, slug and page url as the NFC one', () => {
    const accented = fc.constantFrom(
      'Ynys M\u00f4n',
      'Caf\u00e9',
      '\u00c5land',
      'Cr\u00e8me br\u00fbl\u00e9e',
      'K\u00f6ln',
    );
    fc.assert(
      fc.property(accented, accented, (areaName, titleName) => {
        const file = (form: 'NFC' | 'NFD') =>
          Buffer.from(
            [
              '---',
              `area: ${areaName.normalize(form)}`,
              `title: ${titleName.normalize(form)} | Police`,
              'url: https://e.example/a/',
              'publish:',
              '  date: 10:00 01/06/2021',
              '---',
              'Body',
            ].join('\n'),
          );
        const nfc = loadReleaseFile(FILE, file('NFC'), options);
        const nfd = loadReleaseFile(FILE, file('NFD'), options);
        expect(nfc.ok && nfd.ok).toBe(true);
        if (!nfc.ok || !nfd.ok) return;
        expect({ ...nfd.release, sourceHash: '' }).toEqual({ ...nfc.release, sourceHash: '' });
        expect(nfc.release.area).toBe(areaName.normalize('NFC'));
      }),
      { numRuns: 50 },
    );
  });
});

describe('loadReleaseFile on files with long runs of one character', () => {
  // Runs of these have made Markdown or regular expressions recurse or backtrack.
  const RUNS = [
    '>',
    '> ',
    '- ',
    '[',
    ']',
    '*a',
    '[a](',
    '`',
    '<',
    '&#',
    '\\',
    ' ',
    '\t',
    ':',
    '\n',
    'a',
    '\u0301',
  ];

  test(
    'never throws on long runs of one character, and keeps every invariant',
    { timeout: 20_000 },
    () => {
      fc.assert(
        fc.property(
          releaseFile,
          fc.constantFrom(...RUNS),
          fc.integer({ min: 500, max: 3000 }),
          fc.nat(),
          (bytes, run, count, at) => {
            const where = at % (bytes.length + 1);
            const long = Buffer.concat([
              bytes.subarray(0, where),
              Buffer.from(run.repeat(count)),
              bytes.subarray(where),
            ]);
            const result = loadReleaseFile(FILE, long, options);
            const problems = result.ok
              ? releaseProblems(result.release)
              : diagnosticProblems(result.diagnostics, long);
            expect(problems).toEqual([]);
          },
        ),
        { numRuns: 30 },
      );
    },
  );
});

describe('renderBody on hostile Markdown', () => {
  test('always gives inert HTML and a one-line summary', { timeout: 20_000 }, () => {
    const fragments = fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_MARKDOWN) },
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 10 }),
      ),
      { maxLength: 8 },
    );
    const separator = fc.constantFrom('', ' ', '\n', '\n\n', '\n> ', '\n- ', '\n    ');
    const base = fc.constantFrom(undefined, 'https://www.wexmoor.police.example/news/a/');
    fc.assert(
      fc.property(fragments, separator, base, (parts, sep, source) => {
        const markdown = parts.join(sep);
        const { html, summary } = rendered(markdown.replace(/\r\n?/g, '\n'), source);
        expect(htmlProblems(html), markdown).toEqual([]);
        expect(CONTROL.test(summary), JSON.stringify(summary)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('loadReleases on generated folders', () => {
  const titles = [
    'Road closed',
    'ROAD CLOSED',
    'road closed',
    'Caf\u00e9 fire',
    'Cafe\u0301 fire',
    'Bridge reopens',
  ];
  const sources = [
    'https://e.example/a/',
    'https://E.EXAMPLE:443/a/',
    'https://e.example/b/',
    'https://e.example/c/',
  ];
  const entry = fc.record({
    title: fc.constantFrom(...titles),
    source: fc.constantFrom(...sources),
    day: fc.constantFrom('01', '02'),
  });
  const folder = fc.uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z0-9]{1,6}$/),
      sub: fc.constantFrom('', 'a/', 'b/'),
      entry,
    }),
    { minLength: 2, maxLength: 5, selector: (f) => f.name },
  );

  const folderInTwoOrders = folder.chain((files) =>
    fc.tuple(
      fc.constant(files),
      fc.shuffledSubarray([...files.keys()], { minLength: files.length, maxLength: files.length }),
    ),
  );

  async function write(files: { name: string; sub: string; text: string }[]): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-property-'));
    for (const f of files) {
      await mkdir(path.join(root, 'content', f.sub), { recursive: true });
      await writeFile(path.join(root, 'content', f.sub, `${f.name}.md`), f.text);
    }
    return root;
  }

  test(
    'give the same releases and diagnostics whatever order the files were created in',
    { timeout: 30_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(folderInTwoOrders, async ([generated, order]) => {
          const files = generated.map(({ name, sub, entry: e }) => ({
            name,
            sub,
            text: [
              '---',
              'area: Wexmoor',
              `title: ${e.title}`,
              `url: ${e.source}`,
              'publish:',
              `  date: 10:00 ${e.day}/06/2021`,
              '---',
              'Body',
            ].join('\n'),
          }));
          const first = await write(files);
          const second = await write(order.map((i) => files[i] as (typeof files)[number]));
          try {
            const a = await loadReleases(first, 'content', options);
            const b = await loadReleases(second, 'content', options);
            expect(b).toEqual(a);
            expect(a.releases.length + a.diagnostics.length).toBe(files.length);
            const pages = a.releases.map((r) => r.url);
            const sourceUrls = a.releases.map((r) => new URL(r.sourceUrl).href);
            expect(new Set(pages).size).toBe(pages.length);
            expect(new Set(sourceUrls).size).toBe(sourceUrls.length);
            for (const d of a.diagnostics) {
              const named = a.releases.filter((r) => d.reason.includes(r.file));
              expect(named, d.reason).toHaveLength(1);
            }
          } finally {
            await rm(first, { recursive: true, force: true });
            await rm(second, { recursive: true, force: true });
          }
        }),
        { numRuns: 25 },
      );
    },
  );
});

/** A result with the source hash blanked: different bytes that mean the same release hash differently. */
function withoutHash(result: ReturnType<typeof loadReleaseFile>): unknown {
  return result.ok ? { ...result, release: { ...result.release, sourceHash: '' } } : result;
}
