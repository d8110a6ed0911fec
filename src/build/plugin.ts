import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildArchive } from '../archive/archive.ts';
import { formatReport } from '../diagnostics/format.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import type { EleventyConfig, NunjucksEngineEvent } from './eleventy-types.ts';
import { withPathPrefix } from '../site/paths.ts';
import { writeDataFiles } from './data-phase.ts';
import { loadProject } from './load-phase.ts';
import { selectReleases } from './select-phase.ts';
import { buildModelSlice, planSite, type SitePlan } from '../site/site-model.ts';
import type { SiteModel } from '../site/view-types.ts';
import { projectPaths } from '../model/project-paths.ts';

/**
 * How the plugin gets its data: given for each run (a Gazette build), or
 * loaded by the plugin on every Eleventy build (Eleventy run by itself
 * through `.eleventy.ts`, whose `--serve` rebuilds as files change).
 */
export interface GazettePluginOptions {
  /** Project root holding site.json, content/ and templates/. */
  readonly root: string;
  /** The data for this run, from the caller; when absent, every build loads content itself. */
  readonly model?: SiteModel;
  /** The folder Eleventy renders from (the theme, or it merged with the project's overrides). */
  readonly templates?: string;
}

/**
 * Wires Gazette into Eleventy: Nunjucks templates in `templates/`, the site
 * model (with the site settings as `gazette.site`) as global data `gazette`, and assets.
 */
export function gazettePlugin(config: EleventyConfig, options: GazettePluginOptions): void {
  config.setTemplateFormats(['njk']);
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  const paths = projectPaths(options.root);
  if (options.model === undefined) {
    // A Gazette build copies assets itself; Eleventy run by itself must copy them.
    config.addPassthroughCopy({ [paths.assets]: 'assets' });
    config.addWatchTarget(path.join(options.root, 'content'));
    config.addWatchTarget(paths.siteConfig);
  }
  if (options.model !== undefined) {
    // A build renders from templates/ alone: no .gitignore to read or match.
    config.setUseGitIgnore(false);
    for (const file of idleTemplates(options.templates ?? paths.templates, options.model)) {
      config.ignores.add(file);
    }
  }
  compileNunjucksOnce(config);
  let prefix = options.model?.site.pathPrefix ?? '/';
  // Added to Nunjucks itself: Eleventy wraps its own filters in per-call
  // bookkeeping that cost a fifth of the render time at a thousand releases.
  config.amendLibrary('njk', (env) => {
    env.addFilter('href', (value: string) => withPathPrefix(prefix, value));
  });
  let planned: SitePlan | undefined;
  // One global datum: without a model, each Eleventy build reads content afresh, once.
  config.addGlobalData('gazette', async () => {
    if (options.model !== undefined) return options.model;
    planned = await loadPlan(options.root);
    // The settings are known only now; the pages render after the data.
    prefix = planned.site.pathPrefix;
    return wholeSite(planned);
  });
  if (options.model === undefined) {
    // A Gazette build writes the data files itself; Eleventy run by itself must write them.
    config.on('eleventy.after', ({ dir }) => {
      if (planned !== undefined) writeDataFiles(path.resolve(dir.output), planned.dataFiles);
    });
  }
}

/**
 * Plans the site through the build's own load, select and plan phases, for
 * a run of Eleventy with no model given (`.eleventy.ts`): drafts and
 * embargoed releases are left out as in a production build.
 */
async function loadPlan(root: string): Promise<SitePlan> {
  // No load cache here, so bodies are inline and there is nothing to close.
  const loaded = await loadProject(root);
  const selected = selectReleases(loaded);
  if (!selected.plannable)
    throw new GazetteError('content', formatReport([...loaded.areaErrors, ...loaded.diagnostics]));
  return planSite(buildArchive(selected.releases), loaded.site, loaded.bodies, { now: loaded.now });
}

/** The whole site in one run, as Eleventy run by itself renders it. */
function wholeSite(plan: SitePlan): SiteModel {
  return buildModelSlice(plan, {
    releases: [0, plan.releaseCount],
    lists: [0, plan.listCount],
    oneOffs: true,
  });
}

/**
 * Eleventy 3.1's Nunjucks engine opts out of Eleventy's compile cache, so it
 * compiles a template (and its layout) afresh for every page: at 20,000 pages
 * that was a third of a build. This override compiles each template text once
 * per run, in the environment Eleventy set up (same filters, autoescape and
 * include loader), and lets Eleventy cache it like any other engine's output.
 */
function compileNunjucksOnce(config: EleventyConfig): void {
  let engine: NunjucksEngineEvent | undefined;
  config.on('eleventy.engine.njk', (event) => {
    engine = event;
  });
  config.addExtension('njk', {
    // `permalink: true`: permalinks are Nunjucks too, rendered through this compile.
    compileOptions: { cache: true, permalink: true },
    compile(source, inputPath) {
      if (engine === undefined) throw new Error('Eleventy did not set up Nunjucks');
      const template = new engine.nunjucks.Template(source, engine.environment, inputPath, false);
      return (data) =>
        new Promise((resolve, reject) => {
          template.render(data, (error, result) => (error ? reject(error) : resolve(result)));
        });
    },
  });
}

/**
 * Templates that would make no page in this run: those paginating over
 * `gazette.<path>` where that list is empty in the model. An update after one
 * edit renders a release and a few lists, and Eleventy need not read, parse
 * and set up the other templates. A template whose front matter says
 * anything else is always kept.
 */
export function idleTemplates(dir: string, model: SiteModel): string[] {
  const idle: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.njk')) continue;
    const file = path.join(dir, name);
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    const data = /^\s+data:\s*gazette\.([\w.]+)\s*$/m.exec(front)?.[1];
    if (data === undefined) continue;
    let value: unknown = model;
    for (const key of data.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    if (Array.isArray(value) && value.length === 0) idle.push(path.relative(process.cwd(), file));
  }
  return idle;
}
