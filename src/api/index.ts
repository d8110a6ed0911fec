import { loadProject } from '../build/load-phase.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Release } from '../model/release.ts';
import type { SiteConfig } from '../model/site-config.ts';

/**
 * Gazette's programmatic API, the package's main export (`import { buildSite }
 * from 'gazette'`): load an archive to read its releases, or build its site.
 * The command line is built on the same two calls. See docs/api.md.
 */

export { buildSite } from '../build/build-site.ts';
export type {
  BuildOptions,
  BuildProgress,
  BuildResult,
  BuildTimings,
  SearchOutcome,
} from '../build/build-site.ts';
export { formatDiagnostic, formatReport } from '../diagnostics/format.ts';
export { GazetteError, type FailureKind } from '../diagnostics/gazette-error.ts';
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
export type { Release } from '../model/release.ts';
export type { SiteConfig } from '../model/site-config.ts';

/** How to load an archive. */
export interface LoadArchiveOptions {
  /** GAZETTE_SITE_URL and the other variables are read from here; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** An archive as loaded: its settings, its releases and every problem found in them. */
export interface LoadedArchive {
  /** site.json, with the deploy's overrides applied. */
  readonly site: SiteConfig;
  /** Every release that loaded, newest first, drafts and embargoed ones included (marked). */
  readonly releases: readonly Release[];
  /** Errors and warnings in release files and areas.yaml, as `gazette check` reports them. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Loads the archive in `root` as a build does, without building anything:
 * site.json, areas.yaml and every release file, each body rendered to HTML.
 * Content problems are returned, not thrown; a project that cannot be read
 * at all (no site.json, a bad content folder) throws a GazetteError.
 */
export async function loadArchive(
  root: string,
  options: LoadArchiveOptions = {},
): Promise<LoadedArchive> {
  const loaded = await loadProject(root, options.env === undefined ? {} : { env: options.env });
  try {
    return {
      site: siteSettings(loaded.site),
      releases: loaded.releases,
      diagnostics: [...loaded.areaErrors, ...loaded.diagnostics],
    };
  } finally {
    loaded.bodies.close();
  }
}

/** The site settings alone, without the registry's areas that the pages are given beside them. */
function siteSettings(site: SiteConfig & { readonly areas?: unknown }): SiteConfig {
  const settings: SiteConfig & { areas?: unknown } = { ...site };
  delete settings.areas;
  return settings;
}
