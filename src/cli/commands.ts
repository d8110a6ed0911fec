import type { CommandSpec, OptionSpec } from './args.ts';

/** `--port`, `--host` and `--open`, for the two commands that serve the site. */
function servingOptions(host: string): Readonly<Record<string, OptionSpec>> {
  return {
    port: { type: 'string', value: '<n>', description: 'Port to listen on (default: 8080)' },
    host: { type: 'string', value: '<address>', description: `Address to listen on (${host})` },
    open: {
      type: 'boolean',
      description: 'Open the site in the default browser once it is served',
    },
  };
}

/** Every command, its options and its help. The order is the order of `gazette --help`. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'init',
    summary: 'Write a new archive project into a new or empty folder.',
    usage: 'init <dir> [--title <title>] [--url <url>] [--empty] [--gazette-spec <spec>]',
    options: {
      title: { type: 'string', value: '<title>', description: "The site's title, in site.json" },
      url: {
        type: 'string',
        value: '<url>',
        description: 'Address the site is published at, in site.json: https://…',
      },
      empty: { type: 'boolean', description: 'Leave content/ empty: no example release' },
      'gazette-spec': {
        type: 'string',
        value: '<spec>',
        description:
          "How package.json asks for Gazette (default: ^ and this version); a tarball's path, say",
      },
    },
    positionals: { min: 1, max: 1, name: 'dir' },
    notes: [
      'Writes package.json (depending on this Gazette, with the scripts build, start, check,\n' +
        'new and preview), site.json, an empty areas.yaml with comments, content/ with one\n' +
        'made-up example release (none with --empty), the GitHub Pages workflow, netlify.toml,\n' +
        'a .gitignore and a README saying what to change before the first deploy. The folder\n' +
        'must be new or empty: nothing is ever overwritten. Without --title and --url, it asks\n' +
        'when standard input is a terminal; otherwise site.json holds placeholders (TODO,\n' +
        'https://example.invalid) that gazette check reports until they are set. The project\n' +
        'has no templates/: it builds with the default theme until a file there overrides one.',
    ],
    examples: [
      'gazette init my-archive --title "Westshire archive" --url https://archive.westshire.example',
      'gazette init my-archive --empty',
    ],
  },
  {
    name: 'build',
    summary: 'Validate content/ and build the site into _site/.',
    usage:
      'build [--fresh] [--drafts] [--future] [--keep-going] [--output <dir>] [--site-url <url>] [--path-prefix <prefix>] [--root <dir>]',
    options: {
      fresh: { type: 'boolean', description: 'Ignore .cache/gazette/ and render every page' },
      drafts: {
        type: 'boolean',
        description: 'Include drafts (draft: true) and unfinished releases, marked as such',
      },
      future: {
        type: 'boolean',
        description: 'Include releases dated after now (embargoed), marked as embargoed',
      },
      'keep-going': {
        type: 'boolean',
        description: 'Publish the valid releases when some release files have errors (exit 3)',
      },
      output: {
        type: 'string',
        value: '<dir>',
        description:
          'Build into this folder, from the current folder (default: _site in the project)',
      },
      'site-url': {
        type: 'string',
        value: '<url>',
        description:
          "Address the site is published at (default: GAZETTE_SITE_URL, else site.json's url)",
      },
      'path-prefix': {
        type: 'string',
        value: '<prefix>',
        description:
          "Folder the site is served from, such as /archive/ (default: GAZETTE_PATH_PREFIX, else site.json's pathPrefix)",
      },
    },
    positionals: { min: 0, max: 0 },
    notes: [
      'Without --drafts and --future the build is the one to publish: drafts, unfinished\n' +
        "releases (still holding gazette new's placeholders, TODO or example.invalid) and\n" +
        'releases whose publish.date is later than now have no page and are in no list, feed,\n' +
        'sitemap or search index; the summary counts them and names the unfinished ones. The\n' +
        'included ones are marked on their pages and ask search engines not to index them: a\n' +
        "preview, not for upload. GAZETTE_NOW (ISO 8601, or HH:MM DD/MM/YYYY on the site's\n" +
        'clock, its timeZone) builds as of another time.',
      'A release file with an error stops the build and _site/ stays as it was. With\n' +
        '--keep-going (for scheduled deploys) such files are left out and the rest is\n' +
        'published; the errors are listed, then the files, and the pages of the last build\n' +
        'they took with them. Errors outside release files (site.json, areas.yaml, templates,\n' +
        'an output that cannot be written) still stop it, and so does having no valid release.',
      'The output folder is replaced whole on a fresh build, so it must be a folder of its\n' +
        'own: --output refuses the project folder, and a folder that holds files but no\n' +
        'index.html. --site-url and --path-prefix win over the environment variables, which\n' +
        'win over site.json: canonical, feed, sitemap and share URLs follow them.',
      'Exit 0 when built; 1 when it stopped on errors (_site/ then stays as it was, unless\n' +
        'only the search index failed); 2 on a usage error; 3 when --keep-going published\n' +
        'the site but left out files with errors; 70 on a fault in Gazette itself.',
    ],
    examples: [
      'gazette build',
      'gazette build --fresh',
      'gazette build --drafts --future',
      'gazette build --keep-going || [ $? -eq 3 ]',
      'GAZETTE_NOW="09:00 01/04/2024" gazette build',
      'gazette build --site-url https://owner.github.io --path-prefix /archive/',
      'gazette build --output public',
      'GAZETTE_SITE_URL=https://news.example.org gazette build',
    ],
  },
  {
    name: 'check',
    summary: 'Validate releases without building: errors stop a build, warnings do not.',
    usage: 'check [paths...] [--json] [--strict] [--root <dir>]',
    options: {
      json: { type: 'boolean', description: 'Print one JSON object (for CI) instead of text' },
      strict: { type: 'boolean', description: 'Fail (exit 1) on warnings as well as errors' },
    },
    positionals: { min: 0, max: Infinity, name: 'path' },
    notes: [
      'Without paths, checks the whole content folder. Paths may be release files or folders;\n' +
        'files inside content/ are checked against all of it (duplicates included), files\n' +
        'elsewhere are checked as a set of their own.',
      'Warnings include no-og-image, long-og-description (over 200 characters), unknown-area\n' +
        '(not in areas.yaml), title-mismatch (title and og.title disagree), empty-body and\n' +
        'placeholder (a field gazette new left to fill in); docs/rules.md lists every rule.\n' +
        'Exit 0 when clean, 1 on errors (or warnings with --strict), 2 on a usage error.',
    ],
    examples: [
      'gazette check',
      'gazette check content/leicestershire/2020/',
      'gazette check --strict --json > check.json',
      'gazette check ~/scraped/',
    ],
  },
  {
    name: 'new',
    summary: 'Write a new release with placeholders in the house format, and print its path.',
    usage: 'new --area <name> --title <title> [--date "HH:MM DD/MM/YYYY"] [--format fenced|dashes]',
    options: {
      area: {
        type: 'string',
        value: '<name>',
        description: 'Area (force), or one of its aliases in areas.yaml',
      },
      title: { type: 'string', value: '<title>', description: 'Headline; also names the file' },
      date: {
        type: 'string',
        value: '"HH:MM DD/MM/YYYY"',
        description: "publish.date on site.json's timeZone clock (default: now)",
      },
      format: {
        type: 'string',
        value: 'fenced|dashes',
        description: 'Front matter as a ```yaml block (default) or between --- lines',
      },
    },
    required: ['area', 'title'],
    positionals: { min: 0, max: 0 },
    notes: [
      'Writes content/<area-slug>/<year>/<title-slug>.md and never overwrites a file. The\n' +
        'file loads as it is, but url, og.url, og.description, og.image (unless areas.yaml\n' +
        'gives the area a picture) and the body hold placeholders that gazette check reports;\n' +
        'until they are replaced, gazette build leaves the release out (--drafts shows it).',
    ],
    examples: [
      'gazette new --area Wexmoor --title "Appeal after fire at Holm Farm"',
      'gazette new --area Leics --title "Road closed on the A6" --date "09:30 14/03/2024"',
      'gazette new --area Saltmere --title "Beach patrols" --format dashes',
    ],
  },
  {
    name: 'import',
    summary:
      'Copy scraped releases into content/<area-slug>/<year>/; --repair fixes scraper defects.',
    usage: 'import <dir|files...> [--repair] [--dry-run] [--root <dir>]',
    options: {
      repair: {
        type: 'boolean',
        description: 'Import a repaired copy of files with scraper defects; each fix is listed',
      },
      'dry-run': { type: 'boolean', description: 'Report what would happen; write nothing' },
    },
    positionals: { min: 1, max: Infinity, name: 'folder or release file to import' },
    notes: [
      'Each file is read with the loader: one that loads is imported under its area and year;\n' +
        'one whose source url is already in content/ is skipped (so a second run imports\n' +
        'nothing new); one with errors is rejected with them, and so is one that would take\n' +
        "another release's page address. A file name already taken by a different file gets\n" +
        '-2, -3… before its extension; nothing is ever overwritten.',
      'With --repair, three defects that scrapers leave are fixed in the copy that is\n' +
        'imported, never in the scraped file: a text field whose unquoted value holds a colon\n' +
        '(title: UPDATE: Man charged) is put in double quotes, tabs indenting the front matter\n' +
        'become spaces, and a file in Windows-1252 is read as such and written as UTF-8. Each\n' +
        'fix is a warning with its line. A file where a fix would be a guess (UTF-8 and\n' +
        'Windows-1252 mixed, tabs whose width decides the nesting) is rejected as it is.\n' +
        'Without --repair such files are rejected, and the hint names the command.',
      'Exit 0 when every file was imported or skipped (repaired ones included), 1 if any\n' +
        'was rejected, 2 on a usage error.',
    ],
    examples: [
      'gazette import ~/scraped/',
      'gazette import --dry-run ~/scraped/',
      'gazette import --repair --dry-run ~/scraped/',
      'gazette import --repair ~/scraped/000_d1719f2e7f2409f0.txt',
      'gazette import ~/scraped/000_d1719f2e7f2409f0.txt ~/scraped/000_a0b1.txt',
    ],
  },
  {
    name: 'serve',
    summary: 'Build, serve on http://localhost:8080 with live reload, and rebuild on changes.',
    usage: 'serve [--port <n>] [--host <address>] [--open] [--root <dir>]',
    options: servingOptions('default: every address of this machine, shown as localhost'),
    positionals: { min: 0, max: 0 },
    notes: [
      'Shows drafts, unfinished and embargoed releases, marked on their pages, as gazette\n' +
        'build --drafts --future does; gazette build leaves them out.',
      'A port in use is skipped for the next one free, and the address it prints is the one it\n' +
        'serves. --open runs the platform opener (open, start or xdg-open); where there is none,\n' +
        'it warns and serves all the same.',
    ],
    examples: [
      'gazette serve',
      'gazette serve --port 9000 --open',
      'gazette serve --host 127.0.0.1',
    ],
  },
  {
    name: 'preview',
    summary: 'Serve the built _site/ on http://127.0.0.1:8080 as a static host would.',
    usage: 'preview [--port <n>] [--host <address>] [--open] [--root <dir>]',
    options: servingOptions('default: 127.0.0.1, this machine only; 0.0.0.0 serves the network'),
    positionals: { min: 0, max: 0 },
    notes: [
      '--open runs the platform opener (open, start or xdg-open); where there is none, it\n' +
        'warns and serves all the same.',
    ],
    examples: [
      'gazette preview',
      'gazette preview --port 9000 --open',
      'gazette preview --host 0.0.0.0',
    ],
  },
];

/** A fact the CLI reference lists: an exit code or an environment variable, and what it means. */
export interface Fact {
  readonly name: string;
  readonly meaning: string;
}

/** What every command's exit code means (docs/cli.md lists them). */
export const EXIT_CODES: readonly Fact[] = [
  {
    name: '0',
    meaning:
      'Done. `gazette build` built the site, leaving out what its summary says (drafts, unfinished, embargoed).',
  },
  {
    name: '1',
    meaning:
      'The content or the project has a problem: `gazette build` published nothing and `_site/` is as it was (or only the search index failed, as it says); `check` found errors (or warnings, with `--strict`); `import` rejected a file; `new` found the file or its address taken.',
  },
  { name: '2', meaning: 'Usage error: the command line does not fit the command.' },
  {
    name: '3',
    meaning:
      '`gazette build --keep-going` published the site but left out release files with errors, named in its summary.',
  },
  {
    name: '70',
    meaning: 'A fault in Gazette itself; the message asks for a report and has the stack.',
  },
];

/** The environment variables Gazette reads (docs/cli.md lists them). */
export const ENVIRONMENT: readonly Fact[] = [
  {
    name: 'GAZETTE_NOW',
    meaning:
      'Build as of another moment (ISO 8601, or `HH:MM DD/MM/YYYY` in the `timeZone` of `site.json`), to see what a scheduled build will publish.',
  },
  {
    name: 'GAZETTE_SITE_URL',
    meaning: 'Overrides `url` in `site.json`; `gazette build --site-url` overrides it.',
  },
  {
    name: 'GAZETTE_PATH_PREFIX',
    meaning: 'Overrides `pathPrefix` in `site.json`; `gazette build --path-prefix` overrides it.',
  },
  {
    name: 'GAZETTE_DEBUG',
    meaning: '`1` adds the stack trace to a template or search-index failure.',
  },
  {
    name: 'GAZETTE_PAGES_PER_RUN',
    meaning:
      'Pages in one render run (default 4,000, or 2,000 when threads share the runs); bounds memory, never changes the output.',
  },
  {
    name: 'GAZETTE_RENDER_THREADS',
    meaning:
      'Threads rendering a fresh build (default: one per core from 6,000 pages); `1` turns the render worker off. Never changes the output.',
  },
  {
    name: 'GAZETTE_SEARCH_PROCESSES',
    meaning:
      'Pagefind processes indexing for search (default: one per core from 2,000 pages to index); `1` indexes in the build’s own. Never changes the output.',
  },
  {
    name: 'CI',
    meaning: '`true` makes `gazette build` log its progress as plain lines even on a terminal.',
  },
];
