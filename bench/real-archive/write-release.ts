// One release's front matter and bytes, with its quirks applied.
import { cleanText } from '../../src/model/front-matter.ts';
import { sourceKey } from '../../src/model/release.ts';
import { stripSiteSuffix } from '../../src/model/slug.ts';
import type { Draw } from '../random.ts';
import type { BodyContext } from './body.ts';
import { formatRelease, type OpenGraph } from './front-matter.ts';
import {
  areaSpelling,
  foldPunctuation,
  toWindows1252,
  withEntities,
  withInvisibles,
} from './quirks.ts';
import type { Slot } from './schedule.ts';

/** Source URLs and file names already used in the archive, which must not repeat. */
export interface Taken {
  readonly sources: Set<string>;
  readonly paths: Set<string>;
}

/** A written release: its bytes, the headline Gazette will read from them, and its source URL. */
export interface Scraped {
  readonly bytes: Uint8Array;
  readonly headline: string;
  readonly sourceUrl: string;
  /** What a tidy archive would hold: the clean body and summary, and the London wall time. */
  readonly plain: {
    readonly body: string;
    readonly description: string;
    readonly hour: number;
    readonly minute: number;
  };
}

const MONTHS =
  'january february march april may june july august september october november december';

// Hours of the day releases go out, 07:00 to 22:59, busiest in office hours.
const HOURS = Array.from({ length: 16 }, (_, i) => ({
  hour: i + 7,
  weight: i >= 2 && i <= 10 ? 3 : 1,
}));

/** Writes one release from its slot and body, applying the quirks in `context`. */
export function writeRelease(
  slot: Slot,
  context: BodyContext,
  body: string,
  draw: Draw,
  taken: Taken,
): Scraped {
  const { quirks, force } = context;
  const fold = quirks.has('ascii-folded') ? foldPunctuation : (text: string) => text;
  let headline = fold(slot.headline);
  if (quirks.has('unquoted-colon') && !/^[A-Z]+: /.test(headline)) headline = `UPDATE: ${headline}`;
  const sourceUrl = uniqueSource(context, headline, taken);
  const description = fold(firstParagraph(body, slot.place));
  const og = openGraph(context, headline, description, sourceUrl, draw);
  let title = `${headline} | ${force.name}`;
  if (quirks.has('entities')) title = withEntities(title);
  if (quirks.has('invisible')) title = withInvisibles(title, draw);
  const area = quirks.has('area-spelling') ? areaSpelling(force, draw) : force.area;
  const hour = draw.weighted(HOURS, (h) => h.weight).hour;
  const pad = (n: number) => String(n).padStart(2, '0');
  const minute = draw.int(0, 59);
  const date = `${pad(hour)}:${pad(minute)} ${pad(context.day)}/${pad(context.month)}/${context.year}`;
  const layout = {
    fence: quirks.has('dash-fence') ? 'dashes' : 'yaml',
    unquotedTitle: quirks.has('unquoted-colon'),
    tabs: quirks.has('yaml-tabs'),
  } as const;
  const text = formatRelease({ area, og, date, title, url: sourceUrl }, fold(body), layout);
  const bytes = quirks.has('windows1252') ? toWindows1252(text) : Buffer.from(text, 'utf8');
  // The headline a page shows, read as the loader reads it.
  const shown = og?.title !== undefined ? cleanText(og.title) : stripSiteSuffix(cleanText(title));
  const plain = { body: fold(body), description, hour, minute };
  return { bytes, headline: shown, sourceUrl, plain };
}

/** The release's address on its force's site, made unique as sites do, with a `-2` suffix. */
function uniqueSource(context: BodyContext, headline: string, taken: Taken): string {
  const { force, year, month } = context;
  const slug = asciiSlug(headline).slice(0, 90).replace(/-$/, '');
  const base =
    force.urlStyle === 'dated'
      ? `https://${force.host}/news/${asciiSlug(force.area)}/news/${year}/${MONTHS.split(' ')[month - 1]}/${slug}`
      : `https://${force.host}/news/article/${1000 + taken.sources.size}/${slug}`;
  for (let n = 1; ; n++) {
    const url = `${base}${n === 1 ? '' : `-${n}`}/`;
    if (!taken.sources.has(sourceKey(url))) {
      taken.sources.add(sourceKey(url));
      return url;
    }
  }
}

function openGraph(
  context: BodyContext,
  headline: string,
  description: string,
  url: string,
  draw: Draw,
): OpenGraph | null {
  const { quirks, force, year, month } = context;
  if (quirks.has('og-missing')) return null;
  const image = `/SysSiteAssets/media/images/${asciiSlug(force.area)}/news/${year}/${String(month).padStart(2, '0')}/${draw.int(1, 9999)}.jpg`;
  const invisible = (text: string) => (quirks.has('invisible') ? withInvisibles(text, draw) : text);
  const entities = (text: string) => (quirks.has('entities') ? withEntities(text) : text);
  const full: OpenGraph = {
    description: entities(invisible(description)),
    image: quirks.has('og-image-relative')
      ? `${image}?w=600&amp;h=300`
      : `https://${force.host}${image}?crop=(0,42,600,358)&amp;w=600&amp;h=300&amp;scale=both`,
    locale: 'en_GB',
    title: entities(invisible(headline)),
    type: draw.chance(0.7) ? 'website' : 'article',
    url: quirks.has('og-url-tracking')
      ? `${url}?utm_source=twitter&amp;utm_medium=social&amp;utm_campaign=appeal`
      : url,
  };
  if (!quirks.has('og-partial')) return full;
  // Some pages set only a few tags; the quirks above keep the tag they live in.
  const dropped = new Set(
    draw.pick([['title'], ['image', 'locale', 'type'], ['description', 'url'], ['title', 'type']]),
  );
  if (quirks.has('og-image-relative')) dropped.delete('image');
  if (quirks.has('og-url-tracking')) dropped.delete('url');
  if (dropped.size === 0) dropped.add('locale');
  return Object.fromEntries(Object.entries(full).filter(([key]) => !dropped.has(key)));
}

// og.description is the page's first paragraph, as force sites set it.
function firstParagraph(body: string, place: string): string {
  const paragraph = body.split('\n\n').find((p) => p !== '' && p !== 'Main article content');
  return paragraph ?? `Officers in ${place} are appealing for information.`;
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
