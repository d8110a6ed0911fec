import { describe, expect, test } from 'vitest';
import { repairRelease } from '../../../src/load/repair.ts';
import { decodeWindows1252 } from '../../../src/load/windows-1252.ts';

const FILE = 'scraped/x.txt';

/** Bytes of a release whose text holds `{…}` placeholders for raw bytes: `{93}` is 0x93. */
function bytesOf(text: string): Buffer {
  const parts = text.split(/\{([0-9A-F]{2})\}/);
  return Buffer.concat(
    parts.map((part, i) => (i % 2 === 1 ? Buffer.from([parseInt(part, 16)]) : Buffer.from(part))),
  );
}

const RELEASE = [
  '```yaml',
  'area: Brackenshire',
  'title: Warning after {93}courier{94} fraud | Brackenshire Constabulary',
  'url: https://www.brackenshire.police.example/news/courier-fraud/',
  'publish:',
  '  date: 13:00 08/01/2024',
  '```',
  '',
  'A woman lost {A3}4,000 to a {93}courier{94}.',
  '',
].join('\n');

describe('a file in Windows-1252', () => {
  test('is read as Windows-1252 and written as UTF-8, in one fix at the first such byte', () => {
    expect(repairRelease(FILE, bytesOf(RELEASE))).toEqual({
      kind: 'repaired',
      bytes: Buffer.from(
        RELEASE.replace(/\{93\}/g, '\u201c')
          .replace(/\{94\}/g, '\u201d')
          .replace('{A3}', '£'),
      ),
      fixes: [
        {
          file: FILE,
          line: 3,
          column: 22,
          rule: 'repaired-encoding',
          severity: 'warning',
          reason:
            'The file is Windows-1252, not UTF-8; repaired by reading it as Windows-1252 and writing UTF-8, so 5 bytes on lines 3 and 9 became “ (0x93), ” (0x94) and £ (0xA3).',
          hint: 'Check those characters in the copy, and have the scraper save files as UTF-8.',
        },
      ],
    });
  });

  test('gives a no-break space by its code point, since it cannot be seen', () => {
    const result = repairRelease(FILE, bytesOf(RELEASE.replace('{A3}4,000', '{A3}4{A0}000')));
    expect(result.kind === 'repaired' && result.fixes[0]?.reason).toMatch(
      /became “ \(0x93\), ” \(0x94\), £ \(0xA3\) and U\+00A0 \(0xA0\)\.$/,
    );
  });

  test('never makes U+FFFD: every byte from 0x80 to 0xFF but the five unassigned ones becomes its character', () => {
    const unassigned = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    const high = Array.from({ length: 128 }, (_, i) => 0x80 + i).filter(
      (b) => !unassigned.includes(b),
    );
    const body = Buffer.from(high);
    const result = repairRelease(FILE, Buffer.concat([bytesOf(RELEASE), body, Buffer.from('\n')]));
    expect(result.kind).toBe('repaired');
    const text = result.kind === 'repaired' ? result.bytes.toString('utf8') : '';
    expect(text).not.toContain('\uFFFD');
    expect(text.endsWith(`${decodeWindows1252(body)}\n`)).toBe(true);
  });

  test('bytes 0x80 to 0x9F follow the WHATWG windows-1252 table, not ISO-8859-1', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    // The table as the WHATWG Encoding Standard gives it (index-windows-1252), eight a row.
    // prettier-ignore
    const whatwg = [
      0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
      0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
      0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
      0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
    ];
    expect(decodeWindows1252(bytes)).toBe(String.fromCharCode(...whatwg));
    expect(decodeWindows1252(Uint8Array.from([0x41, 0xa3, 0xe9, 0xff]))).toBe('A£éÿ');
  });

  test('a UTF-8 file is never read as Windows-1252, whatever it holds', () => {
    const utf8 = RELEASE.replace(/\{93\}/g, '“')
      .replace(/\{94\}/g, '”')
      .replace('{A3}', '£');
    expect(repairRelease(FILE, Buffer.from(utf8))).toEqual({ kind: 'unchanged' });
  });
});

describe('an encoding that would be a guess is refused', () => {
  test('a file mixing UTF-8 characters with bytes that are not UTF-8', () => {
    const mixed = RELEASE.replace('Warning after', 'Café warning after').replace('{A3}', '£');
    expect(repairRelease(FILE, bytesOf(mixed))).toEqual({
      kind: 'refused',
      refusal: {
        file: FILE,
        line: 3,
        column: 27,
        rule: 'repair-refused',
        severity: 'warning',
        reason:
          'Not repaired: the file holds UTF-8 characters (the first on line 3) as well as bytes that are not UTF-8, so which bytes are Windows-1252 would be a guess.',
        hint: 'Correct the characters here by hand, and save the file as UTF-8.',
      },
    });
  });

  test('a UTF-8 byte order mark makes a file with a stray 0x93 a mixed one', () => {
    const result = repairRelease(FILE, Buffer.concat([Buffer.from('\uFEFF'), bytesOf(RELEASE)]));
    expect(result.kind === 'refused' && result.refusal.reason).toContain('(the first on line 1)');
  });

  test('a byte that Windows-1252 leaves unassigned, such as 0x81', () => {
    expect(repairRelease(FILE, bytesOf(RELEASE.replace('{A3}', '{81}')))).toEqual({
      kind: 'refused',
      refusal: {
        file: FILE,
        line: 9,
        column: 14,
        rule: 'repair-refused',
        severity: 'warning',
        reason:
          'Not repaired: the byte 0x81 has no character in Windows-1252, so the file is in another encoding.',
        hint: 'Find out which encoding the scraper saved the file in, and save it again as UTF-8.',
      },
    });
  });
});
