import type { Release } from '../../../src/model/release.ts';

/** What a test says about a release; everything else gets a plain default. */
export interface ReleaseSpec {
  /** Area display name; the slug is derived from it. */
  readonly area?: string;
  /** Wall-clock time on the site's clock, `YYYY-MM-DD HH:MM`. */
  readonly at?: string;
  /** UTC offset of `at`, `+01:00` in British Summer Time. */
  readonly offset?: string;
  readonly slug?: string;
  readonly headline?: string;
}

let counter = 0;

/**
 * Makes a valid `Release` without going through the loader, so archive tests
 * state only what they are about.
 */
export function makeRelease(spec: ReleaseSpec = {}): Release {
  counter += 1;
  const area = spec.area ?? 'Ashwick Vale';
  const at = spec.at ?? '2022-06-20 14:30';
  const offset = spec.offset ?? '+00:00';
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(at);
  if (match === null) throw new Error(`makeRelease: "${at}" is not YYYY-MM-DD HH:MM`);
  const [, year = '', month = '', day = '', time = ''] = match;
  const iso = `${year}-${month}-${day}T${time}:00${offset}`;
  const publishedMs = Date.parse(iso);
  const slug = spec.slug ?? `release-${counter}`;
  const headline = spec.headline ?? `Release ${counter}`;
  return {
    file: `content/${slug}.md`,
    sourceHash: `hash-of-${slug}-${counter}`,
    area,
    areaSlug: area.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    headline,
    title: `${headline} | ${area} Police`,
    description: `About ${headline}.`,
    published: new Date(publishedMs).toISOString().replace('.000Z', 'Z'),
    publishedMs,
    local: { year, month, day, time, iso },
    sourceUrl: `https://police.example/news/${slug}/`,
    og: {},
    slug,
    url: `/${year}/${month}/${day}/${slug}/`,
    body: { html: `<p>About ${headline}.</p>` },
    summary: `About ${headline}.`,
  };
}

/** Sorts newest first, ties on URL: the order the loader hands to `buildArchive`. */
export function newestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort(
    (a, b) => b.publishedMs - a.publishedMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
}

/** The page URLs of releases, for comparing lists by identity. */
export function urlsOf(releases: readonly Release[]): string[] {
  return releases.map((r) => r.url);
}
