import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PUBLISHED_WITH_PROBLEMS, runBuild, type BuildFlags } from '../../src/cli/build.ts';
import { loadReleaseFile } from '../../src/load/to-release.ts';
import { BuiltSite, hashTree, listedReleases, projectsRemovedAfterAll } from './site-output.ts';

/**
 * `gazette build --keep-going`: a release file with errors is left out and
 * the rest is published, with exit code 3; without the flag the build stops
 * and _site/ stays as it was.
 */

const newProject = projectsRemovedAfterAll();
const ENV = { GAZETTE_NOW: '12:00 01/06/2024' };

const GOOD = {
  file: 'content/westshire/road-closed.md',
  text: `---
area: Westshire
title: Road closed on the A6
url: https://www.westshire.police.example/news/road-closed/
publish:
  date: 09:30 14/03/2024
---

The A6 is closed at Holm Bridge after a crash.
`,
};
const BRIDGE = {
  file: 'content/westshire/bridge-repairs.md',
  text: `---
area: Westshire
title: Bridge repairs begin
url: https://www.westshire.police.example/news/bridge-repairs/
publish:
  date: 09:30 15/03/2024
---

Repairs to Holm Bridge begin on Monday.
`,
};
// The same file, now with a YAML error: a flow sequence that is never closed.
const BROKEN_BRIDGE = BRIDGE.text.replace('title: Bridge', 'title: [Bridge');
const BROKEN_REPORT =
  'content/westshire/bridge-repairs.md:4:1  error  The front matter is not valid YAML: missed comma between flow collection entries.  [yaml-syntax]';

async function put(root: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}

/** The page address a release file's text loads to. */
function urlOf(file: string, text: string): string {
  const result = loadReleaseFile(file, Buffer.from(text), { timeZone: 'Europe/London' });
  if (!result.ok) throw new Error(`${file} does not load`);
  return result.release.url;
}

/** Runs `gazette build` in the project, as the command line does, capturing what it prints. */
async function build(root: string, flags: BuildFlags = {}) {
  const streams = { out: '', err: '' };
  const code = await runBuild(root, flags, {
    out: (text) => void (streams.out += text),
    err: (text) => void (streams.err += text),
    env: ENV,
    cwd: root,
    isTTY: false,
    now: () => Date.now(),
  });
  return { code, ...streams, errLines: streams.err.split('\n') };
}

describe('a release file with a YAML error', () => {
  test('stops a plain build, which leaves _site/ as it was', async () => {
    const root = await newProject();
    await put(root, GOOD.file, GOOD.text);
    expect((await build(root)).code).toBe(0);
    const before = await hashTree(path.join(root, '_site'));
    await put(root, BRIDGE.file, BROKEN_BRIDGE);
    const run = await build(root);
    expect(run.code).toBe(1);
    expect(run.errLines).toContain(BROKEN_REPORT);
    expect(run.err).toMatch(
      /\n1 error, 0 warnings\nBuild stopped: fix the errors above\. The previous _site\/ is unchanged\.\n$/,
    );
    expect(run.out).toBe('');
    expect(await hashTree(path.join(root, '_site'))).toEqual(before);
  });

  test('is left out by --keep-going, which publishes the rest, says so and exits 3', async () => {
    const root = await newProject();
    await put(root, GOOD.file, GOOD.text);
    await put(root, BRIDGE.file, BROKEN_BRIDGE);
    const run = await build(root, { keepGoing: true });
    expect(PUBLISHED_WITH_PROBLEMS).toBe(3);
    expect(run.code).toBe(3);
    expect(run.errLines).toContain(BROKEN_REPORT);
    expect(run.err).toMatch(
      /\n1 error, 0 warnings\n(.*\n)*Published with problems: 1 file with errors left out: content\/westshire\/bridge-repairs\.md\. Fix the errors listed above, then build again\.\n$/,
    );
    expect(run.out).toMatch(/^Built 15 releases into _site\/ \(.*\n$/);
    const site = await BuiltSite.read(path.join(root, '_site'));
    const good = site.page(urlOf(GOOD.file, GOOD.text));
    expect(good('h1').text()).toBe('Road closed on the A6');
    expect(site.has(urlOf(BRIDGE.file, BRIDGE.text))).toBe(false);
    expect(listedReleases(site.page('/areas/westshire/'))).toEqual([urlOf(GOOD.file, GOOD.text)]);
  });

  test('takes its published page with it under --keep-going, and the summary names that page once', async () => {
    const root = await newProject();
    await put(root, GOOD.file, GOOD.text);
    await put(root, BRIDGE.file, BRIDGE.text);
    const bridgeUrl = urlOf(BRIDGE.file, BRIDGE.text);
    expect((await build(root)).code).toBe(0);
    await put(root, BRIDGE.file, BROKEN_BRIDGE);
    // A plain build first: it stops, and the page is still there for the next to account for.
    expect((await build(root)).code).toBe(1);
    const run = await build(root, { keepGoing: true });
    expect(run.code).toBe(3);
    expect(run.errLines.slice(-3)).toEqual([
      'Published with problems: 1 file with errors left out: content/westshire/bridge-repairs.md. Fix the errors listed above, then build again.',
      `1 page of the last build is gone, as its file now has errors: ${bridgeUrl} (content/westshire/bridge-repairs.md).`,
      '',
    ]);
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect(site.has(bridgeUrl)).toBe(false);
    expect(site.has(urlOf(GOOD.file, GOOD.text))).toBe(true);

    const again = await build(root, { keepGoing: true });
    expect(again.code).toBe(3);
    expect(again.err).not.toContain('of the last build');

    await put(root, BRIDGE.file, BRIDGE.text);
    const fixed = await build(root, { keepGoing: true });
    expect(fixed.code).toBe(0);
    expect(fixed.err).not.toContain('Published with problems');
    expect((await BuiltSite.read(path.join(root, '_site'))).has(bridgeUrl)).toBe(true);
  });
});

describe('--keep-going still stops', () => {
  test('on an error in areas.yaml, saying that it is not a release file', async () => {
    const root = await newProject();
    await writeFile(path.join(root, 'areas.yaml'), 'areas: [\n');
    const run = await build(root, { keepGoing: true });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /\nBuild stopped: fix the errors above; --keep-going leaves out release files with errors, not errors in areas\.yaml\. The previous _site\/ is unchanged\.\n$/,
    );
  });

  test('when no release file is free of errors, rather than publish an empty site', async () => {
    const root = await newProject();
    await rm(path.join(root, 'content'), { recursive: true });
    await put(root, BRIDGE.file, BROKEN_BRIDGE);
    const run = await build(root, { keepGoing: true });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /\nBuild stopped: every release file has errors, so --keep-going has nothing to publish\. Fix the errors above\. The previous _site\/ is unchanged\.\n$/,
    );
  });
});
