import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a deterministic synthetic corpus of `count` releases in the house
 * format (fenced YAML, `HH:MM DD/MM/YYYY`, `&amp;` in image URLs) with 3-5 KB
 * bodies holding quotes and bare URLs. Fictional: invented areas, `.example` URLs.
 */
export async function writeCorpus(dir: string, count: number): Promise<void> {
  const random = mulberry32(20201916);
  const areas = Array.from(
    { length: 40 },
    (_, i) =>
      `${PLACES[i % PLACES.length]}${i >= PLACES.length ? ` ${Math.floor(i / PLACES.length) + 1}` : ''}`,
  );
  const start = Date.UTC(2000, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const area = areas[Math.floor(random() * areas.length)] ?? 'Wexmoor';
    const when = new Date(start + Math.floor((random() * span) / 60_000) * 60_000);
    const text = release(i, area, when, random);
    const folder = path.join(dir, slug(area), String(when.getUTCFullYear()));
    batch.push(
      mkdir(folder, { recursive: true }).then(() =>
        writeFile(path.join(folder, `r${i}.txt`), text),
      ),
    );
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

const PLACES = [
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
const WORDS =
  'officers residents appeal witnesses patrols community investigation arrested charged court neighbourhood safety vehicle road incident information enquiries support local team operation'.split(
    ' ',
  );

function release(i: number, area: string, when: Date, random: () => number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  // UTC fields as if they were London wall time: the corpus only needs valid, varied dates.
  const date = `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())} ${pad(when.getUTCDate())}/${pad(when.getUTCMonth() + 1)}/${when.getUTCFullYear()}`;
  const headline = `${sentence(random, 6).replace(/\.$/, '')} ${i}`;
  const url = `https://www.${slug(area)}.police.example/news/${when.getUTCFullYear()}/${slug(headline)}/`;
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
  return [
    '```yaml',
    `area: ${area}`,
    'og:',
    `  description: ${sentence(random, 16)}`,
    `  image: https://www.${slug(area)}.police.example/media/${i}.jpg?w=600&amp;h=300`,
    '  locale: en_GB',
    `  title: ${headline}`,
    '  type: website',
    `  url: ${url}`,
    'publish:',
    `  date: ${date}`,
    `title: ${headline} | ${area} Police`,
    `url: ${url}`,
    '```',
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
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

// A small seeded generator, so every run writes the same corpus.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
