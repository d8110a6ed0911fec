import { createHash, hash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { readWhole, writeAtomically } from '../load/file-io.ts';
import { loaderFingerprint } from '../load/load-cache.ts';
import { loadOptionsFor } from '../load/source-file.ts';
import { metaContentSecurityPolicy } from '../site/security.ts';
import { ONE_OFF_URLS, type PageKey, type SitePlan } from '../site/site-model.ts';
import type { DataFilePlan } from '../site/data-files.ts';
import type {
  FeedView,
  ListView,
  ReleaseView,
  RenderSite,
  SitemapView,
} from '../site/view-types.ts';
import { listMayHaveChanged, yearsBeside, type Touched } from '../site/list-keys.ts';
import { hashTemplates, templateLayers } from './theme.ts';

/** What the last build wrote: a hash of every page's view, and of what renders them. */
export interface PageManifest {
  /** Hash of the templates, Gazette's code and packages, and the site settings. */
  readonly fingerprint: string;
  /** Page URL → hash of the view it was rendered from. */
  readonly pages: ReadonlyMap<string, string>;
  /** What the lists were made from, so that the next build need not key every list page again. */
  readonly lists?: ListInputs;
}

/** The inputs of the lists that the next build compares with its own. */
export interface ListInputs {
  /** Every area's slug and display name (`SitePlan.areaNames`). */
  readonly areaNames: string;
  /** Release page URL → `<area slug> <year> <month>`: the lists it was on. */
  readonly releases: ReadonlyMap<string, string>;
}

const MANIFEST = 'pages.bin';

/** Reads the manifest of the last build, or null when there is none or it is unreadable. */
export async function readManifest(cacheDir: string): Promise<PageManifest | null> {
  try {
    // Read synchronously, like every file a rebuild must have before it can go
    // on: an await gives the event loop nothing to do but wait for the thread pool.
    return deserialize(readWhole(path.join(cacheDir, MANIFEST))) as PageManifest;
  } catch {
    return null;
  }
}

/** Writes the manifest atomically. */
export async function writeManifest(cacheDir: string, manifest: PageManifest): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(path.join(cacheDir, MANIFEST), serialize(manifest));
}

/**
 * Deletes the manifest, for a build that renders everything without the
 * cache (`--fresh`): its pages may differ from what the manifest says, so the
 * next cached build must not trust it to skip any.
 */
export function forgetManifest(cacheDir: string): void {
  rmSync(path.join(cacheDir, MANIFEST), { force: true });
}

/** The file a page URL is written to, relative to the output folder. */
export function outputFileOf(url: string): string {
  return url.endsWith('/') ? `${url}index.html` : url;
}

/**
 * A fingerprint of everything that turns sources into files: every file of
 * the theme and of the project's templates/, the loader's fingerprint (Gazette's code and packages, Eleventy
 * among them, and the time zone), the site settings and the output folder.
 * Any change means every page is rendered again.
 */
export function renderFingerprint(root: string, site: RenderSite, output: string): string {
  const hash = createHash('sha256').update(JSON.stringify(site)).update(metaContentSecurityPolicy);
  // Pages are keyed by their releases' source hashes, so a loader change must re-render them.
  hash.update(loaderFingerprint(loadOptionsFor(site)));
  hashTemplates(hash, templateLayers(root));
  // The manifest lists the pages of one folder: `build --output elsewhere` must
  // not update another folder in place as though it held them.
  hash.update(`\0${path.relative(root, output)}`);
  return hash.digest('hex');
}

/** Views whose pages must be rendered (none when there is no previous build), and the hash of every page. */
export interface PlanDiff {
  readonly pages: Map<string, string>;
  /** What this plan's lists were made from, for the manifest. */
  readonly lists: ListInputs;
  readonly releases: ReleaseView[];
  readonly listViews: ListView[];
  readonly oneOffs: (typeof ONE_OFF_URLS)[number][];
  readonly feeds: FeedView[];
  readonly sitemaps: SitemapView[];
  readonly robots: boolean;
  /** Data files to write: every one on a fresh build, else those whose rows changed. */
  readonly dataFiles: DataFilePlan[];
  /** URLs the previous build wrote that this one does not have. */
  readonly removed: string[];
}

/**
 * Finds the pages whose views changed since `previous` (every page, without
 * building any view, when there is no previous build) and builds views for
 * those alone: an edit to one release at 10,000 builds a handful of views.
 *
 * Keying a list page means writing out its side lists, and at 10,000 releases
 * there are some 9,000 list pages. When the previous build recorded its list
 * inputs and no area was renamed, only the lists of the areas and years whose
 * releases changed are keyed again; every other list page keeps its key.
 */
export function diffPlan(plan: SitePlan, previous: PageManifest | null): PlanDiff {
  const before = previous?.pages ?? null;
  const pages = new Map<string, string>();
  const changed = ({ url, key }: PageKey): boolean => {
    pages.set(url, key);
    return before !== null && before.get(url) !== key;
  };
  const earlier = previous?.lists?.areaNames === plan.areaNames ? previous.lists : undefined;
  const { releases, scopes, touched } = diffReleases(plan, changed, earlier);
  const listViews: ListView[] = [];
  for (let i = 0; i < plan.listCount; i++) {
    if (earlier !== undefined) {
      const { url, scope } = plan.listPlace(i);
      const kept = listMayHaveChanged(scope, touched) ? undefined : before?.get(url);
      if (kept !== undefined) {
        pages.set(url, kept);
        continue;
      }
    }
    if (changed(plan.listKey(i))) listViews.push(...plan.listViews(i, i + 1));
  }
  const oneOffViews = {
    '/': plan.home,
    '/areas/': plan.areasIndex,
    '/search/': plan.search,
    '/data/': plan.dataPage,
    '/404.html': plan.notFound,
    '/_headers': { url: '/_headers' },
  };
  const oneOffs = ONE_OFF_URLS.filter((url) => changed({ url, key: hashView(oneOffViews[url]) }));
  const feeds: FeedView[] = [];
  for (const feed of plan.feeds) {
    // The files of a feed come from one view, so they change together.
    const atom = changed({ url: feed.links.atom, key: feed.key });
    const rss = changed({ url: feed.links.rss, key: feed.key });
    const json = changed({ url: feed.links.json, key: feed.key });
    if (atom || rss || json) feeds.push(feed.view());
  }
  // A fresh build (no previous manifest) writes every data file.
  const dataFiles = plan.dataFiles.filter((data) => {
    const csv = changed({ url: data.csv, key: data.key });
    const ndjson = changed({ url: data.ndjson, key: data.key });
    return before === null || csv || ndjson;
  });
  const sitemaps = plan.sitemaps.filter((s) => changed(s)).map((s) => s.view());
  const robots = changed({ url: plan.robots.url, key: hashView(plan.robots) });
  const removed = before === null ? [] : [...before.keys()].filter((url) => !pages.has(url));
  const lists: ListInputs = { areaNames: plan.areaNames, releases: scopes };
  return {
    pages,
    lists,
    releases,
    listViews,
    oneOffs,
    feeds,
    sitemaps,
    robots,
    dataFiles,
    removed,
  };
}

/**
 * Keys every release page, building views of those that changed, and gathers
 * the areas and years of releases that changed, appeared or went: before and
 * after, since a release moved from one area to another leaves both lists.
 */
function diffReleases(
  plan: SitePlan,
  changed: (page: PageKey) => boolean,
  earlier: ListInputs | undefined,
): { releases: ReleaseView[]; scopes: Map<string, string>; touched: Touched } {
  const touched = {
    areas: new Set<string>(),
    years: new Set<string>(),
    areaYears: new Set<string>(),
    nearYears: new Set<string>(),
  };
  const touch = (scope: string | undefined): void => {
    if (scope === undefined) return;
    const [area = '', year = ''] = scope.split(' ');
    touched.areas.add(area);
    touched.years.add(year);
    touched.areaYears.add(`${area} ${year}`);
  };
  const releases: ReleaseView[] = [];
  // Release page URL → `<area slug> <year> <month>`, for the next build's manifest.
  const scopes = new Map<string, string>();
  for (let i = 0; i < plan.releaseCount; i++) {
    const page = plan.releaseKey(i);
    const scope = plan.releaseScope(i);
    scopes.set(page.url, scope);
    if (!changed(page)) continue;
    releases.push(...plan.releaseViews(i, i + 1));
    touch(scope);
    touch(earlier?.releases.get(page.url));
  }
  if (earlier !== undefined) {
    for (const [url, scope] of earlier.releases) if (!scopes.has(url)) touch(scope);
    if (touched.years.size > 0) {
      const months = (of: Iterable<string>) => new Set([...of].map(monthOfScope));
      touched.nearYears = yearsBeside(months(earlier.releases.values()), months(scopes.values()));
    }
  }
  return { releases, scopes, touched };
}

/** `YYYY-MM` of a release's scope, `<area slug> <year> <month>`. */
function monthOfScope(scope: string): string {
  const [, year = '', month = ''] = scope.split(' ');
  return `${year}-${month}`;
}

function hashView(view: unknown): string {
  return hash('sha1', JSON.stringify(view), 'base64');
}
