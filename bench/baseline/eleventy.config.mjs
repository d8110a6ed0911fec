// A stock Eleventy 3 site over the bench corpus, to compare Gazette's build
// with: Markdown by Eleventy's own markdown-it, Nunjucks layouts, collections
// and pagination over collections, no Gazette code. bench/run.ts copies this
// folder into a temporary project and writes the corpus into its content/.
import process from 'node:process';

const PAGE_SIZE = 20;
const HOME_COUNT = 10;
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'long',
  timeStyle: 'short',
});
const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );

export default function baselineConfig(eleventyConfig) {
  const slugify = eleventyConfig.getFilter('slugify');
  eleventyConfig.addPassthroughCopy('assets');
  eleventyConfig.addFilter('longDate', (date) => LONG_DATE.format(date));
  eleventyConfig.addFilter('isoDate', (date) => date.toISOString());
  eleventyConfig.addFilter('londonYear', (date) => londonDate(date).year);

  // Newest first; Eleventy's own order is by date, oldest first.
  const releases = (api) => api.getFilteredByGlob('content/**/*.md').reverse();
  eleventyConfig.addCollection('latest', (api) => releases(api).slice(0, HOME_COUNT));
  eleventyConfig.addCollection('areaIndex', (api) =>
    groups(releases(api), (item) => item.data.area).map(([area, items]) => ({
      name: area,
      url: `/areas/${slugify(area)}/`,
      count: items.length,
      first: items.at(-1).date,
      latest: items[0].date,
    })),
  );
  eleventyConfig.addCollection('yearIndex', (api) =>
    groups(releases(api), (item) => londonDate(item.date).year).map(([year, items]) => ({
      year,
      url: `/${year}/`,
      count: items.length,
    })),
  );
  // One entry per page of every list: the usual way to paginate groups in Eleventy.
  eleventyConfig.addCollection('listPages', (api) => listPages(releases(api), slugify));
}

export const config = {
  templateFormats: ['md', 'njk'],
  // Gazette never runs a template language over release bodies; Eleventy's
  // default would run Liquid over every body first (see docs/performance.md).
  markdownTemplateEngine: process.env.BASELINE_MARKDOWN_ENGINE || false,
  htmlTemplateEngine: 'njk',
};

/** Every page of every list: by year, by month, by area, by area and year, by area and month. */
function listPages(items, slugify) {
  const pages = [];
  const byYear = groups(items, (item) => londonDate(item.date).year);
  for (const [year, inYear] of byYear) {
    pages.push(...chunk(inYear, `/${year}/`, year, true));
    for (const [month, inMonth] of groups(inYear, (item) => londonDate(item.date).month)) {
      pages.push(...chunk(inMonth, `/${year}/${month}/`, `${monthName(month)} ${year}`, true));
    }
  }
  for (const [area, inArea] of groups(items, (item) => item.data.area)) {
    const base = `/areas/${slugify(area)}/`;
    pages.push(...chunk(inArea, base, area, false));
    for (const [year, inYear] of groups(inArea, (item) => londonDate(item.date).year)) {
      pages.push(...chunk(inYear, `${base}${year}/`, `${area}, ${year}`, false));
      for (const [month, inMonth] of groups(inYear, (item) => londonDate(item.date).month)) {
        const heading = `${area}, ${monthName(month)} ${year}`;
        pages.push(...chunk(inMonth, `${base}${year}/${month}/`, heading, false));
      }
    }
  }
  return pages;
}

function chunk(items, base, heading, showArea) {
  const total = Math.ceil(items.length / PAGE_SIZE);
  const url = (n) => (n === 1 ? base : `${base}page/${n}/`);
  return Array.from({ length: total }, (_, i) => ({
    url: url(i + 1),
    heading,
    showArea,
    number: i + 1,
    total,
    count: items.length,
    items: items.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE),
    previousUrl: i > 0 ? url(i) : null,
    nextUrl: i + 1 < total ? url(i + 2) : null,
  }));
}

/** Groups in first-seen order, as [key, items] pairs. */
function groups(items, keyOf) {
  const map = new Map();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list === undefined) map.set(key, [item]);
    else list.push(item);
  }
  return [...map];
}

const londonDates = new Map();

/** The calendar date in London, whatever the machine's time zone. */
function londonDate(date) {
  const ms = date.getTime();
  let parts = londonDates.get(ms);
  if (parts === undefined) {
    const get = (type) => LONDON.formatToParts(date).find((p) => p.type === type).value;
    parts = { year: get('year'), month: get('month') };
    londonDates.set(ms, parts);
  }
  return parts;
}

function monthName(month) {
  return MONTHS[Number(month) - 1];
}
