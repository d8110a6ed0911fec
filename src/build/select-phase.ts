import { selectVisible, type LeftOut } from '../archive/visibility.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Release } from '../model/release.ts';
import type { BuildOptions } from './build-types.ts';
import type { Loaded } from './load-phase.ts';

/** What the select phase decided: the releases to publish, and what it left out. */
export interface Selected {
  /**
   * Whether the build goes on: areas.yaml is sound, and no release file has
   * an error or `keepGoing` leaves them out and valid releases remain. A
   * build never publishes a site with releases silently missing.
   */
  readonly plannable: boolean;
  /** The releases to publish, newest first. */
  readonly releases: readonly Release[];
  /** Drafts, unfinished and embargoed releases left out. */
  readonly leftOut: LeftOut;
  /** Release files with errors, sorted: left out of the site under `keepGoing`. */
  readonly rejected: readonly string[];
}

/**
 * Leaves out drafts, unfinished and embargoed releases (unless the options
 * include them) and, under `keepGoing`, the release files with errors.
 */
export function selectReleases(
  loaded: Loaded,
  options: Pick<BuildOptions, 'drafts' | 'future' | 'keepGoing'> = {},
): Selected {
  // Drafts, unfinished and embargoed releases are loaded (and cached, and checked)
  // like any other, then left out here, so every index and page is made without them.
  const { releases, leftOut } = selectVisible(loaded.releases, {
    drafts: options.drafts ?? false,
    future: options.future ?? false,
    now: loaded.now,
  });
  const rejected = filesWithErrors(loaded.diagnostics);
  const keptGoing = options.keepGoing === true && loaded.releases.length > 0;
  const plannable = loaded.areaErrors.length === 0 && (rejected.length === 0 || keptGoing);
  return { plannable, releases, leftOut, rejected };
}

/** The files that have an error, each once, sorted. */
function filesWithErrors(diagnostics: readonly Diagnostic[]): string[] {
  const files = diagnostics.filter((d) => d.severity === 'error').map((d) => d.file);
  return [...new Set(files)].sort();
}
