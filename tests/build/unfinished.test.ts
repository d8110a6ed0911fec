import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadReleaseFile } from '../../src/load/to-release.ts';
import { captureIo } from '../cli/helpers.ts';
import {
  BuiltSite,
  listedReleases,
  meta,
  projectsRemovedAfterAll,
  runNode,
  type CliRun,
} from './site-output.ts';

/**
 * The scenario, as a new user tries it: `gazette new`, then
 * `npm run build` at once. The release still holds its placeholders, so the
 * production build leaves it out and names it; a preview shows it, marked.
 */

const newProject = projectsRemovedAfterAll();
const bin = path.resolve(import.meta.dirname, '../../bin/gazette.mjs');
const FILE = 'content/westshire/2024/appeal-after-fire-at-holm-farm.md';
// After the release's date (09:30 on 14 March 2024), so no embargo keeps it out.
const ENV = { GAZETTE_NOW: '12:00 14/03/2024' };

/** `npm run build` runs `node bin/gazette.mjs build`. */
const build = (root: string, ...flags: string[]): Promise<CliRun> =>
  runNode([bin, 'build', ...flags], { cwd: root, env: ENV });

/** Every text file of the built site that readers or feed readers get. */
function textFiles(site: BuiltSite): [string, string][] {
  return [...site.files]
    .filter(([file]) => /\.(html|xml|json|txt)$/.test(file) && !file.startsWith('pagefind/'))
    .map(([file, bytes]) => [file, bytes.toString('utf8')]);
}

describe('gazette new, then gazette build at once', () => {
  let root: string;
  let url: string;
  let run: CliRun;
  let site: BuiltSite;

  beforeAll(async () => {
    root = await newProject();
    const { io } = captureIo(root);
    expect(
      await main(['new', '--area', 'Westshire', '--title', 'Appeal after fire at Holm Farm'], io),
    ).toBe(0);
    const loaded = loadReleaseFile(FILE, await readFile(path.join(root, FILE)), {
      timeZone: 'Europe/London',
    });
    if (!loaded.ok) throw new Error(`${FILE} does not load`);
    url = loaded.release.url;
    run = await build(root);
    site = await BuiltSite.read(path.join(root, '_site'));
  });

  test('succeeds, and the summary names the unfinished release and what to do', () => {
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(1)).toEqual([
      `1 unfinished release left out (it still holds gazette new's placeholders): ${FILE}; fill it in (\`npx gazette check\` names what is left), then build again.`,
      '',
    ]);
    expect(run.stdout).toMatch(/^Built 14 releases into _site\//);
  });

  test('publishes no page for it, and the home page does not list it', () => {
    expect(site.has(url)).toBe(false);
    expect(listedReleases(site.page('/'))).not.toContain(url);
    expect(site.page('/')('main').text()).not.toContain('Holm Farm');
  });

  test('puts no placeholder text in any page, feed or sitemap', () => {
    const files = textFiles(site);
    expect(files.map(([file]) => file)).toEqual(
      expect.arrayContaining(['feed.xml', 'feed.json', 'sitemap.xml', 'index.html']),
    );
    for (const [file, text] of files) {
      expect(text, file).not.toContain('TODO');
      expect(text, file).not.toContain('example.invalid');
      expect(text, file).not.toContain('Holm Farm');
    }
  });

  test('a preview (--drafts) shows it, marked as unfinished and not for search engines', async () => {
    const preview = await build(root, '--drafts');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Built 15 releases into _site\/ .*\n$/);
    const shown = await BuiltSite.read(path.join(root, '_site'));
    const $ = shown.page(url);
    expect($('.release-notice').text().replace(/\s+/g, ' ').trim()).toBe(
      "Unfinished Not published: it still holds gazette new's placeholders (body, og.description, og.url, url), and production builds leave it out until they are filled in.",
    );
    expect(meta($, 'robots')).toBe('noindex');
    expect(listedReleases(shown.page('/'))[0]).toBe(url);
  });
});
