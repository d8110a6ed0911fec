import type { Area, AreaRegistry } from '../model/area-registry.ts';

/** The area registry's part in rendering: area pages show what it says about the area. */

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
