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

// Bodies that would stall a build (their limits are in src/load/body-limits.ts).
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
  'body-too-complex': (limit: keyof typeof BODY_TOO_COMPLEX, max: number) =>
    BODY_TOO_COMPLEX[limit](count(max)),
  'front-matter-shape': () => ({
    reason: 'The front matter must be a mapping of field names to values.',
    hint: 'Write one "field: value" per line.',
  }),
  'required-field': (field: string, misspelt?: string) => ({
    reason: `The required field "${field}" is missing.`,
    hint:
      misspelt === undefined
        ? `Add "${field}" to the front matter; see the field table in docs/editors.md.`
        : `"${showValue(misspelt)}" probably means it: rename it to "${field.split('.').at(-1) ?? field}".`,
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
  'bad-date': (value: string, why: string, field = 'publish.date', zone = 'Europe/London') => ({
    reason: `The date "${showValue(value)}" ${why}.`,
    hint: `Write ${field} as HH:MM DD/MM/YYYY in ${localTimeIn(zone)} (for example 10:55 16/09/2020), or as ISO 8601 with an offset.`,
  }),
  'date-before-publish': (field: string, value: string, published: string) => ({
    reason: `${field} "${showValue(value)}" is earlier than publish.date "${showValue(published)}"; a release can only be updated or corrected after it was published.`,
    hint: `Check both dates: ${field} is when the release was changed, so it is on or after publish.date.`,
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
  'misplaced-field': (field: string, place: string) => ({
    reason: `The field "${showValue(field)}" belongs under ${place.split('.')[0]}, as ${place}; at the top level it is ignored.`,
    hint: `Indent "${showValue(field)}:" under "${place.split('.')[0]}:".`,
  }),
  'unknown-field': (field: string, meant: string) => ({
    reason: `The field "${showValue(field)}" is not one Gazette reads, so it is ignored; it probably means ${meant}.`,
    hint: `Rename it to ${meant.split('.').at(-1)} if that is what it holds, or remove it.`,
  }),
  'empty-optional': (field: string) => ({
    reason: `The field "${field}" is empty, so the release is published without it.`,
    hint: `Give "${field}" a value, or remove the line.`,
  }),
  'relative-url': (field: string, value: string, resolved: string) => ({
    reason: `${field} "${showValue(value)}" is a path on the source site; it is published as ${showValue(resolved)}.`,
    hint: `Write the full address in ${field} to make this warning go away.`,
  }),
  'area-spelling': (area: string, shown: string) => ({
    reason: `The area "${showValue(area)}" is spelt "${showValue(shown)}" by other releases; pages show "${showValue(shown)}".`,
    hint: 'Spell the area the same way in every release, or add the area to areas.yaml with its display name.',
  }),
  'headline-without-slug': () => ({
    reason:
      "The headline has no letters or digits to make a web address from, so the address is only the release's id.",
    hint: 'Set "slug" to a few words of plain letters, digits and hyphens for a readable address.',
  }),
  placeholder: (field: string) => ({
    // Issue 15, part 5: the build leaves such a release out, and says so here too.
    reason: `The field "${field}" still holds the placeholder that gazette new wrote, so gazette build leaves the release out.`,
    hint:
      field === 'body'
        ? 'Replace the TODO line with the text of the release.'
        : `Replace it with the real value${field.endsWith('url') || field.endsWith('image') ? ', an absolute https:// address' : ''}.`,
  }),
  // The site's settings and share images, checked by a production build.
  'share-image-missing': (url: string, file: string) => ({
    reason: `The share image ${showValue(url)} is on this site, but the built site has no ${showValue(file)}: share previews of these pages would show no picture.`,
    hint: "Put the image under templates/assets/ (it is published as /assets/…), or name one that is there, such as the theme's /assets/share.png.",
  }),
  'site-placeholder': (field: string) => ({
    reason: `The site setting "${field}" still holds the placeholder that gazette init wrote, and every page would show it.`,
    hint:
      field === 'url'
        ? 'Set "url" in site.json to the https:// address the site is published at, or build with --site-url (or GAZETTE_SITE_URL).'
        : `Set "${field}" in site.json before the first deploy.`,
  }),
  'example-site-url': (url: string) => ({
    reason: `The site's url is ${showValue(url)}, the sample's address: canonical links, feeds, the sitemap and share previews all point there.`,
    hint: 'Set "url" in site.json to the address the site is published at, or build with --site-url (or GAZETTE_SITE_URL).',
  }),
  // The area registry, areas.yaml.
  'registry-syntax': (detail: string) => ({
    reason: `areas.yaml is not valid YAML: ${showValue(detail)}.`,
    hint: 'Quote values that contain ": " or start with a special character, and check the indentation.',
  }),
  'registry-shape': () => ({
    reason: 'areas.yaml must hold one group, "areas:", with an entry for each area under its slug.',
    hint: 'See "The area registry" in docs/editors.md for an example.',
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
            ? `The area field "${field}" is neither a path on the site (/assets/…) nor an absolute http or https URL.`
            : `The area field "${field}" has the wrong type: ${field.endsWith('aliases') ? 'a list of names' : field.endsWith('image') ? 'a group with url and alt' : 'text'} is expected.`,
    hint:
      problem === 'bad-url'
        ? 'Give a path on the site, such as /assets/areas/westshire.png, or the full address, starting with https://.'
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
  // Issue 15 §3, scraped files: formats that are not YAML front matter, and
  // what `gazette import --repair` fixed in its copy or would not guess at.
  'empty-file': (bytes: number) => ({
    reason:
      bytes === 0
        ? 'The file is empty (0 bytes).'
        : 'The file is empty: it holds only spaces, line breaks or a byte order mark.',
    hint: 'A scraper leaves such a file when fetching the page failed: scrape the page again, or delete the file.',
  }),
  'toml-front-matter': () => ({
    reason:
      'The front matter is TOML (between +++ lines, as Hugo writes it); only YAML front matter is read.',
    hint: 'Rewrite it as YAML between --- lines: title = "…" becomes title: "…", and an [og] table becomes og: with its fields indented under it.',
  }),
  'repaired-quote': (field: string, line: string) => ({
    reason: `The value of "${field}" holds a colon that YAML reads as the start of another field; repaired by putting it in double quotes: ${showValue(line)}.`,
    hint: 'Have the scraper quote text values, or write its front matter with a YAML library.',
  }),
  'repaired-tabs': (lines: readonly number[]) => ({
    reason: `${capitalise(listLines(lines))} ${lines.length === 1 ? 'is' : 'are'} indented with tabs, which YAML does not allow; repaired by turning each tab into spaces, with tab stops every 2 columns (the fields nest the same whatever a tab's width).`,
    hint: 'Have the scraper indent front matter with spaces.',
  }),
  'repaired-encoding': (
    characters: readonly (readonly [byte: number, char: string])[],
    bytes: number,
    lines: readonly number[],
  ) => ({
    reason: `The file is Windows-1252, not UTF-8; repaired by reading it as Windows-1252 and writing UTF-8, so ${bytes} byte${bytes === 1 ? '' : 's'} on ${listLines(lines)} became ${listCharacters(characters)}.`,
    hint: 'Check those characters in the copy, and have the scraper save files as UTF-8.',
  }),
  'repair-refused': (why: RepairRefusal) => ({
    reason:
      why.kind === 'mixed-encoding'
        ? `Not repaired: the file holds UTF-8 characters (the first on line ${why.utf8Line}) as well as bytes that are not UTF-8, so which bytes are Windows-1252 would be a guess.`
        : why.kind === 'unassigned-byte'
          ? `Not repaired: the byte 0x${why.byte.toString(16).toUpperCase()} has no character in Windows-1252, so the file is in another encoding.`
          : "Not repaired: the front matter is indented with tabs and spaces together, and which field belongs to which group depends on a tab's width.",
    hint:
      why.kind === 'tab-width'
        ? 'Indent these lines with spaces by hand, so that each field lines up with the group it belongs to.'
        : why.kind === 'mixed-encoding'
          ? 'Correct the characters here by hand, and save the file as UTF-8.'
          : 'Find out which encoding the scraper saved the file in, and save it again as UTF-8.',
  }),
} as const;

/**
 * How messages name the clock of site.json's `timeZone`, in which house dates
 * are read: "UK local time" for Europe/London, else "<zone> local time".
 */
export function localTimeIn(zone: string): string {
  return zone === 'Europe/London' ? 'UK local time' : `${zone} local time`;
}

/** Why `gazette import --repair` left a file as it was, rather than guess. */
export type RepairRefusal =
  | { readonly kind: 'mixed-encoding'; readonly utf8Line: number }
  | { readonly kind: 'unassigned-byte'; readonly byte: number }
  | { readonly kind: 'tab-width' };

/** An error's hint, followed by the import command that would repair the file. */
export function repairHint(hint: string, command: string): string {
  return `${hint} Or run ${command}, which fixes this in the copy it imports and leaves this file as it is.`;
}

/** "line 4", "lines 4 and 5", "lines 5 to 8 and 12": line numbers in order, runs of three or more joined. */
function listLines(lines: readonly number[]): string {
  const runs: string[] = [];
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    if (j - i >= 2) runs.push(`${sorted[i]} to ${sorted[j]}`);
    else runs.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  const text = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}` : runs[0];
  return `${sorted.length === 1 ? 'line' : 'lines'} ${text ?? ''}`;
}

/** `“ (0x93), ” (0x94) and £ (0xA3)`; a space or an invisible character by its code point. */
function listCharacters(characters: readonly (readonly [number, string])[]): string {
  const shown = characters.map(([byte, char]) => {
    const visible = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char);
    const code = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
    return `${visible ? char : `U+${code}`} (0x${byte.toString(16).toUpperCase()})`;
  });
  return shown.length > 1
    ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
    : (shown[0] ?? '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Identifier of a check: the keys of the message catalogue. */
export type Rule = keyof typeof messages;
