import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { indexSite } from '../../src/search/index-site.ts';
import { makeProject, readExpected, type ExpectedRelease } from '../build/site-output.ts';
import {
  blockOutsideRequests,
  browserAvailability,
  launchChromium,
  serveFixture,
  serveDir,
  type ServedFixture,
  type StaticServer,
} from './browser.ts';

/**
 * The search page in Chromium over the fixture site, built and indexed as
 * `npm run build` does, served with its `_headers` policy and with every
 * outside request blocked. Skipped without Chromium, except on CI (CI=true),
 * where launching it fails.
 */

const { available, required } = browserAvailability();

// "Officers" appears in the body of these releases and no other (the seed among them).
const WORD = 'officers';
const WITH_WORD = [
  'content/leicestershire/2020/000_d1719f2e7f2409f0.txt',
  'content/ashwick-vale/clocks-change-night.md',
  'content/ashwick-vale/fenwold-fete-lost-child.txt',
  'content/ashwick-vale/harrowmere-bike-thefts.md',
  'content/brindlecombe/brindlecombe-christmas-eve.txt',
  'content/brindlecombe/brindlecombe-spring-clean.md',
  'content/corriston-isles/ferry-port-checks.md',
  'content/corriston-isles/lighthouse-open-day.md',
];
const SEED = 'content/leicestershire/2020/000_d1719f2e7f2409f0.txt';
/** How long to wait for the page to settle (Pagefind loading, a search running): a limit, not a measure. */
const SETTLE_MS = 15_000;

// Runs in the page before its own markup: collects Content Security Policy violations.
const COLLECT_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
  });
`;

/** How many releases each value of a field has: what a filter's counts must be. */
function countBy(releases: readonly ExpectedRelease[], key: (r: ExpectedRelease) => string) {
  const counts: Record<string, number> = {};
  for (const release of releases) counts[key(release)] = (counts[key(release)] ?? 0) + 1;
  return counts;
}

// Each step may wait up to SETTLE_MS for Pagefind; a test of several steps on a busy
// machine needs longer than the default minute.
describe.runIf(available || required)('searching the built site', { timeout: 120_000 }, () => {
  let fixture: ServedFixture | undefined;
  const blocked: string[] = [];
  const problems: string[] = [];
  let expected: ExpectedRelease[] = [];
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    expected = await readExpected();
    fixture = await serveFixture();
    server = fixture.server;
    browser = await launchChromium();
    context = await browser.newContext();
    await blockOutsideRequests(context, blocked);
    await context.addInitScript({ content: COLLECT_VIOLATIONS });
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const urlsOf = (files: readonly string[]) =>
    files.map((file) => expected.find((r) => r.file === file)?.url ?? `(no release ${file})`);

  /** Opens a page, noting console errors, page errors and failed requests as problems. */
  async function open(url: string): Promise<Page> {
    if (context === undefined || server === undefined) throw new Error('not set up');
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${url}: console: ${m.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
    // A request the browser abandons because the page moved on (a click on a result
    // while the favicon is still loading) is not the site's fault; a refused
    // connection or a missing file is.
    page.on('requestfailed', (r) => {
      const reason = r.failure()?.errorText ?? '';
      if (reason !== 'net::ERR_ABORTED')
        problems.push(`${url}: request failed: ${r.url()} ${reason}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${url}: ${r.status()} for ${r.url()}`);
    });
    const response = await page.goto(`${server.origin}${url}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  const status = (page: Page) => page.locator('[data-search-status]');
  /** Waits (polling) for what the live region says. */
  const expectStatus = (page: Page) =>
    expect.poll(() => status(page).textContent(), { timeout: SETTLE_MS });
  const resultLinks = (page: Page) =>
    page
      .locator('.search-results .item-title a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const optionTexts = (page: Page, name: string) =>
    page.locator(`select[name="${name}"] option`).allInnerTexts();

  test("Pagefind's index, its yearly shards merged, has the area and year filters, with each value's number of releases", async () => {
    // Not on the search page, whose script has merged the shards into the same module already.
    const page = await open('/');
    // The index is a Pagefind bundle per year: the newest loaded, the others merged into it.
    const filters = await page.evaluate(`(async () => {
      const { shards } = await (await fetch('/pagefind/shards.json')).json();
      const pagefind = await import('/pagefind/' + shards[0] + '/pagefind.js');
      for (const year of shards.slice(1)) await pagefind.mergeIndex('/pagefind/' + year + '/');
      return pagefind.filters();
    })()`);
    expect(filters).toEqual({
      area: countBy(expected, (r) => r.area),
      year: countBy(expected, (r) => r.datetime.slice(0, 4)),
    });
    await page.close();
  });

  test('lists the releases whose text has the word, as links to their pages, and says how many', async () => {
    const page = await open('/search/');
    expect(await page.locator('[data-search-fallback]').isHidden()).toBe(true);
    await page.getByLabel('Words to find in the releases').fill(WORD);
    await expectStatus(page).toBe(`8 releases match “${WORD}”.`);
    expect((await resultLinks(page)).sort()).toEqual(urlsOf(WITH_WORD).sort());
    expect(await status(page).getAttribute('role')).toBe('status');
    // Each filter offers its values with the number of matching releases.
    expect(await optionTexts(page, 'area')).toEqual([
      'All areas (8)',
      'Ashwick Vale (3)',
      'Brindlecombe (2)',
      'Corriston Isles (2)',
      'Leicestershire (1)',
    ]);
    expect(await optionTexts(page, 'year')).toEqual([
      'All years (8)',
      '2023 (3)',
      '2022 (3)',
      '2021 (1)',
      '2020 (1)',
    ]);
    await page.close();
  });

  test('puts an ellipsis where an excerpt is cut from a longer text, and none on a whole one', async () => {
    const page = await open(`/search/?q=${WORD}`);
    await expectStatus(page).toBe(`8 releases match “${WORD}”.`);
    const excerpts = new Map(
      await page
        .locator('.search-results .item')
        .evaluateAll((items) =>
          items.map((li) => [
            li.querySelector('.item-title a')?.getAttribute('href') ?? '',
            li.querySelector('.item-summary')?.textContent ?? '',
          ]),
        ),
    );
    const excerptOf = (file: string) => excerpts.get(urlsOf([file])[0] ?? '') ?? '';
    // The seed runs to some 450 words, and the word first comes well inside it: cut at both ends.
    expect(excerptOf(SEED)).toMatch(/^… Following on from .* the proactive patrols are …$/);
    // The fete's text runs on past its excerpt, which starts with the headline: cut at the end only.
    expect(excerptOf('content/ashwick-vale/fenwold-fete-lost-child.txt')).toMatch(
      /^Child found safe at Fenwold summer fete\. .* …$/,
    );
    // A short release's excerpt is its whole text.
    expect(excerptOf('content/brindlecombe/brindlecombe-spring-clean.md')).toBe(
      'Spring clean of Orwell Lane underpass. Volunteers and officers cleared graffiti and litter from the Orwell Lane underpass.',
    );
    // The matched word is still marked inside the ellipses.
    expect(await page.locator('.search-results .item-summary mark').count()).toBeGreaterThan(7);
    await page.close();
  });

  test('narrows the results by area and year, with counts that follow', async () => {
    const page = await open('/search/');
    await page.getByLabel('Words to find in the releases').fill(WORD);
    await expectStatus(page).toBe(`8 releases match “${WORD}”.`);

    await page.getByLabel('Area').selectOption('Ashwick Vale');
    await expectStatus(page).toBe(`3 releases match “${WORD}” in Ashwick Vale.`);
    expect((await resultLinks(page)).sort()).toEqual(
      urlsOf(WITH_WORD.filter((f) => f.includes('/ashwick-vale/'))).sort(),
    );
    // Years now count Ashwick Vale's matches only; areas still count each area's.
    expect(await optionTexts(page, 'year')).toEqual([
      'All years (3)',
      '2023 (1)',
      '2022 (2)',
      '2021 (0)',
      '2020 (0)',
    ]);
    expect(await optionTexts(page, 'area')).toContain('Brindlecombe (2)');

    await page.getByLabel('Year').selectOption('2022');
    await expectStatus(page).toBe(`2 releases match “${WORD}” in Ashwick Vale, 2022.`);
    expect(new URL(page.url()).search).toBe(`?q=${WORD}&area=Ashwick+Vale&year=2022`);

    await page.getByLabel('Area').selectOption('Leicestershire');
    await expectStatus(page).toBe(
      `No releases match “${WORD}” in Leicestershire, 2022. Try other words or fewer filters.`,
    );
    expect(await resultLinks(page)).toEqual([]);
    await page.close();
  });

  test('counts each filter value even when the filter files arrive after the first search starts', async () => {
    if (context === undefined || server === undefined) throw new Error('not set up');
    const page = await context.newPage();
    // A slow connection: the filter files come a second late.
    await page.route('**/pagefind/*/filter/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.goto(`${server.origin}/search/?q=${WORD}`);
    await expectStatus(page).toBe(`8 releases match “${WORD}”.`);
    expect(await optionTexts(page, 'area')).toContain('Ashwick Vale (3)');
    expect(await optionTexts(page, 'year')).toContain('2022 (3)');
    await page.close();
  });

  test('leads from a result to the release page, and back to the same search', async () => {
    const page = await open(`/search/?q=${WORD}&area=Leicestershire`);
    await expectStatus(page).toBe(`1 release matches “${WORD}” in Leicestershire.`);
    const seed = expected.find((r) => r.file === SEED);
    expect(await resultLinks(page)).toEqual([seed?.url]);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('.search-results a').first().click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(seed?.url);
    expect(await page.locator('h1').innerText()).toBe(seed?.headline);
    await page.goBack();
    await expectStatus(page).toBe(`1 release matches “${WORD}” in Leicestershire.`);
    expect(await page.getByLabel('Area').inputValue()).toBe('Leicestershire');
    await page.close();
  });

  test('searches from the keyboard: type, press Enter, and stay on the page', async () => {
    const page = await open('/search/');
    await page.getByLabel('Words to find in the releases').focus();
    await page.keyboard.type('storm');
    await page.keyboard.press('Enter');
    await expectStatus(page).toMatch(/^\d+ releases? match(es)? “storm”\.$/);
    expect(new URL(page.url()).pathname).toBe('/search/');
    expect(await resultLinks(page)).toContain(
      expected.find((r) => r.file === 'content/corriston-isles/storm-warning.md')?.url,
    );
    await page.close();
  });

  test('shows ten results at first, and the rest on request, moving focus to the first new one', async () => {
    const page = await open('/search/?q=a');
    await expectStatus(page).toBe(`${expected.length} releases match “a”.`);
    expect(await resultLinks(page)).toHaveLength(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await expect
      .poll(() => page.locator('.search-results .item').count(), { timeout: SETTLE_MS })
      .toBe(expected.length);
    expect(await page.locator('[data-search-more]').isHidden()).toBe(true);
    const focused = await page.evaluate('document.activeElement.getAttribute("href")');
    expect(focused).toBe((await resultLinks(page))[10]);
    expect((await resultLinks(page)).sort()).toEqual(expected.map((r) => r.url).sort());
    await page.close();
  });

  test('broke no Content Security Policy rule, logged no error and asked nothing of another host', async () => {
    const page = await open(`/search/?q=${WORD}`);
    await expectStatus(page).toBe(`8 releases match “${WORD}”.`);
    expect(await page.evaluate('window.__cspViolations')).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

describe.runIf(available || required)('the search page without JavaScript', () => {
  const blocked: string[] = [];
  let fixture: ServedFixture | undefined;
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    fixture = await serveFixture();
    server = fixture.server;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  test('says that search needs JavaScript and offers the areas and years to browse', async () => {
    if (browser === undefined || server === undefined) throw new Error('not set up');
    const context = await browser.newContext({ javaScriptEnabled: false });
    await blockOutsideRequests(context, blocked);
    const page = await context.newPage();
    await page.goto(`${server.origin}/search/`);
    expect(await page.locator('h1').innerText()).toBe('Search');
    const fallback = page.locator('[data-search-fallback]');
    expect(await fallback.isVisible()).toBe(true);
    expect(await fallback.innerText()).toContain(
      'Search runs in your browser and needs JavaScript.',
    );
    expect(await page.locator('[data-search-form]').isHidden()).toBe(true);
    expect(await fallback.getByRole('link', { name: 'by area' }).getAttribute('href')).toBe(
      '/areas/',
    );
    expect(await fallback.locator('.link-list a').allInnerTexts()).toEqual([
      '2023',
      '2022',
      '2021',
      '2020',
    ]);
    await Promise.all([
      page.waitForEvent('load'),
      fallback.getByRole('link', { name: '2021' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/2021/');
    expect(blocked).toEqual([]);
    await context.close();
  });
});

describe.runIf(available || required)('searching a site served from a sub-folder', () => {
  const cleanup: string[] = [];
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let seed: ExpectedRelease | undefined;

  beforeAll(async () => {
    seed = (await readExpected()).find((r) => r.file === SEED);
    const root = await makeProject();
    cleanup.push(root);
    const result = await buildSite({ root, env: { GAZETTE_PATH_PREFIX: '/news/' } });
    if (!result.ok) throw new Error('the fixture did not build');
    // Every year of more than one release split into months: the page merges months and years alike.
    const { shards } = await indexSite(result.output, { monthsAbove: 1 });
    expect(shards).toContain('2022-06');
    expect(shards).toContain('2021');
    // The host serves _site/ at /news/.
    const host = await mkdtemp(path.join(tmpdir(), 'gazette-host-'));
    cleanup.push(host);
    await symlink(result.output, path.join(host, 'news'));
    server = await serveDir(host);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test('loads the index from the sub-folder and links results to release pages inside it', async () => {
    if (browser === undefined || server === undefined) throw new Error('not set up');
    const context = await browser.newContext();
    const blocked: string[] = [];
    await blockOutsideRequests(context, blocked);
    const page = await context.newPage();
    await page.goto(`${server.origin}/news/search/?q=${WORD}&area=Leicestershire`);
    await expect
      .poll(() => page.locator('[data-search-status]').textContent(), { timeout: SETTLE_MS })
      .toBe(`1 release matches “${WORD}” in Leicestershire.`);
    const link = page.locator('.search-results .item-title a');
    expect(await link.getAttribute('href')).toBe(`/news${seed?.url ?? ''}`);
    // The year filter counts across the month shards as across years.
    expect(await page.locator('select[name="year"] option').allInnerTexts()).toEqual([
      'All years (1)',
      '2023 (0)',
      '2022 (0)',
      '2021 (0)',
      '2020 (1)',
    ]);
    expect(await page.locator('.search-results .area-label').getAttribute('href')).toBe(
      '/news/areas/leicestershire/',
    );
    await Promise.all([page.waitForEvent('load'), link.click()]);
    expect(await page.locator('h1').innerText()).toBe(seed?.headline);
    expect(server.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
