import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_PERMALINK } from '../../../src/model/permalink.ts';
import { loadSiteConfig } from '../../../src/load/site-config.ts';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/site/site.json');
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gazette-config-'));
  await cp(fixture, path.join(root, 'site.json'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function withPermalink(permalink: unknown) {
  const config = JSON.parse(await readFile(fixture, 'utf8')) as Record<string, unknown>;
  await writeFile(path.join(root, 'site.json'), JSON.stringify({ ...config, permalink }));
  return loadSiteConfig(root, {});
}

describe('permalink in site.json', () => {
  test('defaults to the clash-safe pattern', async () => {
    await cp(fixture, path.join(root, 'site.json'));
    expect((await loadSiteConfig(root, {})).permalink).toBe(DEFAULT_PERMALINK);
  });

  test('takes a valid pattern as written', async () => {
    expect((await withPermalink('/:year/:month/:day/:area/:slug/')).permalink).toBe(
      '/:year/:month/:day/:area/:slug/',
    );
  });

  test('refuses a pattern that could make two releases clash, saying why', async () => {
    await expect(withPermalink('/:year/:month/:day/:area/')).rejects.toThrow(
      'site.json is not a valid site configuration:\n  - permalink: holds neither :slug nor :id, so two releases of one day could ask for one address',
    );
  });
});
