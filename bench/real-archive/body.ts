// Release bodies as scrapers keep them: plain paragraphs with typographic
// punctuation, quoted officers, appeals with phone numbers and incident
// references, site-relative links, remote images and page boilerplate.
import type { Draw } from '../random.ts';
import type { QuirkName } from './quirks.ts';
import { FIRST_NAMES, OFFENCES, PLACES, SURNAMES, type Force } from './vocabulary.ts';

/** What a body is written about. */
export interface BodyContext {
  readonly force: Force;
  readonly place: string;
  /** The publish date's day, month and year, for incident references. */
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly quirks: ReadonlySet<QuirkName>;
}

const OPENINGS = [
  'Officers in {place} are appealing for information after an incident on {weekday}.',
  'Police were called to an address in {place} shortly after 9pm on {weekday}.',
  'A man has been charged following an investigation by officers in {place}.',
  'Enquiries are continuing after a report made to police in {place} on {weekday} morning.',
  'Officers have thanked the public for their help after a search in {place}.',
];

const SENTENCES = [
  'The victim – a woman in her sixties – was not seriously hurt.',
  'Officers remained at the scene for several hours while enquiries were carried out.',
  'He’s since been released on bail while enquiries continue.',
  'A cordon was put in place and the road was closed until the early afternoon.',
  'Neighbourhood officers will be carrying out extra patrols in the area over the coming days.',
  'A silver Ford Focus, registration WX19 ABC, was seen leaving the area at speed.',
  'Items worth about £2,500, including power tools and a bicycle, were taken.',
  'The man is described as white, about 5ft 10in tall, of slim build, wearing a dark hooded top.',
  'Anyone who was in the area and has dashcam footage is asked to get in touch.',
  'The family have asked for privacy at this difficult time.',
  'Officers would like to thank the local community for their patience and support.',
  'A 34-year-old woman was arrested at the scene and remains in custody.',
];

const RANKS = ['Detective Constable', 'Sergeant', 'Inspector', 'Chief Inspector', 'PC'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Writes one body in Markdown, with the quirks it was given. */
export function writeBody(context: BodyContext, draw: Draw): string {
  const { quirks } = context;
  if (quirks.has('empty-body')) return '';
  const weekday = draw.pick(WEEKDAYS);
  const fill = (text: string) =>
    text.replaceAll('{place}', context.place).replaceAll('{weekday}', weekday);
  const paragraphs: string[] = [];
  if (quirks.has('boilerplate')) paragraphs.push('Main article content');
  paragraphs.push(fill(draw.pick(OPENINGS)));
  for (let i = draw.int(1, 4); i > 0; i--) {
    paragraphs.push(`${draw.pick(SENTENCES)} ${draw.pick(SENTENCES)}`);
  }
  paragraphs.push(quote(draw));
  if (quirks.has('long-body')) paragraphs.push(...courtResults(context, draw));
  paragraphs.push(appeal(context, draw));
  if (quirks.has('relative-link')) {
    paragraphs.push(
      'You can also [report information online](/advice/report/) or read our [advice on staying safe](/advice/advice-and-information/).',
    );
  }
  if (quirks.has('remote-image')) {
    const n = draw.int(1000, 9999);
    paragraphs.push(
      `![Image released by officers](https://${context.force.host}/SysSiteAssets/media/images/news/${context.year}/${n}.jpg)`,
    );
  }
  if (draw.chance(0.3)) {
    paragraphs.push(
      `Advice on keeping your home secure is at https://${context.force.host}/advice/advice-and-information/home-security/`,
    );
  }
  if (quirks.has('boilerplate')) paragraphs.push(...trailer(draw));
  return paragraphs.join('\n\n');
}

function quote(draw: Draw): string {
  const who = `${draw.pick(RANKS)} ${draw.pick(FIRST_NAMES)} ${draw.pick(SURNAMES)}`;
  return `${who} said: “We know incidents like this cause concern in the community – and I’d like to reassure residents that we’re doing everything we can. ${draw.pick(SENTENCES)}”`;
}

function appeal(context: BodyContext, draw: Draw): string {
  const { quirks } = context;
  const pad = (n: number) => String(n).padStart(2, '0');
  const reference = !quirks.has('incident-ref')
    ? ''
    : draw.chance(0.5)
      ? ` quoting incident ${draw.int(1, 999)} of ${pad(context.day)}/${pad(context.month)}/${context.year}`
      : ` quoting reference ${String(draw.int(1, 99999)).padStart(5, '0')}_I_${pad(context.day)}${pad(context.month)}${context.year}`;
  if (!quirks.has('phone')) {
    return `Anyone with information is asked to contact police online${reference}.`;
  }
  return `Anyone with information is asked to call 101${reference}, or contact Crimestoppers anonymously on 0800 555 111.`;
}

// A list of sentences passed at court: the "very long" bodies of DATA.md.
function courtResults(context: BodyContext, draw: Draw): string[] {
  const lines = [`The following people were sentenced at ${context.place} Crown Court:`, ''];
  for (let i = draw.int(250, 500); i > 0; i--) {
    const name = `${draw.pick(FIRST_NAMES)} ${draw.pick(SURNAMES)}`;
    lines.push(
      `- ${name}, ${draw.int(18, 70)}, of ${draw.pick(PLACES)}, was jailed for ${draw.int(2, 60)} months for ${draw.pick(OFFENCES)}.`,
    );
  }
  return [lines.join('\n')];
}

function trailer(draw: Draw): string[] {
  return draw.chance(0.5)
    ? ['Share this page', 'Facebook', 'X', 'Email']
    : ['Previous news', '[Appeal for witnesses after collision](/news/latest-news/)'];
}
