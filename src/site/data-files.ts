import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { Archive } from '../archive/archive.ts';
import { isEmbargoed } from '../archive/visibility.ts';
import { urls } from '../archive/urls.ts';
import type { Release } from '../model/release.ts';
import { absoluteUrl } from './open-graph.ts';
import type { RenderSite } from './view-types.ts';

/**
 * The archive as data to take away: `/data/releases.csv` and `.ndjson` with
 * every published release, and the same pair for each area. The rows come
 * out a chunk at a time, so that a writer never holds a whole file's text.
 */

/** The columns of every data file, in order (docs/data.md describes each). */
export const DATA_COLUMNS = [
  'area',
  'area_slug',
  'headline',
  'published',
  'url',
  'source_url',
  'description',
] as const;

/** One release as a data row. */
export type DataRow = Readonly<Record<(typeof DATA_COLUMNS)[number], string>>;

/** Rows written per chunk: each chunk is one string, a few hundred kilobytes at most. */
export const DATA_CHUNK_ROWS = 1000;

/** One data set planned: its two files, a key that changes with its rows, and the rows. */
export interface DataFilePlan {
  /** `null` for the whole archive, else the area's slug. */
  readonly area: string | null;
  readonly csv: string;
  readonly ndjson: string;
  readonly count: number;
  readonly key: string;
  /** The rows, newest first, made as they are read. */
  rows(): Iterable<DataRow>;
}

/**
 * Plans the whole archive's data files, then each area's in area order. Only
 * published releases are rows: a preview build's drafts, unfinished and
 * embargoed releases are left out, as a production build leaves them out.
 */
export function planDataFiles(archive: Archive, site: RenderSite, now?: number): DataFilePlan[] {
  const published = (releases: readonly Release[]) =>
    releases.filter((release) => isPublished(release, now));
  const all = planData(null, published(archive.releases), site);
  return [all, ...archive.areas.map((area) => planData(area.slug, published(area.releases), site))];
}

/** Whether a release is one a production build publishes at `now`. */
function isPublished(release: Release, now: number | undefined): boolean {
  if (release.draft === true || release.unfinished !== undefined) return false;
  return now === undefined || !isEmbargoed(release, now);
}

/** The files of the whole archive (`slug` null) or of one area. */
export function dataFileUrls(slug: string | null): { csv: string; ndjson: string } {
  const base = slug === null ? `${urls.data()}releases` : `${urls.data()}areas/${slug}`;
  return { csv: `${base}.csv`, ndjson: `${base}.ndjson` };
}

function planData(
  area: string | null,
  releases: readonly Release[],
  site: RenderSite,
): DataFilePlan {
  const files = dataFileUrls(area);
  let key: string | undefined;
  return {
    area,
    ...files,
    count: releases.length,
    // Worked out when first asked: render workers plan the site too, and never ask.
    get key() {
      if (key === undefined) {
        // Page URLs are keyed site-relative: the site's address is in the render fingerprint.
        const digest = createHash('sha1').update(`${files.csv} ${files.ndjson}\n`);
        for (const release of releases) digest.update(rowKeyText(release));
        key = digest.digest('base64');
      }
      return key;
    },
    rows: function* () {
      for (const release of releases) yield toDataRow(release, site);
    },
  };
}

const rowKeyTexts = new WeakMap<Release, string>();

/** Everything a data row takes from a release, as text; shared by the archive's and the area's file. */
function rowKeyText(release: Release): string {
  let text = rowKeyTexts.get(release);
  if (text === undefined) {
    const { area, areaSlug, headline, local, url, sourceUrl, description } = release;
    text = `${JSON.stringify([area, areaSlug, headline, local.iso, url, sourceUrl, description])}\n`;
    rowKeyTexts.set(release, text);
  }
  return text;
}

/** A release as a data row: its instant with the site's offset, its page's absolute URL. */
export function toDataRow(release: Release, site: RenderSite): DataRow {
  return {
    area: release.area,
    area_slug: release.areaSlug,
    headline: release.headline,
    published: release.local.iso,
    url: absoluteUrl(site, release.url),
    source_url: release.sourceUrl,
    description: release.description,
  };
}

/**
 * The CSV text of some rows, a chunk at a time: RFC 4180 (CRLF line ends,
 * fields quoted when they hold a comma, quote or line break), a header row first.
 */
export function* csvChunks(rows: Iterable<DataRow>, size = DATA_CHUNK_ROWS): Generator<string> {
  let header = true;
  for (const chunk of chunked(rows, size, true)) {
    yield stringify(chunk, { header, columns: [...DATA_COLUMNS], record_delimiter: 'windows' });
    header = false;
  }
}

/** The NDJSON text of some rows, a chunk at a time: one JSON object per line. */
export function* ndjsonChunks(rows: Iterable<DataRow>, size = DATA_CHUNK_ROWS): Generator<string> {
  for (const chunk of chunked(rows, size, false)) {
    let text = '';
    for (const row of chunk) text += `${JSON.stringify(row)}\n`;
    yield text;
  }
}

/** Groups rows by `size`; with `always`, an empty input still gives one empty group (for a header). */
function* chunked(rows: Iterable<DataRow>, size: number, always: boolean): Generator<DataRow[]> {
  let chunk: DataRow[] = [];
  let given = false;
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      given = true;
      chunk = [];
    }
  }
  if (chunk.length > 0 || (always && !given)) yield chunk;
}
