import { canonicaliseAreas, unifyAreaSpellings } from '../archive/area-names.ts';
import { readNow } from '../archive/visibility.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadAreaRegistry } from '../load/area-registry.ts';
import type { BodySource } from '../load/body-store.ts';
import { loadReleases, type LoadSettings } from '../load/load-releases.ts';
import { loadSiteSettings } from '../load/site-config.ts';
import { deployedImageUrl } from '../model/share-image.ts';
import { loadOptionsFor } from '../load/source-file.ts';
import type { Release } from '../model/release.ts';
import { renderAreas } from '../site/registry-areas.ts';
import type { RenderSite } from '../site/view-types.ts';

/** What the load phase read: the settings, areas.yaml and every release file. */
export interface Loaded {
  /** site.json (with its environment overrides) and the registry's areas, as pages print them. */
  readonly site: RenderSite;
  /** The build's current time, which decides embargoes. */
  readonly now: number;
  /** Problems in areas.yaml, which stop any build; empty when it is sound or absent. */
  readonly areaErrors: readonly Diagnostic[];
  /**
   * Every release that loaded, drafts and embargoed ones included, newest
   * first, each area spelled as the registry (or the most common spelling) has it.
   */
  readonly releases: readonly Release[];
  /** The release files' errors and warnings. */
  readonly diagnostics: readonly Diagnostic[];
  /** File → page URL of files with errors whose release had a page (`LoadResult.formerUrls`). */
  readonly formerUrls: ReadonlyMap<string, string>;
  /** Reads the releases' bodies; close it once the pages are written. */
  readonly bodies: BodySource;
}

/** How to load beyond the project folder. */
export interface LoadPhaseOptions {
  /** GAZETTE_SITE_URL, GAZETTE_NOW and the rest are read from here; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** The load cache and progress; without them every file is parsed afresh. */
  readonly settings?: LoadSettings;
  /** The build's current time in ms; else GAZETTE_NOW, else the clock. */
  readonly now?: number;
}

/**
 * Reads site.json, the build's time and areas.yaml, then every release under
 * the content folder (through the load cache when `settings` has one).
 * Problems are collected, not thrown: the select phase decides what they stop.
 */
export async function loadProject(root: string, options: LoadPhaseOptions = {}): Promise<Loaded> {
  const env = options.env ?? process.env;
  const { config, written } = await loadSiteSettings(root, env);
  // Read before any content, so a GAZETTE_NOW that is not a date stops the build at once.
  const now = options.now ?? readNow(env, config.timeZone);
  const registry = await loadAreaRegistry(root);
  const areas = registry.ok ? registry.registry : null;
  // Area images on the site's own address move with it, as site.json's image does.
  const moved = (url: string) => deployedImageUrl(url, written, config);
  const site: RenderSite =
    areas === null ? config : { ...config, areas: renderAreas(areas, moved) };
  const content = await loadReleases(
    root,
    config.contentDir,
    loadOptionsFor(config),
    options.settings,
  );
  return {
    site,
    now,
    areaErrors: registry.ok ? [] : registry.diagnostics,
    releases: unifyAreaSpellings(
      areas === null ? content.releases : canonicaliseAreas(content.releases, areas),
    ).map((release) => withDeployedImage(release, moved)),
    diagnostics: content.diagnostics,
    formerUrls: content.formerUrls,
    bodies: content.bodies,
  };
}

/** A release whose own og:image is on the site's address as written, moved to the deploy's. */
function withDeployedImage(release: Release, moved: (url: string) => string): Release {
  const image = release.og.image;
  if (image === undefined) return release;
  const url = moved(image);
  return url === image ? release : { ...release, og: { ...release.og, image: url } };
}
