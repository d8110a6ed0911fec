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
  /** Include drafts (`draft: true`) and unfinished releases. Default false. */
  readonly drafts?: boolean;
  /** Include releases published after `now` (embargoed). Default false. */
  readonly future?: boolean;
  /** The build's current time in ms; else GAZETTE_NOW, else the clock. */
  readonly now?: number;
  /**
   * Plan the site from the valid releases when some release files have
   * errors, leaving those files out (`--keep-going`). Errors in areas.yaml
   * still stop the build, and so does a content folder with no valid release.
   */
  readonly keepGoing?: boolean;
}

/** Everything a build needs once content has loaded. */
export interface Prepared {
  readonly site: RenderSite;
  /** The site's page plan; null when content has an error the build may not leave out. */
  readonly plan: SitePlan | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Release files with errors, sorted: left out of the plan under `keepGoing`. */
  readonly rejected: readonly string[];
  /** File → page URL of rejected files whose release had a page (`LoadResult.formerUrls`). */
  readonly formerUrls: ReadonlyMap<string, string>;
  readonly releaseCount: number;
  /** The releases the plan was made from, newest first, to plan again in another thread. */
  readonly releases: readonly Release[];
  /** The build's current time, which decides embargoes; planning again needs it too. */
  readonly now: number;
  /** Drafts, unfinished and embargoed releases the plan leaves out. */
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
 * with releases silently missing. Under `keepGoing` release files with
 * errors are left out, and the caller names them.
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
  // Drafts, unfinished and embargoed releases are loaded (and cached, and checked)
  // like any other, then left out here, so every index and page is made without them.
  const { releases, leftOut } = selectVisible(loadedAll, {
    drafts: visibility.drafts ?? false,
    future: visibility.future ?? false,
    now,
  });
  const loaded = performance.now();
  const rejected = filesWithErrors(loadedReleases.diagnostics);
  const canPlan =
    registry.ok &&
    (rejected.length === 0 || (visibility.keepGoing === true && loadedAll.length > 0));
  const plan = canPlan ? planSite(buildArchive(releases), site, bodies, { now }) : null;
  const timings = { load: loaded - started, plan: performance.now() - loaded };
  const close = () => bodies.close();
  return {
    site,
    plan,
    diagnostics,
    rejected,
    formerUrls: loadedReleases.formerUrls,
    releaseCount: releases.length,
    releases,
    now,
    leftOut,
    ...(bodies.file !== undefined && { bodyFile: bodies.file }),
    timings,
    close,
  };
}

/** The files that have an error, each once, sorted. */
function filesWithErrors(diagnostics: readonly Diagnostic[]): string[] {
  const files = diagnostics.filter((d) => d.severity === 'error').map((d) => d.file);
  return [...new Set(files)].sort();
}
