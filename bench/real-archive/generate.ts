// A deterministic archive that looks scraped: many forces publishing on the
// same days, stock headlines that clash, and the quirks of /shared/DATA.md.
// The bench builds it and tests import it; nothing here touches the disk.
import { createHash } from 'node:crypto';
import { toSlug } from '../../src/model/slug.ts';
import { Draw, seedOf } from '../random.ts';
import { writeBody } from './body.ts';
import { DEFAULT_RATES, drawQuirks, type QuirkName } from './quirks.ts';
import { planSlots, type Slot } from './schedule.ts';
import { FORCES, type Force } from './vocabulary.ts';
import type { PeerRelease } from '../peers/peer-content.ts';
import { writeRelease, type Taken } from './write-release.ts';

/** What archive to make; every option but `releases` has a default. */
export interface RealArchiveOptions {
  readonly releases: number;
  /** How many forces publish (default 43, at most 48). */
  readonly areas?: number;
  /** First day, `YYYY-MM-DD` (default `2025-03-03`, a Monday). */
  readonly startDate?: string;
  /** How many days the releases spread over (default 30). */
  readonly days?: number;
  /** Seed of every random choice (default 1): the same options give the same bytes. */
  readonly seed?: number;
  /** Rates that replace DEFAULT_RATES: `{ 'og-image-relative': 0 }` switches one off. */
  readonly quirks?: Partial<Record<QuirkName, number>>;
}

/** What the generator knows about one release, for checking what a build made of it. */
export interface RealRelease {
  /** The file, relative to the content folder. */
  readonly path: string;
  /** The force's area as the registry names it, whatever spelling the file uses. */
  readonly area: string;
  /** The publish date, `YYYY-MM-DD`, on London's calendar. */
  readonly date: string;
  /** The headline a page shows (og.title, else the title without its force). */
  readonly headline: string;
  /** The headline's slug as Gazette derives it. */
  readonly slug: string;
  /** The release's `url`, unique within the archive. */
  readonly sourceUrl: string;
  readonly quirks: readonly QuirkName[];
}

/** One file to write under content/. Bytes, since one quirk is an encoding. */
export interface RealFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly release: RealRelease;
  /** The same release tidied, as the bench's peers read it (bench/peers/). */
  readonly peer: PeerRelease;
}

/** A generated archive: its files and an areas.yaml that names each force's spellings. */
export interface RealArchive {
  readonly files: readonly RealFile[];
  readonly registry: string;
}

/**
 * A busy week: a busy month's rate (2,000 releases over 30 days) for 7 days,
 * with every default quirk in it. The tests build and load it: a day's clashes
 * and a file's quirks are all there at a quarter of the month's cost.
 */
export const BUSY_WEEK = { releases: 470, days: 7 } as const satisfies RealArchiveOptions;

/** Generates the archive the options describe, the same bytes for the same options. */
export function generateRealArchive(options: RealArchiveOptions): RealArchive {
  const { releases, areas = 43, startDate = '2025-03-03', days = 30, seed = 1 } = options;
  const start = Date.parse(`${startDate}T00:00:00Z`);
  if (!Number.isInteger(releases) || releases < 1 || !Number.isInteger(days) || days < 1) {
    throw new RangeError('releases and days must be positive whole numbers');
  }
  if (!Number.isInteger(areas) || areas < 1 || areas > FORCES.length) {
    throw new RangeError(`areas must be a whole number from 1 to ${FORCES.length}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(start)) {
    throw new RangeError(`startDate must be YYYY-MM-DD, not ${startDate}`);
  }
  const rates = { ...DEFAULT_RATES, ...options.quirks };
  const forces = FORCES.slice(0, areas);
  const slots = planSlots(releases, days, start, forces, new Draw(seedOf(seed, 'schedule')));
  const taken: Taken = { sources: new Set(), paths: new Set() };
  const files = slots.map((slot, index) => {
    const draw = new Draw(seedOf(seed, 'release', index));
    const quirks = drawQuirks(draw, rates);
    const date = new Date(start + slot.day * 86_400_000);
    return makeFile(slot, date, quirks, draw, taken, seedOf(seed, 'name', index));
  });
  return { files, registry: registryYaml(forces) };
}

function makeFile(
  slot: Slot,
  date: Date,
  quirks: ReadonlySet<QuirkName>,
  draw: Draw,
  taken: Taken,
  nameSeed: number,
): RealFile {
  const context = {
    force: slot.force,
    place: slot.place,
    day: date.getUTCDate(),
    month: date.getUTCMonth() + 1,
    year: date.getUTCFullYear(),
    quirks,
  };
  const body = writeBody(context, draw);
  const scraped = writeRelease(slot, context, body, draw, taken);
  const path = fileName(nameSeed, taken.paths);
  const release: RealRelease = {
    path,
    area: slot.force.area,
    date: date.toISOString().slice(0, 10),
    headline: scraped.headline,
    slug: toSlug(scraped.headline),
    sourceUrl: scraped.sourceUrl,
    quirks: [...quirks],
  };
  const { plain } = scraped;
  const { year, month, day } = context;
  const peer = {
    title: scraped.headline,
    area: slot.force.area,
    wall: { year, month, day, hour: plain.hour, minute: plain.minute, second: 0 },
    description: plain.description,
    source: scraped.sourceUrl,
    body: plain.body,
  };
  return { path, bytes: scraped.bytes, release, peer };
}

// Named by a hash, as scrapers name files (`000_d1719f2e7f2409f0.txt`): nothing
// about the release can be read from the name.
function fileName(seed: number, paths: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const hash = createHash('sha256').update(`${seed}:${attempt}`).digest();
    const name = `${String(hash.readUInt16BE(0) % 1000).padStart(3, '0')}_${hash.subarray(2, 10).toString('hex')}.txt`;
    if (!paths.has(name)) {
      paths.add(name);
      return name;
    }
  }
}

/** Same-day headline clashes: pairs of releases with one slug on one day, and releases beyond the first of each. */
export function countClashes(releases: readonly RealRelease[]): { pairs: number; extra: number } {
  const groups = new Map<string, number>();
  for (const { date, slug } of releases) {
    groups.set(`${date} ${slug}`, (groups.get(`${date} ${slug}`) ?? 0) + 1);
  }
  let pairs = 0;
  let extra = 0;
  for (const n of groups.values()) {
    pairs += (n * (n - 1)) / 2;
    extra += n - 1;
  }
  return { pairs, extra };
}

/** An areas.yaml naming each force under its area's slug, with its full name as an alias. */
function registryYaml(forces: readonly Force[]): string {
  const entries = forces.flatMap((force) => [
    `  ${toSlug(force.area)}:`,
    `    name: ${force.area}`,
    `    aliases: [${force.name}]`,
  ]);
  return `areas:\n${entries.join('\n')}\n`;
}
