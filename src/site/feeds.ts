import { hash } from 'node:crypto';
import type { Archive } from '../archive/archive.ts';
import { urls } from '../archive/urls.ts';
import type { BodyReader } from '../load/body-store.ts';
import type { Release } from '../model/release.ts';
import type { FeedEntry, FeedLinks, FeedView, RenderSite } from './view-types.ts';
import { absoluteUrl } from './open-graph.ts';
import { formatRfc822 } from './dates.ts';

/** Entries in every feed: the latest releases, newest first. */
export const FEED_SIZE = 50;

/** A feed planned but not built: its files, a key that changes with its view, and the view. */
export interface FeedPlan {
  readonly links: FeedLinks;
  readonly key: string;
  view(): FeedView;
}

/** The whole archive's feed, then one per area in area order: Atom, RSS 2.0 and JSON Feed files. */
export function planFeeds(archive: Archive, site: RenderSite, bodies: BodyReader): FeedPlan[] {
  const siteFeed = plan(
    siteFeedLinks(site),
    urls.home(),
    site.description,
    archive.releases,
    site,
    bodies,
  );
  const areaFeeds = archive.areas.map((area) =>
    plan(
      areaFeedLinks(area.slug, area.name),
      urls.area(area.slug),
      `The latest press releases from ${area.name}.`,
      area.releases,
      site,
      bodies,
    ),
  );
  return [siteFeed, ...areaFeeds];
}

/** The site-wide feed files, advertised on every page. */
export function siteFeedLinks(site: Pick<RenderSite, 'title'>): FeedLinks {
  return {
    title: `${site.title}: latest releases`,
    atom: '/feed.xml',
    rss: '/rss.xml',
    json: '/feed.json',
  };
}

/** An area's feed files, advertised on its pages. */
export function areaFeedLinks(slug: string, name: string): FeedLinks {
  const base = urls.area(slug);
  return {
    title: `${name}: latest releases`,
    atom: `${base}feed.xml`,
    rss: `${base}rss.xml`,
    json: `${base}feed.json`,
  };
}

function plan(
  links: FeedLinks,
  page: string,
  subtitle: string,
  releases: readonly Release[],
  site: RenderSite,
  bodies: BodyReader,
): FeedPlan {
  const latest = releases.slice(0, FEED_SIZE);
  let sources = '';
  for (const release of latest) sources += release.sourceHash;
  return {
    links,
    key: hash('sha1', `${JSON.stringify([links, page, subtitle])}${sources}`, 'base64'),
    view: () => buildFeed(links, page, subtitle, latest, site, bodies),
  };
}

function buildFeed(
  links: FeedLinks,
  page: string,
  subtitle: string,
  latest: readonly Release[],
  site: RenderSite,
  bodies: BodyReader,
): FeedView {
  const entries = latest.map((release): FeedEntry => ({
    url: absoluteUrl(site, release.url),
    title: release.headline,
    published: release.local.iso,
    pubDate: formatRfc822(release.local.iso),
    updated: (release.modified ?? release.local).iso,
    summary: release.description,
    contentHtml: bodies.read(release.body),
    category: release.area,
    sourceUrl: release.sourceUrl,
  }));
  const updated = latestUpdate(entries);
  const view = {
    url: links.atom,
    rssUrl: links.rss,
    jsonUrl: links.json,
    title: links.title,
    subtitle,
    language: site.language,
    pageUrl: absoluteUrl(site, page),
    atomUrl: absoluteUrl(site, links.atom),
    rssFeedUrl: absoluteUrl(site, links.rss),
    jsonFeedUrl: absoluteUrl(site, links.json),
    // With no entries, a fixed date keeps the output the same on every build.
    updated,
    lastBuildDate: formatRfc822(updated),
    entries,
  };
  return { ...view, json: jsonFeed(view) };
}

/** When a feed last changed: its entries' latest update (a correction to an older one counts). */
function latestUpdate(entries: readonly FeedEntry[]): string {
  let latest = entries[0]?.updated ?? '1970-01-01T00:00:00Z';
  for (const entry of entries)
    if (Date.parse(entry.updated) > Date.parse(latest)) latest = entry.updated;
  return latest;
}

/** Serialises a feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function jsonFeed(feed: Omit<FeedView, 'json'>): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.jsonFeedUrl,
    description: feed.subtitle,
    language: feed.language,
    items: feed.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      external_url: entry.sourceUrl,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      date_published: entry.published,
      date_modified: entry.updated,
      tags: [entry.category],
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
