import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../diagnostics/diagnose.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { AREA_REGISTRY_FILE, SITE_CONFIG_FILE } from '../model/project-paths.ts';
import type { Release } from '../model/release.ts';
import { isPlaceholderText, isPlaceholderUrl } from '../model/placeholders.ts';
import { isExampleHost, siteFileOf } from '../model/share-image.ts';
import type { RenderSite } from '../site/view-types.ts';

/**
 * The checks a production build makes once its pages are written: every
 * share image on the site's own address names a file in the output, and the
 * site is not still at the sample's address. Each warning names the file and
 * field to change, at the line that holds the value.
 */
export function checkSharing(
  root: string,
  output: string,
  site: RenderSite,
  releases: readonly Release[],
): Diagnostic[] {
  const where = placesIn(root);
  const found = placeholderSettings(root, site, where);
  if (isExampleHost(site.url)) {
    found.push(
      diagnose(
        'warning',
        SITE_CONFIG_FILE,
        where(SITE_CONFIG_FILE, 'url', site.url),
        'example-site-url',
        site.url,
      ),
    );
  }
  const missing = (file: string, field: string, url: string, shown = url) => {
    const named = siteFileOf(url, site);
    if (named === null || existsSync(path.join(output, named))) return;
    found.push(
      diagnose('warning', file, where(file, field, shown), 'share-image-missing', url, named),
    );
  };
  missing(SITE_CONFIG_FILE, 'image.url', site.image.url, rawImage(root));
  for (const area of Object.values(site.areas ?? {})) {
    if (area.image === undefined) continue;
    missing(AREA_REGISTRY_FILE, `areas.${area.slug}.image.url`, area.image.url);
  }
  for (const release of releases) {
    if (release.og.image !== undefined) missing(release.file, 'og.image', release.og.image);
  }
  return found;
}

type Where = (file: string, field: string, value: string) => Place;
type Place = { line: number; column: number; field: string };

/**
 * The settings of site.json that still hold the placeholders `gazette init`
 * writes when it is given no title or address: `gazette check` reports them
 * too, and a production build before they are set.
 */
export function placeholderSettings(
  root: string,
  site: RenderSite,
  where: Where = placesIn(root),
): Diagnostic[] {
  const fields: [string, string, boolean][] = [
    ['title', site.title, isPlaceholderText(site.title)],
    ['description', site.description, isPlaceholderText(site.description)],
    ['url', site.url, isPlaceholderUrl(site.url)],
    ['image.alt', site.image.alt, isPlaceholderText(site.image.alt)],
  ];
  return fields
    .filter(([, , placeholder]) => placeholder)
    .map(([field, value]) =>
      diagnose(
        'warning',
        SITE_CONFIG_FILE,
        where(SITE_CONFIG_FILE, field, value),
        'site-placeholder',
        field,
      ),
    );
}

/**
 * Finds the line and column of a value in a project file, for a warning
 * about it: the first line holding the value, or its last path segment (the
 * value as written may differ from the deployed one), else the first line.
 */
function placesIn(root: string): Where {
  const texts = new Map<string, string[]>();
  return (file, field, value) => {
    let lines = texts.get(file);
    if (lines === undefined) {
      lines = readOr(path.join(root, file)).split(/\r?\n/);
      texts.set(file, lines);
    }
    const needle =
      value
        .replace(/[?#].*$/, '')
        .split('/')
        .filter(Boolean)
        .at(-1) ?? value;
    const line = lines.findIndex((text) => text.includes(value) || text.includes(needle));
    const text = lines[line] ?? '';
    const column =
      line < 0 ? 1 : (text.includes(value) ? text.indexOf(value) : text.indexOf(needle)) + 1;
    return { line: line < 0 ? 1 : line + 1, column, field };
  };
}

/** site.json's image URL as written, to find its line; '' when it cannot be read. */
function rawImage(root: string): string {
  try {
    const raw = JSON.parse(readOr(path.join(root, SITE_CONFIG_FILE))) as {
      image?: { url?: unknown };
    };
    return typeof raw.image?.url === 'string' ? raw.image.url : '';
  } catch {
    return '';
  }
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
