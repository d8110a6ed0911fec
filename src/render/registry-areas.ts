import type { Area, AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';

/**
 * The area registry's part in rendering: releases are filed under the
 * registry's name and slug, and area pages show what it says about the area.
 */

/** The registry as render data: every area by slug, plain data so it can cross to a render worker. */
export type RenderAreas = Readonly<Record<string, Area>>;

/** The registry's areas keyed by slug, for the site data. */
export function renderAreas(registry: AreaRegistry): RenderAreas {
  return Object.fromEntries(registry.areas.map((area) => [area.slug, area]));
}

/** The registry's entry for an area slug, if it has one. */
export function registryArea(
  site: { readonly areas?: RenderAreas | undefined },
  slug: string,
): Area | undefined {
  const areas = site.areas;
  return areas !== undefined && Object.hasOwn(areas, slug) ? areas[slug] : undefined;
}

/**
 * Files each release whose `area` the registry knows, by name or alias,
 * under the registry's display name and slug (`Leics` → Leicestershire,
 * `leicestershire`). Releases it does not know are kept as written. Runs after
 * loading, so the load cache keeps releases exactly as their files say.
 */
export function canonicaliseAreas(releases: readonly Release[], registry: AreaRegistry): Release[] {
  // Few distinct spellings, many releases: look each spelling up once.
  const seen = new Map<string, Area | undefined>();
  return releases.map((release) => {
    let area = seen.get(release.area);
    if (!seen.has(release.area)) {
      area = registry.lookup(release.area);
      seen.set(release.area, area);
    }
    if (area === undefined || (area.name === release.area && area.slug === release.areaSlug)) {
      return release;
    }
    return { ...release, area: area.name, areaSlug: area.slug };
  });
}
