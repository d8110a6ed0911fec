import { isUtf8 } from 'node:buffer';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnose } from '../diagnostics/diagnose.ts';
import { decodeText, firstMultibyteChar } from './decode-text.ts';
import { repairYaml } from './repair-yaml.ts';
import { MAX_FILE_BYTES } from './source-file.ts';
import { decodeWindows1252, isUnassignedInWindows1252 } from './windows-1252.ts';

/** What `repairRelease` made of a file: nothing to fix, a repaired copy, or why it would not guess. */
export type RepairResult =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'repaired'; readonly bytes: Buffer; readonly fixes: Diagnostic[] }
  | { readonly kind: 'refused'; readonly refusal: Diagnostic };

type Decoded = { text: string; fix?: Diagnostic } | { refusal: Diagnostic };

const UNCHANGED: RepairResult = { kind: 'unchanged' };
const LINE_END = /(\r\n|\r|\n)/;

/**
 * Fixes, in a UTF-8 copy, the defects scrapers leave that have one certain
 * fix: a file in Windows-1252, tabs in the front matter's indentation, and a
 * text field whose unquoted value holds ": " (`title: UPDATE: Man charged`).
 * Each fix comes back as a located warning. Lines, line ends and a byte
 * order mark stay as they were, so every position still points into the
 * original. Anything that would be a guess is refused, and nothing else in
 * the file is touched. Pure: the caller decides what to write.
 */
export function repairRelease(file: string, bytes: Uint8Array): RepairResult {
  if (bytes.length > MAX_FILE_BYTES) return UNCHANGED;
  const decoded = decodeScraped(file, bytes);
  if ('refusal' in decoded) return { kind: 'refused', refusal: decoded.refusal };
  const bom = decoded.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const parts = decoded.text.slice(bom.length).split(LINE_END);
  const lines = parts.filter((_, i) => i % 2 === 0);
  const yaml = repairYaml(file, lines);
  if ('refusal' in yaml) return { kind: 'refused', refusal: yaml.refusal };
  const fixes = decoded.fix === undefined ? yaml.fixes : [decoded.fix, ...yaml.fixes];
  if (fixes.length === 0) return UNCHANGED;
  const text = parts.map((part, i) => (i % 2 === 0 ? (yaml.lines[i / 2] ?? '') : part)).join('');
  return {
    kind: 'repaired',
    bytes: Buffer.from(bom + text, 'utf8'),
    fixes: sortDiagnostics(fixes),
  };
}

/**
 * The file's text: as UTF-8 when it is UTF-8, else as Windows-1252 with a
 * fix saying so. A file that also holds UTF-8 characters, or a byte that
 * Windows-1252 leaves unassigned, is refused: which encoding it is would be
 * a guess, and a wrong guess garbles every name in it.
 */
function decodeScraped(file: string, bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(bytes)) return { text: buffer.toString('utf8') };
  const invalid = decodeText(bytes);
  const at = invalid.ok ? { line: 1, column: 1 } : invalid;
  const multibyte = firstMultibyteChar(bytes);
  if (multibyte !== -1) {
    // Latin-1 keeps one character per byte, so the line breaks before the offset count true.
    const utf8Line = buffer.toString('latin1', 0, multibyte).split(/\r\n|\r|\n/).length;
    const why = { kind: 'mixed-encoding', utf8Line } as const;
    return { refusal: diagnose('warning', file, at, 'repair-refused', why) };
  }
  const text = decodeWindows1252(bytes);
  const found = new Map<number, string>();
  const lines = new Set<number>();
  let count = 0;
  // One character per byte: i is an offset into both.
  for (let i = 0, line = 1, column = 1; i < bytes.length; i++, column++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) [line, column] = [line + 1, 0];
    if (byte < 0x80) continue;
    const char = text.charAt(i);
    if (isUnassignedInWindows1252(char)) {
      const why = { kind: 'unassigned-byte', byte } as const;
      return { refusal: diagnose('warning', file, { line, column }, 'repair-refused', why) };
    }
    found.set(byte, char);
    lines.add(line);
    count++;
  }
  const fix = diagnose('warning', file, at, 'repaired-encoding', [...found], count, [...lines]);
  return { text, fix };
}
