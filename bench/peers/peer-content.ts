// The bench corpus as the peers read it: conventional `---` front matter for
// stock Eleventy, and Hugo content with its taxonomies. Both are written from
// one plain record per release, so every tool builds the same releases at the
// same instants and addresses.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toLocalDate } from '../../src/load/to-release.ts';
import { addressSlug, releaseId } from '../../src/model/permalink.ts';
import type { LocalDate } from '../../src/model/release.ts';
import { toSlug } from '../../src/model/slug.ts';
import { instantFromWallTime, type WallTime } from '../../src/time/zoned-time.ts';

/** One release as a tidy archive would hold it: clean text, London wall time. */
export interface PeerRelease {
  readonly title: string;
  readonly area: string;
  /** When it was published, on London's clock. */
  readonly wall: WallTime;
  readonly description: string;
  readonly source: string;
  /** The body, as Markdown. */
  readonly body: string;
}

/** A release placed on the calendar, with the address every tool gives its page. */
export interface PeerPage extends PeerRelease {
  /** The published instant on London's calendar, `iso` with London's offset. */
  readonly local: LocalDate;
  /**
   * Gazette's address: `/YYYY/MM/DD/<headline slug>-<id of the source url>/`,
   * with `-2`, `-3`… should two releases still share one.
   */
  readonly permalink: string;
}

/** Where the peers' content goes; either may be left out. */
export interface PeerTargets {
  /** Eleventy's content folder: `<area>/<year>/rN.md`. */
  readonly eleventy?: string;
  /** Hugo's content folder: `releases/<area>/<year>/rN.md`. */
  readonly hugo?: string;
}

export const ZONE = 'Europe/London';

/** Places every release on London's calendar and gives each Gazette's address, unique, in order. */
export function placeReleases(releases: readonly PeerRelease[]): PeerPage[] {
  const used = new Set<string>();
  return releases.map((release) => {
    const local = toLocalDate(instantFromWallTime(release.wall, ZONE), ZONE);
    const slug = addressSlug(undefined, toSlug(release.title), releaseId(release.source));
    const base = `/${local.year}/${local.month}/${local.day}/${slug}`;
    let permalink = `${base}/`;
    for (let n = 2; used.has(permalink); n++) permalink = `${base}-${n}/`;
    used.add(permalink);
    return { ...release, local, permalink };
  });
}

/** The release as an ordinary Eleventy user writes it: `date` an ISO instant with London's offset. */
export function toEleventyText(page: PeerPage): string {
  return [
    '---',
    `title: ${JSON.stringify(page.title)}`,
    `area: ${JSON.stringify(page.area)}`,
    `date: ${page.local.iso}`,
    `permalink: ${page.permalink}`,
    `description: ${JSON.stringify(page.description)}`,
    `source: ${JSON.stringify(page.source)}`,
    '---',
    '',
    page.body,
    '',
  ].join('\n');
}

/**
 * The release as Hugo content: the same fields, and its lists as taxonomies
 * (bench/hugo/hugo.toml): area, year, month, area and year, area and month,
 * each on London's calendar. Strings are JSON, which YAML reads as double-quoted.
 */
export function toHugoText(page: PeerPage): string {
  const { year, month } = page.local;
  const terms = (values: readonly string[]) =>
    `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  return [
    '---',
    `title: ${JSON.stringify(page.title)}`,
    `date: ${page.local.iso}`,
    `url: ${page.permalink}`,
    `description: ${JSON.stringify(page.description)}`,
    `source: ${JSON.stringify(page.source)}`,
    `areas: ${terms([page.area])}`,
    `years: ${terms([year])}`,
    `months: ${terms([`${year}-${month}`])}`,
    `areayears: ${terms([`${page.area} ${year}`])}`,
    `areamonths: ${terms([`${page.area} ${year}-${month}`])}`,
    '---',
    '',
    page.body,
    '',
  ].join('\n');
}

/** Writes every release in each requested form, a few hundred at a time. */
export async function writePeerContent(
  targets: PeerTargets,
  releases: readonly PeerRelease[],
): Promise<void> {
  const pages = placeReleases(releases);
  const file = (page: PeerPage, i: number) =>
    path.join(toSlug(page.area) || 'area', page.local.year, `r${i}.md`);
  const writes: [string, string][] = [];
  pages.forEach((page, i) => {
    if (targets.eleventy !== undefined) {
      writes.push([path.join(targets.eleventy, file(page, i)), toEleventyText(page)]);
    }
    if (targets.hugo !== undefined) {
      writes.push([path.join(targets.hugo, 'releases', file(page, i)), toHugoText(page)]);
    }
  });
  for (let i = 0; i < writes.length; i += 256) {
    await Promise.all(
      writes.slice(i, i + 256).map(async ([full, text]) => {
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, text);
      }),
    );
  }
}
