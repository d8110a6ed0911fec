import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { repairRelease } from '../../../src/load/repair.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

/*
 * Properties of the repair over scraped-looking files: front-matter lines
 * drawn from what scrapers write (prefixed headlines, tabs, block scalars,
 * quoted values, stray Windows-1252 bytes), in any order, with any line ends.
 * fast-check prints the seed and the shrunk counterexample when one fails.
 */

const options = { timeZone: 'Europe/London' };
const FIELD_LINES = [
  'area: Westshire',
  'title: UPDATE: Man charged | Westshire Police',
  'title: "APPEAL: Can you help?"',
  'url: https://www.westshire.police.example/news/a/',
  'url: https://x.example/a: b',
  'publish:',
  '  date: 09:30 14/03/2024',
  '\tdate: 09:30 14/03/2024',
  '  \tupdated: 10:30 14/03/2024',
  'og:',
  '  title: NAMED: Man who died',
  '\tdescription: JAILED: Burglar',
  '    image: https://x.example/i.jpg',
  'description: |',
  '  CHARGED: a man, 34.',
  '\tplain text',
  'draft: yes: no',
  '# UPDATE: a comment',
  '',
];

const scrapedFile = fc
  .record({
    fence: fc.constantFrom('```yaml', '---'),
    lines: fc.array(fc.constantFrom(...FIELD_LINES), { maxLength: 12 }),
    body: fc.constantFrom('UPDATE: body\n\n\tindented', 'Body.', ''),
    end: fc.constantFrom('\n', '\r\n', '\r'),
    stray: fc.option(fc.constantFrom(0x93, 0xa3, 0x81, 0xff), { nil: undefined }),
  })
  .map(({ fence, lines, body, end, stray }) => {
    const close = fence === '---' ? '---' : '```';
    const text = [fence, ...lines, close, '', body, ''].join(end);
    const bytes = Buffer.from(text, 'utf8');
    return stray === undefined ? bytes : Buffer.concat([bytes, Buffer.from([stray])]);
  });

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length;

describe('repair over scraped-looking files', () => {
  test('keeps every line in place, writes UTF-8 and never makes U+FFFD', () => {
    fc.assert(
      fc.property(scrapedFile, (bytes) => {
        const result = repairRelease('x.md', bytes);
        if (result.kind !== 'repaired') return;
        expect(isUtf8(result.bytes)).toBe(true);
        const text = result.bytes.toString('utf8');
        expect(text).not.toContain('\uFFFD');
        expect(lineCount(text)).toBe(lineCount(bytes.toString('latin1')));
        expect(result.fixes.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  test('leaves a file that loads exactly as it is', () => {
    fc.assert(
      fc.property(scrapedFile, (bytes) => {
        if (!loadReleaseFile('x.md', bytes, options).ok) return;
        expect(repairRelease('x.md', bytes)).toEqual({ kind: 'unchanged' });
      }),
      { numRuns: 300 },
    );
  });

  test('changes nothing after the front matter', () => {
    fc.assert(
      fc.property(scrapedFile, (bytes) => {
        const result = repairRelease('x.md', bytes);
        if (result.kind !== 'repaired' || !isUtf8(bytes)) return;
        const bodyOf = (text: string) => text.slice(text.search(/[\r\n](```|---)(\r\n|\r|\n)/));
        expect(bodyOf(result.bytes.toString('utf8'))).toBe(bodyOf(bytes.toString('utf8')));
      }),
      { numRuns: 300 },
    );
  });
});
