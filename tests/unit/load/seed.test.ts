import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Release } from '../../../src/model/release.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import { inlineBodies } from '../../../src/load/body-store.ts';

const SEED = '000_d1719f2e7f2409f0.txt';
const shared = path.resolve(__dirname, '../../../../shared/seeds', SEED);
const copy = path.resolve(__dirname, '../../../content/leicestershire/2020', SEED);
const FILE = `content/leicestershire/2020/${SEED}`;
const SOURCE =
  'https://www.leics.police.uk/news/leicestershire/news/2020/september/further-work-to-combat-city-kerb-crawling/';
const ADVICE =
  'https://www.leics.police.uk/advice/advice-and-information/rsa/rape-and-sexual-assault/';

let release: Release;

beforeAll(() => {
  const bytes = readFileSync(existsSync(shared) ? shared : copy);
  const result = loadReleaseFile(FILE, bytes, { timeZone: 'Europe/London' });
  if (!result.ok) throw new Error(`the seed did not load: ${JSON.stringify(result.diagnostics)}`);
  release = result.release;
});

describe('the Leicestershire seed release', () => {
  test('keeps the file path it was given', () => {
    expect(release.file).toBe(FILE);
  });

  test('has the area Leicestershire with the slug leicestershire', () => {
    expect(release.area).toBe('Leicestershire');
    expect(release.areaSlug).toBe('leicestershire');
  });

  test('takes its headline from og.title and keeps the full title as written', () => {
    expect(release.headline).toBe('Further work to combat city kerb-crawling');
    expect(release.title).toBe('Further work to combat city kerb-crawling | Leicestershire Police');
  });

  test('reads 10:55 on 16/09/2020 as British Summer Time, 09:55 UTC', () => {
    expect(release.published).toBe('2020-09-16T09:55:00Z');
    expect(release.publishedMs).toBe(Date.UTC(2020, 8, 16, 9, 55));
  });

  test('shows the London wall-clock date with its +01:00 offset', () => {
    expect(release.local).toEqual({
      year: '2020',
      month: '09',
      day: '16',
      time: '10:55',
      iso: '2020-09-16T10:55:00+01:00',
    });
  });

  test('decodes &amp; in og.image exactly once', () => {
    expect(release.og.image).toBe(
      'https://www.leics.police.uk/SysSiteAssets/media/images/leicestershire/news/2020/09.-september/one-team-rectangle-green-soh.jpg?crop=(0,42,600,358)&w=600&h=300&scale=both',
    );
    expect(release.og.image).toContain('&w=600&h=300');
    expect(release.og.image).not.toContain('&amp;');
  });

  test('keeps the other Open Graph fields as scraped', () => {
    expect(release.og).toMatchObject({
      title: 'Further work to combat city kerb-crawling',
      description:
        'Patrols are aimed at tackling the issue of kerb-crawling while also gathering information about people frequenting the area.',
      url: SOURCE,
      locale: 'en_GB',
      type: 'website',
    });
  });

  test('keeps the source url exactly as given', () => {
    expect(release.sourceUrl).toBe(SOURCE);
  });

  test('derives the slug and the dated page url from the headline and the source url', () => {
    expect(release.slug).toBe('further-work-to-combat-city-kerb-crawling-ve5a2j');
    expect(release.url).toBe('/2020/09/16/further-work-to-combat-city-kerb-crawling-ve5a2j/');
  });

  test('uses og.description as its description', () => {
    expect(release.description).toBe(
      'Patrols are aimed at tackling the issue of kerb-crawling while also gathering information about people frequenting the area.',
    );
  });

  test('turns the bare URL at the end of the body into a link', () => {
    const $ = load(inlineBodies.read(release.body));
    const last = $('p').last();
    const link = last.find('a');
    expect(link.length).toBe(1);
    expect(link.attr('href')).toBe(ADVICE);
    expect(link.text()).toBe(ADVICE);
    expect(last.text()).toBe(
      `Further information regarding rape and sexual offences - including how to report such matters and what support is available - can be found by visiting ${ADVICE}`,
    );
  });

  test('renders thirteen paragraphs and no other elements besides the one link', () => {
    const $ = load(inlineBodies.read(release.body), null, false);
    expect($.root().children().length).toBe(13);
    expect($.root().children('p').length).toBe(13);
    expect(
      $('*')
        .not('p')
        .toArray()
        .map((el) => ('tagName' in el ? el.tagName : el.type)),
    ).toEqual(['a']);
  });

  test('starts the body with the first paragraph after the fence, not the front matter', () => {
    expect(
      inlineBodies
        .read(release.body)
        .startsWith("<p>Following on from last month's successful operation,"),
    ).toBe(true);
  });

  test('summarises the opening paragraphs in at most 200 characters, cut at a word', () => {
    expect(release.summary).toBe(
      "Following on from last month's successful operation, officers in Leicester have carried out further proactive work to tackle kerb-crawling in the city. Known as Operation Flatten, the proactive…",
    );
    expect(release.summary.length).toBeLessThanOrEqual(200);
  });

  test('reads the same from the shared seed and from its copy under content/', () => {
    if (!existsSync(shared) || !existsSync(copy)) return;
    expect(readFileSync(copy)).toEqual(readFileSync(shared));
  });
});
