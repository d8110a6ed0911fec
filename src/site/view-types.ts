import type { SiteConfig } from '../model/site-config.ts';
import type { ShareMeta } from './open-graph.ts';
import type { RenderAreas } from './registry-areas.ts';

/** A labelled link, optionally with a count and a mark for the current page. */
export interface Link {
  readonly label: string;
  readonly url: string;
  readonly count?: number;
  readonly current?: boolean;
}

/** What every page carries for its `<head>`. */
export interface PageHead {
  /** Site-relative URL the page is written to. */
  readonly url: string;
  /** Text of the `<title>` element. */
  readonly documentTitle: string;
  readonly share: ShareMeta;
  readonly breadcrumbs: readonly Link[];
  /** Whether the page asks search engines not to index it (the 404 page; drafts set their own). */
  readonly noindex?: boolean;
}

/** A release as a line in a list. */
export interface ListItem {
  readonly headline: string;
  readonly url: string;
  readonly area: string;
  readonly areaUrl: string;
  readonly datetime: string;
  readonly dateText: string;
  readonly summary: string;
}

/** Releases under one heading (a month, a day), or under none. */
export interface ItemGroup {
  readonly heading: string | null;
  readonly id: string | null;
  readonly items: readonly ListItem[];
}

/** A list page's way to the others: see `toPagination`. */
export interface Pagination {
  /** 0 on the front page, else the page's number counted from the oldest. */
  readonly number: number;
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
  readonly pages: readonly Link[];
}

/** A sidebar block of links, such as "Months" or "Areas this year". */
export interface Aside {
  readonly heading: string;
  readonly links: readonly Link[];
}

/** A release's own page. */
export interface ReleaseView extends PageHead {
  /** schema.org JSON-LD, already escaped for an inline script element. */
  readonly jsonLd: string;
  readonly headline: string;
  readonly area: string;
  readonly areaUrl: string;
  readonly datetime: string;
  readonly dateText: string;
  readonly bodyHtml: string;
  readonly sourceUrl: string;
  readonly previous: Link | null;
  readonly next: Link | null;
  /** On a draft, unfinished or embargoed release (shown only by preview builds): what its banner says; else null. */
  readonly notice: { readonly label: string; readonly text: string } | null;
  /** Whether the page asks search engines not to index it: true for drafts, unfinished and embargoed releases. */
  readonly noindex: boolean;
  /** When the release last changed (`publish.updated` or its latest correction); null when never. */
  readonly updated: { readonly datetime: string; readonly dateText: string } | null;
  /** Corrections, oldest first. */
  readonly corrections: readonly {
    readonly datetime: string;
    readonly dateText: string;
    readonly note: string;
  }[];
}

/** Any paginated list: a year, a month, an area, an area's year or month. */
export interface ListView extends PageHead {
  readonly kind: 'all' | 'year' | 'month' | 'area' | 'area-year' | 'area-month';
  readonly heading: string;
  readonly intro: string;
  /** The area's description from areas.yaml, on an area's main list; null elsewhere. */
  readonly description: string | null;
  /** False on an area's own lists, where every item would repeat the same area. */
  readonly showArea: boolean;
  readonly groups: readonly ItemGroup[];
  readonly pagination: Pagination;
  readonly asides: readonly Aside[];
  /** The area's feed, advertised on an area's lists; null elsewhere. */
  readonly feed: FeedLinks | null;
  /** On a year's or a month's list, the one before and after it; null elsewhere. */
  readonly sideways: Sideways | null;
  /** An area's releases month by month, on its main list's first page; a year's by area, on the year's; else null. */
  readonly chart: ChartView | null;
}

/** The year or month before and after a date list's own that has releases. */
export interface Sideways {
  readonly noun: 'year' | 'month';
  /** The older one. */
  readonly previous: Link | null;
  /** The newer one. */
  readonly next: Link | null;
}

/** The home page. */
export interface HomeView extends PageHead {
  readonly latest: readonly ListItem[];
  /** The paginated list of every release, newest first. */
  readonly allReleases: Link;
  readonly areas: readonly Link[];
  readonly years: readonly Link[];
  readonly total: number;
  /** `15 releases from 5 areas.` */
  readonly summary: string;
  /** The archive year by year; null when it has no releases. */
  readonly chart: ChartView | null;
}

/** One row of the all-areas page. */
export interface AreaRow {
  readonly name: string;
  /** What areas.yaml says about the area, or null. */
  readonly description: string | null;
  readonly url: string;
  readonly count: number;
  readonly first: { readonly datetime: string; readonly text: string };
  readonly latest: { readonly datetime: string; readonly text: string };
}

/** The all-areas page. */
export interface AreasView extends PageHead {
  readonly areas: readonly AreaRow[];
}

/** The search page: the form, and ways to browse for readers without JavaScript. */
export interface SearchView extends PageHead {
  /** The archive's years with counts, offered when search cannot run. */
  readonly years: readonly Link[];
}

/** One bar of a chart, laid out. */
export interface ChartBar {
  readonly label: string;
  /** `January 2022: 3 releases`: the bar's tooltip and accessible name. */
  readonly title: string;
  readonly count: number;
  /** The list page of what the bar counts, or null where there is none. */
  readonly url: string | null;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Where the bar's axis label goes, and its text (`''` for none). */
  readonly labelX: number;
  readonly labelY: number;
  readonly tick: string;
  /** On a row chart, where the count is printed at the bar's end. */
  readonly countX?: number;
}

/** A static SVG bar chart, with the text and numbers that stand for it. */
export interface ChartView {
  /** Unique on its page: the figure's id, and the prefix of the ids inside it. */
  readonly id: string;
  readonly title: string;
  /** The chart in a sentence, for its caption. */
  readonly summary: string;
  /** The heading of the table's first column. */
  readonly noun: string;
  readonly layout: 'columns' | 'rows';
  readonly width: number;
  readonly height: number;
  readonly bars: readonly ChartBar[];
  /** Scale marks at the left of a column chart: none on a row chart. */
  readonly scale: readonly { readonly value: string; readonly y: number }[];
  /** Where the plot starts, after the scale or the labels. */
  readonly left: number;
}

/** One data set's downloads on the data page. */
export interface DataFileLink {
  readonly label: string;
  readonly csv: string;
  readonly ndjson: string;
  readonly count: number;
}

/** The data page: what can be downloaded, its columns, and the terms. */
export interface DataView extends PageHead {
  /** Published releases in the whole archive's files. */
  readonly total: number;
  readonly all: DataFileLink | null;
  /** Each area's files, in area order. */
  readonly areas: readonly DataFileLink[];
  readonly columns: readonly { readonly name: string; readonly meaning: string }[];
  /** The publisher's licence for the data (site.json `dataLicence`), or null when none is set. */
  readonly licence: { readonly name: string; readonly url: string | null } | null;
}

/** Everything the templates print, computed once per build. */
export interface SiteModel {
  readonly site: RenderSite;
  /** Content Security Policy for the `<meta>` tag of every page. */
  readonly contentSecurityPolicy: string;
  /** Text of the `_headers` file. */
  readonly headersFile: string;
  readonly home: HomeView;
  readonly areasIndex: AreasView;
  readonly notFound: PageHead;
  /**
   * The one-off pages this slice renders: one item each in the first slice of
   * a build, none in the others, so each is written exactly once.
   */
  readonly pages: {
    readonly home: readonly HomeView[];
    readonly areasIndex: readonly AreasView[];
    readonly notFound: readonly PageHead[];
    readonly search: readonly SearchView[];
    readonly data: readonly DataView[];
    readonly headers: readonly { readonly url: string }[];
  };
  readonly releases: readonly ReleaseView[];
  readonly lists: readonly ListView[];
  /** The site-wide feed files, advertised on every page. */
  readonly siteFeed: FeedLinks;
  /** Feeds this run renders (Atom and JSON Feed from each view). */
  readonly feeds: readonly FeedView[];
  readonly sitemaps: readonly SitemapView[];
  readonly robots: readonly { readonly url: string; readonly text: string }[];
}

/**
 * Site settings the renderer needs, with the deploy-time overrides applied,
 * and the area registry when the project has one (part of the render
 * fingerprint, so editing areas.yaml renders the pages again).
 */
export type RenderSite = SiteConfig & { readonly areas?: RenderAreas };

/** The feed files of a page: Atom, RSS 2.0 and JSON Feed, site-relative. */
export interface FeedLinks {
  readonly title: string;
  readonly atom: string;
  readonly rss: string;
  readonly json: string;
}

/** One entry of a feed, ready to print. */
export interface FeedEntry {
  /** Absolute URL of the release's page; also its id. */
  readonly url: string;
  readonly title: string;
  /** ISO 8601 with the site's offset. */
  readonly published: string;
  /** The same instant as RSS 2.0 gives it (RFC 822): `Wed, 16 Sep 2020 10:55:00 +0100`. */
  readonly pubDate: string;
  readonly updated: string;
  readonly summary: string;
  readonly contentHtml: string;
  /** The area, as the entry's category. */
  readonly category: string;
  /** The release on the force's own site. */
  readonly sourceUrl: string;
}

/** A feed as the Atom and RSS templates print it, with the JSON Feed text alongside. */
export interface FeedView {
  /** Site-relative URL of the Atom file (its page URL in the manifest). */
  readonly url: string;
  /** Site-relative URL of the RSS 2.0 file. */
  readonly rssUrl: string;
  /** Site-relative URL of the JSON Feed file. */
  readonly jsonUrl: string;
  readonly title: string;
  readonly subtitle: string;
  readonly language: string;
  /** Absolute URLs: the page the feed follows, and the feed files themselves. */
  readonly pageUrl: string;
  readonly atomUrl: string;
  readonly rssFeedUrl: string;
  readonly jsonFeedUrl: string;
  /** The latest of its entries' updates: a feed changes only when its entries do. */
  readonly updated: string;
  /** `updated` as RSS 2.0 dates it. */
  readonly lastBuildDate: string;
  readonly entries: readonly FeedEntry[];
  /** The JSON Feed 1.1 document, serialised. */
  readonly json: string;
}

/** A page as the sitemap lists it: site-relative URL and when it last changed. */
export interface SitemapEntry {
  readonly url: string;
  /** ISO 8601 with offset. */
  readonly lastmod: string;
}

/** One sitemap file: a list of pages, or an index of other sitemap files. */
export interface SitemapView {
  /** Site-relative URL of the file. */
  readonly url: string;
  /** Absolute `loc` and `lastmod` of each page, or of each sitemap file in an index. */
  readonly entries: readonly { readonly loc: string; readonly lastmod: string }[];
  /**
   * The entries as the file's XML, escaped as the template would escape them,
   * one `<url>` or `<sitemap>` element per line. Built here because a template
   * loop over 20,000 entries took about 80 ms of every rebuild that adds or
   * removes a page.
   */
  readonly entriesXml: string;
  readonly isIndex: boolean;
}
