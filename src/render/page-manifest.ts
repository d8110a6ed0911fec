import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { metaContentSecurityPolicy } from './security.ts';
import type { RenderSite } from './head.ts';
import { ONE_OFF_URLS, type SitePlan } from './site-model.ts';
import type { ListView, ReleaseView } from './view-types.ts';

/** What the last build wrote: a hash of every page's view, and of what renders them. */
export interface PageManifest {
  /** Hash of the templates, the render code and the site settings. */
  readonly fingerprint: string;
  /** Page URL → hash of the view it was rendered from. */
  readonly pages: ReadonlyMap<string, string>;
}

const MANIFEST = 'pages.bin';

/** Reads the manifest of the last build, or null when there is none or it is unreadable. */
export async function readManifest(cacheDir: string): Promise<PageManifest | null> {
  try {
    return deserialize(await readFile(path.join(cacheDir, MANIFEST))) as PageManifest;
  } catch {
    return null;
  }
}

/** Writes the manifest atomically. */
export async function writeManifest(cacheDir: string, manifest: PageManifest): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const temporary = path.join(cacheDir, `${MANIFEST}.${process.pid}.tmp`);
  await writeFile(temporary, serialize(manifest));
  await rename(temporary, path.join(cacheDir, MANIFEST));
}

/** The file a page URL is written to, relative to the output folder. */
export function outputFileOf(url: string): string {
  return url.endsWith('/') ? `${url}index.html` : url;
}

/**
 * A fingerprint of everything that turns views into files: every file under
 * templates/, Gazette's render code, the Eleventy version, and the site
 * settings the layout prints. Any change means every page is rendered again.
 */
export async function renderFingerprint(root: string, site: RenderSite): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(site)).update(metaContentSecurityPolicy);
  const renderDir = import.meta.dirname;
  const folders = [path.join(root, 'templates'), renderDir];
  for (const folder of folders) {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(path.relative(folder, file)).update(await readFile(file));
  }
  const eleventy = path.resolve(renderDir, '../../node_modules/@11ty/eleventy/package.json');
  hash.update(await readFile(eleventy, 'utf8').catch(() => '?'));
  return hash.digest('hex');
}

/** Views whose pages must be rendered (none when there is no previous build), and the hash of every page. */
export interface PlanDiff {
  readonly pages: Map<string, string>;
  readonly releases: ReleaseView[];
  readonly lists: ListView[];
  readonly oneOffs: (typeof ONE_OFF_URLS)[number][];
  /** URLs the previous build wrote that this one does not have. */
  readonly removed: string[];
}

const BATCH = 2000;

/**
 * Hashes every page's view and keeps the views that differ from `previous`
 * (all of them when there is no previous build). Views are built in batches
 * so that only changed ones stay in memory.
 */
export function diffPlan(plan: SitePlan, previous: ReadonlyMap<string, string> | null): PlanDiff {
  const pages = new Map<string, string>();
  // Without a previous build every page is rendered anyway, slice by slice:
  // keep no views then, so a cold build of 100,000 releases holds none of them.
  const changed = <T extends { url: string }>(view: T): boolean => {
    const hash = hashView(view);
    pages.set(view.url, hash);
    return previous !== null && previous.get(view.url) !== hash;
  };
  const releases: ReleaseView[] = [];
  for (let from = 0; from < plan.releaseCount; from += BATCH) {
    releases.push(...plan.releaseViews(from, from + BATCH).filter(changed));
  }
  const lists: ListView[] = [];
  for (let from = 0; from < plan.listCount; from += BATCH) {
    lists.push(...plan.listViews(from, from + BATCH).filter(changed));
  }
  const oneOffViews = {
    '/': plan.home,
    '/areas/': plan.areasIndex,
    '/404.html': plan.notFound,
    '/_headers': { url: '/_headers' },
  };
  const oneOffs = ONE_OFF_URLS.filter((url) => changed(oneOffViews[url]));
  const removed = previous === null ? [] : [...previous.keys()].filter((url) => !pages.has(url));
  return { pages, releases, lists, oneOffs, removed };
}

function hashView(view: unknown): string {
  return createHash('sha1').update(JSON.stringify(view)).digest('base64');
}
