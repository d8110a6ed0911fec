import { PLACEHOLDER_HOST, PLACEHOLDER_TEXT } from '../model/placeholders.ts';

/**
 * The files `gazette init` writes, as text. Placeholders are those `gazette
 * new` uses (the host example.invalid, text starting TODO), so `gazette check`
 * names every one still left.
 */

/** What a new project is made from. */
export interface InitProject {
  /** The folder's own name: the npm package name is made from it. */
  readonly name: string;
  /** The site's title, or undefined for a placeholder. */
  readonly title: string | undefined;
  /** The site's address, or undefined for a placeholder. */
  readonly url: string | undefined;
  /** How package.json asks for Gazette: `^0.1.0`, or a tarball's path in a test. */
  readonly gazetteSpec: string;
  /** Without the example release. */
  readonly empty: boolean;
  /** The js-yaml version Gazette depends on, which gray-matter is given too; none to leave it. */
  readonly jsYaml: string | undefined;
}

/** The placeholder title and address of a site whose publisher gave none. */
export const PLACEHOLDER_TITLE = `${PLACEHOLDER_TEXT}: the archive's name`;
export const PLACEHOLDER_SITE_URL = `https://${PLACEHOLDER_HOST}`;

/** The example release's file, under content/. */
export const EXAMPLE_RELEASE = 'example-area/2024/example-release-delete-me.md';

/** Every file of the new project by its path, but the deploy recipes (copied from Gazette). */
export function projectFiles(project: InitProject): Map<string, string> {
  const files = new Map<string, string>([
    ['package.json', packageJson(project)],
    ['site.json', siteJson(project)],
    ['areas.yaml', AREAS_YAML],
    ['.gitignore', GITIGNORE],
    ['README.md', readme(project)],
  ]);
  if (!project.empty) files.set(`content/${EXAMPLE_RELEASE}`, EXAMPLE_RELEASE_TEXT);
  else files.set('content/.gitkeep', '');
  return files;
}

function packageJson({ name, gazetteSpec, jsYaml }: InitProject): string {
  const manifest = {
    name: packageName(name),
    private: true,
    type: 'module',
    scripts: {
      build: 'gazette build',
      start: 'gazette serve',
      check: 'gazette check',
      new: 'gazette new',
      preview: 'gazette preview',
    },
    dependencies: { gazette: gazetteSpec },
    engines: { node: '>=20.18' },
    // Gazette parses front matter with its own js-yaml 4; gray-matter's bundled
    // js-yaml 3 is never used. Giving gray-matter the same one, as Gazette's own
    // package.json does, installs one js-yaml, the one Gazette is tested with.
    ...(jsYaml !== undefined && { overrides: { 'gray-matter': { 'js-yaml': jsYaml } } }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** An npm package name from a folder name: lowercase, URL-safe, never empty. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'news-archive' : name.slice(0, 214);
}

function siteJson({ title, url }: InitProject): string {
  const name = title ?? PLACEHOLDER_TITLE;
  const site = {
    title: name,
    description: 'An archive of press releases, by area and by date.',
    url: url ?? PLACEHOLDER_SITE_URL,
    language: 'en-GB',
    locale: 'en_GB',
    timeZone: 'Europe/London',
    image: {
      url: '/assets/share.png',
      alt:
        title === undefined
          ? 'The archive: press releases by area and by date'
          : `${title}: press releases by area and by date`,
      width: 1200,
      height: 630,
    },
    contentDir: 'content',
    pageSize: 20,
    homeCount: 10,
  };
  return `${JSON.stringify(site, null, 2)}\n`;
}

const AREAS_YAML = `# The areas (police forces, councils…) this archive knows, under the slug that
# makes their address (/areas/<slug>/). Optional: with no areas here, every area is
# accepted as a release writes it. Once an area is listed, \`gazette check\` warns about
# releases whose area is not, and \`gazette new\` files releases under its slug.
# Names and aliases are compared ignoring case, accents and punctuation.
#
# areas:
#   westshire:
#     name: Westshire
#     aliases: [Westshire Police, Wshire]
#     description: The towns and villages of the Westshire valley.
#     image: # the share picture of its pages (optional); a file of templates/assets/
#       url: /assets/areas/westshire.png
#       alt: Westshire Police crest
areas: {}
`;

const GITIGNORE = `node_modules/
_site/
_site.*/
.cache/
*.log
`;

// A made-up release on made-up hosts, marked in its headline and body as the
// example to delete: it shows the format, and the first build has a page.
const EXAMPLE_RELEASE_TEXT = `\`\`\`yaml
area: Example Area
title: "Example release: delete this file before you publish | Example Area Police"
url: https://www.example-area.police.example/news/2024/june/example-release/
publish:
  date: 10:30 14/06/2024
og:
  title: "Example release: delete this file before you publish"
  description: A made-up release that gazette init wrote to show the format. Delete it before the first deploy.
  image: https://www.example-area.police.example/images/example-release.jpg
  locale: en_GB
  type: website
  url: https://www.example-area.police.example/news/2024/june/example-release/
\`\`\`

**This release is an invented example**, written by \`gazette init\`: Example Area and its
police are made up, and so is everything below. Delete this file
(\`content/${EXAMPLE_RELEASE}\`) before your first deploy.

Officers in Example Area are *appealing* for information after a made-up event on the
high street.

- Call 101, quoting the made-up reference 0000
- Read the original at [the force's site](https://www.example-area.police.example/news/)
`;

function readme({ title, url, empty }: InitProject): string {
  const todo = [
    title === undefined
      ? "- **`site.json` `title`**: still the placeholder; set the archive's name."
      : `- **\`site.json\` \`title\`** is "${title}"; \`description\` is one line about the archive.`,
    url === undefined
      ? '- **`site.json` `url`**: still the placeholder https://example.invalid; set the address the site is published at.'
      : `- **\`site.json\` \`url\`** is ${url}: canonical links, feeds and the sitemap use it.`,
    "- **Share image**: every page shares `/assets/share.png`, the default theme's. Put your own at `templates/assets/share.png` (1200×630), or name another in `site.json` `image`.",
    ...(empty
      ? []
      : [`- **The example release**: delete \`content/${EXAMPLE_RELEASE}\`; it is made up.`]),
    '- **`areas.yaml`**: list your areas (optional), with their names and aliases.',
  ];
  return `# ${title ?? 'A news archive'}

A news archive built with [Gazette](https://www.npmjs.com/package/gazette): each release is one
Markdown file under \`content/\`, and \`npm run build\` makes the site in \`_site/\`.

## Before the first deploy

${todo.join('\n')}

\`npx gazette check\` names every placeholder still left (and every problem in the releases).

## Commands

| command                             | does                                                      |
| ----------------------------------- | --------------------------------------------------------- |
| \`npm install\`                       | Install Gazette (once, and after changing its version).   |
| \`npm start\`                         | Build, serve on http://localhost:8080/ and rebuild on save. |
| \`npm run new -- --area A --title T\` | Write a new release with placeholders to fill in.         |
| \`npm run check\`                     | Check every release; exit 1 on errors.                    |
| \`npm run build\`                     | Build the site into \`_site/\`, ready to upload.            |
| \`npm run preview\`                   | Serve \`_site/\` as a static host would.                    |

## Changing the look

Put a file in \`templates/\` with the same path as the default theme's
(\`node_modules/gazette/templates/\`): \`templates/_includes/footer.njk\` replaces the footer,
\`templates/assets/style.css\` the stylesheet. Everything else still comes from the theme.

## Deploying

\`.github/workflows/pages.yml\` publishes to GitHub Pages on every push to \`main\` (set
Settings → Pages → Source to GitHub Actions); \`netlify.toml\` does the same on Netlify. Both
build with \`--keep-going\`, so a release file with errors is left out and named in the log.
`;
}
