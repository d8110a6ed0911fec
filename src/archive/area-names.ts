import { compareText } from '../diagnostics/diagnostic.ts';
import type { Area, AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';

/**
 * Scraped releases spell one force several ways (`Westshire`, `WESTSHIRE`):
 * the spellings share a slug, so they share the area's pages, and every page
 * must show one name for it. Without a registry entry to give the name, the
 * spelling most releases use wins; a tie goes to the one first in code-point
 * order, so the choice never depends on file order or the machine.
 */

/** The name each area slug is shown under. */
export function areaSpellings(releases: readonly Release[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { areaSlug, area } of releases) {
    let spellings = counts.get(areaSlug);
    if (spellings === undefined) counts.set(areaSlug, (spellings = new Map()));
    spellings.set(area, (spellings.get(area) ?? 0) + 1);
  }
  const chosen = new Map<string, string>();
  for (const [slug, spellings] of counts) {
    let best: [string, number] | null = null;
    for (const entry of spellings) {
      if (
        best === null ||
        entry[1] > best[1] ||
        (entry[1] === best[1] && compareText(entry[0], best[0]) < 0)
      ) {
        best = entry;
      }
    }
    if (best !== null) chosen.set(slug, best[0]);
  }
  return chosen;
}

/** The releases with each area spelt as `areaSpellings` chooses; unchanged releases keep their record. */
export function unifyAreaSpellings(releases: readonly Release[]): Release[] {
  const chosen = areaSpellings(releases);
  return releases.map((release) => {
    const name = chosen.get(release.areaSlug) ?? release.area;
    return name === release.area ? release : { ...release, area: name };
  });
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
