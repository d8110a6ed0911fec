import { describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../../src/load/source-file.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

const options = { timeZone: 'Europe/London' };
const load = (text: string | Buffer) =>
  loadReleaseFile('content/x.md', typeof text === 'string' ? Buffer.from(text) : text, options);

const VALID = [
  '---',
  'area: Wexmoor',
  'title: Road closed after crash | Wexmoor Police',
  'url: https://www.wexmoor.police.example/news/road-closed/',
  'publish:',
  '  date: 10:00 01/06/2021',
];

function bomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(',');
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return lines.join('\n');
}

describe('hostile YAML', () => {
  // No timing assertion (speed is for `npm run bench`); the test timeout catches a hang,
  // since expanding 9^12 nodes would never finish.
  test('an alias bomb is refused at the first repeating alias', { timeout: 5000 }, () => {
    const result = load([...VALID, bomb(12), '---', 'Body'].join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ rule: 'yaml-alias', line: 8, column: 10 });
  });

  test('a cyclic alias is refused', () => {
    const result = load([...VALID, 'og: &loop', '  title: *loop', '---', 'Body'].join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ rule: 'yaml-alias', line: 8, column: 10 });
    expect(result.diagnostics[0]?.reason).toContain('"*loop"');
  });

  test('an alias that repeats only a scalar is harmless and the text stays as written', () => {
    const result = load(
      [
        '---',
        'area: &a Wexmoor',
        'title: Price *a rises | Wexmoor Police',
        ...VALID.slice(3),
        'description: *a',
        '---',
        'Body',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.release.title).toBe('Price *a rises | Wexmoor Police');
    expect(result.release.description).toBe('Wexmoor');
  });

  test('merge keys are plain keys in the core schema and cannot inject fields', () => {
    const result = load(
      [...VALID, '<<: {slug: injected}', '__proto__: {slug: injected}', '---', 'Body'].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.release.slug).toBe('road-closed-after-crash-lzirvo');
    expect(({} as Record<string, unknown>).slug).toBeUndefined();
  });

  test('nesting deeper than the cap is a located YAML error', () => {
    const deep = `og: ${'['.repeat(40)}${']'.repeat(40)}`;
    const result = load([...VALID, deep, '---', 'Body'].join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', line: 7 });
    expect(result.diagnostics[0]?.reason).toContain('nesting exceeded maxDepth');
  });

  test('a file over the size cap is refused before it is parsed, with its size', () => {
    const result = load(Buffer.alloc(MAX_FILE_BYTES + 1, 'a'));
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          file: 'content/x.md',
          line: 1,
          column: 1,
          rule: 'file-too-large',
          severity: 'error',
          reason: 'The file is 1025 KiB, over the 1024 KiB limit for one release.',
          hint: 'Check that this is a press release; split an unusually long one into parts.',
        },
      ],
    });
  });
});
