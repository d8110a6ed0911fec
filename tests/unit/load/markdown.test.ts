import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { truncateAtWord } from '../../../src/load/markdown.ts';
import { rendered } from './rendered.ts';

const html = (markdown: string) => rendered(markdown).html;

/** Every href and src left in the rendered HTML, read with a real parser. */
function urls(markdown: string): string[] {
  const $ = load(html(markdown), null, false);
  return $('[href], [src]')
    .toArray()
    .map((el) => $(el).attr('href') ?? $(el).attr('src') ?? '');
}

describe('renderBody keeps bodies inert', () => {
  test('shows a raw <script> block as text', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
  });

  test('shows inline raw HTML with an event handler as text', () => {
    expect(html('Hi <b onclick="x()">bold</b>')).toBe(
      '<p>Hi &#x3C;b onclick="x()">bold&#x3C;/b></p>',
    );
  });

  test('shows raw HTML inside a blockquote and a list as text', () => {
    expect(html('> <b>q</b>')).toBe('<blockquote>\n<p>&#x3C;b>q&#x3C;/b></p>\n</blockquote>');
    expect(html('- <i>x</i>')).toBe('<ul>\n<li>&#x3C;i>x&#x3C;/i></li>\n</ul>');
  });

  test('leaves no element but the ones Markdown makes', () => {
    const $ = load(
      html('<svg onload=alert(1)>\n\n<iframe src="https://e.example"></iframe>'),
      null,
      false,
    );
    expect(
      $('*')
        .toArray()
        .map((el) => ('tagName' in el ? el.tagName : el.type)),
    ).toEqual(['p', 'p']);
  });

  test.each([
    ['an inline javascript: link', '[x](javascript:alert(1))'],
    ['a mixed-case javascript: link', '[x](JaVaScRiPt:alert(1))'],
    ['an entity-encoded javascript: link', '[x](&#106;avascript:alert(1))'],
    ['a javascript: autolink', '<javascript:alert(2)>'],
    ['a reference definition to JAVASCRIPT:', '[x][r]\n\n[r]: JAVASCRIPT:alert(3)'],
    ['a vbscript: link', '[x](vbscript:msgbox)'],
    ['a data: image', '![pic](data:image/png;base64,AAAA)'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
  ])('drops the url of %s', (_name, markdown) => {
    expect(urls(markdown)).toEqual([]);
  });

  test('keeps http, https and mailto urls', () => {
    expect(
      urls(
        '[a](https://e.example/a) [b](http://e.example/b) [c](mailto:press@e.example) ![i](https://e.example/i.png)',
      ),
    ).toEqual([
      'https://e.example/a',
      'http://e.example/b',
      'mailto:press@e.example',
      'https://e.example/i.png',
    ]);
  });

  test('turns a bare URL into a link', () => {
    expect(html('Visit https://e.example/advice/')).toBe(
      '<p>Visit <a href="https://e.example/advice/">https://e.example/advice/</a></p>',
    );
  });

  test('escapes HTML inside a code block', () => {
    expect(html('```html\n<script>x</script>\n```')).toBe(
      '<pre><code class="language-html">&#x3C;script>x&#x3C;/script>\n</code></pre>',
    );
  });
});

describe('renderBody summaries', () => {
  test('joins the opening paragraphs as plain text', () => {
    expect(rendered('First *one*.\n\nSecond [two](https://e.example).').summary).toBe(
      'First one. Second two.',
    );
  });

  test('skips headings, lists and quotes', () => {
    expect(rendered('# Heading\n\n- item\n\n> quote\n\nText.').summary).toBe('Text.');
  });

  test('is empty for an empty body', () => {
    expect(rendered('')).toEqual({ ok: true, html: '', summary: '' });
  });

  test('stops at about 200 characters, at a word, with an ellipsis', () => {
    const summary = rendered('word '.repeat(100)).summary;
    expect(summary).toBe(`${'word '.repeat(38)}word…`);
    expect(summary.length).toBeLessThanOrEqual(200);
  });
});

describe('truncateAtWord', () => {
  test('leaves text that fits alone', () => {
    expect(truncateAtWord('short text', 20)).toBe('short text');
  });

  test('cuts at the last space and drops trailing punctuation', () => {
    expect(truncateAtWord('one two, three four', 14)).toBe('one two…');
  });

  test('cuts mid-word when there is no space in the second half', () => {
    expect(truncateAtWord('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('footnotes', () => {
  test('links each footnote reference to an element with that id', () => {
    const $ = load(html('Text[^1].\n\n[^1]: The note.'), null, false);
    const href = $('a[data-footnote-ref]').attr('href');
    expect(href).toBe('#user-content-fn-1');
    expect($('[id="user-content-fn-1"]').text()).toContain('The note.');
  });
});
