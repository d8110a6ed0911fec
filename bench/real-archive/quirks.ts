// The scraped quirks of /shared/DATA.md, each at a stated rate and each
// switchable, and the text changes that make them.
import type { Draw } from '../random.ts';
import type { Force } from './vocabulary.ts';

/**
 * The share of releases each quirk is applied to. The first group keeps a file
 * valid; the repair group makes it invalid on purpose (what `gazette import
 * --repair` mends) and is off unless asked for.
 */
export const DEFAULT_RATES = {
  /** `---` front matter instead of the ```` ```yaml ```` fence. */
  'dash-fence': 0.1,
  /** No `og:` block at all. */
  'og-missing': 0.05,
  /** An `og:` block holding only some of its fields. */
  'og-partial': 0.1,
  /** `og.image` as a site-relative path: `/SysSiteAssets/media/x.jpg?w=600&amp;h=300`. */
  'og-image-relative': 0.02,
  /** `og.url` with tracking parameters that `url` does not carry. */
  'og-url-tracking': 0.12,
  /** `&#39;`, `&quot;` and `&nbsp;` in the title, og.title and og.description. */
  entities: 0.1,
  /** No-break spaces, zero-width spaces and bidi marks in the title and og fields. */
  invisible: 0.05,
  /** `area` spelled another way: the force's full name, another letter case, or NFD. */
  'area-spelling': 0.1,
  /** Curly quotes and en dashes folded to ASCII by the scraper, as in the seed. */
  'ascii-folded': 0.5,
  /** A "Main article content" line, and a "Share this page" or "Previous news" block. */
  boilerplate: 0.3,
  /** Incident references with slashes and underscores: `509 of 25/03/2022`, `00412_I_07032021`. */
  'incident-ref': 0.35,
  /** Phone numbers: `101`, `0800 555 111`. */
  phone: 0.6,
  /** Links relative to the force's site: `/advice/report/`. */
  'relative-link': 0.12,
  /** An image from the force's site in the body. */
  'remote-image': 0.08,
  /** No body at all. */
  'empty-body': 0.01,
  /** A body of court results, 20 to 40 KB. */
  'long-body': 0.01,
  /** Repair: a prefixed title left unquoted (`title: UPDATE: Man charged | X Police`), invalid YAML. */
  'unquoted-colon': 0,
  /** Repair: the file in Windows-1252 (smart quotes 0x93/0x94, £ as 0xA3), not UTF-8. */
  windows1252: 0,
  /** Repair: the og block indented with tabs, which YAML refuses. */
  'yaml-tabs': 0,
} as const;

/** A quirk's name. */
export type QuirkName = keyof typeof DEFAULT_RATES;

/** Quirks that make a file invalid as written; off by default. */
export const REPAIR_QUIRKS: readonly QuirkName[] = ['unquoted-colon', 'windows1252', 'yaml-tabs'];

/** Every quirk, in the order each release draws them (the order of DEFAULT_RATES). */
export const QUIRK_NAMES = Object.keys(DEFAULT_RATES) as QuirkName[];

/**
 * Draws which quirks one release has. Every quirk is drawn whatever its rate,
 * so switching one off changes no other file.
 */
export function drawQuirks(draw: Draw, rates: Readonly<Record<QuirkName, number>>): Set<QuirkName> {
  const chosen = new Set<QuirkName>();
  for (const name of QUIRK_NAMES) if (draw.next() < rates[name]) chosen.add(name);
  for (const [quirk, excluded] of EXCLUDES) {
    if (chosen.has(quirk)) for (const other of excluded) chosen.delete(other);
  }
  return chosen;
}

// Quirks that leave no room for others, in order of precedence: a Windows-1252
// file keeps its smart quotes (so it is never valid UTF-8 by chance), tabs need
// an og block to indent, and an empty body or a missing og block has nothing
// left to be quirky in.
const EXCLUDES: readonly (readonly [QuirkName, readonly QuirkName[]])[] = [
  ['windows1252', ['ascii-folded', 'empty-body']],
  ['yaml-tabs', ['og-missing']],
  ['og-missing', ['og-partial', 'og-image-relative', 'og-url-tracking']],
  [
    'empty-body',
    ['long-body', 'boilerplate', 'incident-ref', 'phone', 'relative-link', 'remote-image'],
  ],
];

/** Writes apostrophes, double quotes and one space as the entities scraped pages carry. */
export function withEntities(text: string): string {
  const escaped = text.replaceAll("'", '&#39;').replaceAll('"', '&quot;');
  const space = escaped.lastIndexOf(' ');
  return space === -1 ? escaped : `${escaped.slice(0, space)}&nbsp;${escaped.slice(space + 1)}`;
}

const INVISIBLES = ['\u00a0', '\u200b', '\u200e', '\u200f'] as const;

/**
 * Puts invisible characters where copying from a page leaves them: a no-break
 * space for a space, a zero-width space after one, a bidi mark at an end.
 * Never inside a word, where a reader would not see it but a slug would.
 */
export function withInvisibles(text: string, draw: Draw): string {
  const mark = draw.pick(INVISIBLES);
  if (mark === '\u00a0') return text.replace(' ', '\u00a0');
  if (mark === '\u200b') return text.replace(' ', ' \u200b');
  return draw.chance(0.5) ? `${mark}${text}` : `${text}${mark}`;
}

/** Folds typographic punctuation to ASCII as scrapers do: `’` to `'`, `“` to `"`, ` – ` to ` - `. */
export function foldPunctuation(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...');
}

/** Another spelling of a force's area: its full name, upper or lower case, or NFD. */
export function areaSpelling(force: Force, draw: Draw): string {
  const spellings = [
    force.name,
    force.area.toUpperCase(),
    force.area.toLowerCase(),
    ...(force.area.normalize('NFD') === force.area ? [] : [force.area.normalize('NFD')]),
  ];
  return draw.pick(spellings);
}

// Windows-1252's bytes 0x80-0x9F for the characters it puts there; 0xA0-0xFF are Latin-1.
const WINDOWS_1252: Readonly<Record<string, number>> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Encodes text as Windows-1252; a character it cannot hold becomes `?`, as a lossy scraper writes. */
export function toWindows1252(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    bytes.push(code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (WINDOWS_1252[char] ?? 0x3f));
  }
  return Uint8Array.from(bytes);
}
