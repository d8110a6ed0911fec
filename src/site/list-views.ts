import type { Archive, AreaIndex, YearIndex } from '../archive/archive.ts';
import { areaNames, countByArea } from '../archive/archive.ts';
import { groupBy } from '../archive/group.ts';
import { pageUrl, paginate, type Page } from '../archive/paginate.ts';
import { urls } from '../archive/urls.ts';
import { plural } from '../diagnostics/plural.ts';
import type { Release } from '../model/release.ts';
import { formatDayHeading, formatShortDate, monthName } from './dates.ts';
import type {
  Aside,
  ChartView,
  FeedLinks,
  ItemGroup,
  Link,
  ListItem,
  ListView,
  Pagination,
  RenderSite,
  Sideways,
} from './view-types.ts';
import { makeHead } from './head.ts';
import { areaMonthsChart, yearAreasChart } from './charts.ts';
import { areaFeedLinks } from './feeds.ts';
import { registryArea } from './registry-areas.ts';
import type { Area } from '../model/area-registry.ts';

type Grouping = 'none' | 'month' | 'day';

/** What one list shows before it is cut into pages. */
export interface ListSpec {
  readonly kind: ListView['kind'];
  readonly base: string;
  readonly heading: string;
  readonly intro: string;
  readonly releases: readonly Release[];
  readonly grouping: Grouping;
  readonly asides: readonly AsideSpec[];
  readonly breadcrumbs: readonly Link[];
  /** The area's feed, on an area's lists. */
  readonly feed?: FeedLinks;
  /** The area's description from areas.yaml, shown under the heading of its main list. */
  readonly description?: string;
  /** The area's share picture from areas.yaml, on all of its lists. */
  readonly image?: Area['image'];
  /** The area, year and month the list is of, which decide what can change it. */
  readonly scope: ListScope;
  /** On a year's or month's list: the year or month before and after it that has releases. */
  readonly sideways?: Sideways;
  /** The picture of the list's record: an area's months, a year's areas. */
  readonly chart?: ChartView;
}

/** What a list is of: an area, a year or a month, or an area within a year or a month. */
export interface ListScope {
  /** Area slug. */
  readonly area?: string;
  readonly year?: string;
  readonly month?: string;
}

/**
 * A side list as planned: links shared by every list that shows them, and
 * which one is the current page, marked only when a page's view is built.
 */
export interface AsideSpec {
  readonly heading: string;
  readonly links: readonly Link[];
  /** URL of the link to mark as the current page. */
  readonly current?: string;
}

/**
 * A release as a list line. Under a day's heading the line gives the time of
 * day, not the date the heading already says.
 */
export function toListItem(release: Release, under: Grouping = 'none'): ListItem {
  return {
    headline: release.headline,
    url: release.url,
    area: release.area,
    areaUrl: urls.area(release.areaSlug),
    datetime: release.local.iso,
    dateText: under === 'day' ? release.local.time : formatShortDate(release.local),
    summary: release.description,
  };
}

/** One page of one list, not yet turned into a view: a few references, cheap to hold. */
export interface ListPageRef {
  readonly spec: ListSpec;
  readonly page: Page<Release>;
}

/**
 * Lists every list page the archive has, without building their views, so a
 * large build can render them a slice at a time.
 */
export function planListPages(archive: Archive, site: RenderSite): ListPageRef[] {
  const names = areaNames(archive);
  // A year's list and each of its area-year lists link to the areas of that
  // year: count them once per year, and share the links.
  const areasByYear = new Map(
    archive.years.map((y) => [
      y.year,
      countByArea(y.releases, names).map((a) => ({
        label: a.name,
        url: urls.areaYear(a.slug, y.year),
        count: a.count,
      })),
    ]),
  );
  const specs: ListSpec[] = [allSpec(archive)];
  const months = archive.years.flatMap((y) =>
    y.months.map((m) => ({
      label: `${monthName(m.key)} ${y.year}`,
      url: urls.month(y.year, m.key),
    })),
  );
  archive.years.forEach((year, i) => {
    const beside = (j: number): Link | null => {
      const other = archive.years[j];
      return other === undefined ? null : { label: other.year, url: urls.year(other.year) };
    };
    const sideways = { noun: 'year', previous: beside(i + 1), next: beside(i - 1) } as const;
    specs.push(...yearSpecs(year, areasByYear.get(year.year) ?? [], names, sideways, months));
  });
  for (const area of archive.areas) {
    specs.push(...areaSpecs(area, areasByYear, registryArea(site, area.slug)));
  }
  return specs.flatMap((spec) =>
    paginate(spec.releases, site.pageSize, spec.base).map((page) => ({ spec, page })),
  );
}

/** Builds the view of one planned list page. */
export function renderListPage(ref: ListPageRef, site: RenderSite): ListView {
  return toView(ref.spec, ref.page, site);
}

const HOME: Link = { label: 'Home', url: urls.home() };
const AREAS: Link = { label: 'Areas', url: urls.areas() };

/** Every release, newest first, by month: where the home page's "All releases" leads. */
function allSpec(archive: Archive): ListSpec {
  return {
    kind: 'all',
    base: urls.all(),
    heading: 'All releases',
    intro: `${plural(archive.releases.length, 'release')}, newest first.`,
    releases: archive.releases,
    grouping: 'month',
    asides: [
      {
        heading: 'Years',
        links: archive.years.map((y) => ({
          label: y.year,
          url: urls.year(y.year),
          count: y.releases.length,
        })),
      },
    ],
    breadcrumbs: [HOME, { label: 'All releases', url: urls.all() }],
    scope: {},
  };
}

function yearSpecs(
  year: YearIndex,
  areaLinks: readonly Link[],
  names: ReadonlyMap<string, string>,
  sideways: Sideways,
  allMonths: readonly Link[],
): ListSpec[] {
  const monthLinks = year.months.map((m) => ({
    label: monthName(m.key),
    url: urls.month(year.year, m.key),
    count: m.items.length,
  }));
  const yearSpec: ListSpec = {
    kind: 'year',
    base: urls.year(year.year),
    heading: year.year,
    intro: `${plural(year.releases.length, 'release')} published in ${year.year}.`,
    releases: year.releases,
    grouping: 'month',
    asides: [
      { heading: 'Months', links: monthLinks },
      { heading: `Areas in ${year.year}`, links: areaLinks },
    ],
    breadcrumbs: [HOME, { label: year.year, url: urls.year(year.year) }],
    scope: { year: year.year },
    sideways,
    chart: yearAreasChart(year, names),
  };
  const monthSpecs = year.months.map((month): ListSpec => {
    const label = `${monthName(month.key)} ${year.year}`;
    // Months run newest first across the years: the one after is older.
    const at = allMonths.findIndex((m) => m.url === urls.month(year.year, month.key));
    return {
      sideways: {
        noun: 'month',
        previous: allMonths[at + 1] ?? null,
        next: at > 0 ? (allMonths[at - 1] ?? null) : null,
      },
      kind: 'month',
      base: urls.month(year.year, month.key),
      heading: label,
      intro: `${plural(month.items.length, 'release')} published in ${label}.`,
      releases: month.items,
      grouping: 'day',
      asides: [
        {
          heading: `Months of ${year.year}`,
          links: monthLinks,
          current: urls.month(year.year, month.key),
        },
        {
          heading: `Areas in ${label}`,
          links: countByArea(month.items, names).map((a) => ({
            label: a.name,
            url: urls.areaMonth(a.slug, year.year, month.key),
            count: a.count,
          })),
        },
      ],
      breadcrumbs: [
        HOME,
        { label: year.year, url: urls.year(year.year) },
        { label: monthName(month.key), url: urls.month(year.year, month.key) },
      ],
      scope: { year: year.year, month: month.key },
    };
  });
  return [yearSpec, ...monthSpecs];
}

function areaSpecs(
  area: AreaIndex,
  areasByYear: ReadonlyMap<string, readonly Link[]>,
  known: Area | undefined,
): ListSpec[] {
  // Every list of the area shares its picture; its main list also shows its description.
  const image = known?.image === undefined ? {} : { image: known.image };
  const yearLinks = area.years.map((y) => ({
    label: y.key,
    url: urls.areaYear(area.slug, y.key),
    count: y.items.length,
  }));
  const areaLink = { label: area.name, url: urls.area(area.slug) };
  const feed = areaFeedLinks(area.slug, area.name);
  const chart = areaMonthsChart(area);
  const specs: ListSpec[] = [
    {
      kind: 'area',
      base: urls.area(area.slug),
      heading: area.name,
      intro: `${plural(area.releases.length, 'release')} from ${area.name}, newest first.`,
      releases: area.releases,
      grouping: 'none',
      asides: [{ heading: 'Years', links: yearLinks }],
      breadcrumbs: [HOME, AREAS, areaLink],
      scope: { area: area.slug },
      feed,
      ...(chart !== null && { chart }),
      ...(known?.description !== undefined && { description: known.description }),
      ...image,
    },
  ];
  for (const year of area.years) {
    const yearLink = { label: year.key, url: urls.areaYear(area.slug, year.key) };
    const months = groupBy(year.items, (r) => r.local.month);
    const monthLinks = months.map((m) => ({
      label: monthName(m.key),
      url: urls.areaMonth(area.slug, year.key, m.key),
      count: m.items.length,
    }));
    specs.push({
      kind: 'area-year',
      base: yearLink.url,
      heading: `${area.name}, ${year.key}`,
      intro: `${plural(year.items.length, 'release')} from ${area.name} in ${year.key}.`,
      releases: year.items,
      grouping: 'month',
      asides: [
        { heading: 'Months', links: monthLinks },
        // Only when there are other years: a list of the one year would be no way on.
        ...(yearLinks.length > 1
          ? [{ heading: `${area.name} in other years`, links: yearLinks, current: yearLink.url }]
          : []),
        {
          heading: `Areas in ${year.key}`,
          links: areasByYear.get(year.key) ?? [],
          current: yearLink.url,
        },
      ],
      breadcrumbs: [HOME, AREAS, areaLink, yearLink],
      scope: { area: area.slug, year: year.key },
      feed,
      ...image,
    });
    for (const month of months) {
      const url = urls.areaMonth(area.slug, year.key, month.key);
      const label = `${monthName(month.key)} ${year.key}`;
      specs.push({
        kind: 'area-month',
        base: url,
        heading: `${area.name}, ${label}`,
        intro: `${plural(month.items.length, 'release')} from ${area.name} in ${label}.`,
        releases: month.items,
        grouping: 'day',
        asides: [
          { heading: `${area.name} in ${year.key}`, links: monthLinks, current: url },
          {
            heading: 'Elsewhere',
            links: [{ label: `All areas, ${label}`, url: urls.month(year.key, month.key) }],
          },
        ],
        breadcrumbs: [HOME, AREAS, areaLink, yearLink, { label: monthName(month.key), url }],
        scope: { area: area.slug, year: year.key, month: month.key },
        feed,
        ...image,
      });
    }
  }
  return specs;
}

/**
 * The view of one list page. The front page carries the list's summary: its
 * count, description, chart and side lists. A numbered page carries its own
 * releases and the way on, and nothing that counts the list, so that it
 * stays the same as releases are added after it (see `paginate`).
 */
function toView(spec: ListSpec, page: Page<Release>, site: RenderSite): ListView {
  const front = page.number === 0;
  const intro = front ? spec.intro : numberedIntro(page);
  return {
    ...makeHead(site, {
      kind: 'website',
      path: page.url,
      title: front ? spec.heading : `${spec.heading} (page ${page.number})`,
      description: intro,
      image: spec.image,
      breadcrumbs: spec.breadcrumbs,
    }),
    kind: spec.kind,
    showArea: !spec.kind.startsWith('area'),
    heading: spec.heading,
    intro,
    description: front ? (spec.description ?? null) : null,
    groups: groupItems(page.items, spec.grouping),
    pagination: toPagination(page, spec.base),
    asides: front ? spec.asides.map(toAside) : [],
    feed: spec.feed ?? null,
    sideways: spec.sideways ?? null,
    chart: front ? (spec.chart ?? null) : null,
  };
}

/** What a numbered page says of itself: which of the list's releases it holds, counted from the oldest. */
export function numberedIntro(page: Page<unknown>): string {
  const size = page.items.length;
  const first = (page.number - 1) * size + 1;
  const last = page.number * size;
  return `Releases ${first.toLocaleString('en-GB')} to ${last.toLocaleString('en-GB')}, counted from the oldest.`;
}

function groupItems(releases: readonly Release[], grouping: Grouping): ItemGroup[] {
  if (grouping === 'none')
    return [{ heading: null, id: null, items: releases.map((r) => toListItem(r)) }];
  // By year too: the list of all releases runs across years.
  const key =
    grouping === 'month'
      ? (r: Release) => `${r.local.year}-${r.local.month}`
      : (r: Release) => r.local.day;
  return groupBy(releases, key).map(({ key: k, items }) => {
    const first = items[0]?.local;
    const heading =
      first === undefined
        ? k
        : grouping === 'month'
          ? `${monthName(first.month)} ${first.year}`
          : formatDayHeading(first);
    return { heading, id: `${grouping}-${k}`, items: items.map((r) => toListItem(r, grouping)) };
  });
}

/**
 * The page links, newest first: the front page ("Latest"), then a window of
 * numbered pages around the current one, and the oldest. A numbered page
 * links to no page newer than two after it, so the next numbered page to
 * appear changes only the two before it.
 */
export function toPagination(page: Page<unknown>, base: string): Pagination {
  const { number, newest } = page;
  const around =
    number === 0 ? [newest, newest - 1, newest - 2] : [2, 1, 0, -1, -2].map((d) => number + d);
  const shown = [...new Set([...around, 1])]
    .filter((n) => n >= 1 && n <= newest)
    .sort((a, b) => b - a);
  const link = (n: number): Link => ({
    label: n === 0 ? 'Latest' : String(n),
    url: pageUrl(base, n),
    current: n === number,
  });
  return {
    number,
    previousUrl: page.previousUrl,
    nextUrl: page.nextUrl,
    pages: newest === 0 ? [] : [0, ...shown].map(link),
  };
}

function toAside({ heading, links, current }: AsideSpec): Aside {
  return { heading, links: current === undefined ? links : markCurrent(links, current) };
}

function markCurrent(links: readonly Link[], url: string): Link[] {
  return links.map((link) => ({ ...link, current: link.url === url }));
}
