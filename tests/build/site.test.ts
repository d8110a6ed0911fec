import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../../src/build/build-site.ts';
import {
  isDataBlock,
  BuiltSite,
  collectList,
  fixtureDir,
  countedLinks,
  isReleaseUrl,
  listedReleases,
  makeProject,
  meta,
  readExpected,
  readTree,
  relTargets,
  type ExpectedRelease,
} from './site-output.ts';

// Must match tests/fixtures/site/site.json.
const SITE_URL = 'https://fixture-gazette.example';
const PAGE_SIZE = 3;
const HOME_COUNT = 4;
const SCRIPT_HEADLINE = 'Warning over "quotes" <script>alert(1)</script> scam calls';

const projects: string[] = [];
let expected: ExpectedRelease[];
let result: BuildResult;
let site: BuiltSite;
let firstRoot: string;

beforeAll(async () => {
  expected = await readExpected();
  const root = await makeProject();
  firstRoot = root;
  projects.push(root);
  // An empty env: a GAZETTE_SITE_URL on the test machine must not move the canonical URLs.
  result = await buildSite({ root, env: {} });
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await Promise.all(projects.map((p) => rm(p, { recursive: true, force: true })));
});

/** Problems found on any page, so one failure lists every page at fault. */
function everyPage(check: (url: string) => string | null): string[] {
  return site.pages.flatMap((url) => {
    const problem = check(url);
    return problem === null ? [] : [`${url}: ${problem}`];
  });
}

const urlsOf = (releases: readonly ExpectedRelease[]) => releases.map((r) => r.url);
const inArea = (slug: string) => expected.filter((r) => r.areaSlug === slug);
const keysOf = (key: (r: ExpectedRelease) => string) => [...new Set(expected.map(key))];
const yearOf = (r: ExpectedRelease) => r.datetime.slice(0, 4);
const monthOf = (r: ExpectedRelease) => r.datetime.slice(5, 7);

describe('the build', () => {
  test('succeeds with every fixture release and no diagnostics', () => {
    expect(result).toMatchObject({ ok: true, releases: expected.length, diagnostics: [] });
  });

  test('reports the number of pages it wrote', () => {
    expect(result.ok && result.pages).toBe(site.pages.length);
  });
});

describe('every page', () => {
  test('has exactly one h1 and a title', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        if ($('h1').length !== 1) return `${$('h1').length} h1 elements`;
        return $('head title').text().trim() === '' ? 'no <title>' : null;
      }),
    ).toEqual([]);
  });

  test('has an absolute canonical link on the site URL, equal to og:url', () => {
    expect(
      everyPage((url) => {
        if (url === '/404.html') return null;
        const $ = site.page(url);
        const canonical = $('link[rel="canonical"]');
        if (canonical.length !== 1) return `${canonical.length} canonical links`;
        const href = canonical.attr('href');
        if (href !== `${SITE_URL}${url}`) return `canonical ${href}`;
        return meta($, 'og:url') === href
          ? null
          : `og:url ${meta($, 'og:url')} differs from canonical`;
      }),
    ).toEqual([]);
  });

  test('carries og:title, og:description, og:site_name, og:locale, twitter:card and a description', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        const missing = ['og:title', 'og:description', 'description', 'twitter:card'].filter(
          (key) => (meta($, key) ?? '').trim() === '',
        );
        if (missing.length > 0) return `missing ${missing.join(', ')}`;
        if (meta($, 'og:site_name') !== 'Fixture Gazette')
          return `og:site_name ${meta($, 'og:site_name')}`;
        return meta($, 'og:locale') === 'en_GB' ? null : `og:locale ${meta($, 'og:locale')}`;
      }),
    ).toEqual([]);
  });

  test('has an absolute http(s) og:image with alt text', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        const image = meta($, 'og:image') ?? '';
        if (!/^https?:\/\/[^/]+\//.test(image)) return `og:image ${image}`;
        return (meta($, 'og:image:alt') ?? '').trim() === '' ? 'no og:image:alt' : null;
      }),
    ).toEqual([]);
  });

  test('mirrors og:title, og:description, og:image and og:image:alt in the Twitter tags', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        const differ = ['title', 'description', 'image', 'image:alt'].filter(
          (key) => meta($, `twitter:${key}`) !== meta($, `og:${key}`),
        );
        return differ.length === 0 ? null : `twitter:${differ.join(', twitter:')} differ from og`;
      }),
    ).toEqual([]);
  });

  test('is og:type article on release pages and website everywhere else', () => {
    expect(
      everyPage((url) => {
        const type = meta(site.page(url), 'og:type');
        const want = isReleaseUrl(url) ? 'article' : 'website';
        return type === want ? null : `og:type ${type}, expected ${want}`;
      }),
    ).toEqual([]);
  });

  test('links and loads only site files that exist', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        const broken = $('[href], [src]')
          .toArray()
          .map((el) => $(el).attr('href') ?? $(el).attr('src') ?? '')
          .filter(
            (target) => target.startsWith('/') && !target.startsWith('//') && !site.has(target),
          );
        return broken.length === 0 ? null : `broken ${[...new Set(broken)].join(' ')}`;
      }),
    ).toEqual([]);
  });

  test('links to fragments only where an element has that id', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        const broken = $('a[href*="#"]')
          .toArray()
          .map((el) => $(el).attr('href') ?? '')
          .filter((href) => {
            const [target = '', id = ''] = href.split('#');
            if (target !== '' && !target.startsWith('/')) return false;
            const page = target === '' ? $ : site.has(target) ? site.page(target) : null;
            return id !== '' && page !== null && page(`[id="${id}"]`).length === 0;
          });
        return broken.length === 0 ? null : `no target for ${broken.join(' ')}`;
      }),
    ).toEqual([]);
  });
});

describe('the 404 page', () => {
  test('asks not to be indexed and names no canonical URL or og:url', () => {
    const $ = site.page('/404.html');
    expect(meta($, 'robots')).toBe('noindex');
    expect($('link[rel="canonical"]')).toHaveLength(0);
    expect(meta($, 'og:url')).toBeNull();
  });
});

describe('release pages', () => {
  test('exist for every release and for nothing else', () => {
    expect(site.pages.filter(isReleaseUrl).sort()).toEqual(urlsOf(expected).sort());
  });

  test('show the headline as the h1 and in og:title', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      expect([$('h1').text().trim(), meta($, 'og:title')], r.url).toEqual([r.headline, r.headline]);
    }
  });

  test('link to their area by name', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const names = $(`main a[href="/areas/${r.areaSlug}/"]`)
        .toArray()
        .map((a) => $(a).text().trim());
      expect(names, r.url).toContain(r.area);
    }
  });

  test('give the date in UK local time, as <time datetime> and in words', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const time = $(`main time[datetime="${r.datetime}"]`);
      expect(time.length, `${r.url} has no <time datetime="${r.datetime}">`).toBeGreaterThan(0);
      expect(time.first().text().trim(), r.url).toBe(r.dateText);
    }
  });

  test('carry article:published_time matching <time datetime>, and article:section naming the area', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const datetimes = $('main time[datetime]')
        .toArray()
        .map((t) => $(t).attr('datetime'));
      expect(datetimes[0], r.url).toBe(r.datetime);
      expect([meta($, 'article:published_time'), meta($, 'article:section')], r.url).toEqual([
        r.datetime,
        r.area,
      ]);
    }
  });

  test("share the release's own image, else the site default", () => {
    for (const r of expected) {
      const image = meta(site.page(r.url), 'og:image');
      expect(image, r.url).toBe(r.image ?? `${SITE_URL}/assets/share.png`);
    }
  });

  test("give og:image:width and og:image:height for the site's default image only, from site.json", () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const size = [meta($, 'og:image:width'), meta($, 'og:image:height')];
      expect(size, r.url).toEqual(r.image === null ? ['1200', '630'] : [null, null]);
    }
  });

  test('carry NewsArticle JSON-LD naming the force as author and a publisher logo that is built', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const [article] = JSON.parse($('script[type="application/ld+json"]').text()) as [
        {
          author: { '@type': string; name: string; url: string };
          publisher: { logo: { '@type': string; url: string; width: number; height: number } };
        },
      ];
      expect(article.author, r.url).toEqual({
        '@type': 'Organization',
        name: r.area,
        url: new URL(r.sourceUrl).origin,
      });
      const { logo } = article.publisher;
      expect(logo, r.url).toEqual({
        '@type': 'ImageObject',
        url: `${SITE_URL}/assets/logo.png`,
        width: 192,
        height: 192,
      });
      const png = site.files.get('assets/logo.png');
      // The PNG header's width and height, as the JSON-LD states them.
      expect([png?.readUInt32BE(16), png?.readUInt32BE(20)]).toEqual([192, 192]);
    }
  });

  test('link to the original release at its source URL', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const original = $('main a')
        .filter((_, a) => $(a).text().trim() === 'Original release')
        .toArray()
        .map((a) => $(a).attr('href'));
      expect(original, r.url).toEqual([r.sourceUrl]);
    }
  });

  test('link to the next older (rel=prev) and next newer (rel=next) release of the same area', () => {
    for (const r of expected) {
      const area = inArea(r.areaSlug);
      const i = area.indexOf(r);
      const $ = site.page(r.url);
      expect([relTargets($, 'prev'), relTargets($, 'next')], r.url).toEqual([
        urlsOf(area.slice(i + 1, i + 2)),
        urlsOf(area.slice(Math.max(0, i - 1), i)),
      ]);
    }
  });

  test('link to no release of another area', () => {
    for (const r of expected) {
      const $ = site.page(r.url);
      const others = $('a[href]')
        .toArray()
        .map((a) => $(a).attr('href') ?? '')
        .filter((href) => isReleaseUrl(href) && !urlsOf(inArea(r.areaSlug)).includes(href));
      expect(others, r.url).toEqual([]);
    }
  });
});

describe('list pages', () => {
  test("list each release exactly once across its area's pages, newest first", () => {
    for (const slug of keysOf((r) => r.areaSlug)) {
      expect(collectList(site, `/areas/${slug}/`).releases, slug).toEqual(urlsOf(inArea(slug)));
    }
  });

  test("list each release exactly once across its year's pages, newest first", () => {
    for (const year of keysOf(yearOf)) {
      const want = expected.filter((r) => yearOf(r) === year);
      expect(collectList(site, `/${year}/`).releases, year).toEqual(urlsOf(want));
    }
  });

  test("list each release exactly once across its month's pages, newest first", () => {
    for (const ym of keysOf((r) => `${yearOf(r)}/${monthOf(r)}`)) {
      const want = expected.filter((r) => `${yearOf(r)}/${monthOf(r)}` === ym);
      expect(collectList(site, `/${ym}/`).releases, ym).toEqual(urlsOf(want));
    }
  });

  test("list each release exactly once on its area's year and month pages", () => {
    for (const r of expected) {
      for (const list of [
        `/areas/${r.areaSlug}/${yearOf(r)}/`,
        `/areas/${r.areaSlug}/${yearOf(r)}/${monthOf(r)}/`,
      ]) {
        const listed = collectList(site, list).releases;
        expect(
          listed.filter((u) => u === r.url),
          list,
        ).toHaveLength(1);
        expect(
          listed.every((u) => urlsOf(inArea(r.areaSlug)).includes(u)),
          list,
        ).toBe(true);
      }
    }
  });

  test('paginate an area with more releases than a page holds: the newest in front, full pages at /page/N/ from the oldest', () => {
    const { pages } = collectList(site, '/areas/ashwick-vale/');
    expect(pages).toEqual(['/areas/ashwick-vale/', '/areas/ashwick-vale/page/1/']);
    // Seven: the oldest three on page 1, the other four in front.
    expect(pages.map((p) => listedReleases(site.page(p)).length)).toEqual([
      PAGE_SIZE + 1,
      PAGE_SIZE,
    ]);
    expect(listedReleases(site.page('/areas/ashwick-vale/page/1/'))).toEqual(
      urlsOf(inArea('ashwick-vale').slice(-PAGE_SIZE)),
    );
    expect(site.has('/areas/ashwick-vale/page/2/')).toBe(false);
  });

  test('link paginated pages to each other with rel=prev and rel=next, newer first', () => {
    const rels = ['/all/', '/all/page/3/', '/all/page/2/', '/all/page/1/'].map((url) => [
      relTargets(site.page(url), 'prev'),
      relTargets(site.page(url), 'next'),
    ]);
    expect(rels).toEqual([
      [[], ['/all/page/3/']],
      [['/all/'], ['/all/page/2/']],
      [['/all/page/3/'], ['/all/page/1/']],
      [['/all/page/2/'], []],
    ]);
  });

  test('give the list’s counts, chart and side lists on its front page alone', () => {
    const front = site.page('/all/');
    const numbered = site.page('/all/page/2/');
    expect(front('.intro').text()).toBe(`${expected.length} releases, newest first.`);
    expect(numbered('.intro').text()).toBe(
      `Releases ${PAGE_SIZE + 1} to ${2 * PAGE_SIZE}, counted from the oldest.`,
    );
    expect(numbered('h1').text()).toBe('All releases, page 2');
    expect(numbered('title').text()).toMatch(/^All releases \(page 2\)/);
    expect(front('aside .count').length).toBeGreaterThan(0);
    expect(numbered('aside').length).toBe(0);
    expect(numbered('main').text()).not.toContain(`${expected.length} releases`);
    expect(
      numbered('.pagination li a')
        .toArray()
        .map((a) => numbered(a).text()),
    ).toEqual(['Newer releases', 'Latest', 'Page 3', 'Page 2', 'Page 1', 'Older releases']);
  });

  test('show the latest releases on the home page, newest first', () => {
    expect(listedReleases(site.page('/'))).toEqual(urlsOf(expected.slice(0, HOME_COUNT)));
  });

  test('count releases per area and per year on the home page', () => {
    expect(countedLinks(site.page('/'))).toEqual([
      { label: 'Ashwick Vale', url: '/areas/ashwick-vale/', count: 7 },
      { label: 'Brindlecombe', url: '/areas/brindlecombe/', count: 3 },
      { label: 'Corriston Isles', url: '/areas/corriston-isles/', count: 3 },
      { label: 'Leicestershire', url: '/areas/leicestershire/', count: 1 },
      { label: '2023', url: '/2023/', count: 5 },
      { label: '2022', url: '/2022/', count: 7 },
      { label: '2021', url: '/2021/', count: 1 },
      { label: '2020', url: '/2020/', count: 1 },
    ]);
  });

  test('give, in every aside, counts equal to the releases listed where the link leads', () => {
    expect(
      everyPage((url) => {
        const wrong = countedLinks(site.page(url)).filter(
          (link) => collectList(site, link.url).releases.length !== link.count,
        );
        return wrong.length === 0
          ? null
          : `wrong counts for ${wrong.map((w) => `${w.url} (${w.count})`).join(' ')}`;
      }),
    ).toEqual([]);
  });

  test('show each area once on /areas/ with its count and first and latest dates', () => {
    const $ = site.page('/areas/');
    const headers = $('table thead th')
      .toArray()
      .map((th) => $(th).text().trim());
    const column = (name: string) => headers.indexOf(name);
    const rows = $('table tbody tr')
      .toArray()
      .map((tr) => {
        const cells = $(tr).children('th, td').toArray();
        const cell = (name: string) => $(cells[column(name)]);
        return {
          url: cell('Area').find('a').attr('href'),
          name: cell('Area').text().trim(),
          count: Number(cell('Releases').text().trim()),
          // One date when the first release is the latest.
          first: cell('First and latest').find('time').first().attr('datetime'),
          latest: cell('First and latest').find('time').last().attr('datetime'),
        };
      });
    expect(rows).toEqual(
      keysOf((r) => r.areaSlug)
        .sort()
        .map((slug) => {
          const area = inArea(slug);
          return {
            url: `/areas/${slug}/`,
            name: area[0]?.area,
            count: area.length,
            first: area.at(-1)?.datetime,
            latest: area[0]?.datetime,
          };
        }),
    );
  });
});

describe('ways on from every page', () => {
  /** The one link in `main` whose text is `text`. */
  const linkNamed = (url: string, text: string): string => {
    const $ = site.page(url);
    const links = $('main a')
      .filter((_, a) => $(a).text().trim() === text)
      .toArray();
    expect(links, `${url}: links named ${text}`).toHaveLength(1);
    return $(links[0]).attr('href') ?? '';
  };

  test('the home page leads to every release, newest first, by "All releases"', () => {
    const first = linkNamed('/', 'All releases');
    expect(first).toBe('/all/');
    const { releases, pages } = collectList(site, first);
    expect(releases).toEqual(urlsOf(expected));
    // The newest in front, then full pages counted from the oldest: page 1 holds the oldest.
    const numbered = Math.floor(expected.length / PAGE_SIZE) - 1;
    expect(pages).toEqual([
      '/all/',
      ...Array.from({ length: numbered }, (_, i) => `/all/page/${numbered - i}/`),
    ]);
  });

  test('the home page has a search box that asks /search/ for q', () => {
    const $ = site.page('/');
    const form = $('main form[role="search"]');
    expect([form.attr('action'), form.attr('method')]).toEqual(['/search/', 'get']);
    const input = form.find('input[name="q"]');
    expect(input.attr('type')).toBe('search');
    expect(
      $(`label[for="${input.attr('id')}"]`)
        .text()
        .trim(),
    ).toBe('Search the releases');
  });

  test('the home page and every area page link visibly to their Atom, RSS and JSON feeds', () => {
    const pages: [string, string, string][] = [['/', 'Follow every release', '/']];
    for (const slug of keysOf((r) => r.areaSlug)) {
      const base = `/areas/${slug}/`;
      pages.push([base, 'Follow this area', base]);
      for (const year of keysOf(yearOf).filter((y) => site.has(`${base}${y}/`)))
        pages.push([`${base}${year}/`, 'Follow this area', base]);
    }
    for (const [url, lead, base] of pages) {
      const $ = site.page(url);
      const line = $('main .feed-links');
      expect(line.text().replace(/\s+/g, ' ').trim(), url).toBe(`${lead}: Atom · RSS · JSON Feed`);
      const hrefs = line
        .find('a')
        .toArray()
        .map((a) => $(a).attr('href') ?? '');
      expect(hrefs, url).toEqual([`${base}feed.xml`, `${base}rss.xml`, `${base}feed.json`]);
      for (const href of hrefs) expect(site.has(href), href).toBe(true);
      // The same files as the page's <link rel="alternate">.
      const alternates = $('link[rel="alternate"]')
        .toArray()
        .map((l) => $(l).attr('href'));
      expect(alternates, url).toEqual(expect.arrayContaining(hrefs));
    }
  });

  test('lists grouped by day give each release its time of day, not the date again', () => {
    for (const r of expected) {
      for (const list of [`/${yearOf(r)}/${monthOf(r)}/`]) {
        const { pages } = collectList(site, list);
        const times = pages.flatMap((page) => {
          const $ = site.page(page);
          return $(`main li:has(a[href="${r.url}"]) time`)
            .toArray()
            .map((t) => $(t).text().trim());
        });
        expect(times, list).toEqual([r.datetime.slice(11, 16)]);
      }
    }
  });

  test('year and month pages link to the year or month before and after that has releases', () => {
    const years = keysOf(yearOf).sort();
    const months = keysOf((r) => r.datetime.slice(0, 7)).sort();
    const sideways = (url: string) => {
      const $ = site.page(url);
      const link = (which: string) => $(`main .sideways .${which} a`).attr('href') ?? null;
      return [link('previous'), link('next')];
    };
    years.forEach((year, i) => {
      const at = (j: number) => (years[j] === undefined ? null : `/${years[j]}/`);
      expect(sideways(`/${year}/`), year).toEqual([at(i - 1), at(i + 1)]);
    });
    months.forEach((month, i) => {
      const at = (j: number) => months[j]?.replace(/^(\d{4})-(\d{2})$/, '/$1/$2/') ?? null;
      expect(sideways(`/${month.replace('-', '/')}/`), month).toEqual([at(i - 1), at(i + 1)]);
    });
  });

  test('mark the current page in side lists with aria-current', () => {
    for (const r of expected) {
      const url = `/${yearOf(r)}/${monthOf(r)}/`;
      const $ = site.page(url);
      const current = $('aside a[aria-current="page"]')
        .toArray()
        .map((a) => $(a).attr('href'));
      expect(current, url).toEqual([url]);
    }
  });

  test("list an area's other years only where it has more than one", () => {
    for (const slug of keysOf((r) => r.areaSlug)) {
      const years = [...new Set(inArea(slug).map(yearOf))];
      for (const year of years) {
        const $ = site.page(`/areas/${slug}/${year}/`);
        const headings = $('aside h2')
          .toArray()
          .map((h) => $(h).text().trim());
        expect(
          headings.some((h) => h.endsWith('in other years')),
          `${slug} ${year}`,
        ).toBe(years.length > 1);
      }
    }
  });
});

describe('HTML escaping', () => {
  const scam = () => expected.find((r) => r.headline === SCRIPT_HEADLINE);

  test('prints a headline with markup and quotes as text on its page', () => {
    const r = scam();
    expect(r?.url).toBe('/2023/07/04/warning-over-quotes-script-alert-1-script-scam-calls-myqit6/');
    const $ = site.page(r?.url ?? '');
    expect($('h1').text().trim()).toBe(SCRIPT_HEADLINE);
    expect($('h1 *').length).toBe(0);
    expect(meta($, 'og:title')).toBe(SCRIPT_HEADLINE);
    expect($('head title').text()).toContain(SCRIPT_HEADLINE);
  });

  test('prints raw HTML in a body as text', () => {
    const $ = site.page(scam()?.url ?? '');
    const paragraphs = $('main p')
      .toArray()
      .map((p) => $(p).text().trim());
    expect(paragraphs).toContain('<script>alert(2)</script>');
  });

  test('prints the headline as text in lists and neighbour links too', () => {
    const url = scam()?.url ?? '';
    for (const page of [
      '/',
      '/2023/07/',
      '/2023/01/09/new-year-patrols-in-tollerby-town-centre-jjwn6y/',
    ]) {
      const $ = site.page(page);
      expect($(`a[href="${url}"]`).first().text().trim(), page).toBe(SCRIPT_HEADLINE);
    }
  });

  test('lets no page run the injected script', () => {
    expect(
      everyPage((url) => {
        const $ = site.page(url);
        // JSON-LD data blocks carry the escaped headline but never run.
        const injected = $('script').filter(
          (_, s) => !isDataBlock($(s)) && $(s).text().includes('alert('),
        );
        return injected.length === 0 ? null : 'runs an injected script';
      }),
    ).toEqual([]);
  });
});

describe('rebuilding an existing output folder', () => {
  let root: string;
  let output: string;
  let before: Map<string, Buffer>;
  let failed: BuildResult;
  let afterFailure: Map<string, Buffer>;
  let leftAfterFailure: string[];

  const removed = [
    'content/leicestershire/2020/000_d1719f2e7f2409f0.txt',
    'content/ashwick-vale/tollerby-bridge-closure.md',
  ];
  const removedUrls = () => expected.filter((r) => removed.includes(r.file)).map((r) => r.url);

  beforeAll(async () => {
    root = await makeProject();
    projects.push(root);
    output = path.join(root, '_site');
    // Same content, same templates: the first project's output is exactly what a
    // first build here writes, so copying it spares a second Eleventy run.
    await cp(path.join(firstRoot, '_site'), output, { recursive: true });
    before = await readTree(output);

    // Two files with errors, from tests/fixtures/site/broken/, dropped into the content.
    await cp(path.join(fixtureDir, 'broken'), path.join(root, 'content'), { recursive: true });
    failed = await buildSite({ root, env: {} });
    afterFailure = await readTree(output);
    leftAfterFailure = (await readdir(root)).sort();
  });

  test('fails on a content error, reporting every problem at its file, line and column', () => {
    expect(failed).toEqual({
      ok: false,
      diagnostics: [
        {
          file: 'content/brindlecombe/impossible-date.md',
          line: 6,
          column: 9,
          field: 'publish.date',
          rule: 'bad-date',
          severity: 'error',
          reason: 'The date "10:00 31/02/2023" does not exist: month 2 of 2023 has 28 days.',
          hint: 'Write publish.date as HH:MM DD/MM/YYYY in UK local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.',
        },
        {
          file: 'content/corriston-isles/no-scheme.md',
          line: 4,
          column: 6,
          field: 'url',
          rule: 'bad-url',
          severity: 'error',
          reason:
            'The field "url" holds "www.corriston.police.example/news/harbour-notice/", which is not an absolute http or https URL.',
          hint: 'Use the full address, starting with https://.',
        },
      ],
      rejected: ['content/brindlecombe/impossible-date.md', 'content/corriston-isles/no-scheme.md'],
    });
  });

  test('leaves the previous output byte for byte as it was after a failed build', () => {
    expect([...afterFailure.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before)
      expect(afterFailure.get(file)?.equals(bytes), file).toBe(true);
  });

  test('leaves no staging folder beside the output after a failed build', () => {
    expect(leftAfterFailure).toEqual(['.cache', '_site', 'content', 'site.json', 'templates']);
  });

  describe('after releases are removed', () => {
    let rebuilt: BuildResult;
    let after: BuiltSite;

    beforeAll(async () => {
      const gone = [
        ...removed,
        'content/brindlecombe/impossible-date.md',
        'content/corriston-isles/no-scheme.md',
      ];
      await Promise.all(gone.map((file) => rm(path.join(root, file))));
      rebuilt = await buildSite({ root, env: {} });
      after = await BuiltSite.read(output);
    });

    test('builds the remaining releases', () => {
      expect(rebuilt).toMatchObject({
        ok: true,
        releases: expected.length - removed.length,
        diagnostics: [],
      });
      expect(after.pages.filter(isReleaseUrl).sort()).toEqual(
        urlsOf(expected.filter((r) => !removed.includes(r.file))).sort(),
      );
    });

    test('leaves no page behind for a removed release', () => {
      expect(removedUrls()).toHaveLength(2);
      expect(removedUrls().filter((url) => after.has(url))).toEqual([]);
    });

    test('leaves no list page behind that has lost all its releases', () => {
      const stale = [
        '/areas/leicestershire/',
        '/areas/leicestershire/2020/',
        '/2020/',
        '/2020/09/',
      ];
      expect(stale.filter((url) => after.has(url))).toEqual([]);
      // Ashwick Vale drops from 7 releases to 6: its front page and page 1, 3 each.
      expect(listedReleases(after.page('/areas/ashwick-vale/')).length).toBe(3);
      expect(listedReleases(after.page('/areas/ashwick-vale/page/1/')).length).toBe(3);
      expect(after.has('/areas/ashwick-vale/page/2/')).toBe(false);
    });

    test('links nowhere that is gone', () => {
      const broken = after.pages.flatMap((url) => {
        const $ = after.page(url);
        return $('[href]')
          .toArray()
          .map((el) => $(el).attr('href') ?? '')
          .filter((href) => href.startsWith('/') && !after.has(href))
          .map((href) => `${url} → ${href}`);
      });
      expect(broken).toEqual([]);
    });

    test('leaves no staging or old folder beside the output', async () => {
      expect((await readdir(root)).sort()).toEqual([
        '.cache',
        '_site',
        'content',
        'site.json',
        'templates',
      ]);
    });
  });
});
