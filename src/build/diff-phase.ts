import { exists } from '../load/file-io.ts';
import { ONE_OFF_URLS, type SitePlan } from '../site/site-model.ts';
import { forgetLastManifest, type Build } from './build-context.ts';
import {
  diffPlan,
  outputFileOf,
  readManifest,
  renderFingerprint,
  type PageManifest,
  type PlanDiff,
} from './page-manifest.ts';

/** What the diff phase found: how this build writes, and which pages it renders. */
export interface Diffed {
  /** Hash of the templates, code and settings the pages are rendered with. */
  readonly fingerprint: string;
  /** The last build's manifest, or null when there is none or the cache is not used. */
  readonly previous: PageManifest | null;
  /**
   * Whether to update the last output in place: it is there, and its pages
   * were rendered with the same templates, code and settings. Else the build
   * renders every page afresh.
   */
  readonly inPlace: boolean;
  /** Every page's hash, and the views of the pages to render in place. */
  readonly diff: PlanDiff;
  /** HTML pages this build renders. */
  readonly toRender: number;
  /** HTML pages the site has. */
  readonly pages: number;
}

// The one-off pages that are HTML (not `_headers`): they count as pages.
const ONE_OFF_PAGES = ONE_OFF_URLS.filter((url) => outputFileOf(url).endsWith('.html'));

/**
 * Compares the plan with the last build's page manifest. A fresh build
 * replaces every page, so the last manifest describes none of them: it is
 * forgotten here, before any page is written.
 */
export async function diffOutput(build: Build, plan: SitePlan): Promise<Diffed> {
  const { cacheDir, options, paths } = build;
  const fingerprint = renderFingerprint(paths.root, plan.site, paths.output);
  const previous =
    cacheDir === undefined ? null : (options.session?.manifest ?? (await readManifest(cacheDir)));
  const inPlace = previous?.fingerprint === fingerprint && (await exists(paths.output));
  const diff = diffPlan(plan, inPlace ? previous : null);
  // Every release and list page is a folder's index.html.
  const pages = plan.releaseCount + plan.listCount + ONE_OFF_PAGES.length;
  const toRender = inPlace
    ? diff.releases.length +
      diff.listViews.length +
      diff.oneOffs.filter((url) => ONE_OFF_PAGES.includes(url)).length
    : pages;
  if (!inPlace) forgetLastManifest(build);
  return { fingerprint, previous, inPlace, diff, toRender, pages };
}
