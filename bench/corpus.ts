import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WallTime } from '../src/time/zoned-time.ts';
import { writePeerContent, type PeerRelease, type PeerTargets } from './peers/peer-content.ts';
import { mulberry32 } from './random.ts';

/** Where a corpus is written: the house form always, the peers' forms when asked. */
export interface CorpusTargets extends PeerTargets {
  /** Folder for house-format `.txt` files, as Gazette reads them. */
  readonly house: string;
}

/** One generated release, before it is written in either form. */
export interface Draft {
  readonly index: number;
  readonly area: string;
  /** London wall-clock time, held in the UTC fields of a Date. */
  readonly wall: Date;
  readonly headline: string;
  readonly description: string;
  readonly url: string;
  readonly body: string;
}

const SEED = 20201916;

/**
 * Writes a deterministic synthetic corpus of `count` releases in the house
 * format (fenced YAML, `HH:MM DD/MM/YYYY`, `&amp;` in image URLs) with 3-5 KB
 * bodies holding quotes and bare URLs, and optionally the same releases as
 * the peers read them (bench/peers/). Fictional: invented areas, `.example` URLs.
 * Returns the house files' paths relative to `targets.house`, in index order.
 */
export async function writeCorpus(targets: CorpusTargets, count: number): Promise<string[]> {
  const random = mulberry32(SEED);
  const files: string[] = [];
  const peers: PeerRelease[] = [];
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const draft = draftRelease(i, random);
    files.push(housePath(draft));
    peers.push(toPeerRelease(draft));
    batch.push(writeDraft(targets.house, draft));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await writePeerContent(targets, peers);
  return files;
}

/**
 * A release that is not in a corpus of fewer than `index + 1` releases, drawn
 * from its own seed so it does not depend on how the corpus was written.
 */
export function extraRelease(index: number): Draft {
  return draftRelease(index, mulberry32(SEED + index));
}

/** One file of a corpus, relative to the content folder. */
export interface CorpusFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A release in the house form, as a file to write into the content folder. */
export function houseFile(draft: Draft): CorpusFile {
  return { path: housePath(draft), bytes: Buffer.from(toHouseText(draft), 'utf8') };
}

/** Writes one release in the house form under `dir`. */
export async function writeDraft(dir: string, draft: Draft): Promise<void> {
  const house = path.join(dir, housePath(draft));
  await mkdir(path.dirname(house), { recursive: true });
  await writeFile(house, toHouseText(draft));
}

/** The release as the peers read it: the headline, the same London wall time. */
export function toPeerRelease(d: Draft): PeerRelease {
  const { wall, headline: title, area, description, url: source, body } = d;
  return { title, area, wall: wallTime(wall), description, source, body };
}

/** The house file's path relative to the content folder: `area-slug/YYYY/rN.txt`. */
export function housePath(draft: Draft): string {
  return `${slug(draft.area)}/${draft.wall.getUTCFullYear()}/r${draft.index}.txt`;
}

/** The sentence the edit scenario appends to a release body. */
export const EDIT_SENTENCE = '\nOfficers thanked residents for their help with this appeal.\n';

const AREAS = Array.from({ length: 40 }, (_, i) => {
  const places = [
    'Wexmoor',
    'Harrowdale',
    'Fenbridge',
    'Calder Vale',
    'Saltmere',
    'Orrindale',
    'Brackenshire',
    'Vellshire',
    'Ashwick',
    'Tolworth Fen',
  ];
  const suffix = i >= places.length ? ` ${Math.floor(i / places.length) + 1}` : '';
  return `${places[i % places.length]}${suffix}`;
});
const WORDS =
  'officers residents appeal witnesses patrols community investigation arrested charged court neighbourhood safety vehicle road incident information enquiries support local team operation'.split(
    ' ',
  );
const START = Date.UTC(2000, 0, 1);
const SPAN = Date.UTC(2026, 0, 1) - START;

function draftRelease(i: number, random: () => number): Draft {
  const area = AREAS[Math.floor(random() * AREAS.length)] ?? 'Wexmoor';
  // UTC fields read as London wall time: the corpus only needs valid, varied dates.
  const wall = new Date(START + Math.floor((random() * SPAN) / 60_000) * 60_000);
  const headline = `${sentence(random, 6).replace(/\.$/, '')} ${i}`;
  const url = `https://www.${slug(area)}.police.example/news/${wall.getUTCFullYear()}/${slug(headline)}/`;
  const body: string[] = [];
  let size = 0;
  const target = 3000 + Math.floor(random() * 2000);
  while (size < target) {
    const roll = random();
    const paragraph =
      roll < 0.15
        ? `Inspector ${WORDS[i % WORDS.length]} said: "${sentence(random, 18)}"`
        : roll < 0.25
          ? `More information is at https://www.${slug(area)}.police.example/advice/${i % 97}/ for anyone affected.`
          : `${sentence(random, 14)} ${sentence(random, 20)} ${sentence(random, 12)}`;
    body.push(paragraph);
    size += paragraph.length + 2;
  }
  // Drawn after the body, as the first version of this generator did, so the corpus is unchanged.
  const description = sentence(random, 16);
  return { index: i, area, wall, headline, description, url, body: body.join('\n\n') };
}

function toHouseText(d: Draft): string {
  const w = wallFields(d.wall);
  return [
    '```yaml',
    `area: ${d.area}`,
    'og:',
    `  description: ${d.description}`,
    `  image: https://www.${slug(d.area)}.police.example/media/${d.index}.jpg?w=600&amp;h=300`,
    '  locale: en_GB',
    `  title: ${d.headline}`,
    '  type: website',
    `  url: ${d.url}`,
    'publish:',
    `  date: ${w.hour}:${w.minute} ${w.day}/${w.month}/${w.year}`,
    `title: ${d.headline} | ${d.area} Police`,
    `url: ${d.url}`,
    '```',
    '',
    d.body,
    '',
  ].join('\n');
}

function wallFields(wall: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(wall.getUTCFullYear()),
    month: pad(wall.getUTCMonth() + 1),
    day: pad(wall.getUTCDate()),
    hour: pad(wall.getUTCHours()),
    minute: pad(wall.getUTCMinutes()),
  };
}

/** The UTC fields of `wall`, which holds a London wall-clock time. */
function wallTime(wall: Date): WallTime {
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: 0,
  };
}

function sentence(random: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
