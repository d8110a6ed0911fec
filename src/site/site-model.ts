import { hash } from 'node:crypto';
import { areaNames, type Archive } from '../archive/archive.ts';
import { isSafePagePath, urls } from '../archive/urls.ts';
import { inlineBodies, type BodyReader } from '../load/body-store.ts';
import { plural } from '../diagnostics/plural.ts';
import type { Release } from '../model/release.ts';
import { formatLongDate, formatShortDate } from './dates.ts';
import { buildReleaseJsonLd, serializeJsonForScript } from './json-ld.ts';
import { planFeeds, siteFeedLinks, type FeedPlan } from './feeds.ts';
import { planDataFiles, type DataFilePlan } from './data-files.ts';
import { buildDataPage } from './data-page.ts';
import { archiveYearsChart } from './charts.ts';
import { headersFile, metaContentSecurityPolicy } from './security.ts';
import { planSitemaps, robotsText, type SitemapPlan } from './sitemap.ts';
import { makeHead } from './head.ts';
import { buildReleaseStatus } from './release-status.ts';
import { isEmbargoed } from '../archive/visibility.ts';
import { registryArea } from './registry-areas.ts';
import { listPageKey } from './list-keys.ts';
import { planListPages, renderListPage, toListItem, type ListScope } from './list-views.ts';
import type {
  AreasView,
  DataView,
  FeedView,
  HomeView,
  Link,
  ListView,
  PageHead,
  ReleaseView,
  RenderSite,
  SearchView,
  SiteModel,
  SitemapEntry,
  SitemapView,
} from './view-types.ts';

const HOME: Link = { label: 'Home', url: urls.home() };

/**
 * Everything needed to render the site a slice at a time: the one-off pages
 * built, the releases and list pages only planned.
 */
export interface SitePlan {
  readonly site: RenderSite;
  readonly home: HomeView;
  readonly areasIndex: AreasView;
  readonly notFound: PageHead;
  readonly search: SearchView;
  readonly dataPage: DataView;
  readonly releaseCount: number;
  readonly listCount: number;
  /** Views of releases `from` (inclusive) to `to` (exclusive), newest first. */
  releaseViews(from: number, to: number): ReleaseView[];
  /** Views of list pages `from` to `to`, in plan order. */
  listViews(from: number, to: number): ListView[];
  /**
   * URL and change key of release page `i`, without building its view: the key
   * changes whenever the view would (its source, or its neighbours' sources).
   */
  releaseKey(i: number): PageKey;
  /** URL and change key of list page `i`, without building its view. */
  listKey(i: number): PageKey;
  /** URL and scope of list page `i`, without working out its key. */
  listPlace(i: number): { readonly url: string; readonly scope: ListScope };
  /** `<area slug> <year> <month>` of release `i`: which lists it is on. */
  releaseScope(i: number): string;
  /** Every area's slug and display name, as text: lists print the names. */
  readonly areaNames: string;
  /** The whole archive's feed, then each area's (Atom and JSON Feed files). */
  readonly feeds: readonly FeedPlan[];
  /** `/sitemap.xml`, and its parts when the site has more than 50,000 pages. */
  readonly sitemaps: readonly SitemapPlan[];
  readonly robots: RobotsView;
  /** The whole archive's data files, then each area's (CSV and NDJSON). */
  readonly dataFiles: readonly DataFilePlan[];
}

/** A page's URL and a key that changes whenever its view would. */
export interface PageKey {
  readonly url: string;
  readonly key: string;
}

/** How to plan a site beyond its releases and settings. */
export interface PlanOptions {
  /** The build's time: release pages dated after it say they are embargoed. */
  readonly now?: number;
}

/** Plans the site from the archive's indexes. Linear in the number of releases. */
export function planSite(
  archive: Archive,
  site: RenderSite,
  bodies: BodyReader = inlineBodies,
  options: PlanOptions = {},
): SitePlan {
  const lists = planListPages(archive, site);
  const home = buildHome(archive, site);
  const dataFiles = planDataFiles(archive, site, options.now);
  const newest = archive.releases[0]?.local.iso ?? '1970-01-01T00:00:00Z';
  const sitemapPages: SitemapEntry[] = [
    { url: urls.home(), lastmod: newest },
    { url: urls.areas(), lastmod: newest },
    { url: urls.search(), lastmod: newest },
    { url: urls.data(), lastmod: newest },
    ...archive.releases.map((r) => ({ url: r.url, lastmod: (r.modified ?? r.local).iso })),
    ...lists.map(({ page }) => ({ url: page.url, lastmod: page.items[0]?.local.iso ?? newest })),
  ];
  return {
    feeds: planFeeds(archive, site, bodies),
    sitemaps: planSitemaps(sitemapPages, site),
    robots: { url: ROBOTS_URL, text: robotsText(site) },
    site,
    home,
    areasIndex: buildAreasIndex(archive, site),
    notFound: makeHead(site, {
      kind: 'website',
      path: urls.notFound(),
      title: 'Page not found',
      description: 'There is no page at this address.',
      breadcrumbs: [HOME],
      indexable: false,
    }),
    search: buildSearch(home, site),
    dataPage: buildDataPage(
      dataFiles,
      new Map(archive.areas.map((area) => [area.slug, area.name])),
      site,
      HOME,
    ),
    dataFiles,
    releaseCount: archive.releases.length,
    listCount: lists.length,
    releaseViews: (from, to) =>
      archive.releases
        .slice(from, to)
        .map((release) =>
          buildReleaseView(release, bodies.read(release.body), archive, site, options.now),
        ),
    listViews: (from, to) => lists.slice(from, to).map((ref) => renderListPage(ref, site)),
    releaseKey: (i) => {
      const release = archive.releases[i];
      if (release === undefined) throw new RangeError(`no release ${i}`);
      const around = archive.neighbours.get(release.url);
      const previous = around?.previous ?? null;
      const next = around?.next ?? null;
      // The page says "Embargoed until…" only while it is: it changes when the time comes.
      const embargoed = options.now !== undefined && isEmbargoed(release, options.now);
      const known = releaseKeys.get(release);
      if (known?.previous === previous && known.next === next && known.embargoed === embargoed) {
        return { url: release.url, key: known.key };
      }
      const sources = [
        release.file,
        release.sourceHash,
        neighbourLink(previous),
        neighbourLink(next),
        ...(embargoed ? ['embargoed'] : []),
      ];
      // Digested, so the manifest holds 28 characters per page rather than the text.
      const key = hash('sha1', sources.join('\n'), 'base64');
      releaseKeys.set(release, { previous, next, embargoed, key });
      return { url: release.url, key };
    },
    listKey: (i) => {
      const ref = lists[i];
      if (ref === undefined) throw new RangeError(`no list page ${i}`);
      return { url: ref.page.url, key: listPageKey(ref) };
    },
    listPlace: (i) => {
      const ref = lists[i];
      if (ref === undefined) throw new RangeError(`no list page ${i}`);
      return { url: ref.page.url, scope: ref.spec.scope };
    },
    releaseScope: (i) => {
      const release = archive.releases[i];
      if (release === undefined) throw new RangeError(`no release ${i}`);
      return `${release.areaSlug} ${release.local.year} ${release.local.month}`;
    },
    areaNames: JSON.stringify([...areaNames(archive)]),
  };
}

/**
 * Release page keys already worked out, with what each was made from. A
 * release loaded from the cache is the same object from build to build of one
 * process (`serve`), so a rebuild keys again only the pages
 * whose release or neighbours changed. Release records are never changed in
 * place, so the record and its neighbours' records are the whole input.
 */
const releaseKeys = new WeakMap<
  Release,
  { previous: Release | null; next: Release | null; embargoed: boolean; key: string }
>();

/**
 * What a release page shows of a neighbour, as key text: its link, by headline
 * (its body is not on the page). A URL holds no space, and the headline's
 * length says where it ends.
 */
function neighbourLink(release: Release | null | undefined): string {
  return release ? `${release.url} ${release.headline.length} ${release.headline}` : '';
}

/** Which part of a plan one Eleventy run renders. */
export interface ModelSlice {
  readonly releases: readonly [number, number];
  readonly lists: readonly [number, number];
  /** Whether this slice also renders the one-off pages (home, areas, search, 404, `_headers`). */
  readonly oneOffs: boolean;
}

/** Builds the data the templates print for one slice of the plan. */
export function buildModelSlice(plan: SitePlan, slice: ModelSlice): SiteModel {
  return assembleModel(plan, {
    releases: plan.releaseViews(...slice.releases),
    lists: plan.listViews(...slice.lists),
    oneOffs: slice.oneOffs ? ONE_OFF_URLS : [],
    // Feeds, sitemaps and robots.txt go with the one-off pages, in the first run.
    feeds: slice.oneOffs ? plan.feeds.map((feed) => feed.view()) : [],
    sitemaps: slice.oneOffs ? plan.sitemaps.map((sitemap) => sitemap.view()) : [],
    robots: slice.oneOffs,
  });
}

/** URLs of the pages that exist once per site. */
export const ONE_OFF_URLS = [
  '/',
  '/areas/',
  '/search/',
  '/data/',
  '/404.html',
  '/_headers',
] as const;

const ROBOTS_URL = '/robots.txt';

/** The text of `/robots.txt`, as a page. */
export interface RobotsView {
  readonly url: string;
  readonly text: string;
}

/** Chosen views of a plan, as one run of the templates. */
export interface ViewSelection {
  readonly releases: readonly ReleaseView[];
  readonly lists: readonly ListView[];
  /** Which of the one-off pages to render. */
  readonly oneOffs: readonly (typeof ONE_OFF_URLS)[number][];
  readonly feeds?: readonly FeedView[];
  readonly sitemaps?: readonly SitemapView[];
  readonly robots?: boolean;
}

/** Builds the data the templates print for a chosen set of views. */
export function assembleModel(plan: SitePlan, selection: ViewSelection): SiteModel {
  const pick = <T>(url: (typeof ONE_OFF_URLS)[number], page: T): T[] =>
    selection.oneOffs.includes(url) ? [page] : [];
  const model: SiteModel = {
    site: plan.site,
    contentSecurityPolicy: metaContentSecurityPolicy,
    headersFile: headersFile(),
    home: plan.home,
    areasIndex: plan.areasIndex,
    notFound: plan.notFound,
    pages: {
      home: pick('/', plan.home),
      areasIndex: pick('/areas/', plan.areasIndex),
      notFound: pick('/404.html', plan.notFound),
      search: pick('/search/', plan.search),
      data: pick('/data/', plan.dataPage),
      headers: pick('/_headers', { url: '/_headers' }),
    },
    releases: selection.releases,
    lists: selection.lists,
    siteFeed: siteFeedLinks(plan.site),
    feeds: selection.feeds ?? [],
    sitemaps: selection.sitemaps ?? [],
    robots: selection.robots === true ? [plan.robots] : [],
  };
  assertSafePaths(model);
  return model;
}

/**
 * The loader only makes slugs of `[a-z0-9-]`, so this never fires for content;
 * it guards the page writer against a future bug sending a page outside the output.
 */
function assertSafePaths(model: SiteModel): void {
  const pages = [
    model.home,
    model.areasIndex,
    model.notFound,
    ...model.pages.search,
    ...model.pages.data,
    ...model.releases,
    ...model.lists,
    ...model.feeds,
    ...model.feeds.map((feed) => ({ url: feed.jsonUrl })),
    ...model.feeds.map((feed) => ({ url: feed.rssUrl })),
    ...model.sitemaps,
    ...model.robots,
  ];
  const unsafe = pages.find((page) => !isSafePagePath(page.url));
  if (unsafe !== undefined)
    throw new Error(`refusing to write a page at the unsafe path ${JSON.stringify(unsafe.url)}`);
}

function buildReleaseView(
  release: Release,
  bodyHtml: string,
  archive: Archive,
  site: RenderSite,
  now: number | undefined,
): ReleaseView {
  const areaUrl = urls.area(release.areaSlug);
  const around = archive.neighbours.get(release.url);
  const link = (r: Release | null | undefined): Link | null =>
    r ? { label: r.headline, url: r.url } : null;
  const head = makeHead(site, {
    kind: 'article',
    path: release.url,
    title: release.headline,
    description: release.description,
    // The release's own picture, else its area's (areas.yaml), else the site's.
    image:
      release.og.image === undefined
        ? registryArea(site, release.areaSlug)?.image
        : { url: release.og.image, alt: release.headline },
    locale: release.og.locale,
    publishedTime: release.local.iso,
    modifiedTime: release.modified?.iso,
    section: release.area,
    breadcrumbs: [
      HOME,
      { label: release.area, url: areaUrl },
      { label: release.local.year, url: urls.areaYear(release.areaSlug, release.local.year) },
    ],
  });
  return {
    ...head,
    jsonLd: serializeJsonForScript(buildReleaseJsonLd(release, head.breadcrumbs, site)),
    headline: release.headline,
    area: release.area,
    areaUrl,
    datetime: release.local.iso,
    dateText: formatLongDate(release.local),
    bodyHtml,
    sourceUrl: release.sourceUrl,
    previous: link(around?.previous),
    next: link(around?.next),
    ...buildReleaseStatus(release, now),
  };
}

function buildHome(archive: Archive, site: RenderSite): HomeView {
  return {
    ...makeHead(site, {
      kind: 'website',
      path: urls.home(),
      title: site.title,
      documentTitle: site.title,
      description: site.description,
      breadcrumbs: [],
    }),
    latest: archive.releases.slice(0, site.homeCount).map((r) => toListItem(r)),
    allReleases: { label: 'All releases', url: urls.all(), count: archive.releases.length },
    areas: archive.areas.map((a) => ({
      label: a.name,
      url: urls.area(a.slug),
      count: a.releases.length,
    })),
    years: archive.years.map((y) => ({
      label: y.year,
      url: urls.year(y.year),
      count: y.releases.length,
    })),
    total: archive.releases.length,
    summary: `${plural(archive.releases.length, 'release')} from ${plural(archive.areas.length, 'area')}.`,
    chart: archiveYearsChart(archive),
  };
}

function buildSearch(home: HomeView, site: RenderSite): SearchView {
  return {
    ...makeHead(site, {
      kind: 'website',
      path: urls.search(),
      title: 'Search',
      description: 'Search the text of every release, by area and year.',
      breadcrumbs: [HOME, { label: 'Search', url: urls.search() }],
    }),
    years: home.years,
  };
}

function buildAreasIndex(archive: Archive, site: RenderSite): AreasView {
  const when = (r: Release | undefined) => ({
    datetime: r?.local.iso ?? '',
    text: r ? formatShortDate(r.local) : '',
  });
  return {
    ...makeHead(site, {
      kind: 'website',
      path: urls.areas(),
      title: 'Areas',
      description: `Press releases from ${plural(archive.areas.length, 'area')}, with counts and dates.`,
      breadcrumbs: [HOME, { label: 'Areas', url: urls.areas() }],
    }),
    areas: archive.areas.map((area) => ({
      name: area.name,
      description: registryArea(site, area.slug)?.description ?? null,
      url: urls.area(area.slug),
      count: area.releases.length,
      first: when(area.releases.at(-1)),
      latest: when(area.releases[0]),
    })),
  };
}
