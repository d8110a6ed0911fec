import yaml from 'js-yaml';
import { PLACEHOLDER_HOST, PLACEHOLDER_TEXT } from '../model/placeholders.ts';
import type { Area } from '../model/area-registry.ts';
import { isSitePath } from '../model/share-image.ts';
import { wallTimeAt } from '../time/zoned-time.ts';

/** The two ways a release's front matter can be written. */
export type FrontMatterFormat = 'fenced' | 'dashes';

/** What a new release is made from. */
export interface NewRelease {
  readonly area: string;
  readonly areaSlug: string;
  readonly title: string;
  readonly slug: string;
  readonly year: string;
  /** publish.date as it will be written. */
  readonly date: string;
  readonly locale: string;
  /** The registry's entry for the area, for its share picture. */
  readonly known: Area | undefined;
  readonly format: FrontMatterFormat;
}

/** The fields `gazette new` leaves for the editor, in the order the file has them. */
export function fieldsToFill(release: Pick<NewRelease, 'known'>): string[] {
  const image = areaImage(release) === undefined ? ['og.image'] : [];
  return ['url', 'og.description', ...image, 'og.url', 'the body'];
}

/**
 * The text of a new release in the house format. Every placeholder is valid
 * (the file loads and builds) and is marked so `gazette check` warns until it
 * is replaced: addresses on the reserved host example.invalid, text starting TODO.
 */
export function renderNewRelease(release: NewRelease): string {
  const blankUrl = `https://${PLACEHOLDER_HOST}/${release.areaSlug}/${release.year}/${release.slug}/`;
  const image = areaImage(release);
  const lines = [
    `area: ${scalar(release.area)}`,
    `title: ${scalar(escapeEntities(release.title))}`,
    `url: ${blankUrl}`,
    'publish:',
    `  date: ${scalar(release.date)}`,
    'og:',
    `  title: ${scalar(escapeEntities(release.title))}`,
    `  description: ${PLACEHOLDER_TEXT} one or two sentences for lists and share previews, at most 200 characters.`,
    image === undefined
      ? "  # image: the https:// address of the release's picture"
      : `  image: ${scalar(image)}`,
    `  locale: ${scalar(release.locale)}`,
    '  type: website',
    `  url: ${blankUrl}`,
  ];
  const [open, close] = release.format === 'fenced' ? ['```yaml', '```'] : ['---', '---'];
  const body = `${PLACEHOLDER_TEXT}: write the release here, in Markdown.`;
  return `${open}\n${lines.join('\n')}\n${close}\n\n${body}\n`;
}

/**
 * The area's picture, to copy into the release: a full URL only. A path on
 * the archive's own site would be read as one on the force's; the release
 * shows the area's picture anyway when it names none.
 */
function areaImage(release: Pick<NewRelease, 'known'>): string | undefined {
  const url = release.known?.image?.url;
  return url === undefined || isSitePath(url) ? undefined : url;
}

/** The house form of an instant on the clock of `zone`: `HH:MM DD/MM/YYYY`. */
export function formatHouseDate(ms: number, zone: string): string {
  const w = wallTimeAt(ms, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(w.hour)}:${pad(w.minute)} ${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

/** A YAML scalar that reads back as exactly `value` (quoted only when it must be). */
function scalar(value: string): string {
  return yaml.dump(value, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }).trimEnd();
}

/**
 * The loader decodes HTML entities once, so an `&` that starts something
 * entity-like is written `&amp;` to read back as typed (`R&D` stays `R&D`).
 */
function escapeEntities(value: string): string {
  return value.replace(/&(?=[#a-zA-Z])/g, '&amp;');
}
