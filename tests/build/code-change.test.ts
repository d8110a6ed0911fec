import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import type * as BuildSiteModule from '../../src/build/build-site.ts';
import { hashTree, projectsRemovedAfterAll } from './site-output.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const project = projectsRemovedAfterAll();
const installs: string[] = [];
afterAll(() => Promise.all(installs.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A second installation of Gazette: this repository's src/ and package.json,
 * with its node_modules linked, and one source file rewritten by `edit`.
 */
async function editedGazette(file: string, edit: (text: string) => string): Promise<string> {
  const install = await mkdtemp(path.join(tmpdir(), 'gazette-install-'));
  installs.push(install);
  await cp(path.join(repo, 'src'), path.join(install, 'src'), { recursive: true });
  await cp(path.join(repo, 'package.json'), path.join(install, 'package.json'));
  await symlink(path.join(repo, 'node_modules'), path.join(install, 'node_modules'));
  const source = path.join(install, file);
  const before = await readFile(source, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(source, after);
  return install;
}

describe("a cached build after a change to Gazette's code", () => {
  test('equals a fresh build when the change is to the archive code that makes URLs', async () => {
    const root = await project();
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    const before = await hashTree(path.join(root, '_site'));

    // Area pages move from /areas/ to /forces/: every release page links to one.
    const install = await editedGazette('src/archive/urls.ts', (text) =>
      text.replaceAll('/areas/', '/forces/'),
    );
    const edited = (await import(
      pathToFileURL(path.join(install, 'src/build/build-site.ts')).href
    )) as typeof BuildSiteModule;
    const cached = await edited.buildSite({ root, env: {} });
    const copy = await project();
    await rm(path.join(copy, 'content'), { recursive: true });
    await cp(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
    expect((await edited.buildSite({ root: copy, env: {}, cache: false })).ok).toBe(true);

    const fresh = await hashTree(path.join(copy, '_site'));
    expect([...fresh.keys()].some((file) => file.startsWith('forces/'))).toBe(true);
    expect(Object.fromEntries(fresh)).not.toEqual(Object.fromEntries(before));
    expect(Object.fromEntries(await hashTree(path.join(root, '_site')))).toEqual(
      Object.fromEntries(fresh),
    );
    // Every page again, into a fresh folder: none of the last build's page hashes holds.
    expect(cached.ok && cached.incremental).toBe(false);
  });
});
