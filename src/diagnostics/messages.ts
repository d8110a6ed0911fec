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
  'body-too-deep': () => ({
    reason:
      'The body nests quotes, lists or other blocks too deeply to be rendered (thousands of levels).',
    hint: 'Look for a long run of ">" or list markers, often left by a broken copy and paste, and remove it.',
  }),
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
        : `Change "${field}" to ${expected}.`,
  }),
  'empty-field': (field: string) => ({
    reason: `The field "${field}" is empty.`,
    hint: `Give "${field}" a value, or remove it if it is optional.`,
  }),
  'bad-date': (value: string, why: string) => ({
    reason: `The date "${showValue(value)}" ${why}.`,
    hint: 'Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
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
} as const;

/** Identifier of a check: the keys of the message catalogue. */
export type Rule = keyof typeof messages;
