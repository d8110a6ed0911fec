import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import type { Release } from '../../../src/model/release.ts';
import { diffPlan, type PageManifest } from '../../../src/build/page-manifest.ts';
import { planSite, type SitePlan } from '../../../src/site/site-model.ts';
import { newestFirst } from '../archive/make-release.ts';
import { renderSite } from '../site/render-site.ts';

// Two releases a page, so that lists run to several pages and additions shift them.
const site = renderSite({ pageSize: 2, homeCount: 3 });

/** A release as the property test varies it. */
interface Spec {
  readonly id: number;
  /** Display names; the first two share a slug, so the newest release decides the name. */
  readonly area: 'Ashwick Vale' | 'ashwick vale' | 'Brackley Fen' | 'Corriston Isles';
  readonly year: '2020' | '2021' | '2022';
  readonly month: '01' | '02' | '03';
  readonly day: number;
  readonly headline: string;
  /** Bumped by a body edit: the source changes, nothing a list shows does. */
  readonly version: number;
}

function toRelease(spec: Spec): Release {
  const { id, area, year, month, headline, version } = spec;
  const day = String(spec.day).padStart(2, '0');
  const iso = `${year}-${month}-${day}T10:00:00+00:00`;
  const slug = `r${id}`;
  return {
    file: `content/${slug}.md`,
    // Like a real source hash: any change to the file changes it.
    sourceHash: JSON.stringify(spec),
    area,
    areaSlug: area.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    headline,
    title: headline,
    description: `About ${headline}.`,
    published: iso,
    publishedMs: Date.parse(iso),
    local: { year, month, day, time: '10:00', iso },
    sourceUrl: `https://police.example/news/${slug}/`,
    og: {},
    slug,
    url: `/${year}/${month}/${day}/${slug}/`,
    body: { html: `<p>Version ${version}.</p>` },
    summary: headline,
  };
}

const plan = (specs: readonly Spec[]): SitePlan =>
  planSite(buildArchive(newestFirst(specs.map(toRelease))), site);

const areaArb = fc.constantFrom<Spec['area']>(
  'Ashwick Vale',
  'ashwick vale',
  'Brackley Fen',
  'Corriston Isles',
);
const yearArb = fc.constantFrom<Spec['year']>('2020', '2021', '2022');
const monthArb = fc.constantFrom<Spec['month']>('01', '02', '03');
const specArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    area: areaArb,
    year: yearArb,
    month: monthArb,
    day: fc.integer({ min: 1, max: 28 }),
    headline: fc.constantFrom('Appeal', 'Arrest', 'Road closed'),
    version: fc.constant(0),
  });

/** One editor's change between two builds. */
type Change =
  | { kind: 'edit-body'; at: number }
  | { kind: 'edit-headline'; at: number; headline: string }
  | { kind: 'move-area'; at: number; area: Spec['area'] }
  | { kind: 'redate'; at: number; year: Spec['year']; month: Spec['month']; day: number }
  | { kind: 'add'; spec: Spec }
  | { kind: 'remove'; at: number };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('edit-body' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('edit-headline' as const),
    at: fc.nat(),
    headline: fc.constantFrom('Appeal', 'Witness sought'),
  }),
  fc.record({ kind: fc.constant('move-area' as const), at: fc.nat(), area: areaArb }),
  fc.record({
    kind: fc.constant('redate' as const),
    at: fc.nat(),
    year: yearArb,
    month: monthArb,
    day: fc.integer({ min: 1, max: 28 }),
  }),
  specArb(1000).map((spec) => ({ kind: 'add' as const, spec })),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
);

function apply(specs: readonly Spec[], changes: readonly Change[]): Spec[] {
  const next = [...specs];
  changes.forEach((change, n) => {
    if (change.kind === 'add') {
      next.push({ ...change.spec, id: 1000 + n });
      return;
    }
    if (next.length === 0) return;
    const at = change.at % next.length;
    const spec = next[at] as Spec;
    if (change.kind === 'remove') next.splice(at, 1);
    if (change.kind === 'edit-body') next[at] = { ...spec, version: spec.version + 1 };
    if (change.kind === 'edit-headline') next[at] = { ...spec, headline: change.headline };
    if (change.kind === 'move-area') next[at] = { ...spec, area: change.area };
    if (change.kind === 'redate') {
      const { year, month, day } = change;
      next[at] = { ...spec, year, month, day };
    }
  });
  return next;
}

/** The manifest a build of `specs` leaves for the next. */
function manifestOf(specs: readonly Spec[]): PageManifest {
  const diff = diffPlan(plan(specs), null);
  return { fingerprint: 'same', pages: diff.pages, lists: diff.lists };
}

const listUrls = (views: readonly { url: string }[]) => views.map((v) => v.url).sort();

describe('keying only the lists that changes can reach', () => {
  test('gives every page the key a full keying gives, and renders the same pages', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.nat(), { minLength: 1, maxLength: 24 })
          .chain((ids) =>
            fc.tuple(
              fc.tuple(...ids.map((_, i) => specArb(i))),
              fc.array(changeArb, { minLength: 1, maxLength: 3 }),
            ),
          ),
        ([before, changes]) => {
          const after = apply(before, changes);
          const previous = manifestOf(before);
          const incremental = diffPlan(plan(after), previous);
          // Without list inputs, diffPlan keys every list page afresh.
          const full = diffPlan(plan(after), { fingerprint: 'same', pages: previous.pages });
          expect(Object.fromEntries(incremental.pages)).toEqual(Object.fromEntries(full.pages));
          expect(listUrls(incremental.listViews)).toEqual(listUrls(full.listViews));
          expect(incremental.removed.sort()).toEqual(full.removed.sort());
        },
      ),
      { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 400) },
    );
  });

  /** The list pages diffPlan works out a key for, going from `before` to `after`. */
  function keyedLists(before: readonly Spec[], after: readonly Spec[]): string[] {
    const next = plan(after);
    const keyed: string[] = [];
    const counting: SitePlan = {
      ...next,
      listKey: (i) => {
        const key = next.listKey(i);
        keyed.push(key.url);
        return key;
      },
    };
    diffPlan(counting, manifestOf(before));
    return keyed.sort();
  }

  test('keys none of the lists of other areas and years after a body edit', () => {
    const specs: Spec[] = [
      { id: 1, area: 'Brackley Fen', year: '2020', month: '01', day: 5, headline: 'A', version: 0 },
      { id: 2, area: 'Brackley Fen', year: '2021', month: '02', day: 6, headline: 'B', version: 0 },
      {
        id: 3,
        area: 'Corriston Isles',
        year: '2022',
        month: '03',
        day: 7,
        headline: 'C',
        version: 0,
      },
    ];
    const edited = specs.map((s) => (s.id === 3 ? { ...s, version: 1 } : s));
    // Corriston Isles, 2022 and all releases are keyed again; Brackley Fen's 2020 and 2021 lists are not.
    expect(keyedLists(specs, edited)).toEqual([
      '/2022/',
      '/2022/03/',
      '/all/',
      '/areas/corriston-isles/',
      '/areas/corriston-isles/2022/',
      '/areas/corriston-isles/2022/03/',
    ]);
    expect(keyedLists(specs, specs)).toEqual([]);
  });

  test('renders only the front pages of the lists a new release joins, until one splits', () => {
    // Twelve releases of one area, all in January 2022, a day apart.
    const specs: Spec[] = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      area: 'Brackley Fen',
      year: '2022',
      month: '01',
      day: i + 1,
      headline: `Release ${i + 1}`,
      version: 0,
    }));
    const newest = (id: number, day: number): Spec => ({ ...specs[0]!, id, day, headline: 'New' });
    const rendered = (before: readonly Spec[], after: readonly Spec[]): string[] =>
      diffPlan(plan(after), manifestOf(before))
        .listViews.map((view) => view.url)
        .sort();
    const fronts = [
      '/2022/',
      '/2022/01/',
      '/all/',
      '/areas/brackley-fen/',
      '/areas/brackley-fen/2022/',
      '/areas/brackley-fen/2022/01/',
    ];
    // Twelve at two a page: pages 1 to 5 and a front page of two. The thirteenth joins the front page.
    const thirteen = [...specs, newest(13, 20)];
    expect(rendered(specs, thirteen)).toEqual(fronts);
    // The fourteenth makes the front page two pages' worth: its older half becomes page 6,
    // and pages 5 and 4, which link to the pages after them, change with it.
    const fourteen = [...thirteen, newest(14, 21)];
    const page = (n: number) => fronts.map((front) => `${front}page/${n}/`);
    expect(rendered(thirteen, fourteen)).toEqual(
      [...fronts, ...page(4), ...page(5), ...page(6)].sort(),
    );
  });

  test('keys the year and month lists beside a year that gains its first release', () => {
    const specs: Spec[] = [
      { id: 1, area: 'Brackley Fen', year: '2020', month: '01', day: 5, headline: 'A', version: 0 },
      { id: 2, area: 'Brackley Fen', year: '2022', month: '02', day: 6, headline: 'B', version: 0 },
    ];
    const added: Spec[] = [
      ...specs,
      {
        id: 3,
        area: 'Corriston Isles',
        year: '2021',
        month: '03',
        day: 7,
        headline: 'C',
        version: 0,
      },
    ];
    // 2020 and 2022 now link to 2021 as their next and previous year.
    expect(keyedLists(specs, added).filter((url) => !url.startsWith('/a'))).toEqual([
      '/2020/',
      '/2020/01/',
      '/2021/',
      '/2021/03/',
      '/2022/',
      '/2022/02/',
    ]);
  });

  test('keys every list again when a new release renames its area', () => {
    const specs: Spec[] = [
      { id: 1, area: 'Ashwick Vale', year: '2020', month: '01', day: 5, headline: 'A', version: 0 },
      { id: 2, area: 'Brackley Fen', year: '2021', month: '02', day: 6, headline: 'B', version: 0 },
    ];
    const renamed: Spec[] = [
      ...specs,
      { id: 3, area: 'ashwick vale', year: '2022', month: '01', day: 1, headline: 'C', version: 0 },
    ];
    expect(keyedLists(specs, renamed)).toHaveLength(plan(renamed).listCount);
  });
});

describe('the key of a list page', () => {
  const release = toRelease({
    id: 1,
    area: 'Brackley Fen',
    year: '2021',
    month: '02',
    day: 3,
    headline: 'Appeal',
    version: 0,
  });
  /** Keys of every list page, by URL, for the archive of one release. */
  const keys = (r: Release): Record<string, string> => {
    const p = planSite(buildArchive([r]), site);
    return Object.fromEntries(
      Array.from({ length: p.listCount }, (_, i) => p.listKey(i)).map((k) => [k.url, k.key]),
    );
  };
  const before = keys(release);

  test('exist for every list the one release is on', () => {
    // The loops below compare these keys one by one: they must have some to compare.
    expect(Object.keys(before).sort()).toEqual([
      '/2021/',
      '/2021/02/',
      '/all/',
      '/areas/brackley-fen/',
      '/areas/brackley-fen/2021/',
      '/areas/brackley-fen/2021/02/',
    ]);
  });

  test('stays the same when only the body and its source change', () => {
    expect(keys({ ...release, sourceHash: 'edited', body: { html: '<p>Edited.</p>' } })).toEqual(
      before,
    );
  });

  test.each([
    ['headline', { headline: 'Arrest' }],
    ['description', { description: 'Another summary.' }],
    ['area name', { area: 'Brackley fen' }],
    ['time', { local: { ...release.local, time: '11:00', iso: '2021-02-03T11:00:00+00:00' } }],
  ])('changes with the %s its line shows', (_, change) => {
    const after = keys({ ...release, ...change });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const url of Object.keys(before)) expect(after[url]).not.toBe(before[url]);
  });
});
