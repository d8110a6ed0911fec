import { describe, expect, test } from 'vitest';
import { indexedPart, searchDocument } from '../../../src/search/index-site.ts';

/** A release page in miniature: what Pagefind reads of it is the article, less what it ignores. */
const page = (article: string, outside = '') =>
  `<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body><nav>Site</nav>${outside}` +
  `<main><article data-pagefind-body>${article}</article></main><footer>Footer</footer></body></html>`;

const facts = (area: string, neighbour: string) =>
  `<aside data-pagefind-ignore><a href="/areas/x/" data-pagefind-filter="area">${area}</a>` +
  `<time datetime="2021-03-01" data-pagefind-meta="date[datetime]">1 March</time>` +
  `<nav><a href="/n/" rel="prev">${neighbour}</a></nav></aside>`;

describe('what of a page the search fingerprint holds', () => {
  test('not what is outside the article, nor the ignored text inside it', () => {
    const before = page(`<h1>Road closed</h1>${facts('Westshire', 'Older news')}<p>Body.</p>`);
    const after = page(
      `<h1>Road closed</h1>${facts('Westshire', 'Another neighbour')}<p>Body.</p>`,
    ).replace('Footer', 'A new footer');
    expect(indexedPart(after)).toBe(indexedPart(before));
  });

  test('the text Pagefind indexes, the language, and the filters and metadata even where ignored', () => {
    const base = page(`<h1>Road closed</h1>${facts('Westshire', 'Older')}<p>Body.</p>`);
    const changes = [
      base.replace('<p>Body.</p>', '<p>Body, edited.</p>'),
      base.replace('lang="en-GB"', 'lang="cy"'),
      base.replace('>Westshire<', '>Eastshire<'),
      base.replace('datetime="2021-03-01"', 'datetime="2021-03-02"'),
    ];
    for (const changed of changes) expect(indexedPart(changed)).not.toBe(indexedPart(base));
  });

  test('an ignored element with the same element inside it leaves out less, never more', () => {
    const nested = (text: string) =>
      page(`<div data-pagefind-ignore><div>Inner</div>${text}</div><p>Body.</p>`);
    expect(indexedPart(nested('After the inner one'))).not.toBe(indexedPart(nested('Changed')));
  });

  test('a page without the marker is read whole', () => {
    const html = '<html lang="en"><body><p>All of it</p></body></html>';
    expect(indexedPart(html)).toBe(html);
  });
});

describe('what of a page Pagefind is given', () => {
  test('the <html> tag and the article alone, when nothing outside it speaks to Pagefind', () => {
    const html = page(`<h1>Road closed</h1>${facts('Westshire', 'Older')}<p>Body.</p>`);
    expect(searchDocument(html)).toBe(
      '<!DOCTYPE html><html lang="en-GB"><body><article data-pagefind-body><h1>Road closed</h1>' +
        `${facts('Westshire', 'Older')}<p>Body.</p></article></body></html>`,
    );
  });

  test('the whole page when something outside the article has a data-pagefind attribute', () => {
    const outside = page('<h1>Road closed</h1>', '<p data-pagefind-meta="section">News</p>');
    expect(searchDocument(outside)).toBe(outside);
    const head = page('<h1>Road closed</h1>').replace(
      '<title>T</title>',
      '<meta data-pagefind-default-meta="image[content]" content="/x.png">',
    );
    expect(searchDocument(head)).toBe(head);
  });

  test('the whole page when it marks no element, or more than one, as the body', () => {
    const none = page('<h1>Road closed</h1>').replace(' data-pagefind-body', '');
    expect(searchDocument(none)).toBe(none);
    const two = page('<h1>Road closed</h1>', '<section data-pagefind-body>Also</section>');
    expect(searchDocument(two)).toBe(two);
  });
});
