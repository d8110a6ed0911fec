import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repairRelease } from '../../../src/load/repair.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

/*
 * One loop over tests/fixtures/repair/<case>/: `input.*` is a file as a
 * scraper wrote it, with defects that stop it loading, and `hand-fixed.*` is
 * the same file fixed by hand in an editor, the way a person would (single
 * quotes, four spaces, characters typed in UTF-8). The repaired input must
 * load to the very record the hand-fixed file loads to.
 */

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/repair');
const options = { timeZone: 'Europe/London' };
const cases = readdirSync(fixtures).sort();

function fileOf(name: string, stem: string): Buffer {
  const found = readdirSync(path.join(fixtures, name)).filter((f) => f.startsWith(`${stem}.`));
  if (found.length !== 1) throw new Error(`fixture ${name} must hold exactly one ${stem} file`);
  return readFileSync(path.join(fixtures, name, found[0] ?? ''));
}

/** The release a file loads to, under one name, without the hash of its bytes (which differ). */
function recordOf(bytes: Buffer) {
  const result = loadReleaseFile('content/westshire/2024/x.txt', bytes, options);
  return result.ok ? { ...result.release, sourceHash: '' } : result.diagnostics;
}

describe('repair fixtures', () => {
  test('cover each defect, and all of them at once', () => {
    expect(cases).toEqual(['all-three-crlf', 'quote-og', 'quote-title', 'tabs', 'windows-1252']);
  });

  test.each(cases)('%s: the input does not load as scraped', (name) => {
    expect(loadReleaseFile('x', fileOf(name, 'input'), options).ok).toBe(false);
  });

  test.each(cases)('%s: repaired, it loads to the record of the hand-fixed file', (name) => {
    const repaired = repairRelease('x', fileOf(name, 'input'));
    expect(repaired.kind).toBe('repaired');
    const copy = repaired.kind === 'repaired' ? repaired.bytes : Buffer.alloc(0);
    const expected = recordOf(fileOf(name, 'hand-fixed'));
    expect(Array.isArray(expected)).toBe(false);
    expect(recordOf(copy)).toEqual(expected);
  });
});
