import type { Severity } from './diagnostic.ts';
import type { messages, Rule } from './messages.ts';

/**
 * Where a rule looks: a release file, the area registry, the site's settings
 * and share images (a production build), or `gazette import --repair`'s copy.
 */
export type RuleSource = 'release' | 'registry' | 'site' | 'repair';

/**
 * What one rule is about, as docs/rules.md shows it (`npm run docs` makes that
 * file from this table). Markdown is allowed in `when` and `outcome`.
 */
export interface RuleInfo<R extends Rule = Rule> {
  readonly severity: Severity;
  readonly source: RuleSource;
  /** What the file has, to finish "the file has…". */
  readonly when: string;
  /** For an error, why it is refused; for a warning, what Gazette publishes. */
  readonly outcome: string;
  /** Arguments that render the rule's message as an example. */
  readonly example: Parameters<(typeof messages)[R]>;
}

const release = (severity: Severity) => ({ severity, source: 'release' }) as const;
const REGISTRY = { severity: 'error', source: 'registry' } as const;
const REPAIR = { severity: 'warning', source: 'repair' } as const;
const SITE = { severity: 'warning', source: 'site' } as const;
const STALL = 'Rendering it would stall the build ([body limits](body-limits.md)).';
const NO_KEY = 'The release without that key; the warning names the field it probably means.';

/** Every rule of the message catalogue, with its severity and what it means; one entry each. */
export const RULES: { readonly [R in Rule]: RuleInfo<R> } = {
  'read-failed': {
    ...release('error'),
    when: 'a file that cannot be read',
    outcome: 'There is nothing to publish.',
    example: ['EACCES: permission denied'],
  },
  'file-too-large': {
    ...release('error'),
    when: 'a file over 1 MiB',
    outcome: 'A release is a few KB: anything huge is not a release, and is not even read.',
    example: [1536, 1024],
  },
  'invalid-utf8': {
    ...release('error'),
    when: 'bytes that are not UTF-8 (with the byte offset)',
    outcome:
      'Guessing an encoding garbles names. `import --repair` decodes a wholly Windows-1252 file.',
    example: [187],
  },
  'empty-file': {
    ...release('error'),
    when: 'nothing, or only spaces, line breaks or a byte order mark',
    outcome: 'A scraper leaves such a file when fetching the page failed: nothing to publish.',
    example: [0],
  },
  'no-front-matter': {
    ...release('error'),
    when: 'no front matter',
    outcome: 'A release cannot be dated, named or traced without its fields.',
    example: [],
  },
  'toml-front-matter': {
    ...release('error'),
    when: 'TOML front matter between `+++` lines',
    outcome: 'Front matter is data in YAML; reading another language would be a guess.',
    example: [],
  },
  'unclosed-front-matter': {
    ...release('error'),
    when: 'front matter that is opened and never closed',
    outcome: 'Where the fields end and the body begins would be a guess.',
    example: ['---'],
  },
  'front-matter-engine': {
    ...release('error'),
    when: 'front matter in another language (`---js`, `---json`, ` ```coffee `)',
    outcome: 'gray-matter would run `---js` as code; front matter is data, never evaluated.',
    example: ['js'],
  },
  'front-matter-shape': {
    ...release('error'),
    when: 'front matter that is not a mapping of fields (a list, a single value)',
    outcome: 'There are no fields to read.',
    example: [],
  },
  'yaml-syntax': {
    ...release('error'),
    when: 'YAML that does not parse, or a key given twice',
    outcome:
      'Which of two `title:` lines wins is a guess. `import --repair` mends unquoted `: ` and tabs.',
    example: ['bad indentation of a mapping entry'],
  },
  'yaml-alias': {
    ...release('error'),
    when: 'an alias that repeats a list or group (`*name`), or a cycle',
    outcome:
      'A few lines of them can expand into gigabytes (an "alias bomb"); they are refused before anything walks the data. Aliases to a single value are allowed.',
    example: ['lines'],
  },
  'body-too-deep': {
    ...release('error'),
    when: 'a body nesting quotes, lists, emphasis or links over 32 levels deep',
    outcome: STALL,
    example: [32],
  },
  'body-too-complex': {
    ...release('error'),
    when: 'a body too costly to render: over 1,000 marks in a paragraph, lazy lines, list items or underlined headings, or 25,000 in all',
    outcome: STALL,
    example: ['paragraphMarks', 1000],
  },
  'required-field': {
    ...release('error'),
    when: 'no `area`, `title`, `url` or `publish.date`',
    outcome:
      'A release cannot be dated, named or traced without them. A near miss (`titel:`) is named in the hint.',
    example: ['title', 'titel'],
  },
  'empty-field': {
    ...release('error'),
    when: 'a required field with no value (`title:`)',
    outcome: 'A release cannot be dated, named or traced without it.',
    example: ['title'],
  },
  'wrong-type': {
    ...release('error'),
    when: 'a field of the wrong type (`title: 2022`, `draft: maybe`)',
    outcome: 'Reading `2022` as a title, or `maybe` as true or false, would be a guess.',
    example: ['title', 'text', 'a number (2022)'],
  },
  'bad-date': {
    ...release('error'),
    when: 'a date that does not exist (`31/02/2021`, `25:61`) or is in no form Gazette reads',
    outcome: 'It would roll over into another day.',
    example: ['09:30 31/02/2024', 'does not exist: month 2 of 2024 has 29 days'],
  },
  'date-before-publish': {
    ...release('error'),
    when: '`publish.updated` or a correction dated before `publish.date`',
    outcome: 'It would say something false.',
    example: ['publish.updated', '09:29 14/03/2024', '09:30 14/03/2024'],
  },
  'bad-url': {
    ...release('error'),
    when: 'a `url` that is not absolute `http(s)`, or any URL with a script scheme, spaces or control characters',
    outcome: '`javascript:` and friends run code; a link with no address points nowhere.',
    example: ['url', 'javascript:alert(1)'],
  },
  'bad-slug': {
    ...release('error'),
    when: 'an `area`, or a `slug` field, with no letters or digits',
    outcome: 'There is no address to build from it.',
    example: ['area', '---'],
  },
  'duplicate-url': {
    ...release('error'),
    when: 'the source `url` of another file',
    outcome: 'Two copies of one release: which is right is a guess. Both files are named.',
    example: ['content/westshire/2024/appeal.md'],
  },
  'duplicate-page': {
    ...release('error'),
    when: "a `slug` on the same day as another file's (compared without case)",
    outcome: 'Both ask for one address. Both files are named.',
    example: ['/2024/03/14/road-closed/', 'content/westshire/2024/road-closed.md'],
  },
  'no-og-image': {
    ...release('warning'),
    when: 'no `og.image`',
    outcome: "As written: share previews show the area's picture, else the site's.",
    example: [],
  },
  'long-og-description': {
    ...release('warning'),
    when: 'an `og.description` over 200 characters',
    outcome: 'As written: share previews and search results cut it short.',
    example: [236, 200],
  },
  'unknown-area': {
    ...release('warning'),
    when: 'an area that `areas.yaml` exists and knows neither by name nor by alias',
    outcome: 'The area as written.',
    example: ['Wexmoor', ['Brackenshire', 'Leicestershire', 'Saltmere']],
  },
  'title-mismatch': {
    ...release('warning'),
    when: '`og.title` and `title` (without its ` | Force name`) that differ beyond case and punctuation',
    outcome: 'As written: pages show `og.title`.',
    example: ['Appeal after fire at Holm Farm | Wexmoor Constabulary', 'Barn fire appeal'],
  },
  'empty-body': {
    ...release('warning'),
    when: 'no text after the front matter',
    outcome: 'As written: a page with a headline and no text.',
    example: [],
  },
  'misplaced-field': {
    ...release('warning'),
    when: 'a field at the top level that belongs in a group (`updated`)',
    outcome: NO_KEY,
    example: ['updated', 'publish.updated'],
  },
  'unknown-field': {
    ...release('warning'),
    when: 'a key Gazette does not read that looks like one it does (`titel`, `publish.modified`)',
    outcome: `${NO_KEY} Other unknown keys are ignored without a word.`,
    example: ['publish.modified', 'publish.updated'],
  },
  'empty-optional': {
    ...release('warning'),
    when: 'an optional field with no value (`og.description:`)',
    outcome: 'The release without it: the usual fallback applies.',
    example: ['og.description'],
  },
  'relative-url': {
    ...release('warning'),
    when: 'a site-relative `og.image` or `og.url` (`/media/x.jpg?w=600&amp;h=300`)',
    outcome: "The address resolved against the release's `url`, entities decoded once.",
    example: [
      'og.image',
      '/media/x.jpg?w=600&amp;h=300',
      'https://www.wexmoor.police.example/media/x.jpg?w=600&h=300',
    ],
  },
  'area-spelling': {
    ...release('warning'),
    when: 'an area spelt differently from other releases of it (`WESTSHIRE`)',
    outcome:
      "One spelling everywhere: the registry's name, else the one most releases use (ties: first in code-point order).",
    example: ['WESTSHIRE', 'Westshire'],
  },
  'headline-without-slug': {
    ...release('warning'),
    when: 'a headline with no letters or digits',
    outcome: 'The release at its id alone: `/2021/06/01/ivm7tb/`.',
    example: [],
  },
  placeholder: {
    ...release('warning'),
    when: 'a field still holding what `gazette new` wrote (`example.invalid`, `TODO`)',
    outcome:
      'Nothing in a production build: the release is left out, and named, until it is filled in.',
    example: ['og.description'],
  },
  'share-image-missing': {
    ...SITE,
    when: "an `og:image` on the site's own address (site.json's `image.url`, an area's in areas.yaml, or a release's `og.image`) whose file is not in the built site",
    outcome:
      'The site, with the tag as it is: previews of those pages show no picture until the file is there.',
    example: ['https://archive.westshire.example/assets/crest.png', 'assets/crest.png'],
  },
  'site-placeholder': {
    ...SITE,
    when: "a `title`, `description`, `url` or `image.alt` still holding `gazette init`'s placeholder (TODO, `https://example.invalid`); `gazette check` reports it too",
    outcome: 'The site, showing the placeholder: set it before the first deploy.',
    example: ['title'],
  },
  'example-site-url': {
    ...SITE,
    when: "a `url` on `gazette.example`, the bundled sample's host, after `--site-url` and `GAZETTE_SITE_URL`",
    outcome:
      'The site, with every absolute link on that host: set the real address before deploying.',
    example: ['https://gazette.example'],
  },
  'registry-syntax': {
    ...REGISTRY,
    when: 'YAML that does not parse, or a key given twice',
    outcome: 'Which areas there are would be a guess.',
    example: ['duplicated mapping key'],
  },
  'registry-shape': {
    ...REGISTRY,
    when: 'anything but one `areas:` group with an entry under each slug',
    outcome: 'There are no areas to read.',
    example: [],
  },
  'registry-bad-slug': {
    ...REGISTRY,
    when: 'an area slug that is not lowercase letters, digits and single hyphens',
    outcome: "The slug is the area's address: `/areas/<slug>/`.",
    example: ['West Vale'],
  },
  'registry-field': {
    ...REGISTRY,
    when: 'an area with no `name`, an empty field, a field of the wrong type, or an `image.url` that is neither a path on the site (`/assets/…`) nor absolute `http(s)`',
    outcome: 'An area is shown by its name; the rest would be a guess.',
    example: ['areas.orrindale.name', 'missing'],
  },
  'registry-unknown-field': {
    ...REGISTRY,
    when: 'a field that areas do not have (`alias`)',
    outcome: 'A misspelt field would be lost without a word.',
    example: ['alias'],
  },
  'registry-clash': {
    ...REGISTRY,
    when: 'a name, slug or alias of two areas (compared ignoring case, accents and punctuation)',
    outcome: 'Which area a release belongs to would be a guess.',
    example: ['Leics', 'leicestershire'],
  },
  'repaired-quote': {
    ...REPAIR,
    when: 'an unquoted colon in a one-line text field: `title: UPDATE: Man charged | Westshire Police`',
    outcome: 'The value in double quotes, `"` and `\\` escaped, in the copy that is imported.',
    example: ['title', 'title: "UPDATE: Man charged | Westshire Police"'],
  },
  'repaired-tabs': {
    ...REPAIR,
    when: "tabs in the front matter's indentation, which YAML forbids",
    outcome: 'Spaces, with tab stops every 2 columns, in the copy that is imported.',
    example: [[8, 9]],
  },
  'repaired-encoding': {
    ...REPAIR,
    when: 'Windows-1252 text (smart quotes `0x93` `0x94`, `£` as `0xA3`)',
    outcome:
      'The text read as Windows-1252 (the WHATWG table) and written as UTF-8 in the copy; nothing becomes U+FFFD.',
    example: [
      [
        [0x93, '“'],
        [0x94, '”'],
        [0xa3, '£'],
      ],
      3,
      [9],
    ],
  },
  'repair-refused': {
    ...REPAIR,
    when: "a defect whose fix would be a guess: UTF-8 mixed with other bytes, a byte Windows-1252 has no character for (`0x81`, `0x8D`, `0x8F`, `0x90`, `0x9D`), or tabs and spaces mixed so that how fields nest depends on a tab's width",
    outcome: 'Nothing: the file is left as it is and rejected with its error.',
    example: [{ kind: 'mixed-encoding', utf8Line: 3 }],
  },
};
