import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readOrNull, readWhole, writeAtomically } from '../../../src/load/file-io.ts';

/**
 * Files larger than one read or write call can move (2 GiB: the load cache of
 * a million releases is 2.4 GB) go in pieces. The pieces here are a few bytes
 * long, so that every path through the loops runs on a small file.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gazette-file-io-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writing and reading a file in pieces', () => {
  test('writes every byte, in pieces that do not divide the length, and leaves no temporary file', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const bytes = randomBytes(1001);
    writeAtomically(file, bytes, 7);
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    expect(await readdir(dir)).toEqual(['snapshot.bin']);
  });

  test('reads every byte back in pieces, whatever their size against the length', async () => {
    const file = path.join(dir, 'read.bin');
    const bytes = randomBytes(1000);
    await writeFile(file, bytes);
    for (const piece of [1, 3, 999, 1000, 4096])
      expect(Buffer.compare(readWhole(file, piece), bytes)).toBe(0);
  });

  test('replaces a longer file whole, and reads an empty one as empty', async () => {
    const file = path.join(dir, 'shrinks.bin');
    writeAtomically(file, randomBytes(500), 64);
    writeAtomically(file, Buffer.from('short'), 2);
    expect(readWhole(file, 3).toString()).toBe('short');
    writeAtomically(file, new Uint8Array(0));
    expect(readWhole(file)).toHaveLength(0);
  });

  test('writes text as it is, and reads a missing file as null', async () => {
    const file = path.join(dir, 'state.json');
    writeAtomically(file, '{"scheme":"é"}\n');
    expect(readOrNull(file, 'utf8')).toBe('{"scheme":"é"}\n');
    expect(readOrNull(path.join(dir, 'gone.bin'))).toBeNull();
    expect(() => readWhole(path.join(dir, 'gone.bin'))).toThrow(/ENOENT/);
  });
});
