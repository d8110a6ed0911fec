import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { bodyHref, imageLabel } from '../../../src/load/body-urls.ts';
import { rendered } from './rendered.ts';

const SOURCE = 'https://www.wexmoor.police.example/news/2024/march/fire/?ref=home';
/** The HTML of a body from SOURCE, or from no source url when `base` is null. */
const html = (markdown: string, base: string | null = SOURCE) =>
  rendered(markdown, base ?? undefined).html;

/** Every link as [text, href], href null when it has none. */
function links(markdown: string, base: string | null = SOURCE): [string, string | null][] {
  const $ = load(html(markdown, base), null, false);
  return $('a')
    .toArray()
    .map((a) => [$(a).text(), $(a).attr('href') ?? null]);
}

describe('relative links resolve against the source page', () => {
  test.each([
    ['/advice/report/', 'https://www.wexmoor.police.example/advice/report/'],
    ['report.html', 'https://www.wexmoor.police.example/news/2024/march/fire/report.html'],
    ['../x', 'https://www.wexmoor.police.example/news/2024/march/x'],
    ['?q=1', 'https://www.wexmoor.police.example/news/2024/march/fire/?q=1'],
    ['//other.example/a', 'https://other.example/a'],
    ['<a b.html>', 'https://www.wexmoor.police.example/news/2024/march/fire/a%20b.html'],
  ])('%s', (url, href) => {
    expect(links(`[x](${url})`)).toEqual([['x', href]]);
  });

  test('through a reference definition too', () => {
    expect(links('[x][r]\n\n[r]: /advice/')).toEqual([
      ['x', 'https://www.wexmoor.police.example/advice/'],
    ]);
  });

  test('absolute, mailto and fragment links stay exactly as written', () => {
    expect(links('[a](https://e.example) [m](mailto:press@e.example) [f](#top)')).toEqual([
      ['a', 'https://e.example'],
      ['m', 'mailto:press@e.example'],
      ['f', '#top'],
    ]);
  });

  test.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['a tab inside the scheme', '[x](<java\tscript:alert(1)>)'],
    ['an entity for the colon', '[x](javascript&#58;alert(1))'],
    ['data:', '[x](data:text/html,x)'],
    ['xmpp:', '[x](xmpp:a@e.example)'],
  ])('a %s link still loses its address', (_name, markdown) => {
    expect(links(markdown)).toEqual([['x', null]]);
  });

  test('without a source url, relative links lose their address', () => {
    expect(links('[x](/advice/) ![i](/i.png)', null)).toEqual([
      ['x', null],
      ['Image: i', null],
    ]);
  });
});

describe('images become links to the picture, never img elements', () => {
  test('an inline image is a link labelled with its alt text', () => {
    expect(html('![Barn at Holm Farm](https://media.e.example/barn.jpg "The barn")')).toBe(
      '<p><a href="https://media.e.example/barn.jpg" title="The barn">Image: Barn at Holm Farm</a></p>',
    );
  });

  test('a reference image, and a relative one, resolve like links', () => {
    expect(links('![Map][m] ![Poster](/media/poster.png)\n\n[m]: maps/road.png')).toEqual([
      ['Image: Map', 'https://www.wexmoor.police.example/news/2024/march/fire/maps/road.png'],
      ['Image: Poster', 'https://www.wexmoor.police.example/media/poster.png'],
    ]);
  });

  test('an image with no alt text is labelled with its file name, else just "Image"', () => {
    expect(links('![](https://e.example/m/IMG%201.jpg?w=600) ![ ](https://e.example/)')).toEqual([
      ['Image: IMG 1.jpg', 'https://e.example/m/IMG%201.jpg?w=600'],
      ['Image', 'https://e.example/'],
    ]);
  });

  test('an image that is not over http(s) keeps its words and loses its address', () => {
    expect(links('![Chart](data:image/png;base64,AAAA) ![Pin](mailto:a@e.example)')).toEqual([
      ['Image: Chart', null],
      ['Image: Pin', null],
    ]);
  });

  test('an image inside a link becomes words of that link, not a link in a link', () => {
    expect(html('[![Poster](https://e.example/p.png) Appeal](/appeals/)')).toBe(
      '<p><a href="https://www.wexmoor.police.example/appeals/">Image: Poster Appeal</a></p>',
    );
  });

  test('the summary leaves images out, so it starts with the first words', () => {
    expect(rendered('![Barn](https://e.example/b.jpg)\n\nOfficers are appealing.').summary).toBe(
      'Officers are appealing.',
    );
  });
});

describe('bodyHref and imageLabel', () => {
  test('bodyHref gives undefined for an address that is not http(s) once resolved', () => {
    expect(bodyHref('vbscript:x', SOURCE)).toBeUndefined();
    expect(bodyHref('/a', SOURCE)).toBe('https://www.wexmoor.police.example/a');
  });

  test('imageLabel trims the alt text and falls back to the decoded file name', () => {
    expect(imageLabel('  Barn  ', 'https://e.example/x.jpg')).toBe('Image: Barn');
    expect(imageLabel('', 'https://e.example/a/caf%C3%A9.jpg')).toBe('Image: café.jpg');
    expect(imageLabel(null, 'https://e.example/a/%E0.jpg')).toBe('Image: %E0.jpg');
    expect(imageLabel(undefined, undefined)).toBe('Image');
  });
});
