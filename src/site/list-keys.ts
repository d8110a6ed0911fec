import { hash } from 'node:crypto';
import type { Release } from '../model/release.ts';
import { toPagination, type ListPageRef, type ListScope, type ListSpec } from './list-views.ts';
import type { Link } from './view-types.ts';

/**
 * Change keys of list pages, and which lists a change can reach: a rebuild
 * renders a list page only when its key differs from the last build's, and
 * works keys out again only for lists that a change could have altered.
 */

/** The areas and years some changed, added or removed release was in, before or after. */
export interface Touched {
  readonly areas: ReadonlySet<string>;
  readonly years: ReadonlySet<string>;
  /** `<area slug> <year>`. */
  readonly areaYears: ReadonlySet<string>;
  /** Years whose date pages link to a year whose months changed, as their previous or next. */
  readonly nearYears: ReadonlySet<string>;
}

/**
 * Whether a list's pages can differ after releases in `touched` changed, as
 * long as every area keeps its display name. A list shows its own releases,
 * and side lists that count releases:
 * - the list of all releases shows every release;
 * - a year's and its months' lists link to the previous and next year or month;
 * - a year's and its months' lists count the year's areas and months;
 * - an area's list counts its years;
 * - an area's year list counts the area's years and months, and the year's areas;
 * - an area's month list counts the months of the area's year.
 * Everything else on a list (names, links, pictures) comes from the settings,
 * which decide the render fingerprint, or from area names, which the caller compares.
 */
export function listMayHaveChanged({ area, year, month }: ListScope, touched: Touched): boolean {
  if (area === undefined) {
    // The list of all releases shows every release.
    if (year === undefined) return touched.years.size > 0;
    return touched.years.has(year) || touched.nearYears.has(year);
  }
  if (year === undefined) return touched.areas.has(area);
  if (month === undefined) return touched.areas.has(area) || touched.years.has(year);
  return touched.areaYears.has(`${area} ${year}`);
}

/**
 * Years beside a year whose months changed (one appeared or went), in the
 * archive as it was and as it is: their year and month pages link to it, or
 * past it, as the previous or next. `before` and `after` hold `YYYY-MM`.
 */
export function yearsBeside(before: ReadonlySet<string>, after: ReadonlySet<string>): Set<string> {
  const changed = new Set<string>();
  for (const month of before) if (!after.has(month)) changed.add(month.slice(0, 4));
  for (const month of after) if (!before.has(month)) changed.add(month.slice(0, 4));
  const beside = new Set<string>();
  if (changed.size === 0) return beside;
  for (const months of [before, after]) {
    const years = [...new Set([...months].map((m) => m.slice(0, 4)))].sort();
    years.forEach((year, i) => {
      if (!changed.has(year)) return;
      for (const near of [years[i - 1], years[i + 1]]) if (near !== undefined) beside.add(near);
    });
  }
  return beside;
}

/**
 * A key that changes whenever the view of a planned list page would: the
 * list's own text, and on its front page its side lists too, the page's
 * links to the others, and what each of its releases shows as a list line.
 * A numbered page shows nothing that counts the list, so its key stays as
 * long as its own releases do. A release's body is not on any list, so
 * editing it leaves every list page as it was.
 */
export function listPageKey(ref: ListPageRef): string {
  const { spec, page } = ref;
  let lines = '';
  for (const release of page.items) lines += listLineText(release);
  const frame = page.number === 0 ? specFrame(spec) : numberedFrame(spec);
  const way = JSON.stringify(toPagination(page, spec.base));
  // One-shot hashing: a Hash object per page cost more than the bytes it read.
  return hash('sha1', `${frame} ${way}\n${lines}`, 'base64');
}

const lineTexts = new WeakMap<Release, string>();

/**
 * Everything `toListItem` and the day and month headings take from a release,
 * as text: its local ISO time stands for every date field shown.
 */
function listLineText(release: Release): string {
  let text = lineTexts.get(release);
  if (text === undefined) {
    const { url, headline, area, areaSlug, local, description } = release;
    text = `${JSON.stringify([url, headline, area, areaSlug, local.iso, description])}\n`;
    lineTexts.set(release, text);
  }
  return text;
}

// Every page of a list shares its frame (headings, side lists), written out
// once per list. Side lists are shared by many lists: each is written once.
const frames = new WeakMap<ListSpec, string>();
const numberedFrames = new WeakMap<ListSpec, string>();
const linkLists = new WeakMap<readonly Link[], string>();

function specFrame(spec: ListSpec): string {
  let frame = frames.get(spec);
  if (frame === undefined) {
    const { kind, base, heading, intro, grouping, breadcrumbs, feed, description, image } = spec;
    frame = JSON.stringify([
      spec.sideways ?? null,
      spec.chart ?? null,
      kind,
      base,
      heading,
      intro,
      grouping,
      breadcrumbs,
      feed,
      description,
      image,
    ]);
    for (const aside of spec.asides) {
      frame += `${JSON.stringify([aside.heading, aside.current ?? null])}${linkListText(aside.links)}`;
    }
    frames.set(spec, frame);
  }
  return frame;
}

/** What of a list its numbered pages show besides their releases and links: see `toView`. */
function numberedFrame(spec: ListSpec): string {
  let frame = numberedFrames.get(spec);
  if (frame === undefined) {
    const { kind, base, heading, grouping, breadcrumbs, feed, image } = spec;
    frame = JSON.stringify([
      spec.sideways ?? null,
      kind,
      base,
      heading,
      grouping,
      breadcrumbs,
      feed,
      image,
    ]);
    numberedFrames.set(spec, frame);
  }
  return frame;
}

function linkListText(links: readonly Link[]): string {
  let text = linkLists.get(links);
  if (text === undefined) {
    text = JSON.stringify(links);
    linkLists.set(links, text);
  }
  return text;
}
