import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadReleases } from '../../../src/load/load-releases.ts';

/** formerUrls: the page a file left out with errors had, so a build can say it is gone. */

const options = { timeZone: 'Europe/London' };
const roots: string[] = [];

afterEach(async () => {
  await Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function scraped(title: string, url = 'https://www.westshire.police.example/n/1/') {
  return `---\narea: Westshire\ntitle: ${title}\nurl: ${url}\npublish:\n  date: 09:30 14/03/2024\n---\n\nText.\n`;
}

describe('loadReleases remembers the page of a file that stopped loading', () => {
  async function project(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-unfinished-'));
    roots.push(root);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, 'content', name)), { recursive: true });
      await writeFile(path.join(root, 'content', name), text);
    }
    return root;
  }
  const load = async (root: string) => {
    const result = await loadReleases(root, 'content', options, {
      cacheDir: path.join(root, '.cache'),
    });
    result.bodies.close();
    return result;
  };

  test('from the cache, through every load until it loads again', async () => {
    const root = await project({ 'a.md': scraped('Road closed') });
    const url = (await load(root)).releases[0]?.url;
    expect(url).toBeDefined();
    expect((await load(root)).formerUrls).toEqual(new Map());
    await writeFile(path.join(root, 'content/a.md'), scraped('[Road closed'));
    expect((await load(root)).formerUrls).toEqual(new Map([['content/a.md', url]]));
    expect((await load(root)).formerUrls).toEqual(new Map([['content/a.md', url]]));
    await writeFile(
      path.join(root, 'content/a.md'),
      scraped('Road closed').replace('Text.', 'More text.'),
    );
    expect((await load(root)).formerUrls).toEqual(new Map());
  });

  test('without a cache only a duplicate has one: the page it would have had', async () => {
    const root = await project({
      'a.md': scraped('Road closed'),
      'b.md': scraped('Bridge shut'),
      'c.md': scraped('[Broken', 'https://www.westshire.police.example/n/2/'),
    });
    const result = await loadReleases(root, 'content', options);
    expect(result.releases.map((r) => r.file)).toEqual(['content/a.md']);
    expect([...result.formerUrls.keys()]).toEqual(['content/b.md']);
    expect(result.formerUrls.get('content/b.md')).toMatch(/bridge-shut-[a-z2-7]{6}\/$/);
  });
});
