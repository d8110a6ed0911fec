import leven from 'leven';
import { correctionSchema, frontMatterSchema, openGraphSchema } from './front-matter.ts';

/**
 * Front-matter keys Gazette does not read are ignored, since scraped files
 * carry all sorts. A key that is probably a known one misspelt (`titel`), or
 * written in the wrong group (`updated` at the top level), is worth a warning:
 * otherwise its value is lost without a word.
 */

/** A key that is ignored but probably meant to be a field Gazette reads. */
export interface StrayField {
  /** Where it is: `['publish', 'modified']`. */
  readonly path: readonly (string | number)[];
  /** `misplaced` for a known field in the wrong group, else `misspelt`. */
  readonly kind: 'misplaced' | 'misspelt';
  /** The field it probably means: `publish.updated`. */
  readonly meant: string;
}

const TOP = Object.keys(frontMatterSchema.shape);
const PUBLISH = Object.keys(frontMatterSchema.shape.publish.shape);
const OPEN_GRAPH = Object.keys(openGraphSchema.shape);
const CORRECTION = Object.keys(correctionSchema.shape);

// Words scrapers and editors use for a field under another name.
const SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': { modified: 'publish.updated', published: 'publish.date', headline: 'og.title' },
  publish: { modified: 'updated', published: 'date', time: 'date' },
};

/** Every key in the front matter that is probably a misspelt or misplaced field. */
export function findStrayFields(data: Readonly<Record<string, unknown>>): StrayField[] {
  const found: StrayField[] = [];
  for (const key of Object.keys(data)) {
    if (TOP.includes(key)) continue;
    const group = PUBLISH.includes(key) ? 'publish' : misplacedInOpenGraph(key);
    if (group !== null) found.push({ path: [key], kind: 'misplaced', meant: `${group}.${key}` });
    else pushMisspelt(found, [key], '', TOP);
  }
  inGroup(found, data.publish, ['publish'], PUBLISH);
  inGroup(found, data.og, ['og'], OPEN_GRAPH);
  if (Array.isArray(data.corrections)) {
    data.corrections.forEach((item, i) => inGroup(found, item, ['corrections', i], CORRECTION));
  }
  return found;
}

/** `og` for a key only the og block has (`image`), else null. */
function misplacedInOpenGraph(key: string): 'og' | null {
  return OPEN_GRAPH.includes(key) && !TOP.includes(key) ? 'og' : null;
}

function inGroup(
  found: StrayField[],
  group: unknown,
  path: (string | number)[],
  known: readonly string[],
): void {
  if (typeof group !== 'object' || group === null || Array.isArray(group)) return;
  const name = typeof path[0] === 'string' && path.length === 1 ? path[0] : '';
  for (const key of Object.keys(group)) {
    if (!known.includes(key)) pushMisspelt(found, [...path, key], name, known);
  }
}

function pushMisspelt(
  found: StrayField[],
  path: (string | number)[],
  group: string,
  known: readonly string[],
): void {
  const key = String(path.at(-1));
  const synonyms = SYNONYMS[group] ?? {};
  // Other words for a field are matched like the fields, so `modifed` is `modified`.
  const near = closest(key, [...known, ...Object.keys(synonyms)]);
  if (near === null) return;
  const synonym = synonyms[near];
  const meant = synonym ?? near;
  const prefix = path
    .slice(0, -1)
    .map((part) => String(part))
    .join('.');
  const full = synonym?.includes('.') === true || prefix === '' ? meant : `${prefix}.${meant}`;
  found.push({ path, kind: 'misspelt', meant: full });
}

/**
 * The known key a few keystrokes away, if exactly one is: one edit for short
 * keys, two for longer ones (`titel` is two from `title`), letter case ignored.
 */
function closest(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  const allowed = lower.length <= 4 ? 1 : 2;
  const near = known.filter((candidate) => leven(lower, candidate) <= allowed);
  return near.length === 1 ? (near[0] ?? null) : null;
}
