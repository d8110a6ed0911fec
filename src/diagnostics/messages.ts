import type { BodyLimit } from '../load/body-limits.ts';

// Values quoted from a content file reach a terminal: a raw ESC could recolour
// or retitle it, a newline or bidi override could forge another report line.
const UNSAFE_IN_MESSAGE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Spells out control and bidi characters of a quoted value as `\u001b`-style escapes. */
export function showValue(value: string): string {
  return value.replace(
    UNSAFE_IN_MESSAGE,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

// Issue 15, part 6: bodies that would stall a build (src/load/body-limits.ts).
const count = (n: number) => n.toLocaleString('en-GB');

/** Why a body is refused, by the limit it goes over; all would take the Markdown parser too long. */
const BODY_TOO_COMPLEX = {
  paragraphMarks: (max: string) => ({
    reason: `This paragraph has more than ${max} emphasis, link or code marks (* _ ~ [ ] \`), too many to render in reasonable time.`,
    hint: 'Split the paragraph with blank lines, or remove the run of marks, often left by a broken copy and paste.',
  }),
  lazyLines: (max: string) => ({
    reason: `This paragraph of a quote or list item goes on for more than ${max} lines without their ">" or indentation, too many to render in reasonable time.`,
    hint: 'Start each line of a quote with ">" and indent each line of a list item, or end them with a blank line.',
  }),
  listItems: (max: string) => ({
    reason: `This list has more than ${max} items, too many to render in reasonable time.`,
    hint: 'Split the list into shorter ones, with a line of text between them.',
  }),
  underlinedHeadings: (max: string) => ({
    reason: `The body has more than ${max} headings underlined with "===" or "---", too many to render in reasonable time.`,
    hint: 'Write headings with "#" at the start of the line instead.',
  }),
  size: (max: string) => ({
    reason: `The body holds more than ${max} lines, levels of nesting and formatting marks in all, too many to render in reasonable time.`,
    hint: 'Check that this is one press release; split an unusually long one into parts.',
  }),
};

/**
 * The one catalogue of content messages. Each entry says what happened and
 * what to do; callers never write message text of their own.
 */
export const messages = {
  'read-failed': (detail: string) => ({
    reason: `The file could not be read (${detail}).`,
    hint: 'Check that the file exists and that its permissions allow reading.',
  }),
  'invalid-utf8': (offset: number) => ({
    reason: `The file is not valid UTF-8: the byte at offset ${offset} does not start or continue a character.`,
    hint: 'Re-save the file as UTF-8 in your editor.',
  }),
  'no-front-matter': () => ({
    reason: 'The file does not start with front matter.',
    hint: 'Begin the file with a ```yaml fenced block or a --- block holding area, title, url and publish.date.',
  }),
  'unclosed-front-matter': (fence: string) => ({
    reason: `The front matter opened on line 1 is never closed.`,
    hint: `Add a line holding only ${fence} after the last front-matter field.`,
  }),
  'front-matter-engine': (language: string) => ({
    reason: `Front matter in "${showValue(language)}" is not accepted; only YAML is read, and front matter is never run as code.`,
    hint: 'Write the front matter as YAML: ```yaml or --- on the first line.',
  }),
  'yaml-syntax': (detail: string) => ({
    reason: `The front matter is not valid YAML: ${showValue(detail)}.`,
    hint:
      detail === 'duplicated mapping key'
        ? 'Each field may appear only once in its group; delete or merge the repeated one.'
        : 'Quote values that contain ": " or start with a special character, and check the indentation.',
  }),
  'yaml-alias': (name: string) => ({
    reason: `The front matter repeats a list or group through the YAML alias "*${showValue(name)}"; such aliases are refused because a few lines of them can expand into gigabytes.`,
    hint: 'Write the repeated values out in full.',
  }),
  'file-too-large': (kib: number, limit: number) => ({
    reason: `The file is ${kib} KiB, over the ${limit} KiB limit for one release.`,
    hint: 'Check that this is a press release; split an unusually long one into parts.',
  }),
  // Issue 15, part 6: see BODY_TOO_COMPLEX above.
  'body-too-deep': (max: number) => ({
    reason: `The body nests quotes, lists, emphasis or links more than ${max} levels deep here, which is more than Gazette renders.`,
    hint: 'Look for a long run of ">", list markers or "*", often left by a broken copy and paste, and remove it.',
  }),
  'body-too-complex': (limit: Exclude<BodyLimit, 'depth'>, max: number) =>
    BODY_TOO_COMPLEX[limit](count(max)),
  'front-matter-shape': () => ({
    reason: 'The front matter must be a mapping of field names to values.',
    hint: 'Write one "field: value" per line.',
  }),
  'required-field': (field: string) => ({
    reason: `The required field "${field}" is missing.`,
    hint: `Add "${field}" to the front matter; see the field table in the README.`,
  }),
  'wrong-type': (field: string, expected: string, received: string) => ({
    reason: `The field "${field}" should be ${expected} but is ${received}.`,
    hint:
      expected === 'text'
        ? 'Put the value in double quotes so YAML reads it as text.'
        : field.startsWith('corrections')
          ? 'Write corrections as a list, one "- date: HH:MM DD/MM/YYYY" line per correction with an indented "note: what was corrected" under it.'
          : `Change "${field}" to ${expected}.`,
  }),
  'empty-field': (field: string) => ({
    reason: `The field "${field}" is empty.`,
    hint: `Give "${field}" a value, or remove it if it is optional.`,
  }),
  'bad-date': (value: string, why: string, field = 'publish.date') => ({
    reason: `The date "${showValue(value)}" ${why}.`,
    hint: `Write ${field} as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.`,
  }),
  'date-before-publish': (field: string, value: string, published: string) => ({
    reason: `${field} "${showValue(value)}" is earlier than publish.date "${showValue(published)}"; a release can only be updated or corrected after it was published.`,
    hint: `Check both dates: ${field} is when the release was changed, so it is on or after publish.date.`,
  }),
  'misplaced-field': (field: string, place: string) => ({
    reason: `The field "${field}" belongs under publish, as ${place}; at the top level it would be ignored.`,
    hint: `Indent "${field}:" under "publish:", next to date.`,
  }),
  'bad-url': (field: string, value: string) => ({
    reason: `The field "${field}" holds "${showValue(value)}", which is not an absolute http or https URL.`,
    hint: 'Use the full address, starting with https://.',
  }),
  'bad-slug': (field: string, value: string) => ({
    reason: `The ${field} "${showValue(value)}" has no letters or digits to build a web address from.`,
    hint:
      field === 'area'
        ? 'Give "area" a name with letters or digits, such as the force or county name.'
        : 'Set "slug" to a few words of plain letters, digits and hyphens.',
  }),
  'duplicate-url': (other: string) => ({
    reason: `This release has the same source url as ${showValue(other)}.`,
    hint: 'Each release must come from its own page; remove one copy or correct its url.',
  }),
  'duplicate-page': (page: string, other: string) => ({
    reason: `This release would be published at ${page}, which ${showValue(other)} already uses.`,
    hint: 'Set a different "slug" in one of the two files.',
  }),
  // Warnings: the release builds, but something in it is probably not what the editor meant.
  'no-og-image': () => ({
    reason: "The release has no og.image, so share previews show the site's default picture.",
    hint: 'Add og.image with the absolute https:// address of the picture from the source page.',
  }),
  'long-og-description': (length: number, limit: number) => ({
    reason: `og.description is ${length} characters long, over ${limit}; share previews and search results cut it short.`,
    hint: `Shorten it to one or two sentences of at most ${limit} characters.`,
  }),
  'unknown-area': (area: string, known: readonly string[]) => ({
    reason: `The area "${showValue(area)}" is not in areas.yaml.`,
    hint: `Use one of the areas it lists (${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}) or one of their aliases, or add the area to areas.yaml.`,
  }),
  'title-mismatch': (title: string, ogTitle: string) => ({
    reason: `og.title "${showValue(ogTitle)}" and title "${showValue(title)}" name different headlines; pages show og.title.`,
    hint: 'Make og.title the headline of title (title may keep a trailing " | Force name"), or correct the one that is wrong.',
  }),
  'empty-body': () => ({
    reason: 'The release has no text after its front matter.',
    hint: 'Write the text of the release below the front matter.',
  }),
  placeholder: (field: string) => ({
    reason: `The field "${field}" still holds the placeholder that gazette new wrote.`,
    hint:
      field === 'body'
        ? 'Replace the TODO line with the text of the release.'
        : `Replace it with the real value${field.endsWith('url') || field.endsWith('image') ? ', an absolute https:// address' : ''}.`,
  }),
  // The area registry, areas.yaml.
  'registry-syntax': (detail: string) => ({
    reason: `areas.yaml is not valid YAML: ${showValue(detail)}.`,
    hint: 'Quote values that contain ": " or start with a special character, and check the indentation.',
  }),
  'registry-shape': () => ({
    reason: 'areas.yaml must hold one group, "areas:", with an entry for each area under its slug.',
    hint: 'See "The area registry" in the README for an example.',
  }),
  'registry-bad-slug': (slug: string) => ({
    reason: `The area slug "${showValue(slug)}" is not a slug: area slugs are lowercase letters, digits and single hyphens.`,
    hint: 'Write it as the area appears in its web address, such as "leicestershire" or "west-vale".',
  }),
  'registry-field': (field: string, problem: 'missing' | 'empty' | 'bad-url' | 'wrong-type') => ({
    reason:
      problem === 'missing'
        ? `The area field "${field}" is missing.`
        : problem === 'empty'
          ? `The area field "${field}" is empty.`
          : problem === 'bad-url'
            ? `The area field "${field}" is not an absolute http or https URL.`
            : `The area field "${field}" has the wrong type: ${field.endsWith('aliases') ? 'a list of names' : field.endsWith('image') ? 'a group with url and alt' : 'text'} is expected.`,
    hint:
      problem === 'bad-url'
        ? 'Use the full address, starting with https://.'
        : 'Each area has a name, and may have aliases (a list), a description and an image (url and alt).',
  }),
  'registry-unknown-field': (field: string) => ({
    reason: `"${showValue(field)}" is not an area field.`,
    hint: 'Area fields are name, aliases, description and image (with url and alt); check the spelling.',
  }),
  'registry-clash': (name: string, other: string) => ({
    reason: `"${showValue(name)}" would name two areas: it is also the name, slug or alias of "${showValue(other)}".`,
    hint: 'Give each name and alias to one area only; names are compared ignoring case and punctuation.',
  }),
} as const;

/** Identifier of a check: the keys of the message catalogue. */
export type Rule = keyof typeof messages;
