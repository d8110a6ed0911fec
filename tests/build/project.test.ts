import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, test } from 'vitest';
import { makeProject, runGazette } from './site-output.ts';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function projectWithout(folder: string): Promise<string> {
  const root = await makeProject();
  roots.push(root);
  await rm(path.join(root, folder), { recursive: true, force: true });
  return root;
}

describe('a project missing a folder', () => {
  test('build without templates/ builds with the default theme', async () => {
    const root = await projectWithout('templates');
    const run = await runGazette(['build', '--root', root], { cwd: root, env: {} });
    expect(run.stderr).not.toMatch(/error|warning/i);
    expect(run.code).toBe(0);
    const home = await readFile(path.join(root, '_site/index.html'), 'utf8');
    expect(load(home)('link[rel=stylesheet]').attr('href')).toBe('/assets/style.css');
    expect(existsSync(path.join(root, '_site/assets/style.css'))).toBe(true);
  });

  test('check without content/ says what is missing and what to do, with no stack', async () => {
    const root = await projectWithout('content');
    const run = await runGazette(['check', '--root', root], { cwd: root, env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(root, 'content')} does not exist`);
    expect(run.stderr).toContain('set contentDir in site.json');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
