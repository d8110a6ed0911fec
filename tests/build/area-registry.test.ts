import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, gazetteBin, makeProject, meta } from './site-output.ts';

const REGISTRY = `areas:
  ashwick-vale:
    name: Ashwick Vale
    aliases: [Ashwick, Ashwick Vale Police]
    description: Tollerby, Fenwold and Harrowmere.
    image:
      url: https://fixture-gazette.example/assets/areas/ashwick-vale.png
      alt: Ashwick Vale Police crest
  corriston:
    name: The Corriston Isles
    aliases: [Corriston Isles]
`;

const PATROLS = '/2023/01/09/new-year-patrols-in-tollerby-town-centre-jjwn6y/';
const LOST_CHILD = '/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/';
const SITE_IMAGE = 'https://fixture-gazette.example/assets/share.png';
const AREA_IMAGE = 'https://fixture-gazette.example/assets/areas/ashwick-vale.png';

const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fixture project with areas.yaml, where one Ashwick Vale release names its area by an alias. */
async function registryProject(): Promise<string> {
  const root = await makeProject();
  cleanup.push(root);
  await writeFile(path.join(root, 'areas.yaml'), REGISTRY);
  const patrols = path.join(root, 'content/ashwick-vale/new-year-patrols.md');
  const text = await readFile(patrols, 'utf8');
  await writeFile(patrols, text.replace('area: Ashwick Vale', 'area: Ashwick'));
  return root;
}

describe('a build with an area registry', () => {
  let root: string;
  let site: BuiltSite;

  beforeAll(async () => {
    root = await registryProject();
    const result = await buildSite({ root, env: {} });
    expect(result.ok).toBe(true);
    site = await BuiltSite.read(path.join(root, '_site'));
  });

  test('files a release named by an alias under the area’s name and slug', () => {
    const $ = site.page(PATROLS);
    expect($('.breadcrumbs a, nav a').filter((_, a) => $(a).text() === 'Ashwick Vale').length).toBe(
      1,
    );
    expect($('a[href="/areas/ashwick-vale/"]').length).toBeGreaterThan(0);
    expect(meta($, 'article:section')).toBe('Ashwick Vale');
    expect(site.has('/areas/ashwick/')).toBe(false);
    const listed = site.page('/areas/ashwick-vale/');
    expect(listed('main').text()).toContain('7 releases from Ashwick Vale');
  });

  test('moves an area to the registry’s slug and display name', () => {
    expect(site.has('/areas/corriston-isles/')).toBe(false);
    const $ = site.page('/areas/corriston/');
    expect($('h1').text().trim()).toBe('The Corriston Isles');
    expect(site.page('/areas/')('main').text()).toContain('The Corriston Isles');
  });

  test('shows the area’s description under its heading and on the areas index', () => {
    const $ = site.page('/areas/ashwick-vale/');
    expect($('h1 + .area-description').text()).toBe('Tollerby, Fenwold and Harrowmere.');
    const row = site.page('/areas/')('th:contains("Ashwick Vale")');
    expect(row.find('.area-note').text()).toBe('Tollerby, Fenwold and Harrowmere.');
    // Areas without a description show none.
    expect(site.page('/areas/corriston/')('.area-description').length).toBe(0);
    expect(site.page('/areas/brindlecombe/')('.area-description').length).toBe(0);
  });

  test('gives area pages and image-less releases the area’s share image, with its alt', () => {
    for (const url of ['/areas/ashwick-vale/', '/areas/ashwick-vale/2023/', PATROLS]) {
      const $ = site.page(url);
      expect(meta($, 'og:image'), url).toBe(AREA_IMAGE);
      expect(meta($, 'og:image:alt'), url).toBe('Ashwick Vale Police crest');
    }
    const jsonLd = JSON.parse(site.page(PATROLS)('script[type="application/ld+json"]').text()) as {
      image: string[];
      contentLocation: { name: string };
    }[];
    expect(jsonLd[0]?.image).toEqual([AREA_IMAGE]);
    expect(jsonLd[0]?.contentLocation.name).toBe('Ashwick Vale');
  });

  test('keeps a release’s own image, and the site default where the area has none', () => {
    expect(meta(site.page(LOST_CHILD), 'og:image')).toContain('images.ashwick.police.example');
    expect(meta(site.page('/areas/corriston/'), 'og:image')).toBe(SITE_IMAGE);
    expect(meta(site.page('/areas/brindlecombe/'), 'og:image')).toBe(SITE_IMAGE);
  });

  test('builds areas the registry does not know as written', () => {
    const $ = site.page('/areas/brindlecombe/');
    expect($('h1').text().trim()).toBe('Brindlecombe');
    expect(site.has('/areas/leicestershire/')).toBe(true);
  });

  test('puts the display name in feed categories', async () => {
    const feed = JSON.parse(
      (await readFile(path.join(root, '_site/areas/ashwick-vale/feed.json'), 'utf8')) as string,
    ) as { items: { url: string; tags?: string[] }[] };
    const patrols = feed.items.find((item) => item.url.endsWith(PATROLS));
    expect(patrols?.tags).toEqual(['Ashwick Vale']);
  });
});

describe('rebuilding after areas.yaml changes', () => {
  test('an edited description reaches the area page on an incremental build', async () => {
    const root = await registryProject();
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    await writeFile(
      path.join(root, 'areas.yaml'),
      REGISTRY.replace('Tollerby, Fenwold and Harrowmere.', 'The vale and its three towns.'),
    );
    const result = await buildSite({ root, env: {} });
    expect(result.ok && result.rendered).toBeGreaterThan(0);
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect(site.page('/areas/ashwick-vale/')('.area-description').text()).toBe(
      'The vale and its three towns.',
    );
  });

  test('a new alias moves a release to its area on the next build', async () => {
    const root = await registryProject();
    await writeFile(path.join(root, 'areas.yaml'), REGISTRY.replace('[Ashwick, ', '['));
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    expect((await BuiltSite.read(path.join(root, '_site'))).has('/areas/ashwick/')).toBe(true);
    await writeFile(path.join(root, 'areas.yaml'), REGISTRY);
    expect((await buildSite({ root, env: {} })).ok).toBe(true);
    const site = await BuiltSite.read(path.join(root, '_site'));
    expect(site.has('/areas/ashwick/')).toBe(false);
    expect(meta(site.page(PATROLS), 'article:section')).toBe('Ashwick Vale');
  });
});

describe('a broken areas.yaml', () => {
  test('stops the build with the registry’s located error and leaves _site/ alone', async () => {
    const root = await registryProject();
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [gazetteBin, ...args], {
        cwd: root,
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      });
    expect(cli(['build']).status).toBe(0);
    const before = await readFile(path.join(root, '_site/areas/ashwick-vale/index.html'), 'utf8');
    await writeFile(
      path.join(root, 'areas.yaml'),
      REGISTRY.replace('    description: Tollerby', '    descripton: Tollerby'),
    );
    const run = cli(['build']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'areas.yaml:5:17  error  "descripton" is not an area field.  [registry-unknown-field]',
    );
    expect(run.stderr).toContain('field: areas.ashwick-vale.descripton');
    expect(run.stderr).toContain('hint: ');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(path.join(root, '_site/areas/ashwick-vale/index.html'), 'utf8')).toBe(
      before,
    );
  });
});
