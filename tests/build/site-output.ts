import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type CheerioAPI } from 'cheerio';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The fixture project: site.json, content/, expected.json and broken/. */
export const fixtureDir = path.join(repo, 'tests/fixtures/site');

/** One release of the fixture site as the pages must show it (tests/fixtures/site/expected.json). */
export interface ExpectedRelease {
  readonly file: string;
  readonly url: string;
  readonly area: string;
  readonly areaSlug: string;
  readonly headline: string;
  /** ISO 8601 in UK local time, as `<time datetime>` and article:published_time give it. */
  readonly datetime: string;
  /** As the release page reads: `Wednesday 16 September 2020, 10:55`. */
  readonly dateText: string;
  readonly sourceUrl: string;
  /** The release's own share image, or null for the site default. */
  readonly image: string | null;
}

/** The fixture's releases, newest first. */
export async function readExpected(): Promise<ExpectedRelease[]> {
  return JSON.parse(
    await readFile(path.join(fixtureDir, 'expected.json'), 'utf8'),
  ) as ExpectedRelease[];
}

/**
 * Makes a throwaway project: the live templates/ (styled concurrently, so
 * copied rather than duplicated) plus the fixture's site.json and content/.
 */
export async function makeProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-build-'));
  await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
  await cp(path.join(fixtureDir, 'site.json'), path.join(root, 'site.json'));
  await cp(path.join(fixtureDir, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

/** Every file under `dir`, keyed by its path with forward slashes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Site-relative URL a file is served at: `a/index.html` → `/a/`. */
export function urlOfFile(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

/** A release page URL: `/YYYY/MM/DD/<slug>/`. */
export function isReleaseUrl(url: string): boolean {
  return /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/.test(url);
}

/** A built site, read once into memory and parsed on demand. */
export class BuiltSite {
  readonly #parsed = new Map<string, CheerioAPI>();

  private constructor(readonly files: ReadonlyMap<string, Buffer>) {}

  /** Reads an output folder. */
  static async read(dir: string): Promise<BuiltSite> {
    return new BuiltSite(await readTree(dir));
  }

  /** URLs of every HTML page. */
  get pages(): string[] {
    return [...this.files.keys()].filter((f) => f.endsWith('.html')).map(urlOfFile);
  }

  /** The output file a site-relative URL resolves to, as a static host serves it, or null. */
  fileFor(url: string): string | null {
    const clean = decodeURIComponent(url.replace(/[?#].*$/, '')).replace(/^\//, '');
    const candidates =
      clean === '' || clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
    return candidates.find((c) => this.files.has(c)) ?? null;
  }

  has(url: string): boolean {
    return this.fileFor(url) !== null;
  }

  /** The parsed page at `url`; throws when there is none. */
  page(url: string): CheerioAPI {
    const file = this.fileFor(url);
    if (file === null) throw new Error(`no page at ${url}`);
    let $ = this.#parsed.get(file);
    if ($ === undefined) {
      $ = load(this.files.get(file)?.toString('utf8') ?? '');
      this.#parsed.set(file, $);
    }
    return $;
  }
}

/** The content of the one `<meta property|name=key>`, or null; throws if repeated. */
export function meta($: CheerioAPI, key: string): string | null {
  const tags = $(`meta[property="${key}"], meta[name="${key}"]`);
  if (tags.length > 1) throw new Error(`${tags.length} meta tags for ${key}`);
  return tags.length === 0 ? null : (tags.attr('content') ?? '');
}

/** Distinct targets of links with a given rel (`prev`, `next`) anywhere in the page. */
export function relTargets($: CheerioAPI, rel: string): string[] {
  const hrefs = $(`a[rel~="${rel}"], link[rel~="${rel}"]`)
    .toArray()
    .map((el) => $(el).attr('href') ?? '');
  return [...new Set(hrefs)];
}

/**
 * Releases a list page shows, in order: each list item whose heading links to
 * a release page. Sidebars and pagination hold no such items.
 */
export function listedReleases($: CheerioAPI): string[] {
  return $('main li')
    .toArray()
    .map((li) => $(li).find('h2 a[href], h3 a[href], h4 a[href]').first().attr('href') ?? '')
    .filter(isReleaseUrl);
}

/** Releases listed by a paginated list, following rel=next from its first page. */
export function collectList(
  site: BuiltSite,
  firstPage: string,
): { releases: string[]; pages: string[] } {
  const releases: string[] = [];
  const pages: string[] = [];
  let url: string | undefined = firstPage;
  while (url !== undefined) {
    if (pages.includes(url) || pages.length > 50) throw new Error(`rel=next loops back to ${url}`);
    pages.push(url);
    const $ = site.page(url);
    releases.push(...listedReleases($));
    const next = relTargets($, 'next');
    if (next.length > 1) throw new Error(`${url} has ${next.length} rel=next targets`);
    url = next[0];
  }
  return { releases, pages };
}

/** Links in sidebars that show a count: `<li><a href=…>label</a> 7</li>`. */
export function countedLinks($: CheerioAPI): { label: string; url: string; count: number }[] {
  return $('aside li')
    .toArray()
    .flatMap((li) => {
      const link = $(li).find('a[href]').first();
      const rest = $(li).text().replace(link.text(), '');
      const count = /\d+/.exec(rest);
      if (link.length === 0 || count === null) return [];
      return [{ label: link.text().trim(), url: link.attr('href') ?? '', count: Number(count[0]) }];
    });
}
