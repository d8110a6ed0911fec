import { buildArchive } from '../archive/archive.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadReleases, type LoadSettings } from '../load/load-releases.ts';
import { loadAreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import type { RenderSite } from './head.ts';
import { canonicaliseAreas, renderAreas } from './registry-areas.ts';
import { planSite, type SitePlan } from './site-model.ts';

/** Everything a build needs once content has loaded. */
export interface Prepared {
  readonly site: RenderSite;
  /** The site's page plan; null when any content has an error. */
  readonly plan: SitePlan | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly releaseCount: number;
  /** The releases the plan was made from, newest first, to plan again in another thread. */
  readonly releases: readonly Release[];
  /** The body file stored bodies are read from; absent when bodies are inline. */
  readonly bodyFile?: string;
  /** Milliseconds spent loading content and planning pages. */
  readonly timings: { readonly load: number; readonly plan: number };
  /** Releases the body file; call it once the pages are rendered. */
  close(): void;
}

/**
 * Reads site.json and the content folder, then plans the pages. When any
 * content has an error, `plan` is null: a build never publishes a site
 * with releases silently missing.
 */
export async function prepareSite(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  settings: LoadSettings = {},
): Promise<Prepared> {
  const started = performance.now();
  const config = await loadSiteConfig(root, env);
  const registry = await loadAreaRegistry(root);
  const areas = registry.ok && registry.registry !== null ? registry.registry : null;
  const site: RenderSite = areas === null ? config : { ...config, areas: renderAreas(areas) };
  const loadedReleases = await loadReleases(
    root,
    config.contentDir,
    { timeZone: config.timeZone },
    settings,
  );
  const { bodies } = loadedReleases;
  // Errors in areas.yaml stop the build like content errors, listed first.
  const diagnostics = registry.ok
    ? loadedReleases.diagnostics
    : [...registry.diagnostics, ...loadedReleases.diagnostics];
  const releases =
    areas === null ? loadedReleases.releases : canonicaliseAreas(loadedReleases.releases, areas);
  const loaded = performance.now();
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const plan = hasErrors ? null : planSite(buildArchive(releases), site, bodies);
  const timings = { load: loaded - started, plan: performance.now() - loaded };
  const close = () => bodies.close();
  return {
    site,
    plan,
    diagnostics,
    releaseCount: releases.length,
    releases,
    ...(bodies.file !== undefined && { bodyFile: bodies.file }),
    timings,
    close,
  };
}
