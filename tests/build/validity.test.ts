import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { structuredDataTest } from 'structured-data-testing-tool';
import { Facebook, Google, Twitter } from 'structured-data-testing-tool/presets';
import vnuJar from 'vnu-jar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, isReleaseUrl, makeProject } from './site-output.ts';

/**
 * The built fixture site as the checkers that publishers and search engines
 * use read it: html-validate, the W3C Nu Html Checker (vnu.jar, which needs
 * Java: skipped without it, except on CI, where it fails) and a structured-data
 * checker with Google's, Twitter's and Facebook's presets.
 */

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

// Java runs the Nu Html Checker; CI installs it (default-jre-headless in .ci/run).
const java = spawnSync('java', ['-version']).status === 0;

describe.runIf(java || process.env.CI === 'true')('the W3C Nu Html Checker', () => {
  test('finds no error on any generated HTML page', () => {
    const run = spawnSync(
      'java',
      [
        '-jar',
        String(vnuJar),
        '--errors-only',
        '--format',
        'json',
        '--skip-non-html',
        path.join(root, '_site'),
      ],
      { encoding: 'utf8' },
    );
    expect(run.error).toBeUndefined();
    // vnu prints its report on stderr, and exits 1 when it found errors.
    const report = JSON.parse(run.stderr) as {
      messages: { type: string; url: string; lastLine?: number; message: string }[];
    };
    const problems = report.messages.map(
      (m) =>
        `${path.relative(path.join(root, '_site'), new URL(m.url).pathname)}:${m.lastLine ?? '?'} ${m.type} ${m.message}`,
    );
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('structured data on release pages', () => {
  test('every release page passes the Google, Twitter and Facebook presets as a NewsArticle', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [file, bytes] of site.files) {
      if (!isReleaseUrl(`/${path.posix.dirname(file)}/`) || !file.endsWith('/index.html')) continue;
      checked++;
      const report = await structuredDataTest(bytes.toString('utf8'), {
        presets: [Google, Twitter, Facebook],
        schemas: ['NewsArticle'],
      }).catch((error: { res?: Awaited<ReturnType<typeof structuredDataTest>> }) => {
        if (error.res === undefined) throw error;
        return error.res;
      });
      for (const t of report.failed) failures.push(`${file}: ${t.test} ${t.error?.message ?? ''}`);
      // Google's recommended properties are tests of the preset, so a missing one fails above;
      // the only warnings allowed are the Twitter handles, which an archive may not have.
      for (const t of report.warnings)
        if (!/twitter:(site|creator)/.test(t.test)) failures.push(`${file}: warns ${t.test}`);
      expect(report.passed.length, file).toBeGreaterThan(20);
    }
    expect(checked).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
