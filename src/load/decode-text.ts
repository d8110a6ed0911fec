import { isUtf8 } from 'node:buffer';

/** Text of a content file, or where it stops being UTF-8: byte offset, 1-based line and column. */
export type DecodeResult =
  { ok: true; text: string } | { ok: false; offset: number; line: number; column: number };

const BOM = '\uFEFF';

/**
 * Decodes a content file: refuses bytes that are not UTF-8, strips a byte
 * order mark and turns CRLF and lone CR line ends into LF.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidByte(bytes);
    return { ok: false, offset, ...positionOf(bytes, offset) };
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629), scanning from the start. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * Offset of the first character that takes more than one byte in UTF-8, or -1:
 * bytes that are not UTF-8 are stepped over, so a file that mixes both is seen.
 */
export function firstMultibyteChar(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (sequenceLength(bytes, i) > 1) return i;
  }
  return -1;
}

/**
 * Line and column of a byte offset as an editor shows them once the file is
 * decoded: CRLF and lone CR end lines, columns count UTF-16 code units, and a
 * leading byte order mark takes no column.
 */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Everything before `offset` is valid UTF-8, so this prefix decodes cleanly.
  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart);
  const text = prefix.toString('utf8');
  const bom = lineStart === 0 && text.startsWith(BOM) ? 1 : 0;
  return { line, column: text.length - bom + 1 };
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  // Second-byte ranges exclude overlong forms, surrogates and code points past U+10FFFF.
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf
      ? [2, 0x80, 0xbf]
      : lead === 0xe0
        ? [3, 0xa0, 0xbf]
        : lead === 0xed
          ? [3, 0x80, 0x9f]
          : lead >= 0xe1 && lead <= 0xef
            ? [3, 0x80, 0xbf]
            : lead === 0xf0
              ? [4, 0x90, 0xbf]
              : lead === 0xf4
                ? [4, 0x80, 0x8f]
                : lead >= 0xf1 && lead <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1] ?? 0;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}
