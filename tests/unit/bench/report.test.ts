import { describe, expect, test } from 'vitest';
import type { Measurement } from '../../../bench/measure.ts';
import { describePageCheck } from '../../../bench/release-pages.ts';
import { formatReport } from '../../../bench/report.ts';

const environment = {
  node: 'v20.20.2',
  cores: 2,
  cpu: 'Test CPU',
  memoryGb: 24,
  platform: 'linux x64',
  source: 'commit abc1234, clean',
};

const measured = (over: Partial<Measurement>): Measurement => ({
  ok: true,
  ms: 12_500,
  peakMb: 371,
  cpuMs: 8_110,
  pages: 2305,
  rendered: 2305,
  incremental: false,
  startupMs: 1_200,
  processCpuMs: 9_000,
  otherCores: 0.5,
  ...over,
});

const report = (gazette: Parameters<typeof formatReport>[0]['gazette']) =>
  formatReport({
    corpus: 'Realistic archive.',
    runs: 1,
    environment,
    load: { before: '1.00 1.00 1.00', after: '1.00 1.00 1.00' },
    bareStartupMs: 300,
    gazette,
    baseline: [],
    coverage: null,
  });

describe('the bench report', () => {
  test('shows a failed build as a row with its errors by rule, and the builds after it as not run', () => {
    const failure = {
      rules: { 'duplicate-page': 227, 'bad-url': 32 },
      first: 'content/004_c.txt:5:10  error  The field "og.image" holds "/x.jpg".  [bad-url]',
    };
    const text = report([
      [
        {
          name: 'cold',
          measurement: measured({ ok: false, pages: 0, rendered: 0, failure }),
          verdict: null,
          htmlFiles: null,
          pageCheck: null,
        },
      ],
    ]);
    const rows = text.split('\n').filter((line) => line.startsWith('| Gazette'));
    expect(rows).toEqual([
      '| Gazette (a) cold build | 12.5 s | — | 8.11 s | 371 MB | — | ≤ 0.50 | build failed with 259 errors (227 duplicate-page, 32 bad-url); first: content/004_c.txt:5:10  error  The field "og.image" holds "/x.jpg".  [bad-url] |',
      '| Gazette (b) rebuild, nothing changed | not run: a build before it failed | | | | | | |',
      '| Gazette (c) rebuild, one body edited | not run: a build before it failed | | | | | | |',
      '| Gazette (d) rebuild, one release added | not run: a build before it failed | | | | | | |',
    ]);
    expect(text).toContain(
      '\nRelease pages after the cold build: not checked: the cold build failed, so no release has a page.\n',
    );
  });

  test("gives the cold build's page check", () => {
    const pageCheck = {
      releases: 2000,
      pages: 2000,
      missing: [],
      doubled: [],
      unknown: [],
      shared: [],
    };
    const cold = {
      name: 'cold',
      measurement: measured({}),
      verdict: null,
      htmlFiles: [],
      pageCheck,
    } as const;
    expect(report([[cold]])).toContain(
      '\nRelease pages after the cold build: 2,000 of 2,000 releases have exactly one page; their 2,000 addresses are all different.\n',
    );
  });
});

describe('the release page check', () => {
  test('names what is wrong, with the first three examples of each', () => {
    const check = {
      releases: 2000,
      pages: 1768,
      missing: [
        'https://a.example/1/',
        'https://a.example/2/',
        'https://a.example/3/',
        'https://a.example/4/',
      ],
      doubled: [],
      unknown: ['2025/03/03/x/index.html'],
      shared: [],
    };
    expect(describePageCheck(check)).toBe(
      '1,996 of 2,000 releases have exactly one page. Releases without a page: 4 (https://a.example/1/, https://a.example/2/, https://a.example/3/, …); pages of no release: 1 (2025/03/03/x/index.html)',
    );
  });
});
