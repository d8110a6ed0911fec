import type { Area, AreaRegistry } from '../model/area-registry.ts';

/** The area registry's part in rendering: area pages show what it says about the area. */

/** The registry as render data: every area by slug, plain data so it can cross to a render worker. */
export type RenderAreas = Readonly<Record<string, Area>>;

/**
 * The registry's areas keyed by slug, for the site data, each image URL
 * given to `imageUrl` for the address it is published at.
 */
export function renderAreas(
  registry: AreaRegistry,
  imageUrl: (url: string) => string = (url) => url,
): RenderAreas {
  return Object.fromEntries(
    registry.areas.map((area) => [
      area.slug,
      area.image === undefined
        ? area
        : { ...area, image: { ...area.image, url: imageUrl(area.image.url) } },
    ]),
  );
}

/** The registry's entry for an area slug, if it has one. */
export function registryArea(
  site: { readonly areas?: RenderAreas | undefined },
  slug: string,
): Area | undefined {
  const areas = site.areas;
  return areas !== undefined && Object.hasOwn(areas, slug) ? areas[slug] : undefined;
}
