import type { Release } from '../model/release.ts';
import { groupBy, type Group } from './group.ts';

/** An area with its releases, newest first. */
export interface AreaIndex {
  readonly slug: string;
  /** Display name, from the newest release that names the area. */
  readonly name: string;
  readonly releases: readonly Release[];
  /** Years, newest first, each with its releases. */
  readonly years: readonly Group<string, Release>[];
}

/** A calendar year with its releases, newest first. */
export interface YearIndex {
  readonly year: string;
  readonly releases: readonly Release[];
  /** Months (`09`), newest first. */
  readonly months: readonly Group<string, Release>[];
}

/** The neighbours of a release within its area. */
export interface Neighbours {
  /** The next older release in the same area. */
  readonly previous: Release | null;
  /** The next newer release in the same area. */
  readonly next: Release | null;
}

/** Precomputed indexes over all releases, built once in linear time. */
export interface Archive {
  /** Every release, newest first. */
  readonly releases: readonly Release[];
  /** Areas sorted by name. */
  readonly areas: readonly AreaIndex[];
  /** Years, newest first. */
  readonly years: readonly YearIndex[];
  /** Previous and next release in the same area, keyed by release URL. */
  readonly neighbours: ReadonlyMap<string, Neighbours>;
}

/**
 * Builds the archive's indexes. `releases` must be sorted newest first (as the
 * loader returns them); every group keeps that order.
 */
export function buildArchive(releases: readonly Release[]): Archive {
  const areas = groupBy(releases, (r) => r.areaSlug)
    .map(({ key, items }) => ({
      slug: key,
      name: items[0]?.area ?? key,
      releases: items,
      years: groupBy(items, (r) => r.local.year),
    }))
    .sort(byNameThenSlug);
  const years = groupBy(releases, (r) => r.local.year).map(({ key, items }) => ({
    year: key,
    releases: items,
    months: groupBy(items, (r) => r.local.month),
  }));
  const neighbours = new Map<string, Neighbours>();
  for (const area of areas) {
    area.releases.forEach((release, i) => {
      neighbours.set(release.url, {
        previous: area.releases[i + 1] ?? null,
        next: area.releases[i - 1] ?? null,
      });
    });
  }
  return { releases, areas, years, neighbours };
}

/** Counts releases per area, in area-name order, for a slice of the archive. */
export function countByArea(
  releases: readonly Release[],
  names: ReadonlyMap<string, string> = new Map(),
): { slug: string; name: string; count: number }[] {
  return groupBy(releases, (r) => r.areaSlug)
    .map(({ key, items }) => ({
      slug: key,
      name: names.get(key) ?? items[0]?.area ?? key,
      count: items.length,
    }))
    .sort(byNameThenSlug);
}

/** Display name of each area slug, as the archive's area index chose it. */
export function areaNames(archive: Pick<Archive, 'areas'>): Map<string, string> {
  return new Map(archive.areas.map((a) => [a.slug, a.name]));
}

function byNameThenSlug(
  a: { name: string; slug: string },
  b: { name: string; slug: string },
): number {
  return compareNames(a.name, b.name) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

// Names sort the same on every machine: a fixed locale, not the process's.
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
