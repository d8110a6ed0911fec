import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main, USAGE } from '../../src/cli/main.ts';
import { gazetteVersion } from '../../src/cli/version.ts';
import { captureIo, repo } from './helpers.ts';

async function gazette(...args: string[]) {
  const { io, streams } = captureIo(process.cwd());
  return { code: await main(args, io), ...streams };
}

const version = async () =>
  (JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string })
    .version;

describe('gazette --version', () => {
  test.each(['--version', '-v'])('%s prints the version in package.json, exit 0', async (flag) => {
    expect(await gazette(flag)).toEqual({ code: 0, out: `${await version()}\n`, err: '' });
  });

  test('the usage says how to ask for it', () => {
    expect(USAGE).toContain('`npx gazette --version` (or -v)');
  });

  test("is read from the nearest package.json named gazette, skipping others'", async () => {
    const top = await mkdtemp(path.join(tmpdir(), 'gazette-version-'));
    try {
      const nested = path.join(top, 'dist/cli');
      await mkdir(nested, { recursive: true });
      await writeFile(path.join(top, 'package.json'), '{"name":"gazette","version":"9.8.7"}');
      await writeFile(path.join(top, 'dist/package.json'), '{"type":"module"}');
      expect(gazetteVersion(nested)).toBe('9.8.7');
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });
});
