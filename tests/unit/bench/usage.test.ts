import { describe, expect, test } from 'vitest';
import { runNode } from '../../build/site-output.ts';
import { repo } from '../../cli/helpers.ts';

/** `npm run bench` reads its options before any corpus is written or any build is run. */
const bench = (...args: string[]) =>
  runNode(['--import', 'tsx', 'bench/run.ts', ...args], { cwd: repo });

describe('npm run bench options', () => {
  test('--help prints every option and exits 0 without building anything', async () => {
    const run = await bench('--help');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run bench -- \[options\]/);
    for (const option of [
      '--corpus',
      '--releases',
      '--runs',
      '--keep',
      '--skip-inside',
      '--skip-peers',
    ])
      expect(run.stdout).toContain(option);
  });

  test.each([
    [['--nope'], /^Unknown option '--nope'/],
    [['--runs', 'two'], /^--releases takes positive whole numbers/],
    [['--corpus', 'scraped'], /^--corpus is synthetic/],
  ])('%j is a usage error with the usage, not a stack', async (args, reason) => {
    const run = await bench(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain('Usage: npm run bench');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
