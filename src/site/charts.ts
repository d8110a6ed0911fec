import type { Archive, AreaIndex, YearIndex } from '../archive/archive.ts';
import { countByArea } from '../archive/archive.ts';
import { urls } from '../archive/urls.ts';
import { plural } from '../diagnostics/plural.ts';
import type { Release } from '../model/release.ts';
import { columnChart, rowChart, type ChartDatum } from './chart-layout.ts';
import { monthName } from './dates.ts';
import type { ChartView } from './view-types.ts';

/**
 * The pictures of the record: an area's releases month by month, a year's by
 * area, and the archive's year by year. Each bar leads to the list page of
 * what it counts, and months or years with no releases show as empty slots.
 */

/** An area's releases month by month, from its first month to its latest. */
export function areaMonthsChart(area: AreaIndex): ChartView | null {
  const counts = new Map<string, number>();
  for (const release of area.releases)
    counts.set(monthKey(release), (counts.get(monthKey(release)) ?? 0) + 1);
  const months = monthsBetween(area.releases.at(-1), area.releases[0]);
  if (months.length === 0) return null;
  const few = months.length <= 12;
  const data = months.map(({ year, month }, i): ChartDatum => {
    const count = counts.get(`${year}-${month}`) ?? 0;
    return {
      label: `${monthName(month)} ${year}`,
      // Every month when there are few; else each January, and the first month.
      tick: few ? monthName(month).slice(0, 3) : month === '01' || i === 0 ? year : '',
      count,
      url: count > 0 ? urls.areaMonth(area.slug, year, month) : null,
    };
  });
  const busiest = mostOf(data);
  return columnChart(
    {
      id: 'chart-months',
      title: `${area.name}, month by month`,
      noun: 'Month',
      summary:
        `${plural(area.releases.length, 'release')} from ${area.name} over ${plural(months.length, 'month')}, ` +
        `${data[0]?.label ?? ''} to ${data.at(-1)?.label ?? ''}; the most in one month was ${busiest.count}, in ${busiest.label}.`,
    },
    data,
  );
}

/** A year's releases by area, in area order. */
export function yearAreasChart(year: YearIndex, names: ReadonlyMap<string, string>): ChartView {
  const data = countByArea(year.releases, names).map((area): ChartDatum => ({
    label: area.name,
    tick: area.name,
    count: area.count,
    url: urls.areaYear(area.slug, year.year),
  }));
  const busiest = mostOf(data);
  return rowChart(
    {
      id: 'chart-areas',
      title: `${year.year} by area`,
      noun: 'Area',
      summary:
        `${plural(year.releases.length, 'release')} from ${plural(data.length, 'area')} in ${year.year}; ` +
        `the most were from ${busiest.label}, ${busiest.count}.`,
    },
    data,
  );
}

/** The archive's releases year by year, from its first year to its latest. */
export function archiveYearsChart(archive: Archive): ChartView | null {
  const known = new Map(archive.years.map((y) => [y.year, y.releases.length]));
  const first = Number(archive.years.at(-1)?.year);
  const last = Number(archive.years[0]?.year);
  if (!Number.isInteger(first) || !Number.isInteger(last)) return null;
  const data: ChartDatum[] = [];
  for (let year = first; year <= last; year++) {
    const key = String(year).padStart(4, '0');
    const count = known.get(key) ?? 0;
    data.push({ label: key, tick: key, count, url: count > 0 ? urls.year(key) : null });
  }
  const busiest = mostOf(data);
  return columnChart(
    {
      id: 'chart-years',
      title: 'The archive, year by year',
      noun: 'Year',
      summary:
        `${plural(archive.releases.length, 'release')} over ${plural(data.length, 'year')}, ` +
        `${first} to ${last}; the most in one year was ${busiest.count}, in ${busiest.label}.`,
    },
    data,
  );
}

function monthKey(release: Release): string {
  return `${release.local.year}-${release.local.month}`;
}

/** Every calendar month from `oldest`'s to `newest`'s, oldest first. */
function monthsBetween(
  oldest: Release | undefined,
  newest: Release | undefined,
): { year: string; month: string }[] {
  if (oldest === undefined || newest === undefined) return [];
  const index = (r: Release) => Number(r.local.year) * 12 + Number(r.local.month) - 1;
  const months = [];
  for (let i = index(oldest); i <= index(newest); i++) {
    months.push({
      year: String(Math.floor(i / 12)).padStart(4, '0'),
      month: String((i % 12) + 1).padStart(2, '0'),
    });
  }
  return months;
}

/** The first of the bars with the highest count. */
function mostOf(data: readonly ChartDatum[]): ChartDatum {
  let best = data[0] ?? { label: '', tick: '', count: 0, url: null };
  for (const datum of data) if (datum.count > best.count) best = datum;
  return best;
}
