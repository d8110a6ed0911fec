import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, makeProject } from './site-output.ts';

let root: string;
let site: BuiltSite;

beforeAll(async () => {
  root = await makeProject();
  // Under a path prefix, so prefixed links are validated too.
  const result = await buildSite({ root, env: { GAZETTE_PATH_PREFIX: '/news/' } });
  expect(result.ok).toBe(true);
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('every generated HTML page passes html-validate with the repository configuration', async () => {
  // .htmlvalidate.json at the repository root: the recommended rules, less long-title
  // (docs/internals.md, Testing, says why).
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const configFile = path.join(import.meta.dirname, '../../.htmlvalidate.json');
  const problems: string[] = [];
  let pages = 0;
  for (const [file, bytes] of site.files) {
    if (!file.endsWith('.html')) continue;
    pages++;
    const report = await validator.validateString(bytes.toString('utf8'), configFile);
    for (const result of report.results) {
      for (const m of result.messages) {
        problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
  }
  expect(pages).toBeGreaterThan(40);
  expect(problems).toEqual([]);
});
