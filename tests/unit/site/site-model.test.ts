import { describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import { buildModelSlice, planSite } from '../../../src/site/site-model.ts';
import { renderSite } from './render-site.ts';
import { makeRelease, newestFirst } from '../archive/make-release.ts';

const site = renderSite({ pageSize: 2, homeCount: 2 });

/** The whole site in one slice, planned and sliced as a build does. */
function model(releases = newestFirst([makeRelease({ area: 'Ashwick Vale' })])) {
  const plan = planSite(buildArchive(releases), site);
  return buildModelSlice(plan, {
    releases: [0, plan.releaseCount],
    lists: [0, plan.listCount],
    oneOffs: true,
  });
}

describe('the site model', () => {
  test('says "1 release from 1 area" on the home page, not "1 releases"', () => {
    expect(model().home.summary).toBe('1 release from 1 area.');
  });

  test('counts releases and areas in plural on the home page', () => {
    const releases = newestFirst([
      makeRelease({ area: 'Ashwick Vale', at: '2022-01-01 10:00' }),
      makeRelease({ area: 'Brackley Fen', at: '2022-01-02 10:00' }),
      makeRelease({ area: 'Brackley Fen', at: '2022-01-03 10:00' }),
    ]);
    expect(model(releases).home.summary).toBe('3 releases from 2 areas.');
  });

  test("hides the area label on an area's own lists and shows it on date lists", () => {
    const shown = Object.fromEntries(model().lists.map((list) => [list.kind, list.showArea]));
    expect(shown).toEqual({
      all: true,
      year: true,
      month: true,
      area: false,
      'area-year': false,
      'area-month': false,
    });
  });

  test('marks the current page in side lists, and only there', () => {
    const releases = newestFirst([
      makeRelease({ area: 'Ashwick Vale', at: '2021-03-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-01-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-02-01 10:00' }),
      makeRelease({ area: 'Brackley Fen', at: '2022-02-03 10:00' }),
    ]);
    const lists = model(releases).lists;
    // Per list page: each side list's heading and the labels it marks as current.
    const marked = (url: string) => {
      const list = lists.find((l) => l.url === url);
      if (list === undefined) throw new Error(`no list at ${url}`);
      return list.asides.map((aside) => [
        aside.heading,
        aside.links.filter((link) => link.current === true).map((link) => link.label),
      ]);
    };
    expect(marked('/areas/ashwick-vale/2022/')).toEqual([
      ['Months', []],
      ['Ashwick Vale in other years', ['2022']],
      ['Areas in 2022', ['Ashwick Vale']],
    ]);
    // Brackley Fen has one year: no list of "other years" that holds only this one.
    expect(marked('/areas/brackley-fen/2022/')).toEqual([
      ['Months', []],
      ['Areas in 2022', ['Brackley Fen']],
    ]);
    expect(marked('/areas/ashwick-vale/2022/02/')).toEqual([
      ['Ashwick Vale in 2022', ['February']],
      ['Elsewhere', []],
    ]);
    expect(marked('/2022/01/')).toEqual([
      ['Months of 2022', ['January']],
      ['Areas in January 2022', []],
    ]);
    expect(marked('/2022/')).toEqual([
      ['Months', []],
      ['Areas in 2022', []],
    ]);
    expect(marked('/areas/ashwick-vale/')).toEqual([['Years', []]]);
  });

  test('gives day-grouped lists the time of day and other lists the date', () => {
    const releases = newestFirst([makeRelease({ area: 'Ashwick Vale', at: '2022-01-05 09:30' })]);
    const texts = Object.fromEntries(
      model(releases).lists.map((list) => [list.kind, list.groups[0]?.items[0]?.dateText]),
    );
    expect(texts).toEqual({
      all: '5 Jan 2022',
      year: '5 Jan 2022',
      month: '09:30',
      area: '5 Jan 2022',
      'area-year': '5 Jan 2022',
      'area-month': '09:30',
    });
  });

  test('links year and month lists to the one before and after with releases, across years', () => {
    const releases = newestFirst([
      makeRelease({ area: 'Ashwick Vale', at: '2019-11-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-01-01 10:00' }),
      makeRelease({ area: 'Ashwick Vale', at: '2022-03-01 10:00' }),
    ]);
    const sideways = Object.fromEntries(
      model(releases)
        .lists.filter((list) => list.sideways !== null)
        .map((list) => [
          list.url,
          [list.sideways?.previous?.url ?? null, list.sideways?.next?.url ?? null],
        ]),
    );
    expect(sideways).toEqual({
      '/2022/': ['/2019/', null],
      '/2022/03/': ['/2022/01/', null],
      '/2022/01/': ['/2019/11/', '/2022/03/'],
      '/2019/': [null, '/2022/'],
      '/2019/11/': [null, '/2022/01/'],
    });
  });
});
