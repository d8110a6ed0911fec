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
    expect(marked('/areas/brackley-fen/2022/')).toEqual([
      ['Months', []],
      ['Brackley Fen in other years', ['2022']],
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
});
