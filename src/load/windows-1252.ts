// Node's own TextDecoder('windows-1252') cannot be used: since Node 20.18.3 it
// decodes as ISO-8859-1, so 0x93 comes out as the control U+0093 instead of “
// (nodejs/node#56542, #60888). The table is small enough to keep here.

/** Code points of bytes 0x80–0x9F, from the WHATWG Encoding Standard's index-windows-1252. */
const BYTES_80_TO_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Decodes bytes as Windows-1252 per the WHATWG table. Every byte is one
 * character, so offsets in the text are offsets in the bytes, and nothing
 * ever becomes U+FFFD.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(
      byte >= 0x80 && byte <= 0x9f ? (BYTES_80_TO_9F[byte - 0x80] ?? byte) : byte,
    );
  }
  return text;
}

/**
 * Whether a decoded character came from one of the five bytes (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) that Windows-1252 leaves without a character: WHATWG maps
 * them to C1 controls, and a file holding one was written in another encoding.
 */
export function isUnassignedInWindows1252(char: string): boolean {
  return /[\u0081\u008d\u008f\u0090\u009d]/.test(char);
}
