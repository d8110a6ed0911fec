import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { extraRelease, toPeerRelease } from '../../../bench/corpus.ts';
import {
  placeReleases,
  toEleventyText,
  toHugoText,
  type PeerRelease,
} from '../../../bench/peers/peer-content.ts';
import { generateRealArchive } from '../../../bench/real-archive/generate.ts';
import { releaseId } from '../../../src/model/permalink.ts';

/** The front matter of a peer file, as YAML reads it (timestamps kept as text). */
function frontMatter(text: string): Record<string, unknown> {
  const [, block] = /^---\n([\s\S]*?)\n---\n/.exec(text) ?? [];
  return yaml.load(block ?? '', { schema: yaml.JSON_SCHEMA }) as Record<string, unknown>;
}

const ID = releaseId('https://www.wexmoor.police.example/news/1/');

const release = (over: Partial<PeerRelease>): PeerRelease => ({
  title: 'Appeal after a collision',
  area: 'Wexmoor',
  wall: { year: 2024, month: 1, day: 15, hour: 9, minute: 5, second: 0 },
  description: 'Officers are appealing for witnesses.',
  source: 'https://www.wexmoor.police.example/news/1/',
  body: 'Officers were called at 9am.',
  ...over,
});

describe('Hugo content from a corpus release', () => {
  test('puts the release at its London instant, with the offset of the day', () => {
    const [winter, summer] = placeReleases([
      release({}),
      release({ wall: { year: 2024, month: 7, day: 1, hour: 0, minute: 30, second: 0 } }),
    ]);
    expect(frontMatter(toHugoText(winter!))).toMatchObject({
      date: '2024-01-15T09:05:00+00:00',
      url: `/2024/01/15/appeal-after-a-collision-${ID}/`,
      years: ['2024'],
      months: ['2024-01'],
    });
    // 00:30 on 1 July in London is 23:30 on 30 June in UTC: the lists follow London.
    expect(frontMatter(toHugoText(summer!))).toMatchObject({
      date: '2024-07-01T00:30:00+01:00',
      url: `/2024/07/01/appeal-after-a-collision-${ID}/`,
      years: ['2024'],
      months: ['2024-07'],
      areamonths: ['Wexmoor 2024-07'],
    });
  });

  test('keeps titles, areas and descriptions that YAML would misread', () => {
    const awkward = [
      'UPDATE: "Missing" man found #2',
      "- Officer's appeal \\ 50% [sic] {x}",
      'true',
      '  spaced  ',
      'Line\u2028separator & <b>bold</b>',
    ];
    for (const title of awkward) {
      const page = placeReleases([
        release({ title, area: `${title} area`, description: title }),
      ])[0]!;
      for (const text of [toHugoText(page), toEleventyText(page)]) {
        const data = frontMatter(text);
        expect(data.title).toBe(title);
        expect(data.description).toBe(title);
      }
      expect(frontMatter(toHugoText(page)).areas).toEqual([`${title} area`]);
    }
  });

  test('gives two releases with one headline on one day different addresses', () => {
    const other = 'https://www.wexmoor.police.example/news/2/';
    const pages = placeReleases([release({}), release({ source: other }), release({})]);
    expect(pages.map((p) => p.permalink)).toEqual([
      `/2024/01/15/appeal-after-a-collision-${ID}/`,
      `/2024/01/15/appeal-after-a-collision-${releaseId(other)}/`,
      // The same source twice never reaches Gazette (it refuses duplicates); the peers get a suffix.
      `/2024/01/15/appeal-after-a-collision-${ID}-2/`,
    ]);
  });

  test("writes the realistic archive's releases on the days Gazette reads, with their headlines", () => {
    const archive = generateRealArchive({ releases: 300, days: 30 });
    const pages = placeReleases(archive.files.map((f) => f.peer));
    pages.forEach((page, i) => {
      const real = archive.files[i]!.release;
      const data = frontMatter(toHugoText(page));
      expect(data.title).toBe(real.headline);
      expect(data.areas).toEqual([real.area]);
      expect(data.url).toBe(
        `/${real.date.replaceAll('-', '/')}/${real.slug}-${releaseId(real.sourceUrl)}/`,
      );
      expect(String(data.date).slice(0, 10)).toBe(real.date);
    });
    // Same-day clashes are in the archive on purpose; every page still has its own address.
    expect(new Set(pages.map((p) => p.permalink)).size).toBe(pages.length);
  });

  test("writes a synthetic release at Gazette's wall time", () => {
    const draft = extraRelease(7);
    const page = placeReleases([toPeerRelease(draft)])[0]!;
    const hh = String(draft.wall.getUTCHours()).padStart(2, '0');
    const mm = String(draft.wall.getUTCMinutes()).padStart(2, '0');
    expect(String(frontMatter(toHugoText(page)).date).slice(11, 16)).toBe(`${hh}:${mm}`);
  });
});
