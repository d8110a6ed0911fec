import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runNode } from '../build/site-output.ts';
import { makeProject, repo } from './helpers.ts';

const BIN = path.join(repo, 'bin/gazette.mjs');

/** Runs the real `gazette` bin with plain node (no --import flag), as npm would. */
const runBin = (args: string[], cwd: string) => runNode([BIN, ...args], { cwd });

describe('the gazette bin', () => {
  test('package.json names bin/gazette.mjs as the gazette command', async () => {
    const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {
      bin?: unknown;
    };
    expect(pkg.bin).toEqual({ gazette: 'bin/gazette.mjs' });
  });

  test('runs new, check and build on a project from its folder, with exit codes', async () => {
    const root = await makeProject();
    await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
    const created = await runBin(
      ['new', '--area', 'Wexmoor', '--title', 'Holm Farm', '--date', '09:30 14/03/2024'],
      root,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created content\/wexmoor\/2024\/holm-farm\.md\n/);

    // The placeholders are warnings: check passes, --strict fails.
    const checked = await runBin(['check'], root);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/\n1 file checked: 0 errors, 5 warnings\n$/);
    expect((await runBin(['check', '--strict'], root)).code).toBe(1);

    // Warnings do not stop a build, and it prints none: only its progress. The
    // release still holds its placeholders, so it is left out, and named. (The
    // site's own address is given: the sample's gazette.example would be warned about.)
    const built = await runBin(['build', '--site-url', 'https://archive.westshire.example'], root);
    // Home, all releases (one empty page), areas, search, data and 404; no
    // release page, so nothing to index for search.
    expect(built.stderr).toBe('Loading 1 file…\nRendering 6 pages…\n');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('\n1 unfinished release left out (');
    // A preview shows it.
    expect((await runBin(['build', '--drafts'], root)).code).toBe(0);
    expect(
      await readFile(path.join(root, '_site/2024/03/14/holm-farm-g2fbff/index.html'), 'utf8'),
    ).toContain('Holm Farm');
  });

  test('a usage error exits 2 through the bin, with no stack', async () => {
    const run = await runBin(['new', '--area', 'W'], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gazette new needs --title <title>.\nRun `npx gazette new --help` for its options and examples.\n',
    );
  });
});
