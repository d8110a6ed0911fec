import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/cli/check.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, makeProject, meta } from './site-output.ts';

/**
 * What scrapers really write, published as a person fixing it by hand would
 * have it, each quirk with a located warning from `gazette check`.
 */

const FILES: Record<string, string> = {
  // A site-relative og.image, entities and all; an og.url with tracking.
  'relative.md': `\`\`\`yaml
area: Westshire
og:
  image: /SysSiteAssets/media/fire.jpg?w=600&amp;h=300
  url: /news/barn-fire/?utm_source=share
title: Barn fire in Holm | Westshire Police
url: https://www.westshire.police.example/news/2021/june/barn-fire/
publish:
  date: 09:00 01/06/2021
\`\`\`

Fire crews attended a barn fire in Holm.
`,
  // No og block: the headline comes from title, the description from the body.
  'no-og.md': `---
area: WESTSHIRE
title: Road closed after crash | Westshire Police
url: https://www.westshire.police.example/news/2021/june/road-closed/
publish:
  date: 10:00 01/06/2021
---

The A1 is closed northbound after a crash near Syston.
`,
  // Zero-width space, a right-to-left mark and no-break spaces copied from the page.
  'invisible.md': `---
area: "West\u200bshire"
title: "Missing\u00a0woman found safe\u200f | Westshire Police"
url: https://www.westshire.police.example/news/2021/june/found-safe/
publish:
  date: 11:00 01/06/2021
  modifed: 12:00 01/06/2021
og:
  description:
---

Thank you for sharing our appeal.
`,
};

let root: string;
let site: BuiltSite;

beforeAll(async () => {
  root = await makeProject();
  for (const [name, text] of Object.entries(FILES)) {
    const file = path.join(root, 'content/westshire', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.reason).join('\n'));
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

/** The release page whose "Original release" link is `source`. */
function pageOf(source: string) {
  const url = site.pages.find((page) => site.page(page)('.source a').attr('href') === source);
  if (url === undefined) throw new Error(`no page for ${source}`);
  return site.page(url);
}

describe('a build of scraped releases', () => {
  test('publishes a relative og.image and og.url resolved against the source page', () => {
    const $ = pageOf('https://www.westshire.police.example/news/2021/june/barn-fire/');
    expect(meta($, 'og:image')).toBe(
      'https://www.westshire.police.example/SysSiteAssets/media/fire.jpg?w=600&h=300',
    );
  });

  test('without an og block, takes the headline from title and the description from the body', () => {
    const $ = pageOf('https://www.westshire.police.example/news/2021/june/road-closed/');
    expect($('h1').text()).toBe('Road closed after crash');
    expect(meta($, 'og:title')).toBe('Road closed after crash');
    expect(meta($, 'og:description')).toBe(
      'The A1 is closed northbound after a crash near Syston.',
    );
  });

  test('shows one area for every spelling, in the spelling most releases use', () => {
    const areas = site.pages.filter((url) => /^\/areas\/[^/]+\/$/.test(url));
    expect(areas).toContain('/areas/westshire/');
    const $ = site.page('/areas/westshire/');
    expect($('h1').text()).toBe('Westshire');
    const labels = ['barn-fire', 'road-closed', 'found-safe'].map((name) =>
      pageOf(`https://www.westshire.police.example/news/2021/june/${name}/`)(
        'a[href="/areas/westshire/"]',
      )
        .first()
        .text()
        .trim(),
    );
    expect(labels).toEqual(['Westshire', 'Westshire', 'Westshire']);
  });

  test('lets no invisible or bidi character reach any page, feed or sitemap', () => {
    const invisible = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\u2060]/u;
    const carrying = [...site.files]
      .filter(([name]) => /\.(html|xml|json|txt)$/.test(name))
      .filter(([, bytes]) => invisible.test(bytes.toString('utf8')))
      .map(([name]) => name);
    expect(carrying).toEqual([]);
    const $ = pageOf('https://www.westshire.police.example/news/2021/june/found-safe/');
    expect($('h1').text()).toBe('Missing woman found safe');
  });
});

describe('gazette check on the same files', () => {
  test('warns of each quirk at its place, and of nothing it cannot see', async () => {
    const { diagnostics } = await checkContent(
      { root, paths: ['content/westshire'], json: false, strict: false },
      root,
    );
    expect(
      diagnostics
        .filter((d) => d.rule !== 'no-og-image')
        .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.reason}`),
    ).toEqual([
      'content/westshire/invisible.md:7:12 warning [unknown-field] The field "publish.modifed" is not one Gazette reads, so it is ignored; it probably means publish.updated.',
      'content/westshire/invisible.md:9:3 warning [empty-optional] The field "og.description" is empty, so the release is published without it.',
      'content/westshire/no-og.md:2:7 warning [area-spelling] The area "WESTSHIRE" is spelt "Westshire" by other releases; pages show "Westshire".',
      'content/westshire/relative.md:4:10 warning [relative-url] og.image "/SysSiteAssets/media/fire.jpg?w=600&h=300" is a path on the source site; it is published as https://www.westshire.police.example/SysSiteAssets/media/fire.jpg?w=600&h=300.',
      'content/westshire/relative.md:5:8 warning [relative-url] og.url "/news/barn-fire/?utm_source=share" is a path on the source site; it is published as https://www.westshire.police.example/news/barn-fire/?utm_source=share.',
    ]);
  });
});
