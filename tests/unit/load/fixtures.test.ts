import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

/*
 * One loop over tests/fixtures/load/<case>/: each case holds one input file
 * (input.md or input.txt) and expected.json, which is either the release
 * record or the array of diagnostics. `UPDATE=1 npx vitest run
 * tests/unit/load/fixtures.test.ts` rewrites every expected.json; review the
 * diff like code.
 */

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'tests/fixtures/load');
const update = process.env.UPDATE === '1';
const options = { timeZone: 'Europe/London' };

const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function inputOf(name: string): string {
  const inputs = readdirSync(path.join(fixtures, name)).filter((f) => /^input\.(md|txt)$/.test(f));
  if (inputs.length !== 1) throw new Error(`fixture ${name} must hold exactly one input file`);
  return inputs[0] as string;
}

afterEach(() => {
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe('load fixtures', () => {
  test('the fixture folder holds the cases the loader must cover', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'bad-date-format',
        'bad-date-impossible',
        'bad-url',
        'crlf-bom',
        'dashes-form',
        'empty-file',
        'empty-file-whitespace',
        'empty-title',
        'engine-js',
        'missing-area',
        'missing-publish-date',
        'multiple-errors-one-file',
        'og-entities',
        'raw-html-body',
        'seed-fenced',
        'toml-front-matter',
        'wrong-type-title',
        'yaml-syntax-error',
      ]),
    );
  });

  test.each(cases)('the %s fixture loads to what its expected.json records', (name) => {
    const input = inputOf(name);
    const file = `tests/fixtures/load/${name}/${input}`;
    const result = loadReleaseFile(file, readFileSync(path.join(root, file)), options);
    const actual = result.ok ? result.release : result.diagnostics;
    const expectedFile = path.join(fixtures, name, 'expected.json');
    const recorded = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : '';
    if (update) {
      const now = `${JSON.stringify(actual, null, 2)}\n`;
      writeFileSync(expectedFile, now);
      // A rewritten case fails this run, so no change is accepted without its diff being read.
      expect(now, `rewrote ${name}/expected.json: review the diff, then run without UPDATE`).toBe(
        recorded,
      );
    }
    const expected: unknown = JSON.parse(recorded);
    expect(result.ok).toBe(!Array.isArray(expected));
    expect(actual).toEqual(expected);
    // No fixture, least of all engine-js, may run its front matter as code.
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test('the fenced and the --- YAML error fixtures report the same file line and column', () => {
    const read = (name: string) => {
      const file = `tests/fixtures/load/${name}/input.md`;
      const result = loadReleaseFile(file, readFileSync(path.join(root, file)), options);
      expect(result.ok, `${name} must fail to load`).toBe(false);
      return result.ok ? [] : result.diagnostics.map((d) => [d.line, d.column, d.rule]);
    };
    expect(read('yaml-syntax-error')).toEqual([[6, 5, 'yaml-syntax']]);
    expect(read('yaml-syntax-error-dashes')).toEqual(read('yaml-syntax-error'));
  });

  test('a CRLF file with a byte order mark loads to the same release as its LF twin', () => {
    const load = (name: string) => {
      const file = `tests/fixtures/load/${name}/input.md`;
      const result = loadReleaseFile('content/x.md', readFileSync(path.join(root, file)), options);
      expect(result.ok, `${name} must load`).toBe(true);
      // Different bytes hash differently; everything else must match.
      return result.ok ? { ...result.release, sourceHash: '' } : result.diagnostics;
    };
    expect(load('crlf-bom')).toEqual(load('dashes-form'));
    expect(load('lone-cr')).toEqual(load('dashes-form'));
  });
});
