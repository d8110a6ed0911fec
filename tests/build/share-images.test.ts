import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/build/build-site.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { BuiltSite, meta, projectsRemovedAfterAll } from './site-output.ts';

const project = projectsRemovedAfterAll();
const SHARE_RULES = new Set(['share-image-missing', 'example-site-url']);

/** A fixture project whose site.json is changed by `edit`, and areas.yaml is `areas` when given. */
async function projectWith(
  edit: (site: Record<string, unknown>) => Record<string, unknown>,
  areas?: string,
): Promise<string> {
  const root = await project();
  const file = path.join(root, 'site.json');
  const site = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, `${JSON.stringify(edit(site), null, 2)}\n`);
  if (areas !== undefined) await writeFile(path.join(root, 'areas.yaml'), areas);
  return root;
}

const withImage = (url: string) => (site: Record<string, unknown>) => ({
  ...site,
  image: { url, alt: 'The archive', width: 1200, height: 630 },
});

async function build(root: string, env: NodeJS.ProcessEnv = {}, drafts = false) {
  const result: BuildResult = await buildSite({ root, env, drafts });
  if (!result.ok) throw new Error(`the build failed: ${JSON.stringify(result.diagnostics)}`);
  const warnings = result.diagnostics.filter((d) => SHARE_RULES.has(d.rule));
  return { site: await BuiltSite.read(path.join(root, '_site')), warnings };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer | undefined): { width: number; height: number } | null {
  if (bytes === undefined || bytes.subarray(1, 4).toString('latin1') !== 'PNG') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const AREAS = `areas:
  ashwick-vale:
    name: Ashwick Vale
    image:
      url: https://fixture-gazette.example/assets/areas/ashwick-vale.png
      alt: Ashwick Vale Police crest
`;

describe('the default share image', () => {
  test('ships as a 1200×630 PNG in the output, and every page names it on the site’s address', async () => {
    const { site, warnings } = await build(await projectWith(withImage('/assets/share.png')));
    expect(pngSize(site.files.get('assets/share.png'))).toEqual({ width: 1200, height: 630 });
    const $ = site.page('/areas/');
    expect(meta($, 'og:image')).toBe('https://fixture-gazette.example/assets/share.png');
    expect(meta($, 'twitter:image')).toBe('https://fixture-gazette.example/assets/share.png');
    expect(meta($, 'og:image:width')).toBe('1200');
    expect(warnings).toEqual([]);
  });

  test('follows --site-url and --path-prefix (their environment variables), as the pages do', async () => {
    const root = await projectWith(withImage('/assets/share.png'), AREAS);
    const env = { GAZETTE_SITE_URL: 'https://westshire.example', GAZETTE_PATH_PREFIX: 'archive' };
    const { site } = await build(root, env);
    const home = site.page('/');
    expect(home('link[rel=canonical]').attr('href')).toBe('https://westshire.example/archive/');
    expect(meta(home, 'og:image')).toBe('https://westshire.example/archive/assets/share.png');
    // An area image written on site.json's own host moves with the site too.
    const area = site.page('/areas/ashwick-vale/');
    expect(meta(area, 'og:image')).toBe(
      'https://westshire.example/archive/assets/areas/ashwick-vale.png',
    );
  });

  test('a full URL on site.json’s host moves with the deploy; one on another host stays', async () => {
    const own = await projectWith(withImage('https://fixture-gazette.example/assets/share.png'));
    const moved = await build(own, { GAZETTE_SITE_URL: 'https://westshire.example' });
    expect(meta(moved.site.page('/'), 'og:image')).toBe(
      'https://westshire.example/assets/share.png',
    );
    const other = await projectWith(withImage('https://cdn.westshire.example/share.png'));
    const kept = await build(other, { GAZETTE_SITE_URL: 'https://westshire.example' });
    expect(meta(kept.site.page('/'), 'og:image')).toBe('https://cdn.westshire.example/share.png');
    expect(kept.warnings).toEqual([]);
  });
});

describe('a release’s own share image', () => {
  test('on site.json’s address, moves with the deploy; on another host, stays as written', async () => {
    const root = await project();
    await writeFile(
      path.join(root, 'content/ashwick-vale/harvest-supper.md'),
      [
        '---',
        'area: Ashwick Vale',
        'title: Harvest supper raises funds for the rescue boat',
        'url: https://www.ashwick.police.example/news/harvest-supper/',
        'og:',
        '  image: https://fixture-gazette.example/assets/harvest-supper.png',
        'publish:',
        '  date: 19:00 02/10/2022',
        '---',
        '',
        'Officers served at the Fenwold harvest supper.',
        '',
      ].join('\n'),
    );
    const env = {
      GAZETTE_SITE_URL: 'https://news.westshire.example',
      GAZETTE_PATH_PREFIX: '/archive/',
    };
    const { site } = await build(root, env);
    const images = site.pages
      .filter((url) => /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(url))
      .map((url) => meta(site.page(url), 'og:image') ?? '');
    expect(images).toContain('https://news.westshire.example/archive/assets/harvest-supper.png');
    expect(images.filter((url) => url.includes('fixture-gazette.example'))).toEqual([]);
    expect(images).toContain(
      'https://images.ashwick.police.example/2022/06/fenwold-fete.jpg?w=600&h=300',
    );
  });
});

describe('a production build warns about share images and the site address', () => {
  test('names site.json’s image.url when its file is not in the output, at its line', async () => {
    const root = await projectWith(withImage('/assets/missing.png'));
    const { warnings } = await build(root);
    expect(warnings).toEqual([
      expect.objectContaining({
        file: 'site.json',
        line: 9,
        column: 13,
        field: 'image.url',
        rule: 'share-image-missing',
        severity: 'warning',
        reason:
          'The share image https://fixture-gazette.example/assets/missing.png is on this site, but the built site has no assets/missing.png: share previews of these pages would show no picture.',
      }) as Diagnostic,
    ]);
  });

  test('names an area’s image in areas.yaml when its file is not in the output', async () => {
    const root = await projectWith(withImage('/assets/share.png'), AREAS);
    const { warnings } = await build(root);
    expect(warnings.map(({ file, line, field, rule }) => ({ file, line, field, rule }))).toEqual([
      {
        file: 'areas.yaml',
        line: 5,
        field: 'areas.ashwick-vale.image.url',
        rule: 'share-image-missing',
      },
    ]);
  });

  test('is quiet once the image is in the project’s templates/assets/', async () => {
    const root = await projectWith(withImage('/assets/share.png'), AREAS);
    const png = await readFile(path.join(root, 'templates/assets/share.png'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(root, 'templates/assets/areas'), { recursive: true });
    await writeFile(path.join(root, 'templates/assets/areas/ashwick-vale.png'), png);
    const { site, warnings } = await build(root);
    expect(warnings).toEqual([]);
    expect(site.has('/assets/areas/ashwick-vale.png')).toBe(true);
  });

  test('names site.json’s url while it is the sample’s gazette.example, unless the deploy sets another', async () => {
    const sample = (site: Record<string, unknown>) => ({
      ...withImage('/assets/share.png')(site),
      url: 'https://gazette.example',
    });
    const root = await projectWith(sample);
    const { warnings } = await build(root);
    expect(warnings.map(({ file, line, field, rule }) => ({ file, line, field, rule }))).toEqual([
      { file: 'site.json', line: 4, field: 'url', rule: 'example-site-url' },
    ]);
    const deployed = await build(root, { GAZETTE_SITE_URL: 'https://archive.westshire.example' });
    expect(deployed.warnings).toEqual([]);
  });

  test('a preview build (drafts shown, as serve builds) does not warn', async () => {
    const root = await projectWith(withImage('/assets/missing.png'));
    expect((await build(root, {}, true)).warnings).toEqual([]);
  });
});
