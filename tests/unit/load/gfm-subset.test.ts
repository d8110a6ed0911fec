import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { ALL_GFM_FEATURES, gfmFeaturesOf, remarkGfmSubset } from '../../../src/load/gfm-subset.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const reference = remark().use(remarkGfm).freeze();

/** The Markdown tree, positions included, as remark-gfm and as the subset parse it. */
function bothTrees(text: string): [string, string] {
  const subset = remark().use(remarkGfmSubset, gfmFeaturesOf(text));
  return [JSON.stringify(reference.parse(text)), JSON.stringify(subset.parse(text))];
}

function markdownFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFilesUnder(full);
    return /\.(md|txt|markdown)$/.test(name) ? [full] : [];
  });
}

// Pieces that start, or almost start, every GFM construct, and the text around them.
const PIECES = [
  'www.',
  'WWW.',
  'ww.',
  'http://',
  'https://',
  'HTTPS://',
  'http:/',
  'ftp://',
  'mailto:',
  'a@b.co',
  '@',
  'user.name+tag@example.org',
  '[^1]',
  '[^1]: note',
  '[^',
  '^',
  '~',
  '~~',
  '|',
  '| a | b |',
  '|---|---|',
  '---',
  ':--',
  '--:',
  ':-:',
  ': -',
  '- :',
  '-',
  '- [ ] ',
  '- [x] ',
  '* [X] ',
  '[',
  ']',
  '(',
  ')',
  '[a](http://x.example)',
  '<',
  '>',
  '&#64;',
  '&#46;',
  '\\',
  '*',
  '_',
  '`',
  '.',
  ',',
  ':',
  '/',
  'example.com',
  'word',
  'w',
  'h',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '> ',
  '1. ',
  '    ',
];

describe('parsing with only the GFM features a text can use', () => {
  it('gives the tree remark-gfm gives, for random Markdown made of GFM pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const [expected, actual] = bothTrees(pieces.join(''));
        expect(actual).toBe(expected);
      }),
      // GFM_RUNS=40000 for a longer search (it passed 40,000 when written).
      { numRuns: Number(process.env.GFM_RUNS ?? 3000) },
    );
  });

  it('gives the tree remark-gfm gives for every fixture and content file', () => {
    const files = [
      ...markdownFilesUnder(path.join(repo, 'tests/fixtures')),
      ...markdownFilesUnder(path.join(repo, 'content')),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const [expected, actual] = bothTrees(readFileSync(file, 'utf8'));
      expect(actual, file).toBe(expected);
    }
  });

  it('leaves out each feature only when its characters are missing', () => {
    expect(gfmFeaturesOf('plain words, nothing else.')).toBe(0);
    expect(gfmFeaturesOf('see https://www.example.org or mail a@b.example')).toBe(0b111);
    expect(gfmFeaturesOf('a[^1] ~x~ | [ ]')).toBe(0b1111000);
    expect(gfmFeaturesOf('head\n:--')).toBe(0b0100000);
    expect(gfmFeaturesOf('head\n--:')).toBe(0b0100000);
    expect(gfmFeaturesOf('HTTP://EXAMPLE.ORG')).toBe(0b100);
  });

  it('parses with every feature when every feature is asked for', () => {
    const text =
      'a@b.example www.example.org https://example.org ~~x~~ [^1]\n\n[^1]: n\n\n| a |\n|---|\n\n- [x] done\n';
    const full = JSON.stringify(remark().use(remarkGfmSubset, ALL_GFM_FEATURES).parse(text));
    expect(full).toBe(JSON.stringify(reference.parse(text)));
    expect(full).toContain('"type":"footnoteDefinition"');
    expect(full).toContain('"type":"table"');
    expect(full).toContain('"type":"delete"');
    expect(full).toContain('"checked":true');
    expect(full).toContain('"url":"mailto:a@b.example"');
  });

  it('would differ from remark-gfm if a feature were left out of a text that uses it', () => {
    // The check above is only worth something if leaving a feature out shows.
    const text = 'mail a@b.example';
    const without = JSON.stringify(remark().use(remarkGfmSubset, 0).parse(text));
    expect(without).not.toBe(JSON.stringify(reference.parse(text)));
  });
});
