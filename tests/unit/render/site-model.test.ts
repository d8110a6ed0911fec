import { describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import { buildSiteModel } from '../../../src/render/site-model.ts';
import { renderSite } from './render-site.ts';
import { makeRelease, newestFirst } from '../archive/make-release.ts';

const site = renderSite({ pageSize: 2, homeCount: 2 });

function model(releases = newestFirst([makeRelease({ area: 'Ashwick Vale' })])) {
  return buildSiteModel(buildArchive(releases), site);
}

describe('buildSiteModel', () => {
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
});
