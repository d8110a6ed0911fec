import path from 'node:path';
import { ContentError } from '../diagnostics/content-error.ts';
import type { EleventyConfig } from './eleventy-types.ts';
import { withPathPrefix } from './paths.ts';
import { prepareSite, type Prepared } from './prepare.ts';

/** How the plugin gets its data: prepared ahead (one build) or freshly per build (serve). */
export interface GazettePluginOptions {
  /** Project root holding site.json, content/ and templates/. */
  readonly root: string;
  /** A model prepared by the caller; when absent, every build prepares its own. */
  readonly prepared?: Prepared;
}

/**
 * Wires Gazette into Eleventy: Nunjucks templates in `templates/`, the site
 * model (with the site settings as `gazette.site`) as global data `gazette`, and assets.
 */
export function gazettePlugin(config: EleventyConfig, options: GazettePluginOptions): void {
  config.setTemplateFormats(['njk']);
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  config.addPassthroughCopy({ [path.join(options.root, 'templates/assets')]: 'assets' });

  if (options.prepared === undefined) {
    config.addWatchTarget(path.join(options.root, 'content'));
    config.addWatchTarget(path.join(options.root, 'site.json'));
  }
  const prefix = options.prepared?.site.pathPrefix ?? '/';
  // Added to Nunjucks itself: Eleventy wraps its own filters in per-call
  // bookkeeping that cost a fifth of the render time at a thousand releases.
  config.amendLibrary('njk', (env) => {
    env.addFilter('href', (value: string) => withPathPrefix(prefix, value));
  });
  // One global datum: in serve mode each rebuild reads content afresh, once.
  config.addGlobalData('gazette', async () => {
    const { model, diagnostics } = options.prepared ?? (await prepareSite(options.root));
    if (model === null) throw new ContentError(diagnostics);
    return model;
  });
}
