import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import type { Release } from '../../../src/model/release.ts';
import {
  csvChunks,
  DATA_COLUMNS,
  ndjsonChunks,
  planDataFiles,
  toDataRow,
  type DataRow,
} from '../../../src/site/data-files.ts';
import { makeRelease, newestFirst } from '../archive/make-release.ts';
import { renderSite } from './render-site.ts';

const site = renderSite({ pathPrefix: '/news/' });

function archiveOf(releases: readonly Release[]) {
  return buildArchive(newestFirst(releases));
}

describe('planDataFiles', () => {
  test('plans the whole archive’s files, then each area’s, in area order', () => {
    const archive = archiveOf([
      makeRelease({ area: 'Brindlecombe' }),
      makeRelease({ area: 'Ashwick Vale' }),
      makeRelease({ area: 'Ashwick Vale' }),
    ]);
    const plans = planDataFiles(archive, site);
    expect(plans.map(({ csv, ndjson, count }) => [csv, ndjson, count])).toEqual([
      ['/data/releases.csv', '/data/releases.ndjson', 3],
      ['/data/areas/ashwick-vale.csv', '/data/areas/ashwick-vale.ndjson', 2],
      ['/data/areas/brindlecombe.csv', '/data/areas/brindlecombe.ndjson', 1],
    ]);
  });

  test('leaves out drafts, unfinished releases and releases embargoed at the build’s time', () => {
    const kept = makeRelease({ at: '2022-06-20 10:00' });
    const draft: Release = { ...makeRelease({ at: '2022-06-19 10:00' }), draft: true };
    const unfinished: Release = { ...makeRelease(), unfinished: ['title'] };
    const embargoed = makeRelease({ at: '2030-01-01 10:00' });
    const archive = archiveOf([kept, draft, unfinished, embargoed]);
    const [all] = planDataFiles(archive, site, Date.parse('2025-01-01T00:00:00Z'));
    expect([...(all?.rows() ?? [])].map((row) => row.headline)).toEqual([kept.headline]);
  });

  test('a row gives the page’s absolute URL under the path prefix and the instant with its offset', () => {
    const release = makeRelease({ at: '2020-09-16 10:55', offset: '+01:00', slug: 'a-b' });
    expect(toDataRow(release, site)).toEqual({
      area: 'Ashwick Vale',
      area_slug: 'ashwick-vale',
      headline: release.headline,
      published: '2020-09-16T10:55:00+01:00',
      url: 'https://gazette.example/news/2020/09/16/a-b/',
      source_url: 'https://police.example/news/a-b/',
      description: `About ${release.headline}.`,
    });
  });

  test('the key changes with a headline, and not with a body edit that leaves every row alone', () => {
    const release = makeRelease({ headline: 'Before' });
    const key = (r: Release) => planDataFiles(archiveOf([r]), site)[0]?.key;
    const bodyEdited: Release = { ...release, sourceHash: 'other', body: { html: '<p>New</p>' } };
    expect(key(bodyEdited)).toBe(key(release));
    expect(key({ ...release, headline: 'After' })).not.toBe(key(release));
  });
});

describe('csvChunks and ndjsonChunks', () => {
  const rows = (n: number): DataRow[] =>
    Array.from({ length: n }, (_, i) =>
      toDataRow(makeRelease({ headline: `Appeal, "number" ${i}\nsecond line` }), site),
    );

  test('an empty data set is a CSV header alone and an empty NDJSON file', () => {
    expect([...csvChunks([])].join('')).toBe(`${DATA_COLUMNS.join(',')}\r\n`);
    expect([...ndjsonChunks([])].join('')).toBe('');
  });

  test('at 10,000 rows, come out in chunks of 1,000 rows that parse back to every row', () => {
    const data = rows(10_000);
    const csv = [...csvChunks(data)];
    const ndjson = [...ndjsonChunks(data)];
    expect([csv.length, ndjson.length]).toEqual([10, 10]);
    // No chunk holds more than a thousand rows' text: a writer never holds the file.
    for (const chunk of [...csv, ...ndjson]) expect(chunk.length).toBeLessThan(400_000);
    const parsed = parse(csv.join(''), { columns: true, record_delimiter: '\r\n' }) as DataRow[];
    expect(parsed).toEqual(data);
    const lines = ndjson.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as DataRow)).toEqual(data);
  });
});

test('docs/data.md describes every column, in the files’ order', () => {
  const doc = readFileSync(new URL('../../../docs/data.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Columns'), doc.indexOf('## Terms'));
  const documented = [...section.matchAll(/^\| `([a-z_]+)` /gm)].map((m) => m[1]);
  expect(documented).toEqual([...DATA_COLUMNS]);
});
