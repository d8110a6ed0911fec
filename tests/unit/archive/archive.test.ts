import { describe, expect, test } from 'vitest';
import { areaNames, buildArchive, countByArea } from '../../../src/archive/archive.ts';
import type { Release } from '../../../src/model/release.ts';
import { makeRelease, newestFirst, urlsOf } from './make-release.ts';

// Two areas interleaved in time, over two years; summer times are BST.
const ash1 = makeRelease({ area: 'Ashwick Vale', at: '2022-03-14 09:10', slug: 'ash-1' });
const brin1 = makeRelease({
  area: 'Brindlecombe',
  at: '2022-06-20 10:00',
  offset: '+01:00',
  slug: 'brin-1',
});
const ash2 = makeRelease({
  area: 'Ashwick Vale',
  at: '2022-06-20 14:30',
  offset: '+01:00',
  slug: 'ash-2',
});
const ash3 = makeRelease({ area: 'Ashwick Vale', at: '2022-11-02 08:00', slug: 'ash-3' });
const brin2 = makeRelease({ area: 'Brindlecombe', at: '2023-01-09 12:00', slug: 'brin-2' });
const ash4 = makeRelease({
  area: 'Ashwick Vale',
  at: '2023-07-04 18:45',
  offset: '+01:00',
  slug: 'ash-4',
});
const sample = newestFirst([ash1, brin1, ash2, ash3, brin2, ash4]);

const namesOf = (releases: Release[]) =>
  buildArchive(newestFirst(releases)).areas.map((a) => a.name);

describe('buildArchive: areas', () => {
  test('sorts areas by name, whatever order they first appear in', () => {
    const releases = [
      makeRelease({ area: 'Vellshire', at: '2023-01-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-01-01 10:00' }),
      makeRelease({ area: 'Brindlecombe', at: '2021-01-01 10:00' }),
    ];
    expect(namesOf(releases)).toEqual(['Ashwick Vale', 'Brindlecombe', 'Vellshire']);
  });

  test('sorts area names regardless of case and accents, and numbers by value', () => {
    const releases = ['Zone 10', 'Zone 9', 'Fenwold', 'Ébury', 'eastwick'].map((area, i) =>
      makeRelease({ area, at: `2022-01-0${i + 1} 10:00` }),
    );
    expect(namesOf(releases)).toEqual(['eastwick', 'Ébury', 'Fenwold', 'Zone 9', 'Zone 10']);
  });

  test('names an area after its newest release when spellings differ', () => {
    const older = makeRelease({ area: 'ashwick vale', at: '2021-01-01 10:00' });
    const newer = makeRelease({ area: 'Ashwick Vale', at: '2022-01-01 10:00' });
    const [area] = buildArchive(newestFirst([older, newer])).areas;
    expect(area).toMatchObject({ slug: 'ashwick-vale', name: 'Ashwick Vale' });
    expect(area?.releases).toHaveLength(2);
  });

  test("keeps each area's releases newest first", () => {
    const areas = buildArchive(sample).areas;
    expect(areas.map((a) => [a.slug, urlsOf(a.releases)])).toEqual([
      ['ashwick-vale', urlsOf([ash4, ash3, ash2, ash1])],
      ['brindlecombe', urlsOf([brin2, brin1])],
    ]);
  });

  test("lists an area's years newest first, each with its releases", () => {
    const ashwick = buildArchive(sample).areas[0];
    expect(ashwick?.years.map((y) => [y.key, urlsOf(y.items)])).toEqual([
      ['2023', urlsOf([ash4])],
      ['2022', urlsOf([ash3, ash2, ash1])],
    ]);
  });
});

describe('buildArchive: years and months', () => {
  test('lists years newest first, each with the releases of every area', () => {
    const years = buildArchive(sample).years;
    expect(years.map((y) => [y.year, urlsOf(y.releases)])).toEqual([
      ['2023', urlsOf([ash4, brin2])],
      ['2022', urlsOf([ash3, ash2, brin1, ash1])],
    ]);
  });

  test("groups a year's releases by month, newest month first", () => {
    const y2022 = buildArchive(sample).years[1];
    expect(y2022?.months.map((m) => [m.key, urlsOf(m.items)])).toEqual([
      ['11', urlsOf([ash3])],
      ['06', urlsOf([ash2, brin1])],
      ['03', urlsOf([ash1])],
    ]);
  });

  test('files a release under its local date, not its UTC date', () => {
    // 00:30 BST on 1 July is still 30 June in UTC.
    const early = makeRelease({ at: '2022-07-01 00:30', offset: '+01:00' });
    expect(buildArchive([early]).years[0]?.months[0]?.key).toBe('07');
  });

  test('keeps every release, in the order given', () => {
    expect(buildArchive(sample).releases).toEqual(sample);
  });

  test('builds an empty archive from no releases', () => {
    expect(buildArchive([])).toEqual({ releases: [], areas: [], years: [], neighbours: new Map() });
  });
});

describe('buildArchive: neighbours', () => {
  const neighbours = buildArchive(sample).neighbours;
  const around = (r: Release) => {
    const n = neighbours.get(r.url);
    return [n?.previous?.url ?? null, n?.next?.url ?? null];
  };

  test('makes previous the next older and next the next newer release of the same area', () => {
    expect(around(ash3)).toEqual([ash2.url, ash4.url]);
  });

  test('skips releases of other areas published in between', () => {
    // brin1 sits between ash1 and ash2 in time; ash2 < brin2 < ash4 likewise.
    expect(around(ash2)).toEqual([ash1.url, ash3.url]);
    expect(around(brin1)).toEqual([null, brin2.url]);
    expect(around(brin2)).toEqual([brin1.url, null]);
  });

  test('gives the oldest release of an area no previous and the newest no next', () => {
    expect(around(ash1)).toEqual([null, ash2.url]);
    expect(around(ash4)).toEqual([ash3.url, null]);
  });

  test('gives a release alone in its area no neighbours', () => {
    const lone = makeRelease({ area: 'Corriston Isles', at: '2022-06-20 12:00', offset: '+01:00' });
    const archive = buildArchive(newestFirst([...sample, lone]));
    expect(archive.neighbours.get(lone.url)).toEqual({ previous: null, next: null });
  });

  test('has an entry for every release and no other', () => {
    expect([...neighbours.keys()].sort()).toEqual(urlsOf(sample).sort());
  });
});

describe('buildArchive: cost', () => {
  const AREAS = ['Ashwick Vale', 'Brindlecombe', 'Corriston Isles', 'Vellshire'];
  const pad = (n: number) => String(n).padStart(2, '0');

  /** Counts property reads on the releases while building an archive of `n`. */
  function readsToBuild(n: number): number {
    let reads = 0;
    const releases = newestFirst(
      Array.from({ length: n }, (_, i) =>
        makeRelease({
          area: AREAS[i % AREAS.length] ?? 'Ashwick Vale',
          at: `${2019 + (i % 5)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} 12:00`,
          slug: `r-${i}`,
        }),
      ),
    ).map(
      (release) =>
        new Proxy(release, {
          get(target, key, receiver) {
            reads += 1;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    );
    buildArchive(releases);
    return reads;
  }

  test('reads each release a fixed number of times, so ten times the releases cost ten times as much', () => {
    const small = readsToBuild(1_000);
    expect(small).toBeGreaterThan(0);
    expect(readsToBuild(10_000)).toBeLessThanOrEqual(10 * small);
  });
});

describe('countByArea', () => {
  test('counts releases per area, sorted by area name', () => {
    expect(countByArea(sample)).toEqual([
      { slug: 'ashwick-vale', name: 'Ashwick Vale', count: 4 },
      { slug: 'brindlecombe', name: 'Brindlecombe', count: 2 },
    ]);
  });

  test('counts only the slice it is given', () => {
    const y2023 = sample.filter((r) => r.local.year === '2023');
    expect(countByArea(y2023)).toEqual([
      { slug: 'ashwick-vale', name: 'Ashwick Vale', count: 1 },
      { slug: 'brindlecombe', name: 'Brindlecombe', count: 1 },
    ]);
  });

  test('returns no rows for no releases', () => {
    expect(countByArea([])).toEqual([]);
  });

  test("names each area as the archive's area index does, when given its names", () => {
    const newest = makeRelease({ area: 'Ashwick Vale', at: '2023-01-02 10:00' });
    const older = makeRelease({ area: 'ASHWICK VALE', at: '2021-01-02 10:00' });
    const archive = buildArchive([newest, older]);
    const counts = countByArea([older], areaNames(archive));
    expect(counts).toEqual([{ slug: 'ashwick-vale', name: 'Ashwick Vale', count: 1 }]);
  });
});
