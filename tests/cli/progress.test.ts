import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import {
  formatProgressLine,
  isLiveTerminal,
  progressLogLine,
  startProgress,
} from '../../src/cli/progress.ts';
import { buildSite, type BuildProgress } from '../../src/build/build-site.ts';
import { makeProject, runGazette } from '../build/site-output.ts';

const at = (progress: Partial<BuildProgress>): BuildProgress => ({
  phase: 'load',
  files: null,
  total: 0,
  rendered: 0,
  ...progress,
});

describe('the live progress line', () => {
  test('says content is loading before the files are counted', () => {
    expect(formatProgressLine(null, 120)).toBe('Loading content… (0.1 s)');
    expect(formatProgressLine(at({}), 400)).toBe('Loading content… (0.4 s)');
  });

  test('counts the files while they load', () => {
    expect(formatProgressLine(at({ files: 10000 }), 2345)).toBe('Loading 10000 files… (2.3 s)');
    expect(formatProgressLine(at({ files: 1 }), 0)).toBe('Loading 1 file… (0.0 s)');
  });

  test('shows files loaded, pages written and the time while rendering', () => {
    const rendering = at({ phase: 'render', files: 10000, total: 19505, rendered: 4000 });
    expect(formatProgressLine(rendering, 14_200)).toBe(
      '10000 files loaded, 4000 of 19505 pages written (14.2 s)',
    );
    expect(formatProgressLine(at({ phase: 'plan', files: 3 }), 900)).toBe(
      '3 files loaded, planning pages… (0.9 s)',
    );
  });

  test('says when the search index is being built', () => {
    const done = at({ phase: 'write', files: 14, total: 64, rendered: 64 });
    expect(formatProgressLine(done, 1000, 80, true)).toBe(
      '14 files loaded, 64 of 64 pages written, indexing for search… (1.0 s)',
    );
  });

  test('fits a narrow terminal, so it never wraps onto a second line', () => {
    const rendering = at({ phase: 'render', files: 10000, total: 19505, rendered: 4000 });
    const line = formatProgressLine(rendering, 14_200, 30);
    expect(line).toBe('10000 files loaded, 4000 of …');
    expect(line.length).toBeLessThan(30);
  });

  test('redraws one line on a terminal and clears it before the summary', () => {
    let clock = 0;
    const written: string[] = [];
    const io = {
      isTTY: true,
      columns: 80,
      env: {},
      err: (text: string) => void written.push(text),
    };
    const display = startProgress(io, () => clock);
    display.onProgress(at({ files: 5 }));
    expect(written).toEqual([]); // nothing for a build that ends at once
    clock = 300;
    display.onProgress(at({ phase: 'render', files: 5, total: 9, rendered: 2 }));
    clock = 350; // within the redraw interval: not drawn
    display.onProgress(at({ phase: 'render', files: 5, total: 9, rendered: 4 }));
    clock = 500;
    display.onProgress(at({ phase: 'render', files: 5, total: 9, rendered: 9 }));
    display.stop();
    display.stop();
    expect(written).toEqual([
      '\r\x1b[2K5 files loaded, 2 of 9 pages written (0.3 s)',
      '\r\x1b[2K5 files loaded, 9 of 9 pages written (0.5 s)',
      '\r\x1b[2K',
    ]);
    expect(written.join('')).not.toContain('\n');
  });
});

describe('progress off a terminal', () => {
  test('is line-based when stderr is not a terminal or CI=true', () => {
    const err = () => undefined;
    expect(isLiveTerminal({ isTTY: true, env: {}, err })).toBe(true);
    expect(isLiveTerminal({ isTTY: true, env: { CI: 'true' }, err })).toBe(false);
    expect(isLiveTerminal({ isTTY: false, env: {}, err })).toBe(false);
  });

  test('logs one line when loading starts and one when rendering starts', () => {
    const events = [
      at({}),
      at({ files: 10000 }),
      at({ phase: 'plan', files: 10000 }),
      at({ phase: 'render', files: 10000, total: 19505 }),
      at({ phase: 'render', files: 10000, total: 19505, rendered: 4000 }),
      at({ phase: 'write', files: 10000, total: 19505, rendered: 19505 }),
    ];
    const lines = events.flatMap((event, i) => progressLogLine(event, events[i - 1] ?? null) ?? []);
    expect(lines).toEqual(['Loading 10000 files…', 'Rendering 19505 pages…']);
  });

  test('says nothing about rendering when a rebuild has no page to render', () => {
    const rendering = at({ phase: 'render', files: 14, total: 0 });
    expect(progressLogLine(rendering, at({ phase: 'plan', files: 14 }))).toBeNull();
  });
});

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('buildSite’s progress', () => {
  test('reports each phase, and every page once, with a render worker and on a rebuild', async () => {
    const root = await makeProject();
    roots.push(root);
    const events: BuildProgress[] = [];
    const options = { root, env: {}, pagesPerRun: 10, renderThreads: 2 };
    const result = await buildSite({ ...options, onProgress: (e) => events.push(e) });
    expect(result.ok && result.pages).toBe(65);
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['load', 'plan', 'render', 'write']);
    expect(events.find((e) => e.files !== null)?.files).toBe(14);
    expect(events.at(-1)).toEqual({ phase: 'write', files: 14, total: 65, rendered: 65 });
    // Counts only grow.
    events
      .slice(1)
      .forEach((e, i) => expect(e.rendered).toBeGreaterThanOrEqual(events[i]?.rendered ?? 0));

    const again: BuildProgress[] = [];
    const rebuilt = await buildSite({ ...options, onProgress: (e) => again.push(e) });
    expect(rebuilt.ok && rebuilt.incremental && rebuilt.rendered).toBe(0);
    expect(again.at(-1)).toEqual({ phase: 'write', files: 14, total: 0, rendered: 0 });
  });
});

describe('gazette build, not on a terminal', () => {
  test('prints a few plain lines of progress on stderr and the summary on stdout', async () => {
    const root = await makeProject();
    roots.push(root);
    const run = await runGazette(['build'], { cwd: root, env: { CI: 'true' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'Loading 14 files…\nRendering 65 pages…\nPages written; indexing for search…\n',
    );
    expect(run.stdout).toMatch(
      /^Built 14 releases into _site\/ \(65 pages\) in \d+\.\d\d s; search index of 14 pages in \d+\.\d\d s\n$/,
    );
    // Nothing to render and an index in place: no line about either.
    const again = await runGazette(['build'], { cwd: root, env: { CI: 'true' } });
    expect(again.stderr).toBe('Loading 14 files…\n');
    expect(again.stdout).toMatch(/\(updated 0 of 65 pages\) .*; search index unchanged\n$/);
  });
});
