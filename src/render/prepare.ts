import { buildArchive } from '../archive/archive.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadReleases } from '../load/load-releases.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import type { RenderSite } from './head.ts';
import { buildSiteModel } from './site-model.ts';
import type { SiteModel } from './view-types.ts';

/** Everything a build needs once content has loaded. */
export interface Prepared {
  readonly site: RenderSite;
  readonly model: SiteModel | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly releaseCount: number;
}

/**
 * Reads site.json and the content folder, then builds the page models. When
 * any content has an error, `model` is null: a build never publishes a site
 * with releases silently missing.
 */
export async function prepareSite(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Prepared> {
  const config = await loadSiteConfig(root, env);
  const site: RenderSite = { ...config, pathPrefix: '/' };
  const { releases, diagnostics } = await loadReleases(root, config.contentDir, {
    timeZone: config.timeZone,
  });
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const model = hasErrors ? null : buildSiteModel(buildArchive(releases), site);
  return { site, model, diagnostics, releaseCount: releases.length };
}
