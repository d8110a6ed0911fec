import { buildArchive } from '../archive/archive.ts';
import { unifyAreaSpellings } from '../archive/area-spellings.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadReleases, type LoadSettings } from '../load/load-releases.ts';
import { loadOptionsFor } from '../load/source-file.ts';
import { loadAreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import type { RenderSite } from './head.ts';
import { canonicaliseAreas, renderAreas } from './registry-areas.ts';
import { planSite, type SitePlan } from './site-model.ts';
import { readNow, selectVisible, type LeftOut } from './visibility.ts';

/** Which releases a build includes beyond the published ones, and as of when. */
export interface VisibilityOptions {
  /** Include drafts (`draft: true`). Default false. */
  readonly drafts?: boolean;
  /** Include releases published after `now` (embargoed). Default false. */
  readonly future?: boolean;
  /** The build's current time in ms; else GAZETTE_NOW, else the clock. */
  readonly now?: number;
}

/** Everything a build needs once content has loaded. */
export interface Prepared {
  readonly site: RenderSite;
  /** The site's page plan; null when any content has an error. */
  readonly plan: SitePlan | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly releaseCount: number;
  /** The releases the plan was made from, newest first, to plan again in another thread. */
  readonly releases: readonly Release[];
  /** The build's current time, which decides embargoes; planning again needs it too. */
  readonly now: number;
  /** Drafts and embargoed releases the plan leaves out. */
  readonly leftOut: LeftOut;
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
  visibility: VisibilityOptions = {},
): Promise<Prepared> {
  const started = performance.now();
  const config = await loadSiteConfig(root, env);
  const now = visibility.now ?? readNow(env, config.timeZone);
  const registry = await loadAreaRegistry(root);
  const areas = registry.ok && registry.registry !== null ? registry.registry : null;
  const site: RenderSite = areas === null ? config : { ...config, areas: renderAreas(areas) };
  const loadedReleases = await loadReleases(
    root,
    config.contentDir,
    loadOptionsFor(config),
    settings,
  );
  const { bodies } = loadedReleases;
  // Errors in areas.yaml stop the build like content errors, listed first.
  const diagnostics = registry.ok
    ? loadedReleases.diagnostics
    : [...registry.diagnostics, ...loadedReleases.diagnostics];
  const loadedAll = unifyAreaSpellings(
    areas === null ? loadedReleases.releases : canonicaliseAreas(loadedReleases.releases, areas),
  );
  // Drafts and embargoed releases are loaded (and cached, and checked) like
  // any other, then left out here, so every index and page is made without them.
  const { releases, leftOut } = selectVisible(loadedAll, {
    drafts: visibility.drafts ?? false,
    future: visibility.future ?? false,
    now,
  });
  const loaded = performance.now();
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const plan = hasErrors ? null : planSite(buildArchive(releases), site, bodies, { now });
  const timings = { load: loaded - started, plan: performance.now() - loaded };
  const close = () => bodies.close();
  return {
    site,
    plan,
    diagnostics,
    releaseCount: releases.length,
    releases,
    now,
    leftOut,
    ...(bodies.file !== undefined && { bodyFile: bodies.file }),
    timings,
    close,
  };
}
