import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadReleaseFile } from '../../src/load/to-release.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, fixtureDir } from './site-output.ts';

/** Images and relative links in a body, on the release page and in every feed. */

// Must match tests/fixtures/site/site.json.
const SITE_URL = 'https://fixture-gazette.example';
const SOURCE = 'https://www.wexmoor.police.example/news/2024/march/holm-farm-fire/';
const RELEASE = `---
area: Wexmoor
title: Appeal after fire at Holm Farm | Wexmoor Constabulary
url: ${SOURCE}
publish:
  date: 09:30 14/03/2024
---

![Barn at Holm Farm](https://media.wexmoor.police.example/holm-farm.jpg)

Officers are appealing for dashcam footage. [Report it online](/advice/report/), read
[the earlier appeal](earlier.html) or see [![Poster](https://media.wexmoor.police.example/poster.png)](https://www.wexmoor.police.example/appeals/)

![][map]

[map]: https://media.wexmoor.police.example/maps/holm-road.png
`;
const OTHER = `---
area: Saltmere
title: Harbour road reopens | Saltmere Police
url: https://www.saltmere.police.example/news/harbour-road/
publish:
  date: 08:00 13/03/2024
---

The road is open again.
`;

let root: string;
let site: BuiltSite;
let releaseUrl: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gazette-body-links-'));
  await cp(path.join(import.meta.dirname, '../../templates'), path.join(root, 'templates'), {
    recursive: true,
  });
  await cp(path.join(fixtureDir, 'site.json'), path.join(root, 'site.json'));
  await mkdir(path.join(root, 'content'));
  await writeFile(path.join(root, 'content/holm-farm.md'), RELEASE);
  await writeFile(path.join(root, 'content/harbour-road.md'), OTHER);
  const loaded = loadReleaseFile('content/holm-farm.md', Buffer.from(RELEASE), {
    timeZone: 'Europe/London',
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  releaseUrl = loaded.release.url;
  const result = await buildSite({ root, env: {}, cache: false, now: Date.parse('2024-04-01') });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (file: string) => site.files.get(file)?.toString('utf8') ?? '';
const fragment = (html: string) => load(html, null, false);

/** The release's body HTML in each feed that lists it, by feed file. */
function feedBodies(): Map<string, string> {
  const bodies = new Map<string, string>();
  const xml = new XMLParser({ isArray: (name) => name === 'entry' });
  for (const file of site.files.keys()) {
    if (file.endsWith('feed.xml')) {
      const feed = xml.parse(text(file)) as { feed: { entry?: { id: string; content: string }[] } };
      const entry = feed.feed.entry?.find((e) => e.id === `${SITE_URL}${releaseUrl}`);
      if (entry !== undefined) bodies.set(file, entry.content);
    } else if (file.endsWith('feed.json')) {
      const feed = JSON.parse(text(file)) as { items: { id: string; content_html: string }[] };
      const item = feed.items.find((i) => i.id === `${SITE_URL}${releaseUrl}`);
      if (item !== undefined) bodies.set(file, item.content_html);
    }
  }
  return bodies;
}

/** Sources of `img` elements that point off the site. */
function remoteImages($: CheerioAPI): string[] {
  return $('img')
    .toArray()
    .map((img) => $(img).attr('src') ?? '')
    .filter((src) => new URL(src, `${SITE_URL}/`).origin !== SITE_URL);
}

/** Every link in a body as [text, href], href null when it has none. */
function links($: CheerioAPI, selector = 'a'): [string, string | null][] {
  return $(selector)
    .toArray()
    .map((a) => [$(a).text(), $(a).attr('href') ?? null]);
}

const EXPECTED_LINKS = [
  ['Image: Barn at Holm Farm', 'https://media.wexmoor.police.example/holm-farm.jpg'],
  ['Report it online', 'https://www.wexmoor.police.example/advice/report/'],
  ['the earlier appeal', `${SOURCE}earlier.html`],
  ['Image: Poster', 'https://www.wexmoor.police.example/appeals/'],
  ['Image: holm-road.png', 'https://media.wexmoor.police.example/maps/holm-road.png'],
];

describe('images and relative links in a body', () => {
  test('no page and no feed holds an img from another site', () => {
    const feeds = [...site.files.keys()].filter((f) => /feed\.(xml|json)$/.test(f));
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    for (const url of site.pages) expect(remoteImages(site.page(url)), url).toEqual([]);
    for (const [file, html] of feedBodies()) expect(remoteImages(fragment(html)), file).toEqual([]);
  });

  test('on the release page, each image is a link to it with its alt text, and relative links resolve against the source', () => {
    const $ = site.page(releaseUrl);
    expect($('.release-body img')).toHaveLength(0);
    expect(links($, '.release-body a')).toEqual(EXPECTED_LINKS);
  });

  test('the site feed and the area feed give the same links in their Atom and JSON entries', () => {
    const bodies = feedBodies();
    expect([...bodies.keys()].sort()).toEqual([
      'areas/wexmoor/feed.json',
      'areas/wexmoor/feed.xml',
      'feed.json',
      'feed.xml',
    ]);
    for (const [file, html] of bodies) expect(links(fragment(html)), file).toEqual(EXPECTED_LINKS);
  });
});
