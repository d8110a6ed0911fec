import { describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import type { Release } from '../../../src/model/release.ts';
import { niceMax } from '../../../src/site/chart-layout.ts';
import { archiveYearsChart, areaMonthsChart, yearAreasChart } from '../../../src/site/charts.ts';
import { makeRelease, newestFirst } from '../archive/make-release.ts';

function archiveOf(releases: readonly Release[]) {
  return buildArchive(newestFirst(releases));
}

const counts = (chart: { bars: readonly { label: string; count: number; url: string | null }[] }) =>
  chart.bars.map(({ label, count, url }) => [label, count, url]);

describe('areaMonthsChart', () => {
  test('runs from the first month to the latest across a new year, empty months unlinked', () => {
    const archive = archiveOf([
      makeRelease({ at: '2021-11-03 10:00' }),
      makeRelease({ at: '2021-11-20 10:00' }),
      makeRelease({ at: '2022-02-01 09:00' }),
    ]);
    const [area] = archive.areas;
    const chart = area === undefined ? null : areaMonthsChart(area);
    expect(chart && counts(chart)).toEqual([
      ['November 2021', 2, '/areas/ashwick-vale/2021/11/'],
      ['December 2021', 0, null],
      ['January 2022', 0, null],
      ['February 2022', 1, '/areas/ashwick-vale/2022/02/'],
    ]);
    expect(chart?.summary).toBe(
      '3 releases from Ashwick Vale over 4 months, November 2021 to February 2022; the most in one month was 2, in November 2021.',
    );
  });

  test('draws a bar as tall as its share of the scale, from the baseline', () => {
    const archive = archiveOf([
      makeRelease({ at: '2021-01-03 10:00' }),
      makeRelease({ at: '2021-01-04 10:00' }),
      makeRelease({ at: '2021-02-04 10:00' }),
    ]);
    const [area] = archive.areas;
    const chart = area === undefined ? null : areaMonthsChart(area);
    const [january, february] = chart?.bars ?? [];
    expect(chart?.scale.map((s) => s.value)).toEqual(['0', '1', '2']);
    expect(february?.height).toBe((january?.height ?? 0) / 2);
    expect((january?.y ?? 0) + (january?.height ?? 0)).toBe(
      (february?.y ?? 0) + (february?.height ?? 0),
    );
  });
});

describe('a long column chart', () => {
  test('labels years no closer than its least gap, leaving the rest to the table', () => {
    const archive = archiveOf([
      makeRelease({ at: '2000-01-03 10:00' }),
      makeRelease({ at: '2025-12-04 10:00' }),
    ]);
    const [area] = archive.areas;
    const chart = area === undefined ? null : areaMonthsChart(area);
    const ticks = (chart?.bars ?? []).filter((bar) => bar.tick !== '');
    expect(chart?.bars.length).toBe(312);
    expect(ticks[0]?.tick).toBe('2000');
    expect(ticks.length).toBeGreaterThan(5);
    expect(ticks.length).toBeLessThan(26);
    for (const tick of ticks) expect(tick.tick).toMatch(/^\d{4}$/);
    ticks.slice(1).forEach((tick, i) => {
      expect(tick.labelX - (ticks[i]?.labelX ?? 0)).toBeGreaterThanOrEqual(47);
    });
  });
});

describe('yearAreasChart', () => {
  test('has one row per area of the year, in area order, each linked to the area’s year', () => {
    const archive = archiveOf([
      makeRelease({ area: 'Brindlecombe', at: '2022-03-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-04-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-05-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2021-05-01 10:00' }),
    ]);
    const [year] = archive.years;
    const chart = year === undefined ? null : yearAreasChart(year, new Map());
    expect(chart && counts(chart)).toEqual([
      ['Ashwick Vale', 2, '/areas/ashwick-vale/2022/'],
      ['Brindlecombe', 1, '/areas/brindlecombe/2022/'],
    ]);
    expect(chart?.summary).toBe(
      '3 releases from 2 areas in 2022; the most were from Ashwick Vale, 2.',
    );
  });
});

describe('archiveYearsChart', () => {
  test('counts every year from the first to the latest, a year with none unlinked', () => {
    const archive = archiveOf([
      makeRelease({ at: '2019-03-01 10:00' }),
      makeRelease({ at: '2021-03-01 10:00' }),
      makeRelease({ at: '2021-04-01 10:00' }),
    ]);
    const chart = archiveYearsChart(archive);
    expect(chart && counts(chart)).toEqual([
      ['2019', 1, '/2019/'],
      ['2020', 0, null],
      ['2021', 2, '/2021/'],
    ]);
  });

  test('is null for an empty archive', () => {
    expect(archiveYearsChart(archiveOf([]))).toBeNull();
  });
});

describe('niceMax', () => {
  test('tops the scale with a number whose half is whole', () => {
    const top = (count: number) => niceMax([{ label: '', tick: '', count, url: null }]);
    expect([0, 1, 3, 5, 7, 9, 10, 11, 23, 47, 51, 99, 130].map(top)).toEqual([
      2, 2, 4, 6, 8, 10, 10, 20, 40, 50, 60, 100, 200,
    ]);
  });
});
