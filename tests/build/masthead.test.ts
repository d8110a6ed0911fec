import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, projectsRemovedAfterAll } from './site-output.ts';

/** The site header: the configured name on every page, with the logo site.json may name. */

const project = projectsRemovedAfterAll();

async function buildWith(settings: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const root = await project();
  const file = path.join(root, 'site.json');
  const site = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...site, ...settings }));
  const result = await buildSite({ root, env });
  expect(result.ok).toBe(true);
  return BuiltSite.read(path.join(root, '_site'));
}

test('every page names the site in its header, linked home, with the logo under the path prefix', async () => {
  const site = await buildWith(
    { title: 'Westshire archive', logo: '/assets/favicon.svg' },
    { GAZETTE_PATH_PREFIX: '/news/' },
  );
  const pages = site.pages.filter((url) => url.endsWith('/'));
  expect(pages.length).toBeGreaterThan(20);
  for (const url of pages) {
    const $ = site.page(url);
    const title = $('.site-header a.site-title');
    expect(title.text().trim(), url).toBe('Westshire archive');
    expect(title.attr('href'), url).toBe('/news/');
    const logo = title.find('img.site-logo');
    expect(logo.attr('src'), url).toBe('/news/assets/favicon.svg');
    // Decorative: the name beside it says what it is.
    expect(logo.attr('alt'), url).toBe('');
  }
  expect(site.has('/assets/favicon.svg')).toBe(true);
});

test('without a logo the header has the name alone', async () => {
  const site = await buildWith({ title: 'Westshire archive' });
  expect(site.page('/')('.site-header img')).toHaveLength(0);
  expect(site.page('/')('.site-header .site-title').text().trim()).toBe('Westshire archive');
});
