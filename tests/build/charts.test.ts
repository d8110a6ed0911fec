import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, collectList, countedLinks, projectsRemovedAfterAll } from './site-output.ts';

/**
 * The pictures of the record, read from the built fixture site: each chart's
 * bars and table against the lists they count, and the links they lead to.
 */

interface Row {
  readonly label: string;
  readonly url: string | null;
  readonly count: number;
}

const project = projectsRemovedAfterAll();
let site: BuiltSite;

beforeAll(async () => {
  const root = await project();
  const result = await buildSite({ root, env: {}, cache: false });
  if (!result.ok) throw new Error('build failed');
  site = await BuiltSite.read(path.join(root, '_site'));
});

/** The chart's table of numbers, row by row. */
function tableRows($: CheerioAPI, id: string): Row[] {
  return $(`#${id} details tbody tr`)
    .toArray()
    .map((tr) => ({
      label: $(tr).find('th').text().trim(),
      url: $(tr).find('th a').attr('href') ?? null,
      count: Number($(tr).find('td').text()),
    }));
}

/** The chart's bars as drawn: what each says, and where its link goes. */
function bars($: CheerioAPI, id: string): Row[] {
  return $(`#${id} svg rect.chart-bar`)
    .toArray()
    .map((rect) => {
      const link = $(rect).parent('a');
      const title = (link.length > 0 ? link.children('title') : $(rect).children('title')).text();
      const match = /^(.*): (\d+) releases?$/.exec(title);
      return {
        label: match?.[1] ?? title,
        url: link.attr('href') ?? null,
        count: Number(match?.[2] ?? NaN),
      };
    });
}

function expectChart($: CheerioAPI, id: string): Row[] {
  const figure = $(`figure#${id}`);
  expect(figure.length).toBe(1);
  expect(figure.find('figcaption').text().trim().length).toBeGreaterThan(20);
  const rows = tableRows($, id);
  expect(rows.length).toBeGreaterThan(0);
  // The bars and the table say the same, bar for row.
  expect(bars($, id)).toEqual(rows);
  // The policy allows no inline style: charts are styled from the stylesheet alone.
  expect(figure.find('[style]').length).toBe(0);
  for (const row of rows) {
    if (row.url !== null) expect(site.has(row.url), row.url).toBe(true);
    if (row.url === null) expect(row.count).toBe(0);
  }
  return rows;
}

const listed = (url: string) => collectList(site, url).releases.length;

describe('the home page', () => {
  test('charts the archive year by year, each year as its year page lists it', () => {
    const $ = site.page('/');
    const rows = expectChart($, 'chart-years');
    expect(rows.map((r) => r.label)).toEqual(['2020', '2021', '2022', '2023']);
    for (const row of rows) expect(row.count).toBe(row.url === null ? 0 : listed(row.url));
    const years = countedLinks($).filter((link) => /^\d{4}$/.test(link.label));
    expect(rows.map(({ label, count }) => ({ label, count }))).toEqual(
      years.map(({ label, count }) => ({ label, count })).reverse(),
    );
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(listed('/all/'));
  });
});

describe('area pages', () => {
  test('chart the area month by month, from its first month to its latest, each bar its month page’s count', () => {
    const areas = site
      .page('/areas/')('tbody th a')
      .map((_, a) => site.page('/areas/')(a).attr('href') ?? '')
      .get();
    expect(areas.length).toBe(4);
    for (const area of areas) {
      const $ = site.page(area);
      const rows = expectChart($, 'chart-months');
      for (const row of rows) {
        if (row.url !== null) expect(row.url.startsWith(area)).toBe(true);
        expect(row.count, row.label).toBe(row.url === null ? 0 : listed(row.url));
      }
      expect(rows[0]?.count).toBeGreaterThan(0);
      expect(rows.at(-1)?.count).toBeGreaterThan(0);
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(listed(area));
    }
  });

  test('draw the chart on the list’s first page alone', () => {
    // Ashwick Vale's seven releases take its front page and page 1; so do 2022's.
    expect(site.page('/areas/ashwick-vale/')('figure.chart').length).toBe(1);
    expect(site.page('/areas/ashwick-vale/page/1/')('figure.chart').length).toBe(0);
    expect(site.page('/2022/page/1/')('figure.chart').length).toBe(0);
  });

  test('leave a month without releases as an empty slot with no link', () => {
    // Ashwick Vale has releases in March 2022 and none in April 2022.
    const rows = tableRows(site.page('/areas/ashwick-vale/'), 'chart-months');
    const april = rows.find((r) => r.label === 'April 2022');
    expect(april).toEqual({ label: 'April 2022', url: null, count: 0 });
  });
});

describe('year pages', () => {
  test('chart the year by area, each bar the area’s year page count', () => {
    for (const year of ['/2020/', '/2021/', '/2022/', '/2023/']) {
      const $ = site.page(year);
      const rows = expectChart($, 'chart-areas');
      for (const row of rows) expect(row.count).toBe(listed(row.url ?? ''));
      const aside = countedLinks($).filter((link) => link.url.startsWith('/areas/'));
      expect(rows).toEqual(aside);
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(listed(year));
    }
  });
});
