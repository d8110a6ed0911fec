import { load as loadHtml } from 'cheerio';
import { defaultSchema } from 'hast-util-sanitize';
import { describe, expect, test } from 'vitest';
import { rendered } from './rendered.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import { inlineBodies } from '../../../src/load/body-store.ts';

const html = (markdown: string) => rendered(markdown).html;
const text = (markup: string) => loadHtml(markup, null, false).root().text();
const ALLOWED_TAGS = new Set(defaultSchema.tagNames);

/** What a real HTML parser finds that could run or leave the page: empty when inert. */
function liveParts(markup: string): string[] {
  const $ = loadHtml(markup, null, false);
  return $('*')
    .toArray()
    .flatMap((el) => {
      if (!('tagName' in el)) return [];
      const found = ALLOWED_TAGS.has(el.tagName) ? [] : [`<${el.tagName}>`];
      for (const [name, value] of Object.entries(el.attribs)) {
        if (/^on/i.test(name)) found.push(`${name} on <${el.tagName}>`);
        if ((name === 'href' || name === 'src') && !/^(https?:|mailto:|#)/.test(value)) {
          found.push(`${name}="${value}"`);
        }
      }
      return found;
    });
}

describe('dangerous link URLs are dropped in every spelling, and the link text stays', () => {
  test.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['mixed-case JaVaScRiPt:', '[x](JaVaScRiPt:alert(1))'],
    ['leading spaces', '[x](   javascript:alert(1))'],
    ['a hex entity for the first letter', '[x](&#x6A;avascript:alert(1))'],
    ['a decimal entity for the first letter', '[x](&#106;avascript:alert(1))'],
    ['a numeric entity for the colon', '[x](javascript&#58;alert(1))'],
    ['a named entity for the colon', '[x](javascript&colon;alert(1))'],
    ['a tab inside the scheme', '[x](<java\tscript:alert(1)>)'],
    ['an encoded tab inside the scheme', '[x](<java&#x09;script:alert(1)>)'],
    ['vbscript:', '[x](VBScript:msgbox(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['a reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['an encoded reference definition', '[x][r]\n\n[r]: <&#x6A;avascript:alert(1)>'],
    ['a shortcut reference in capitals', '[x]\n\n[x]: JAVASCRIPT:alert(1)'],
  ])('%s', (_name, markdown) => {
    expect(html(markdown)).toBe('<p><a>x</a></p>');
  });

  test.each([
    ['<javascript:alert(1)>', 'javascript:alert(1)'],
    ['<JAVASCRIPT:alert(1)>', 'JAVASCRIPT:alert(1)'],
    ['<vbscript:msgbox(1)>', 'vbscript:msgbox(1)'],
    ['<data:text/html,x>', 'data:text/html,x'],
  ])('the autolink %s keeps its text and loses its URL', (markdown, shown) => {
    expect(html(markdown)).toBe(`<p><a>${shown}</a></p>`);
  });

  test.each([
    ['a data: SVG', '![x](data:image/svg+xml;base64,PHN2Zz4=)'],
    ['a javascript: source', '![x](javascript:alert(1))'],
    ['a data: reference definition', '![x][i]\n\n[i]: data:image/png;base64,AAAA'],
  ])('an image with %s becomes its alt text, with no address', (_name, markdown) => {
    expect(html(markdown)).toBe('<p><a>Image: x</a></p>');
  });
});

describe('links that would not mean the same on this site lose their URL', () => {
  test('relative, protocol-relative and query-only links keep only their text', () => {
    expect(html('[x](/news/2021/) [y](page.html) [z](//evil.example/) [q](?a=1)')).toBe(
      '<p><a>x</a> <a>y</a> <a>z</a> <a>q</a></p>',
    );
  });

  test('xmpp: and irc: links, which the sanitiser alone would keep, keep only their text', () => {
    expect(html('[x](xmpp:a@evil.example) [y](irc://evil.example/c)')).toBe(
      '<p><a>x</a> <a>y</a></p>',
    );
  });

  test('fragment, mailto and https links keep their URL', () => {
    expect(html('[x](#top) [m](mailto:press@e.example) [h](https://e.example/)')).toBe(
      '<p><a href="#top">x</a> <a href="mailto:press@e.example">m</a> <a href="https://e.example/">h</a></p>',
    );
  });

  test('a bare address and an e-mail become http and mailto links', () => {
    expect(html('www.e.example and press@e.example')).toBe(
      '<p><a href="http://www.e.example">www.e.example</a> and <a href="mailto:press@e.example">press@e.example</a></p>',
    );
  });
});

describe('raw HTML is shown as the text it is', () => {
  test.each([
    '<a href="javascript:alert(1)">click</a>',
    '<a href=javascript:alert(1)>click</a>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<style>body{display:none}</style>',
    '<!-- hidden -->',
    '<object data="x.swf"></object>',
    '<details open ontoggle=alert(1)>x</details>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  ])('%s', (markdown) => {
    const out = html(markdown);
    expect(out).toBe(`<p>${markdown.replaceAll('<', '&#x3C;')}</p>`);
    expect(text(out)).toBe(markdown);
  });

  test('an inline comment stays visible between its words', () => {
    expect(html('Text <!-- hidden --> text')).toBe('<p>Text &#x3C;!-- hidden --> text</p>');
  });
});

describe('a body of every hostile spelling at once is inert to a real HTML parser', () => {
  const everything = [
    '[a](javascript:alert(1)) [b](&#x6A;avascript:alert(1)) [c](javascript&#58;alert(1))',
    '[d][r] <javascript:alert(2)> ![e](data:image/svg+xml;base64,PHN2Zz4=) [f](/relative)',
    '<a href="javascript:alert(3)">g</a> <img src=x onerror=alert(4)> <svg onload=alert(5)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<style>body{}</style>',
    '<!-- h -->',
    '> <script>alert(6)</script>',
    '- <b onclick="x()">i</b>',
    '| <object data=x></object> |\n|---|\n| [j](vbscript:k) |',
    '```html\n<script>alert(7)</script>\n```',
    'Text[^1].\n\n[^1]: <img src=x onerror=alert(8)>',
    '[r]: JAVASCRIPT:alert(9)',
  ].join('\n\n');

  test('has no element outside the allowlist, no on* attribute and no unsafe href or src', () => {
    expect(liveParts(html(everything))).toEqual([]);
  });

  test('keeps the words of every raw tag visible', () => {
    const visible = text(html(everything));
    for (const words of ['<img src=x onerror=alert(4)>', '<script>alert(6)</script>', 'alert(8)']) {
      expect(visible).toContain(words);
    }
  });
});

describe('control characters and line ends in a body', () => {
  test('control characters other than tab and line feed become U+FFFD in the HTML and the summary', () => {
    expect(rendered('a\u0001b\bc\u000bd\u000ce\u001bf\u007fg\u0085h\ti')).toEqual({
      ok: true,
      html: '<p>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\ti</p>',
      summary: 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh i',
    });
  });

  test('an encoded CR becomes a line feed and an encoded form feed U+FFFD, in text and attributes', () => {
    expect(
      rendered(
        'a&#13;b&#12;c [t](https://e.example "x&#13;y") ![p&#12;q](https://e.example/i.png)',
      ),
    ).toEqual({
      ok: true,
      html: '<p>a\nb\uFFFDc <a href="https://e.example" title="x\ny">t</a> <a href="https://e.example/i.png">Image: p\uFFFDq</a></p>',
      summary: 'a b c t p q',
    });
  });

  test('CRLF and lone CR become line feeds even when renderBody is called directly', () => {
    expect(rendered('a\r\nb\rc\r\n\r\nd')).toEqual({
      ok: true,
      html: '<p>a\nb\nc</p>\n<p>d</p>',
      summary: 'a b c d',
    });
  });
});

describe('summaries', () => {
  test('a hard line break separates words in the summary, also inside emphasis', () => {
    expect(rendered('Charged  \nafter a *chase\\\nin* town.').summary).toBe(
      'Charged after a chase in town.',
    );
  });

  test('the body is NFC, so a summary used as the description matches the front matter', () => {
    expect(rendered('Cafe\u0301 fire')).toEqual({
      ok: true,
      html: '<p>Caf\u00e9 fire</p>',
      summary: 'Caf\u00e9 fire',
    });
  });
});

describe('a ```yaml block in the body', () => {
  const body = [
    'Before.',
    '',
    '````markdown',
    '```yaml',
    'area: Injected',
    'title: Injected | Nowhere',
    '```',
    '````',
    '',
    'After.',
  ];

  test.each([
    ['```yaml', '```'],
    ['---', '---'],
  ])('inside a longer fence stays in the body under %s front matter', (open, close) => {
    const file = [
      open,
      'area: Wexmoor',
      'title: Road closed | Wexmoor Police',
      'url: https://e.example/a/',
      'publish:',
      '  date: 10:00 01/06/2021',
      close,
      '',
      ...body,
    ].join('\n');
    const result = loadReleaseFile('content/x.md', Buffer.from(file), {
      timeZone: 'Europe/London',
    });
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    expect([result.release.area, result.release.headline]).toEqual(['Wexmoor', 'Road closed']);
    expect(inlineBodies.read(result.release.body)).toBe(
      '<p>Before.</p>\n<pre><code class="language-markdown">```yaml\narea: Injected\ntitle: Injected | Nowhere\n```\n</code></pre>\n<p>After.</p>',
    );
  });
});

describe('a body nested thousands of levels deep', () => {
  test('is reported where it goes past 32 levels, together with the other problems', () => {
    const file = [
      '---',
      'area: Wexmoor',
      'title: Road closed | Wexmoor Police',
      'url: javascript:alert(1)',
      'publish:',
      '  date: 10:00 01/06/2021',
      '---',
      '',
      '>'.repeat(10_000),
    ].join('\n');
    const result = loadReleaseFile('content/x.md', Buffer.from(file), {
      timeZone: 'Europe/London',
    });
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([
      [4, 6, 'bad-url'],
      [9, 33, 'body-too-deep'],
    ]);
    expect(result.ok ? undefined : result.diagnostics[1]).toEqual({
      file: 'content/x.md',
      line: 9,
      column: 33,
      rule: 'body-too-deep',
      severity: 'error',
      reason:
        'The body nests quotes, lists, emphasis or links more than 32 levels deep here, which is more than Gazette renders.',
      hint: 'Look for a long run of ">", list markers or "*", often left by a broken copy and paste, and remove it.',
    });
  });
});
