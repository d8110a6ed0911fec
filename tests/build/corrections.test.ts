import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, makeProject, meta } from './site-output.ts';

/** A corrected release in the fixture site: its page, tags, JSON-LD, feeds and sitemap. */

const SITE_URL = 'https://fixture-gazette.example';
const URL = '/2023/11/06/bonfire-night-road-closures-cvxmkb/';
const CORRECTED = `\`\`\`yaml
area: Ashwick Vale
title: Bonfire night road closures | Ashwick Vale Police
url: https://www.ashwick.police.example/news/2023/november/bonfire-night-roads/
publish:
  date: 09:00 06/11/2023
  updated: 12:30 07/11/2023
corrections:
  - date: 17:45 08/11/2023
    note: The closure on Mill Street ends at 23:00, not 22:00.
  - date: 10:15 06/11/2023
    note: Corrected the name of the park.
\`\`\`

Several roads around Tollerby park will close for the bonfire.
`;

// The same release as a draft, to check the preview's notice as well.
const DRAFT_URL = '/2023/11/07/bonfire-night-safety-advice-akccpe/';
const DRAFT = `---
area: Ashwick Vale
title: Bonfire night safety advice
url: https://www.ashwick.police.example/news/2023/november/bonfire-safety/
draft: true
publish:
  date: 09:00 07/11/2023
---

Keep pets indoors.
`;

const PUBLISHED = '2023-11-06T09:00:00+00:00';
// The latest of publish.updated and the corrections' dates.
const MODIFIED = '2023-11-08T17:45:00+00:00';

let root: string;
let site: BuiltSite;

beforeAll(async () => {
  root = await makeProject();
  const file = path.join(root, 'content/ashwick-vale/bonfire-roads.md');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, CORRECTED);
  await writeFile(path.join(root, 'content/ashwick-vale/bonfire-safety.md'), DRAFT);
  const now = Date.parse(MODIFIED);
  const result = await buildSite({ root, env: {}, cache: false, now, drafts: true });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (file: string) => site.files.get(file)?.toString('utf8') ?? '';

describe('a corrected release', () => {
  test('its header says when it was updated', () => {
    const $ = site.page(URL);
    const updated = $('.release-meta .updated');
    expect(updated.text().replace(/\s+/g, ' ').trim()).toBe(
      'Updated Wednesday 8 November 2023, 17:45',
    );
    expect(updated.find('time').attr('datetime')).toBe(MODIFIED);
  });

  test('its page lists the corrections, oldest first, each with its date', () => {
    const $ = site.page(URL);
    expect($('#corrections-heading').text()).toBe('Corrections');
    const items = $('.corrections li')
      .toArray()
      .map((li) => [$(li).find('time').attr('datetime'), $(li).text().trim()]);
    expect(items).toEqual([
      [
        '2023-11-06T10:15:00+00:00',
        'Monday 6 November 2023, 10:15: Corrected the name of the park.',
      ],
      [
        MODIFIED,
        'Wednesday 8 November 2023, 17:45: The closure on Mill Street ends at 23:00, not 22:00.',
      ],
    ]);
  });

  test('article:modified_time and the JSON-LD dateModified are the latest change', () => {
    const $ = site.page(URL);
    expect(meta($, 'article:published_time')).toBe(PUBLISHED);
    expect(meta($, 'article:modified_time')).toBe(MODIFIED);
    const [article] = JSON.parse($('script[type="application/ld+json"]').text()) as {
      datePublished: string;
      dateModified: string;
    }[];
    expect([article?.datePublished, article?.dateModified]).toEqual([PUBLISHED, MODIFIED]);
  });

  test('a release never changed has no modified time, and dateModified is its publish date', () => {
    const $ = site.page('/2023/10/29/quiet-night-as-the-clocks-go-back-w474cz/');
    expect(meta($, 'article:modified_time')).toBeNull();
    expect($('.release-meta .updated, .corrections')).toHaveLength(0);
    const [article] = JSON.parse($('script[type="application/ld+json"]').text()) as {
      dateModified: string;
    }[];
    expect(article?.dateModified).toBe('2023-10-29T00:30:00+01:00');
  });

  test('feed entries carry the change as updated (Atom) and date_modified (JSON Feed)', () => {
    for (const base of ['', 'areas/ashwick-vale/']) {
      const atom = parseAtomFeed(text(`${base}feed.xml`));
      const entry = atom.entries?.find((e) => e.id === `${SITE_URL}${URL}`);
      expect([entry?.published, entry?.updated]).toEqual([PUBLISHED, MODIFIED]);
      expect(atom.updated).toBe(MODIFIED);
      const json = parseJsonFeed(JSON.parse(text(`${base}feed.json`)));
      const item = json.items?.find((i) => i.id === `${SITE_URL}${URL}`);
      expect([item?.date_published, item?.date_modified]).toEqual([PUBLISHED, MODIFIED]);
    }
  });

  test('the sitemap gives the change as its lastmod', () => {
    const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(
      text('sitemap.xml'),
    ) as { urlset: { url: { loc: string; lastmod: string }[] } };
    const entry = parsed.urlset.url.find((u) => u.loc === `${SITE_URL}${URL}`);
    expect(entry?.lastmod).toBe(MODIFIED);
  });

  test('its page, and a draft’s, pass html-validate', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const configFile = path.join(import.meta.dirname, '../../.htmlvalidate.json');
    for (const url of [URL, DRAFT_URL]) {
      const html = text(`${url.slice(1)}index.html`);
      expect(html, url).toContain('<h1');
      const report = await validator.validateString(html, configFile);
      const problems = report.results.flatMap((r) => r.messages.map((m) => m.message));
      expect(problems, url).toEqual([]);
    }
  });
});
