import { rm } from 'node:fs/promises';
import path from 'node:path';
import { check, LinkState } from 'linkinator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { makeProject } from './site-output.ts';

let root: string;

beforeAll(async () => {
  root = await makeProject();
  const result = await buildSite({ root, env: {} });
  expect(result.ok).toBe(true);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('a link checker crawling the built site finds no broken link, anchor, stylesheet or feed', async () => {
  const result = await check({
    path: path.join(root, '_site'),
    recurse: true,
    checkFragments: true,
    checkCss: true,
    // The network is closed, and the pages' own links are the subject: anything
    // not served from the local checker (source releases, share images) is skipped.
    linksToSkip: async (link) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link),
  });
  const broken = result.links
    .filter((l) => l.state === LinkState.BROKEN)
    .map((l) => `${l.parent ?? ''} → ${l.url} (${String(l.status)})`);
  expect(broken).toEqual([]);
  const checked = result.links.filter((l) => l.state === LinkState.OK);
  // Every page is reached by crawling from the home page.
  expect(checked.length).toBeGreaterThan(60);
});
