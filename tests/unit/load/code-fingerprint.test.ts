import { appendFile, cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { codeFingerprint, INSTALL, packageVersions } from '../../../src/load/code-fingerprint.ts';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-install-'));
  roots.push(root);
  return root;
}

/** Writes `<dir>/package.json` for a package, creating the folder. */
async function pkg(
  dir: string,
  name: string,
  version: string,
  fields: Record<string, Record<string, string>> = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, version, ...fields }));
}

/**
 * A project that installed Gazette with npm: Gazette's dependencies hoisted
 * beside it in the project's node_modules, none under Gazette's own folder.
 */
async function hoistedInstall(): Promise<{ project: string; install: string }> {
  const project = await folder();
  const modules = path.join(project, 'node_modules');
  const install = path.join(modules, 'gazette');
  await pkg(install, 'gazette', '0.1.0', { dependencies: { remark: '^15.0.1', zod: '^4.6.7' } });
  await mkdir(path.join(install, 'src/load'), { recursive: true });
  await writeFile(path.join(install, 'src/load/x.ts'), 'export {};\n');
  await pkg(path.join(modules, 'remark'), 'remark', '15.0.1', {
    dependencies: { 'remark-parse': '^11.0.0' },
  });
  await pkg(path.join(modules, 'remark-parse'), 'remark-parse', '11.0.0');
  await pkg(path.join(modules, 'zod'), 'zod', '4.6.7');
  return { project, install };
}

describe("the versions of Gazette's packages", () => {
  test('are read where an npm install hoisted them, beside Gazette rather than under it', async () => {
    const { install } = await hoistedInstall();
    expect(packageVersions(install)).toEqual(['remark-parse@11.0.0', 'remark@15.0.1', 'zod@4.6.7']);
  });

  test('change the fingerprint when a hoisted package is upgraded, however deep it is', async () => {
    const { project, install } = await hoistedInstall();
    const before = codeFingerprint(install);
    await pkg(path.join(project, 'node_modules/zod'), 'zod', '4.7.0');
    const afterZod = codeFingerprint(install);
    await pkg(path.join(project, 'node_modules/remark-parse'), 'remark-parse', '11.0.1');
    const afterParse = codeFingerprint(install);
    expect(new Set([before, afterZod, afterParse]).size).toBe(3);
  });

  test('are those of the copy Node would load: a nested copy before a hoisted one', async () => {
    const { project, install } = await hoistedInstall();
    await pkg(path.join(install, 'node_modules/zod'), 'zod', '3.25.0');
    await pkg(
      path.join(project, 'node_modules/remark/node_modules/remark-parse'),
      'remark-parse',
      '10.0.2',
    );
    expect(packageVersions(install)).toEqual([
      'remark-parse@10.0.2',
      'remark@15.0.1',
      'zod@3.25.0',
    ]);
  });

  test('follow linked folders as pnpm lays them out, from where each package really is', async () => {
    const store = path.join(await folder(), 'store/gazette@0.1.0/node_modules');
    await pkg(path.join(store, 'gazette'), 'gazette', '0.1.0', { dependencies: { zod: '^4' } });
    await pkg(path.join(store, 'zod'), 'zod', '4.6.7');
    const project = await folder();
    await mkdir(path.join(project, 'node_modules'));
    await symlink(path.join(store, 'gazette'), path.join(project, 'node_modules/gazette'));
    expect(packageVersions(path.join(project, 'node_modules/gazette'))).toEqual(['zod@4.6.7']);
  });

  test('leave out an optional package that is not installed, as one for another platform is not', async () => {
    const { install } = await hoistedInstall();
    await pkg(install, 'gazette', '0.1.0', {
      dependencies: { zod: '^4.6.7' },
      optionalDependencies: { '@pagefind/darwin-arm64': '1.6.0' },
    });
    expect(packageVersions(install)).toEqual(['zod@4.6.7']);
  });

  test("include every package Gazette's pages are made with, in this repository's install", () => {
    const names = packageVersions(INSTALL).map((line) => line.slice(0, line.lastIndexOf('@')));
    const makers = ['@11ty/eleventy', 'nunjucks', 'remark', 'remark-html', 'micromark', 'zod'];
    expect(makers.filter((name) => !names.includes(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['gray-matter', 'js-yaml', 'entities']));
  });
});

describe("the fingerprint of Gazette's code", () => {
  /** A stand-in installation holding a copy of this repository's src/. */
  async function copyOfSource(): Promise<string> {
    const install = await folder();
    await cp(path.join(INSTALL, 'src'), path.join(install, 'src'), { recursive: true });
    return install;
  }

  test('changes when any file in any folder of src/ is edited', async () => {
    const install = await copyOfSource();
    const seen = new Set([codeFingerprint(install)]);
    const folders = (await readdir(path.join(install, 'src'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders).toEqual(expect.arrayContaining(['archive', 'load', 'site', 'build', 'model']));
    for (const name of folders) {
      const [first = ''] = (await readdir(path.join(install, 'src', name))).sort();
      await appendFile(path.join(install, 'src', name, first), '\n');
      seen.add(codeFingerprint(install));
    }
    expect(seen.size).toBe(folders.length + 1);
  });

  test('changes when a file is added in a folder of src/ that is new', async () => {
    const install = await copyOfSource();
    const before = codeFingerprint(install);
    await mkdir(path.join(install, 'src/pages'));
    await writeFile(path.join(install, 'src/pages/index.ts'), 'export {};\n');
    expect(codeFingerprint(install)).not.toBe(before);
  });

  test('is the same for the same code and packages installed in another folder', async () => {
    const first = await hoistedInstall();
    const second = await hoistedInstall();
    expect(codeFingerprint(second.install)).toBe(codeFingerprint(first.install));
  });
});
