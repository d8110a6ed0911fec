import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { docFiles, repo } from '../../scripts/docs/references.ts';

/** Every relative link and #anchor in README.md and docs/*.md leads somewhere. */

const parse = (text: string): Root => remark().use(remarkGfm).parse(text);
const trees = new Map<string, Root>();
for (const file of await docFiles()) {
  trees.set(file, parse(await readFile(path.join(repo, file), 'utf8')));
}

/** A heading's anchor as GitHub makes it: lowercase, punctuation dropped, spaces as hyphens. */
function anchorOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, repeated ones numbered as GitHub numbers them. */
function anchorsOf(tree: Root): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  visit(tree, 'heading', (heading) => {
    const base = anchorOf(toString(heading));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  });
  return anchors;
}

/** Every link of the docs that stays in the repository, as `file → target`. */
function relativeLinks(): [string, string][] {
  const links: [string, string][] = [];
  for (const [file, tree] of trees) {
    visit(tree, ['link', 'definition'], (node) => {
      const url = (node as { url: string }).url;
      if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) links.push([file, url]);
    });
  }
  return links;
}

test('the docs link to one another', () => {
  expect(relativeLinks().length).toBeGreaterThan(50);
});

test.each(relativeLinks())('%s: %s resolves', async (file, url) => {
  const [target = '', anchor] = url.split('#');
  const resolved = target === '' ? file : path.posix.join(path.posix.dirname(file), target);
  expect(existsSync(path.join(repo, resolved)), `${resolved} does not exist`).toBe(true);
  if (anchor === undefined) return;
  const tree = trees.get(resolved) ?? parse(await readFile(path.join(repo, resolved), 'utf8'));
  expect([...anchorsOf(tree)], `${resolved} has no heading #${anchor}`).toContain(anchor);
});
