import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { loadProject } from '../../src/build/load-phase.ts';
import { renderFingerprint } from '../../src/build/page-manifest.ts';
import { mergeTemplates, templateLayers, THEME } from '../../src/build/theme.ts';
import { BuiltSite, projectsRemovedAfterAll } from './site-output.ts';

const project = projectsRemovedAfterAll();

/** A fixture project with no templates/ of its own. */
async function themeOnly(): Promise<string> {
  const root = await project();
  await rm(path.join(root, 'templates'), { recursive: true, force: true });
  return root;
}

async function write(root: string, file: string, text: string): Promise<void> {
  const target = path.join(root, 'templates', file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
}

async function build(root: string): Promise<{ site: BuiltSite; incremental: boolean }> {
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error(`the build failed: ${JSON.stringify(result.diagnostics)}`);
  return { site: await BuiltSite.read(path.join(root, '_site')), incremental: result.incremental };
}

const footerOf = (site: BuiltSite, url: string) =>
  site.page(url)('footer.site-footer').text().trim();
const styleOf = (site: BuiltSite) => site.files.get('assets/style.css')?.toString('utf8');

const OWN_FOOTER =
  '<footer class="site-footer"><p>Run by the Westshire Archive Trust.</p></footer>\n';
const OWN_STYLE = ':root { --link: #7a1f5c; }\n';

describe('the default theme and project overrides', () => {
  test('a project without templates/ builds every page with the theme and its assets', async () => {
    const { site } = await build(await themeOnly());
    expect(footerOf(site, '/')).toContain('Fixture Gazette: Invented press releases');
    expect(styleOf(site)).toBe(await readFile(path.join(THEME, 'assets/style.css'), 'utf8'));
    expect(site.has('/assets/search.js')).toBe(true);
    expect(site.has('/areas/')).toBe(true);
  });

  test('a project partial and stylesheet replace the theme’s, and the rest comes from the theme', async () => {
    const root = await themeOnly();
    await write(root, '_includes/footer.njk', OWN_FOOTER);
    await write(root, 'assets/style.css', OWN_STYLE);
    const { site } = await build(root);
    expect(footerOf(site, '/')).toBe('Run by the Westshire Archive Trust.');
    expect(footerOf(site, '/areas/')).toBe('Run by the Westshire Archive Trust.');
    expect(styleOf(site)).toBe(OWN_STYLE);
    // The theme still gives the layout around the footer, and the other assets.
    expect(site.page('/')('header.site-header a.site-title').text()).toBe('Fixture Gazette');
    expect(site.has('/assets/favicon.svg')).toBe(true);
  });

  test('a project page template replaces the theme’s page of that name', async () => {
    const root = await themeOnly();
    const theme404 = await readFile(path.join(THEME, '404.njk'), 'utf8');
    await write(root, '404.njk', theme404.replace(/<h1>[^<]*<\/h1>/, '<h1>Nothing here</h1>'));
    const { site } = await build(root);
    expect(site.page('/404.html')('h1').text()).toBe('Nothing here');
  });

  test('adding, editing and removing an override each render every page again', async () => {
    const root = await themeOnly();
    await build(root);
    expect((await build(root)).incremental).toBe(true);

    await write(root, '_includes/footer.njk', OWN_FOOTER);
    const added = await build(root);
    expect(added.incremental).toBe(false);
    expect(footerOf(added.site, '/')).toBe('Run by the Westshire Archive Trust.');

    await write(root, '_includes/footer.njk', OWN_FOOTER.replace('Trust', 'Society'));
    const edited = await build(root);
    expect(edited.incremental).toBe(false);
    expect(footerOf(edited.site, '/')).toBe('Run by the Westshire Archive Society.');

    await rm(path.join(root, 'templates'), { recursive: true });
    const removed = await build(root);
    expect(removed.incremental).toBe(false);
    expect(footerOf(removed.site, '/')).toContain('Fixture Gazette: Invented press releases');
  });

  test('removing one override of two restores the theme’s file and keeps the other', async () => {
    const root = await themeOnly();
    await write(root, '_includes/footer.njk', OWN_FOOTER);
    await write(root, 'assets/style.css', OWN_STYLE);
    await build(root);
    await rm(path.join(root, 'templates/assets/style.css'));
    const { site } = await build(root);
    expect(styleOf(site)).toBe(await readFile(path.join(THEME, 'assets/style.css'), 'utf8'));
    expect(footerOf(site, '/')).toBe('Run by the Westshire Archive Trust.');
  });

  test('a failing override is reported at the project’s file, not at its merged copy', async () => {
    const root = await themeOnly();
    await write(
      root,
      '_includes/footer.njk',
      '<footer>{{ gazette.site.title | nosuchfilter }}</footer>\n',
    );
    const failure = buildSite({ root, env: {} });
    await expect(failure).rejects.toThrow(path.join(root, 'templates/_includes/footer.njk'));
    await expect(failure).rejects.not.toThrow('.cache');
  });

  test('with neither a theme nor templates of its own, the build says what is missing', async () => {
    const root = await themeOnly();
    const layers = templateLayers(root, path.join(root, 'no-theme'));
    expect(() => mergeTemplates(layers)).toThrow(
      `There are no templates to render with: Gazette's default theme (${path.join(root, 'no-theme')}) is missing, and the project has no templates/ of its own. Install Gazette again (npm install).`,
    );
  });

  test('the page fingerprint covers the theme and the project’s overrides', async () => {
    const root = await themeOnly();
    const loaded = await loadProject(root, { env: {} });
    loaded.bodies.close();
    const output = path.join(root, '_site');
    const fingerprint = () => renderFingerprint(root, loaded.site, output);
    const theme = fingerprint();
    expect(fingerprint()).toBe(theme);
    await write(root, 'assets/style.css', OWN_STYLE);
    const styled = fingerprint();
    expect(styled).not.toBe(theme);
    await write(root, 'assets/style.css', OWN_STYLE.replace('#7a1f5c', '#1f5c7a'));
    expect(fingerprint()).not.toBe(styled);
    await rm(path.join(root, 'templates'), { recursive: true });
    expect(fingerprint()).toBe(theme);
  });
});
