import { describe, expect, test } from 'vitest';
import type { CommandTiming, Round } from '../../../bench/commands.ts';
import type { PeerTiming } from '../../../bench/peers/peer-builds.ts';
import type { CommandRun } from '../../../bench/processes.ts';
import { formatRatio, formatUserTable } from '../../../bench/user-report.ts';

const run = (ms: number, ok = true): CommandRun => ({
  ok,
  ms,
  cpuMs: ms * 1.5,
  peaks: [
    { name: 'node', mb: 796 },
    { name: 'pagefind', mb: 412.4 },
  ],
  stdout: [],
  ...(ok ? {} : { failure: 'hugo exited 1: Error: template' }),
});

const gazette = (name: CommandTiming['name'], ms: number): CommandTiming => ({
  name,
  run: run(ms),
  pagesMs: ms / 2,
  rendered: 1,
  verdict: null,
});

const round = (scale: number, peers: readonly PeerTiming[]): Round => ({
  gazette: [gazette('cold', 36_700 * scale), gazette('edited', 17_800 * scale)],
  peers,
});

const context = { corpus: '10000 releases.', machine: '2 cores', date: '2026-12-02' };

describe('ratio formatting', () => {
  test('gives Gazette ÷ the peer with two decimals, one from 10×', () => {
    expect(formatRatio(36_700, 23_400)).toBe('1.57×');
    expect(formatRatio(17_800, 7_200)).toBe('2.47×');
    expect(formatRatio(500, 2_000)).toBe('0.25×');
    expect(formatRatio(36_700, 2_000)).toBe('18.4×');
  });

  test('gives a dash when either side has no time', () => {
    expect(formatRatio(null, 1_000)).toBe('—');
    expect(formatRatio(1_000, null)).toBe('—');
    expect(formatRatio(1_000, 0)).toBe('—');
  });
});

describe('the user-facing table', () => {
  const peers = (scale: number): PeerTiming[] => [
    { name: 'eleventy-pagefind', run: run(23_400 * scale), pages: 17_000 },
    { name: 'hugo-pagefind', run: run(17_600 * scale), pages: 17_000 },
    { name: 'hugo', run: run(7_200 * scale), pages: 17_000 },
  ];

  test('gives medians of the rounds and their ratios to each peer', () => {
    const text = formatUserTable([round(1, peers(1)), round(1.2, peers(1.2))], {
      ...context,
      hugo: 'hugo v0.111.3',
    });
    const rows = text.split('\n').filter((line) => line.startsWith('| '));
    expect(rows[0]).toBe(
      '| command | time | CPU | peak RSS by process | ÷ Eleventy 3 + markdown-it, then Pagefind | ÷ Hugo, then Pagefind | ÷ Hugo alone |',
    );
    // Medians of two rounds are their means: 36.7 and 44.04 s give 40.37 s.
    expect(rows[2]).toBe(
      '| Gazette `npm run build`, cold | 40.4 s (36.7 s–44.0 s) | 60.6 s | node 796 MB, pagefind 412 MB | 1.57× | 2.09× | 5.10× |',
    );
    expect(rows[3]).toContain('| 0.76× | 1.01× | 2.47× |');
    expect(rows.at(-1)).toBe(
      '| Hugo alone | 7.92 s (7.20 s–8.64 s) | 11.9 s | node 796 MB, pagefind 412 MB |  |  |  |',
    );
    expect(text.startsWith('10000 releases.\nMeasured on 2026-12-02: 2 cores.\n')).toBe(true);
  });

  test('skips only the Hugo rows and columns when Hugo is missing', () => {
    const text = formatUserTable([round(1, peers(1).slice(0, 1))], { ...context, hugo: null });
    expect(text).toContain('Hugo is not installed: its rows are skipped.');
    expect(text).not.toMatch(/\| Hugo/);
    expect(text).toContain('| ÷ Eleventy 3 + markdown-it, then Pagefind |');
    expect(text).toContain(
      '| Gazette `npm run build`, cold | 36.7 s | 55.0 s | node 796 MB, pagefind 412 MB | 1.57× |',
    );
  });

  test('has no ratio columns when no peer ran (--skip-peers)', () => {
    const text = formatUserTable([round(1, [])], { ...context, hugo: 'hugo v0.111.3' });
    const rows = text.split('\n').filter((line) => line.startsWith('| '));
    expect(rows[0]).toBe('| command | time | CPU | peak RSS by process |');
    expect(rows[2]).toBe(
      '| Gazette `npm run build`, cold | 36.7 s | 55.0 s | node 796 MB, pagefind 412 MB |',
    );
  });

  test('marks a peer that failed, without a time to divide by', () => {
    const failed: PeerTiming[] = [{ name: 'eleventy-pagefind', run: run(900, false), pages: 0 }];
    const text = formatUserTable([round(1, failed)], { ...context, hugo: null });
    expect(text).toContain(
      '| Gazette `npm run build`, cold | 36.7 s | 55.0 s | node 796 MB, pagefind 412 MB | — |',
    );
    expect(text).toContain('then Pagefind (failed: hugo exited 1: Error: template) | failed | — |');
  });
});
