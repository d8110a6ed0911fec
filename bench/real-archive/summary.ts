// What a generated archive holds, in the counts the bench reports.
import { countClashes, type RealRelease } from './generate.ts';
import { DEFAULT_RATES, QUIRK_NAMES, type QuirkName } from './quirks.ts';

/** How many releases have each quirk, every quirk listed. */
export function countQuirks(releases: readonly RealRelease[]): Record<QuirkName, number> {
  const counts = Object.fromEntries(QUIRK_NAMES.map((q) => [q, 0])) as Record<QuirkName, number>;
  for (const release of releases) for (const quirk of release.quirks) counts[quirk] += 1;
  return counts;
}

/** The quirks on by default that no release has. */
export function missingQuirks(releases: readonly RealRelease[]): QuirkName[] {
  const counts = countQuirks(releases);
  return QUIRK_NAMES.filter((q) => DEFAULT_RATES[q] > 0 && counts[q] === 0);
}

/** One paragraph on an archive: its size and spread, its same-day clashes and its quirks. */
export function describeArchive(releases: readonly RealRelease[], days: number): string {
  const forces = new Set(releases.map((r) => r.area)).size;
  const dates = releases.map((r) => r.date).sort();
  const clashes = countClashes(releases);
  const quirks = Object.entries(countQuirks(releases))
    .filter(([, n]) => n > 0)
    .map(([quirk, n]) => `${n} ${quirk}`)
    .join(', ');
  return [
    `Realistic archive (bench/real-archive/): ${count(releases.length)} releases from ${forces} forces over ${days} days (${dates[0]} to ${dates.at(-1)}).`,
    `Same-day headline clashes: ${count(clashes.pairs)} pairs of releases with one headline slug on one day; ${count(clashes.extra)} releases share their day's headline with an earlier one.`,
    `Quirks: ${quirks}`,
  ].join('\n');
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}
