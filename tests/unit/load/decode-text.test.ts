import { describe, expect, test } from 'vitest';
import { decodeText, firstInvalidByte } from '../../../src/load/decode-text.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

describe('decodeText on valid UTF-8', () => {
  test('strips a leading byte order mark', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], '---\n'))).toEqual({ ok: true, text: '---\n' });
  });

  test('keeps a byte order mark that is not at the start', () => {
    expect(decodeText(bytes('a', [0xef, 0xbb, 0xbf], 'b'))).toEqual({ ok: true, text: 'a\uFEFFb' });
  });

  test('turns CRLF line ends into LF', () => {
    expect(decodeText(bytes('a\r\nb\r\n'))).toEqual({ ok: true, text: 'a\nb\n' });
  });

  test('turns a lone CR into LF', () => {
    expect(decodeText(bytes('a\rb\r'))).toEqual({ ok: true, text: 'a\nb\n' });
  });

  test('turns CR CR LF into two line ends, not one', () => {
    expect(decodeText(bytes('a\r\r\nb'))).toEqual({ ok: true, text: 'a\n\nb' });
  });

  test('decodes two-, three- and four-byte characters', () => {
    expect(decodeText(bytes('é – 😀'))).toEqual({ ok: true, text: 'é – 😀' });
  });

  test('decodes an empty file to empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  test('reads only its own window of a shared buffer', () => {
    const whole = bytes('xxHELLOyy');
    expect(decodeText(whole.subarray(2, 7))).toEqual({ ok: true, text: 'HELLO' });
  });
});

describe('decodeText on invalid UTF-8', () => {
  test('refuses an overlong two-byte NUL (C0 80) at the offset of its lead byte', () => {
    expect(decodeText(bytes('A', [0xc0, 0x80], 'B'))).toEqual({
      ok: false,
      offset: 1,
      line: 1,
      column: 2,
    });
  });

  test('refuses an overlong three-byte form (E0 80 80)', () => {
    expect(decodeText(bytes('A', [0xe0, 0x80, 0x80]))).toMatchObject({ ok: false, offset: 1 });
  });

  test('refuses an encoded UTF-16 surrogate (ED A0 80)', () => {
    expect(decodeText(bytes('AB', [0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, offset: 2 });
  });

  test('refuses a code point above U+10FFFF (F4 90 80 80)', () => {
    expect(decodeText(bytes('A', [0xf4, 0x90, 0x80, 0x80]))).toMatchObject({
      ok: false,
      offset: 1,
    });
  });

  test('refuses a sequence cut short by the end of the file', () => {
    expect(decodeText(bytes('A', [0xe2, 0x82]))).toMatchObject({ ok: false, offset: 1 });
  });

  test('refuses a sequence cut short by an ASCII byte', () => {
    expect(decodeText(bytes([0xc2], 'A'))).toMatchObject({ ok: false, offset: 0 });
  });

  test('refuses a stray continuation byte', () => {
    expect(decodeText(bytes('AB', [0x80], 'C'))).toMatchObject({ ok: false, offset: 2 });
  });

  test('refuses 0xFF, which never appears in UTF-8, after a valid four-byte character', () => {
    expect(decodeText(bytes('😀', [0xff]))).toMatchObject({ ok: false, offset: 4 });
  });

  test('places the bad byte on its line and column, counting characters, not bytes', () => {
    expect(decodeText(bytes('---\n', 'é: ', [0xc3, 0x28]))).toEqual({
      ok: false,
      offset: 8,
      line: 2,
      column: 4,
    });
  });

  test('counts CRLF as one line end and a lone CR as another', () => {
    expect(decodeText(bytes('a\r\nb\rc', [0x80]))).toEqual({
      ok: false,
      offset: 6,
      line: 3,
      column: 2,
    });
  });

  test('gives a byte order mark an offset but no column', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'ab', [0x80]))).toEqual({
      ok: false,
      offset: 5,
      line: 1,
      column: 3,
    });
  });

  test('firstInvalidByte returns the length for valid input', () => {
    expect(firstInvalidByte(bytes('abc'))).toBe(3);
  });
});

describe('loading a file that is not UTF-8', () => {
  test('reports invalid-utf8 at the bad byte with its offset in the message', () => {
    const result = loadReleaseFile('content/x.md', bytes('---\narea: Caf', [0xe9], '\n---\n'), {
      timeZone: 'Europe/London',
    });
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          file: 'content/x.md',
          line: 2,
          column: 10,
          rule: 'invalid-utf8',
          severity: 'error',
          reason:
            'The file is not valid UTF-8: the byte at offset 13 does not start or continue a character.',
          hint: 'Re-save the file as UTF-8 in your editor.',
        },
      ],
    });
  });
});
