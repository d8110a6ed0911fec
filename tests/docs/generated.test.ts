import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generatedReferences, repo } from '../../scripts/docs/references.ts';

/**
 * The references in docs/ are made from their sources of truth: the field
 * table from the front-matter schema, docs/cli.md from the command specs, the
 * rule tables from the rule table and the message catalogue. A committed file
 * that differs from what `npm run docs` would write is out of date.
 */

const references = await generatedReferences();

test('the field table, the CLI reference and the rule reference are generated', () => {
  expect([...references.keys()]).toEqual(['docs/cli.md', 'docs/editors.md', 'docs/rules.md']);
});

test.each([...references.keys()])('%s is what npm run docs writes', async (file) => {
  const committed = await readFile(path.join(repo, file), 'utf8');
  expect(committed, `${file} is out of date: run npm run docs`).toBe(references.get(file));
});
