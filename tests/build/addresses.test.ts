import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, makeProject } from './site-output.ts';

/**
 * Page addresses are a promise: every valid release gets exactly one, and
 * adding, editing or removing other releases never moves it.
 */

const SITE_URL = 'https://fixture-gazette.example';

interface Fields {
  readonly area: string;
  readonly title: string;
  readonly url: string;
  readonly time: string;
  readonly slug?: string;
}

function releaseText({ area, title, url, time, slug }: Fields): string {
  const lines = ['---', `area: ${area}`, `title: "${title} | ${area} Police"`, `url: ${url}`];
  if (slug !== undefined) lines.push(`slug: ${slug}`);
  lines.push('publish:', `  date: ${time} 01/06/2021`, '---', '', `${title}, in ${area}.`, '');
  return lines.join('\n');
}

const LONG =
  'Appeal for witnesses after a serious collision between a van and a motorcyclist on the';

// A busy day: one stock headline from two forces, and from one force twice,
// and two long headlines that agree in their first 80 characters.
const CLASHES: Record<string, Fields> = {
  'clash/west-1.md': {
    area: 'Westshire',
    title: 'Man charged with burglary',
    url: 'https://www.westshire.police.example/news/man-charged-with-burglary/',
    time: '10:00',
  },
  'clash/salt-1.md': {
    area: 'Saltmere',
    title: 'Man charged with burglary',
    url: 'https://www.saltmere.police.example/news/man-charged-with-burglary/',
    time: '11:00',
  },
  'clash/west-2.md': {
    area: 'Westshire',
    title: 'Man charged with burglary',
    url: 'https://www.westshire.police.example/news/man-charged-with-burglary-1/',
    time: '15:00',
  },
  'clash/long-a.md': {
    area: 'Westshire',
    title: `${LONG} A46 at Syston`,
    url: 'https://www.westshire.police.example/news/a46/',
    time: '12:00',
  },
  'clash/long-b.md': {
    area: 'Westshire',
    title: `${LONG} A6 at Birstall`,
    url: 'https://www.westshire.police.example/news/a6/',
    time: '12:30',
  },
};

/** Each release page's source url → its address, read from the pages themselves. */
function addressMap(site: BuiltSite): Map<string, string> {
  const map = new Map<string, string>();
  for (const url of site.pages) {
    const $ = site.page(url);
    const source = $('.source a').attr('href');
    if (source === undefined) continue;
    if (map.has(source)) throw new Error(`${source} has two pages: ${map.get(source)}, ${url}`);
    expect($('link[rel=canonical]').attr('href')).toBe(`${SITE_URL}${url}`);
    map.set(source, url);
  }
  return map;
}

async function write(root: string, files: Record<string, Fields>): Promise<void> {
  for (const [name, fields] of Object.entries(files)) {
    const full = path.join(root, 'content', name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, releaseText(fields));
  }
}

async function build(root: string): Promise<BuiltSite> {
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.reason).join('\n'));
  return BuiltSite.read(path.join(root, '_site'));
}

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function project(): Promise<string> {
  const root = await makeProject();
  roots.push(root);
  return root;
}

describe('releases that share a headline on one day', () => {
  let root: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    root = await project();
    await write(root, CLASHES);
    before = addressMap(await build(root));
  });

  test('each has its own page, at the address its own fields give', () => {
    const ours = Object.values(CLASHES).map((c) => before.get(c.url));
    expect(ours).toEqual([
      '/2021/06/01/man-charged-with-burglary-zjlpjd/',
      '/2021/06/01/man-charged-with-burglary-yu3tot/',
      '/2021/06/01/man-charged-with-burglary-rhh5ep/',
      '/2021/06/01/appeal-for-witnesses-after-a-serious-collision-between-a-van-and-a-motorcyclist-joeqzh/',
      '/2021/06/01/appeal-for-witnesses-after-a-serious-collision-between-a-van-and-a-motorcyclist-tgyfqz/',
    ]);
    expect(new Set(before.values()).size).toBe(before.size);
  });

  test('a clashing release added later, earlier that day and sorting first, moves no address', async () => {
    await write(root, {
      'aaa-first.md': {
        area: 'Ashwick Vale',
        title: 'Man charged with burglary',
        url: 'https://a.example/0',
        time: '08:00',
      },
    });
    const after = addressMap(await build(root));
    for (const [source, address] of before) expect(after.get(source), source).toBe(address);
    expect(after.size).toBe(before.size + 1);
    expect(new Set(after.values()).size).toBe(after.size);
  });

  test('removing a release moves no other address', async () => {
    const gone = CLASHES['clash/west-1.md'];
    await rm(path.join(root, 'content/clash/west-1.md'));
    const after = addressMap(await build(root));
    for (const [source, address] of before) {
      if (source !== gone?.url) expect(after.get(source), source).toBe(address);
    }
    expect(after.has(gone?.url ?? '')).toBe(false);
  });
});

describe('two files that ask for one address', () => {
  test('the same slug on the same day is an error that names both files', async () => {
    const root = await project();
    const ask = (url: string): Fields => ({
      area: 'Westshire',
      title: 'Road closed',
      url,
      time: '09:00',
      slug: 'road-closed',
    });
    await write(root, {
      'a/first.md': ask('https://w.example/1'),
      'b/second.md': ask('https://w.example/2'),
    });
    const result = await buildSite({ root, env: {} });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.file, d.line, d.rule, d.reason])).toEqual([
      [
        'content/b/second.md',
        5,
        'duplicate-page',
        'This release would be published at /2021/06/01/road-closed/, which content/a/first.md already uses.',
      ],
    ]);
  });
});

describe('a pattern set in site.json', () => {
  let site: BuiltSite;
  let addresses: Map<string, string>;

  beforeAll(async () => {
    const root = await project();
    const config = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(root, 'site.json'), 'utf8'),
      ),
    ) as Record<string, unknown>;
    config.permalink = '/news/:year/:month/:day/:area/:slug/';
    await writeFile(path.join(root, 'site.json'), JSON.stringify(config));
    await write(root, CLASHES);
    site = await build(root);
    addresses = addressMap(site);
  });

  test('places every release page at it', () => {
    expect(addresses.get(CLASHES['clash/salt-1.md']?.url ?? '')).toBe(
      '/news/2021/06/01/saltmere/man-charged-with-burglary-yu3tot/',
    );
    for (const address of addresses.values()) {
      expect(address).toMatch(/^\/news\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/[a-z0-9-]+\/$/);
    }
  });

  test('every link to a page, in pages, feeds, the sitemap and JSON-LD, reaches one', () => {
    const targets = new Set<string>();
    for (const url of site.pages) {
      const $ = site.page(url);
      $('a[href], link[href]').each((_, el) => void targets.add($(el).attr('href') ?? ''));
      $('script[type="application/ld+json"]').each((_, el) => {
        JSON.stringify(JSON.parse($(el).text()), (key, value: unknown) => {
          const link = ['url', '@id', 'item', 'mainEntityOfPage'].includes(key);
          if (link && typeof value === 'string' && value.startsWith(SITE_URL)) targets.add(value);
          return value;
        });
      });
    }
    const xml = new XMLParser({ ignoreAttributes: false });
    const sitemap = xml.parse(site.files.get('sitemap.xml')?.toString() ?? '') as {
      urlset: { url: { loc: string }[] };
    };
    for (const entry of sitemap.urlset.url) targets.add(entry.loc);
    const atom = xml.parse(site.files.get('feed.xml')?.toString() ?? '') as {
      feed: { entry: { link: { '@_href': string; '@_rel': string }[] }[] };
    };
    for (const entry of atom.feed.entry) {
      for (const link of entry.link) if (link['@_rel'] === 'alternate') targets.add(link['@_href']);
    }
    const json = JSON.parse(site.files.get('feed.json')?.toString() ?? '{}') as {
      items: { url: string }[];
    };
    for (const item of json.items) targets.add(item.url);

    const ours = [...targets]
      .map((href) => (href.startsWith(SITE_URL) ? href.slice(SITE_URL.length) : href))
      .filter((href) => href.startsWith('/') && !href.startsWith('//'));
    const releaseLinks = ours.filter((href) => href.startsWith('/news/'));
    expect(releaseLinks.length).toBeGreaterThan(addresses.size);
    expect(ours.filter((href) => !site.has(href))).toEqual([]);
    expect(new Set(releaseLinks.map((href) => href.replace(/#.*$/, '')))).toEqual(
      new Set(addresses.values()),
    );
  });
});
