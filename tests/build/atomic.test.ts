import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { GazetteError } from '../../src/diagnostics/gazette-error.ts';
import {
  fixtureDir,
  hashTree,
  makeProject,
  readFsEvents,
  runGazette,
  writeFsTraceModule,
  type CliRun,
  type FsEvent,
} from './site-output.ts';

/**
 * A failing build must leave the previous `_site/` exactly as it was and no
 * staging (`_site.tmp-*`) or swapped-out (`_site.old-*`) folder behind.
 */

const PROJECT_FILES = ['.cache', '_site', 'content', 'site.json', 'templates'];

/**
 * A page per release whose layout throws in the last run of a build cut into
 * runs of PER_RUN pages (GAZETTE_PAGES_PER_RUN): the fixture's 14 releases make
 * runs of 4, 4, 4 and 2, so the earlier runs' pages are already in the staging
 * folder when the last one fails.
 */
const PER_RUN = '4';
const FAILING_TEMPLATE = `---
pagination:
  data: gazette.releases
  size: 1
  alias: release
permalink: "/failing{{ release.url }}"
layout: failing-layout.njk
---
<p>{{ release.headline }}</p>
`;
const FAILING_LAYOUT = `{% if gazette.releases.length < 4 %}{{ undefinedFunction() }}{% endif %}{{ content | safe }}
`;

const cleanup: string[] = [];
let firstOutput: string;

/** A project built once, successfully, with the hashes of what it wrote. */
async function builtProject(): Promise<{ root: string; before: Map<string, string> }> {
  const root = await makeProject();
  cleanup.push(root);
  if (firstOutput === undefined) {
    const result = await buildSite({ root, env: {} });
    if (!result.ok) throw new Error(`the fixture did not build: ${JSON.stringify(result)}`);
    firstOutput = result.output;
  } else {
    // Same content, same templates: a copy of the first output is what a build would write.
    await cp(firstOutput, path.join(root, '_site'), { recursive: true });
  }
  return { root, before: await hashTree(path.join(root, '_site')) };
}

/** The project folder's entries now and again a moment later, when any late write would show. */
async function listingNowAndLater(root: string): Promise<[string[], string[]]> {
  const now = (await readdir(root)).sort();
  await sleep(250);
  return [now, (await readdir(root)).sort()];
}

const relativeTo = (root: string, events: FsEvent[]) =>
  events.filter((e) => e.op === 'write').map((e) => path.relative(root, e.path));

beforeAll(async () => {
  // The one real successful build; every other project starts from a copy of its output.
  await builtProject();
});

afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a build that fails midway through writing pages', () => {
  let root: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    ({ root, before } = await builtProject());
    await writeFile(path.join(root, 'templates/failing.njk'), FAILING_TEMPLATE);
    await writeFile(path.join(root, 'templates/_includes/failing-layout.njk'), FAILING_LAYOUT);
  });

  describe('through buildSite', () => {
    let error: unknown;
    let listings: [string[], string[]];
    let after: Map<string, string>;

    beforeAll(async () => {
      // Eleventy prints its own account of the error; keep it out of the test report.
      const quiet = (['log', 'warn', 'error'] as const).map((level) =>
        vi.spyOn(console, level).mockImplementation(() => undefined),
      );
      try {
        await buildSite({ root, env: { GAZETTE_PAGES_PER_RUN: PER_RUN } });
      } catch (caught) {
        error = caught;
      } finally {
        for (const spy of quiet) spy.mockRestore();
      }
      listings = await listingNowAndLater(root);
      after = await hashTree(path.join(root, '_site'));
    });

    test('rejects with a template failure, naming the template that failed', () => {
      expect(error).toBeInstanceOf(GazetteError);
      expect(error).toMatchObject({ kind: 'template' });
      // Eleventy's own error is kept as the cause.
      expect(((error as Error).cause as Error).message).toMatch(
        / from "[^"]*\/templates\/failing\.njk"$/,
      );
    });

    test('leaves the previous output byte for byte as it was', () => {
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    });

    test('leaves no staging or old folder beside the output', () => {
      expect(listings).toEqual([PROJECT_FILES, PROJECT_FILES]);
    });
  });

  describe('through the command line', () => {
    let run: CliRun;
    let writes: string[];
    let listings: [string[], string[]];
    let after: Map<string, string>;

    beforeAll(async () => {
      const trace = await writeFsTraceModule();
      cleanup.push(path.dirname(trace));
      const log = path.join(path.dirname(trace), 'fs.jsonl');
      run = await runGazette(['build', '--root', root], {
        cwd: root,
        imports: [trace],
        env: { TRACE_FS_ROOT: root, TRACE_FS_LOG: log, GAZETTE_PAGES_PER_RUN: PER_RUN },
      });
      listings = await listingNowAndLater(root);
      writes = relativeTo(root, await readFsEvents(log));
      after = await hashTree(path.join(root, '_site'));
    });

    test("had written the earlier runs' pages into the staging folder when the build failed", () => {
      const staged = writes.filter((w) => /^_site\.tmp-\d+\/.+\.html$/.test(w));
      const staging = staged[0]?.split('/')[0] ?? '(none)';
      // Three runs of four releases made it to disk; the last run of two failed.
      expect(staged.filter((w) => w.includes('/failing/'))).toHaveLength(12);
      expect(staged).toContain(`${staging}/index.html`);
      expect(staged.length).toBeGreaterThan(20);
    });

    test('never writes into the live output folder', () => {
      expect(writes.filter((w) => w.startsWith('_site/'))).toEqual([]);
    });

    test('exits 1, as for any content the publisher must fix, and reports no success', () => {
      expect({ code: run.code, signal: run.signal }).toEqual({ code: 1, signal: null });
      expect(run.stdout).not.toMatch(/^Built /m);
    });

    test('says in words that the build failed, and names the template and the cause', () => {
      expect(run.stderr).toContain('The site could not be rendered; a template failed:\n');
      expect(run.stderr).toContain('Build stopped. The previous _site/ is unchanged.\n');
      // No stack trace, Eleventy's own ([11ty] lines) included.
      expect(run.stderr).not.toMatch(/^\S*\s+at .*:\d+:\d+\)?$/m);
      expect(run.stderr).not.toContain('[11ty]');
      expect(run.stderr).toContain('Fix the template named above and build again');
      expect(run.stderr).toContain('templates/_includes/failing-layout.njk');
      expect(run.stderr).toContain(
        'Unable to call `undefinedFunction`, which is undefined or falsey',
      );
    });

    test('leaves the previous output byte for byte as it was', () => {
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    });

    test('leaves no staging or old folder beside the output', () => {
      expect(listings).toEqual([PROJECT_FILES, PROJECT_FILES]);
    });
  });
});

describe('a build with a content error, from the command line', () => {
  let root: string;
  let before: Map<string, string>;
  let run: CliRun;
  let listings: [string[], string[]];
  let after: Map<string, string>;

  beforeAll(async () => {
    ({ root, before } = await builtProject());
    await cp(
      path.join(fixtureDir, 'broken/brindlecombe/impossible-date.md'),
      path.join(root, 'content/brindlecombe/impossible-date.md'),
    );
    run = await runGazette(['build', '--root', root], { cwd: root, env: {} });
    listings = await listingNowAndLater(root);
    after = await hashTree(path.join(root, '_site'));
  });

  test('exits 1 and writes nothing to stdout', () => {
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
  });

  test('prints the located report and says the previous output is unchanged', () => {
    expect(run.stderr).toBe(
      [
        // Progress, off a terminal: the one line before the build stopped.
        'Loading 15 files…',
        'content/brindlecombe/impossible-date.md:6:9  error  The date "10:00 31/02/2023" does not exist: month 2 of 2023 has 28 days.  [bad-date]',
        '    field: publish.date',
        '    hint: Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
        '',
        '1 error, 0 warnings',
        'Build stopped: fix the errors above. The previous _site/ is unchanged.',
        '',
      ].join('\n'),
    );
  });

  test('leaves the previous output byte for byte as it was', () => {
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
  });

  test('leaves no staging or old folder beside the output', () => {
    expect(listings).toEqual([PROJECT_FILES, PROJECT_FILES]);
  });
});

describe('a build beside a swapped-out folder that a killed build left behind', () => {
  let root: string;
  let before: Map<string, string>;
  let result: Awaited<ReturnType<typeof buildSite>> | Error;
  let listing: string[];
  let after: Map<string, string>;

  beforeAll(async () => {
    ({ root, before } = await builtProject());
    // What a build killed between its two renames leaves: the old output under
    // its swap name. In a container the next build often runs with the same pid.
    const stale = path.join(root, `_site.old-${process.pid}`);
    await mkdir(stale);
    await writeFile(path.join(stale, 'index.html'), 'stale\n');
    result = await buildSite({ root, env: {} }).catch((error: unknown) => error as Error);
    listing = (await readdir(root)).sort();
    after = await hashTree(path.join(root, '_site'));
  });

  test('succeeds', () => {
    expect(result).toMatchObject({ ok: true });
  });

  test('writes the same output as before and clears the leftover away', () => {
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    expect(listing).toEqual(PROJECT_FILES);
  });
});
