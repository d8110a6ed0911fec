import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildArchive } from '../../../src/archive/archive.ts';
import { idleTemplates } from '../../../src/build/plugin.ts';
import { assembleModel, planSite } from '../../../src/site/site-model.ts';
import { makeRelease, newestFirst } from '../archive/make-release.ts';
import { renderSite } from '../site/render-site.ts';

const templates = path.resolve(import.meta.dirname, '../../../templates');
const names = (files: string[]) => files.map((f) => path.basename(f)).sort();
const plan = planSite(buildArchive(newestFirst([makeRelease()])), renderSite());

describe('templates an Eleventy run can leave out', () => {
  test('are those whose pages the model has none of: after an edit, all but release and list', () => {
    const model = assembleModel(plan, {
      releases: plan.releaseViews(0, 1),
      lists: plan.listViews(0, 1),
      oneOffs: [],
    });
    expect(names(idleTemplates(templates, model))).toEqual([
      '404.njk',
      'areas.njk',
      'data.njk',
      'feed-atom.njk',
      'feed-json.njk',
      'feed-rss.njk',
      'headers.njk',
      'index.njk',
      'robots.njk',
      'search.njk',
      'sitemap.njk',
    ]);
  });

  test('are none when the model has every kind of page', () => {
    const model = assembleModel(plan, {
      releases: plan.releaseViews(0, 1),
      lists: plan.listViews(0, 1),
      oneOffs: ['/', '/areas/', '/search/', '/data/', '/404.html', '/_headers'],
      feeds: plan.feeds.map((feed) => feed.view()),
      sitemaps: plan.sitemaps.map((sitemap) => sitemap.view()),
      robots: true,
    });
    expect(idleTemplates(templates, model)).toEqual([]);
  });

  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  test("keep a project's own template that does not paginate over an empty gazette list", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gazette-idle-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'about.njk'), '---\npermalink: /about/\n---\nAbout us.\n');
    await writeFile(
      path.join(dir, 'areas-again.njk'),
      '---\npagination:\n  data: gazette.home.areas\n  size: 1\n---\n{{ pagination.items[0].label }}\n',
    );
    await writeFile(
      path.join(dir, 'press.njk'),
      '---\npagination:\n  data: gazette.releases\n  size: 1\n---\n{{ view.headline }}\n',
    );
    const model = assembleModel(plan, { releases: [], lists: [], oneOffs: [] });
    expect(names(idleTemplates(dir, model))).toEqual(['press.njk']);
  });
});
