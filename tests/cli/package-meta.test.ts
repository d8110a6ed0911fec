import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repo } from './helpers.ts';

const pkg = async () =>
  JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;

describe("Gazette's package", () => {
  test('is MIT-licensed, and LICENSE holds that licence and its copyright', async () => {
    expect((await pkg()).license).toBe('MIT');
    const licence = await readFile(path.join(repo, 'LICENSE'), 'utf8');
    expect(licence.split('\n').slice(0, 3)).toEqual([
      'MIT License',
      '',
      'Copyright (c) 2026 The Gazette authors',
    ]);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  test('runs on Node 20.18 and later: the 20, 22 and 24 lines', async () => {
    expect((await pkg()).engines).toEqual({ node: '>=20.18' });
  });
});
