/* global document, location, history, fetch, HTMLElement, URLSearchParams, setTimeout, clearTimeout */
/*
 * Gazette's search page: a small interface over Pagefind's search API.
 *
 * The page works without this script: it then says that search needs
 * JavaScript and offers the areas and years to browse. With it, the form is
 * shown, the index (built by `npm run build` into pagefind/, a bundle per
 * year) is loaded, and
 * each search lists matching releases as links, with area and year filters
 * whose options show how many releases each would leave. A polite live
 * region says how many releases were found. Nothing from the index is
 * inserted as markup except Pagefind's <mark> around matched words.
 */

const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 250;
const FILTERS = ['area', 'year'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const root = document.querySelector('[data-search]');
if (root instanceof HTMLElement) start(root);

/** Wires up the search page inside `root`. */
function start(root) {
  const form = root.querySelector('[data-search-form]');
  const input = form.querySelector('input[name="q"]');
  const selects = Object.fromEntries(
    [...root.querySelectorAll('[data-search-filter]')].map((s) => [s.dataset.searchFilter, s]),
  );
  const status = root.querySelector('[data-search-status]');
  const list = root.querySelector('[data-search-results]');
  const more = root.querySelector('[data-search-more]');
  const fallback = root.querySelector('[data-search-fallback]');

  fallback.hidden = true;
  form.hidden = false;

  let pagefind = null;
  let latest = 0;
  let pending = [];
  let timer;

  /**
   * Loads Pagefind once. The index is one Pagefind bundle per year (or per
   * month of a large year), listed newest first in shards.json: the newest is
   * loaded and the others merged into it, so a search, its results and its
   * filter counts cover every year.
   * Paths carry the site's path prefix. A search counts filter values only
   * from the filter files already loaded, so all of them (a small file per
   * filter and shard) are loaded before the first search.
   */
  function load() {
    pagefind ??= (async () => {
      const index = root.dataset.index;
      const response = await fetch(`${index}shards.json`);
      if (!response.ok) throw new Error(`no search index (${response.status})`);
      const { shards } = await response.json();
      const [primary, ...others] = shards;
      if (primary === undefined) throw new Error('an empty search index');
      const api = await import(`${index}${primary}/pagefind.js`);
      const options = { baseUrl: root.dataset.base };
      await api.options(options);
      await api.init();
      await Promise.all(others.map((year) => api.mergeIndex(`${index}${year}/`, options)));
      await api.filters();
      return api;
    })();
    return pagefind;
  }

  function chosenFilters() {
    const chosen = {};
    for (const name of FILTERS) if (selects[name].value !== '') chosen[name] = selects[name].value;
    return chosen;
  }

  /** Runs the search the form describes; a newer run makes an older one stop where it is. */
  async function run() {
    const mine = ++latest;
    const term = input.value.trim();
    const chosen = chosenFilters();
    rememberInAddress(term, chosen);
    const query = term === '' ? null : term;
    const asked = query !== null || Object.keys(chosen).length > 0;
    let found;
    let counts;
    try {
      const api = await load();
      [found, counts] = await Promise.all([
        asked ? api.search(query, { filters: chosen }) : null,
        countsFor(api, query, chosen),
      ]);
    } catch {
      if (mine === latest) unavailable();
      return;
    }
    if (mine !== latest) return;
    for (const name of FILTERS) fillOptions(selects[name], counts[name] ?? {});
    list.replaceChildren();
    pending = found === null ? [] : found.results;
    more.hidden = true;
    if (found === null) {
      status.textContent = '';
      return;
    }
    await showMore(mine, false);
    if (mine === latest) status.textContent = describe(found.results.length, term, chosen);
  }

  /**
   * How many releases each filter value would leave, given the words and the
   * other filter: the counts its options show.
   */
  async function countsFor(api, query, chosen) {
    const counts = {};
    for (const name of FILTERS) {
      const others = { ...chosen };
      delete others[name];
      if (query === null && Object.keys(others).length === 0) {
        counts[name] = (await api.filters())[name];
      } else {
        counts[name] = (await api.search(query, { filters: others })).filters[name];
      }
    }
    return counts;
  }

  /** Appends the next page of results; with `focus`, moves focus to the first new one. */
  async function showMore(mine, focus) {
    const next = pending.slice(0, PAGE_SIZE);
    pending = pending.slice(PAGE_SIZE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== latest) return;
    const items = data.map(resultItem);
    list.append(...items);
    more.hidden = pending.length === 0;
    if (focus) items[0]?.querySelector('a')?.focus();
  }

  function unavailable() {
    status.textContent =
      'Search could not be loaded. Every release can still be found by area or by year.';
    fallback.hidden = false;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  });
  for (const select of Object.values(selects)) select.addEventListener('change', run);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run();
  });
  more.addEventListener('click', () => void showMore(latest, true));

  // A search in the address (a shared link, or the way back from a result) runs at once.
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const name of FILTERS) addOption(selects[name], params.get(name) ?? '');
  void run();
}

/** One result as a list item: the headline as a link, area and date, and the excerpt. */
function resultItem(data) {
  const item = element('li', 'item');
  const heading = element('h2', 'item-title');
  const link = element('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = element('p', 'item-meta');
  const area = data.filters?.area?.[0];
  if (area !== undefined) {
    const label = element(data.meta.areaUrl ? 'a' : 'span', 'area-label');
    if (data.meta.areaUrl) label.href = data.meta.areaUrl;
    label.textContent = area;
    meta.append(label, ' ');
  }
  if (data.meta.date) {
    const time = element('time');
    time.dateTime = data.meta.date;
    time.textContent = shortDate(data.meta.date);
    meta.append(time);
  }
  const excerpt = element('p', 'item-summary');
  excerpt.append(...excerptNodes(data.excerpt, data.content));
  item.append(heading, meta, excerpt);
  return item;
}

/**
 * Pagefind's excerpt is escaped text with <mark> around matched words. It is
 * parsed in an inert template and rebuilt from text and <mark> alone, with an
 * ellipsis at either end where it stops short of the release's whole text.
 */
function excerptNodes(html, content) {
  const template = document.createElement('template');
  template.innerHTML = html ?? '';
  const nodes = [...template.content.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = element('mark');
    mark.textContent = node.textContent;
    return mark;
  });
  const { before, after } = cutEnds(template.content.textContent ?? '', content ?? '');
  if (before) nodes.unshift(document.createTextNode('… '));
  if (after) nodes.push(document.createTextNode(' …'));
  return nodes;
}

/**
 * Whether an excerpt starts after the text's first words and stops before its
 * last: Pagefind cuts an excerpt from the text's words, so the ends are
 * compared word by word (a few words each, as punctuation stays on its word).
 */
function cutEnds(excerpt, content) {
  const words = (text) => text.split(/\s+/).filter((word) => word !== '');
  const shown = words(excerpt);
  const whole = words(content);
  if (shown.length === 0 || whole.length === 0) return { before: false, after: false };
  const size = Math.min(3, shown.length);
  const same = (a, b) => a.join(' ') === b.join(' ');
  return {
    before: !same(shown.slice(0, size), whole.slice(0, size)),
    after: !same(shown.slice(-size), whole.slice(-size)),
  };
}

/** Fills a filter's options with counts, keeping the reader's choice. */
function fillOptions(select, counts) {
  const chosen = select.value;
  const values = Object.keys(counts);
  values.sort(select.dataset.searchFilter === 'year' ? (a, b) => b.localeCompare(a) : byName);
  if (chosen !== '' && !values.includes(chosen)) values.push(chosen);
  const all = select.options[0];
  const total = values.reduce((sum, value) => sum + (counts[value] ?? 0), 0);
  all.dataset.label ??= all.textContent;
  all.textContent = `${all.dataset.label} (${total})`;
  const options = values.map((value) => {
    const option = element('option');
    option.value = value;
    option.textContent = `${value} (${counts[value] ?? 0})`;
    return option;
  });
  select.replaceChildren(all, ...options);
  select.value = chosen;
}

/** Adds an option for a value taken from the address, so it can be chosen before counts arrive. */
function addOption(select, value) {
  if (value === '') return;
  const option = element('option');
  option.value = value;
  option.textContent = value;
  select.append(option);
  select.value = value;
}

/** What the live region says: `3 releases match “fire” in Ashwick Vale, 2022.` */
function describe(count, term, chosen) {
  const where = FILTERS.map((name) => chosen[name]).filter((v) => v !== undefined);
  const scope = where.length === 0 ? '' : ` in ${where.join(', ')}`;
  const releases = count === 1 ? '1 release' : `${count} releases`;
  if (term === '') return `${releases}${scope}.`;
  if (count === 0) return `No releases match “${term}”${scope}. Try other words or fewer filters.`;
  return `${releases} ${count === 1 ? 'matches' : 'match'} “${term}”${scope}.`;
}

/** Keeps the search in the address, so it can be shared and survives the way back. */
function rememberInAddress(term, chosen) {
  const params = new URLSearchParams();
  if (term !== '') params.set('q', term);
  for (const name of FILTERS) if (chosen[name] !== undefined) params.set(name, chosen[name]);
  const query = params.toString();
  history.replaceState(null, '', query === '' ? location.pathname : `?${query}`);
}

/** `2020-09-16T10:55:00+01:00` → `16 Sep 2020`, the site's date in lists. */
function shortDate(iso) {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`;
}

function byName(a, b) {
  return a.localeCompare(b, 'en-GB');
}

function element(name, className) {
  const node = document.createElement(name);
  if (className !== undefined) node.className = className;
  return node;
}
