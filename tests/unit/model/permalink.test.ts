import { describe, expect, test } from 'vitest';
import {
  addressSlug,
  DEFAULT_PERMALINK,
  expandPermalink,
  permalinkProblem,
  releaseId,
} from '../../../src/model/permalink.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

// These are a compatibility promise: a published address never moves. A change
// to any expected value here moves every page of every archive built before it.
describe('the address rules', () => {
  test('a release id is the first 30 bits of the SHA-256 of its source url, in base32', () => {
    expect(
      releaseId(
        'https://www.leics.police.uk/news/leicestershire/news/2020/september/further-work-to-combat-city-kerb-crawling/',
      ),
    ).toBe('ve5a2j');
    expect(releaseId('https://e.example/1')).toBe('yzhomj');
    expect(releaseId('https://e.example/2')).toBe('zmoqh2');
    expect(releaseId('')).toBe('4oymiq');
  });

  test('the default address is the date, then the headline slug and the id', () => {
    expect(DEFAULT_PERMALINK).toBe('/:year/:month/:day/:slug/');
    const parts = { year: '2020', month: '09', day: '16', area: 'leicestershire', id: 've5a2j' };
    const slug = addressSlug(undefined, 'further-work', parts.id);
    expect(expandPermalink(DEFAULT_PERMALINK, { ...parts, slug })).toBe(
      '/2020/09/16/further-work-ve5a2j/',
    );
  });

  test('an explicit slug is the whole :slug, with no id', () => {
    expect(addressSlug('my-slug', 'headline', 've5a2j')).toBe('my-slug');
  });

  test('a headline without letters or digits leaves the id alone', () => {
    expect(addressSlug(undefined, '', 've5a2j')).toBe('ve5a2j');
  });

  test('a pattern can move the tokens and hold slug text', () => {
    const parts = {
      year: '2021',
      month: '03',
      day: '04',
      area: 'brackenshire',
      slug: 'appeal-ab2cd3',
      id: 'ab2cd3',
    };
    expect(expandPermalink('/news/:year/:month/:day/:area/:slug/', parts)).toBe(
      '/news/2021/03/04/brackenshire/appeal-ab2cd3/',
    );
    expect(expandPermalink('/:year-:month-:day/:id/', parts)).toBe('/2021-03-04/ab2cd3/');
  });
});

describe('checking a pattern', () => {
  test.each([
    '/:year/:month/:day/:slug/',
    '/:year/:month/:day/:area/:slug/',
    '/news/:year/:month/:day/:slug/',
    '/:year/:month/:day/:id/',
    '/:year-:month-:day/:slug/',
  ])('accepts %s', (pattern) => {
    expect(permalinkProblem(pattern)).toBeNull();
  });

  test.each([
    [':year/:month/:day/:slug/', 'must start and end with "/", as in /:year/:month/:day/:slug/'],
    ['/:year/:month/:day/:slug', 'must start and end with "/", as in /:year/:month/:day/:slug/'],
    [
      '/:year/:month/:day/:title/',
      'has the unknown token ":title"; the tokens are :year, :month, :day, :area, :slug, :id',
    ],
    [
      '/:year/:month/:day/Slug/',
      'has the segment "Slug": segments are lowercase letters, digits, hyphens and tokens (:year, :month, :day, :area, :slug, :id)',
    ],
    [
      '/:year/:month//:slug/',
      'has the segment "": segments are lowercase letters, digits, hyphens and tokens (:year, :month, :day, :area, :slug, :id)',
    ],
    ['/:year/:month/:slug/', 'lacks :day: every release address holds its full date'],
    [
      '/:year/:month/:day/:area/',
      'holds neither :slug nor :id, so two releases of one day could ask for one address',
    ],
    [
      '/areas/:year/:month/:day/:slug/',
      'starts with "areas", where the site\'s own pages (areas, search, data…) could be',
    ],
    [
      '/:area/:year/:month/:day/:slug/',
      'starts with ":area", where the site\'s own pages (areas, search, data…) could be',
    ],
  ])('refuses %s', (pattern, problem) => {
    expect(permalinkProblem(pattern)).toBe(problem);
  });
});

describe('releases that used to clash', () => {
  const file = (title: string, url: string, extra: string[] = []) =>
    [
      '---',
      'area: Westshire',
      `title: ${title}`,
      `url: ${url}`,
      'publish:',
      '  date: 10:00 01/06/2021',
      ...extra,
      '---',
      '',
      'Body.',
      '',
    ].join('\n');
  const urlOf = (text: string, permalink?: string) => {
    const result = loadReleaseFile('content/x.md', Buffer.from(text), {
      timeZone: 'Europe/London',
      ...(permalink !== undefined && { permalink }),
    });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.reason).join('\n'));
    return result.release.url;
  };

  test('one headline on one day from two source pages has two addresses', () => {
    const a = urlOf(file('Man charged with burglary | Westshire Police', 'https://w.example/1'));
    const b = urlOf(file('Man charged with burglary | Westshire Police', 'https://w.example/2'));
    expect([a, b]).toEqual([
      '/2021/06/01/man-charged-with-burglary-ivm7tb/',
      '/2021/06/01/man-charged-with-burglary-pbjpno/',
    ]);
  });

  test('headlines equal in their first 80 characters have two addresses', () => {
    const start =
      'Appeal for witnesses after a serious collision between a van and a motorcyclist on the';
    const a = urlOf(file(`${start} A46 at Syston`, 'https://w.example/a46'));
    const b = urlOf(file(`${start} A6 at Birstall`, 'https://w.example/a6'));
    expect(a).not.toBe(b);
    expect(
      a.startsWith(
        '/2021/06/01/appeal-for-witnesses-after-a-serious-collision-between-a-van-and-a-',
      ),
    ).toBe(true);
  });

  test('site.json may put the area in the address', () => {
    const text = file('Man charged | Westshire Police', 'https://w.example/1');
    expect(urlOf(text, '/:year/:month/:day/:area/:slug/')).toBe(
      '/2021/06/01/westshire/man-charged-ivm7tb/',
    );
  });
});
