import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  blockOutsideRequests,
  browserAvailability,
  launchChromium,
  serveFixture,
  type ServedFixture,
  type StaticServer,
} from './browser.ts';

/**
 * A reader's way through the built fixture site in Chromium, by clicking links
 * only: home, areas, an area and its pages, a year, a month, a release, its
 * neighbours, and a missing page. Outside requests are blocked throughout.
 * Skipped without Chromium, except on CI (CI=true), where launching it fails.
 */

const { available, required } = browserAvailability();

describe.runIf(available || required)('a reader browsing the built site', () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let server: StaticServer | undefined;
  let fixture: ServedFixture | undefined;
  const blocked: string[] = [];

  beforeAll(async () => {
    fixture = await serveFixture();
    server = fixture.server;
    browser = await launchChromium();
    context = await browser.newContext();
    await blockOutsideRequests(context, blocked);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function open(path: string): Promise<Page> {
    if (context === undefined || server === undefined) throw new Error('not set up');
    const page = await context.newPage();
    const response = await page.goto(`${server.origin}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  /** Clicks a link and waits for the page it leads to. */
  async function follow(page: Page, selector: string): Promise<string> {
    await Promise.all([page.waitForEvent('load'), page.locator(selector).first().click()]);
    return new URL(page.url()).pathname;
  }

  // A numbered list page's heading ends with its number ("…, page 1") for screen readers.
  const heading = (page: Page) => page.locator('h1').innerText();

  test('goes from home to an area, through its pages, and to one of its years', async () => {
    const page = await open('/');
    expect(await heading(page)).toBe('Fixture Gazette');
    expect(await follow(page, 'header nav a:text-is("Areas")')).toBe('/areas/');
    expect(await follow(page, 'main a:text-is("Ashwick Vale")')).toBe('/areas/ashwick-vale/');
    expect(await heading(page)).toMatch(/^Ashwick Vale\b/);
    // Seven releases at three a page: the newest four on the front page, the oldest three on page 1.
    expect(await page.locator('main .item').count()).toBe(4);
    expect(await follow(page, '.pagination a[rel="next"]')).toBe('/areas/ashwick-vale/page/1/');
    expect(await heading(page)).toMatch(/^Ashwick Vale\W+page 1$/);
    expect(await page.locator('main .item').count()).toBe(3);
    expect(await page.locator('aside').count()).toBe(0);
    expect(await page.locator('.pagination a[rel="next"]').count()).toBe(0);
    expect(await follow(page, '.pagination a[rel="prev"]')).toBe('/areas/ashwick-vale/');
    expect(await follow(page, 'aside a:text-is("2022")')).toBe('/areas/ashwick-vale/2022/');
    expect(await heading(page)).toMatch(/^Ashwick Vale, 2022\b/);
    await page.close();
  });

  test('goes from home to a year, a month and a release, then to its neighbours and back', async () => {
    const page = await open('/');
    // The side list's link: the chart's table of numbers links each year too.
    expect(await follow(page, 'aside a:text-is("2022")')).toBe('/2022/');
    expect(await heading(page)).toMatch(/^2022\b/);
    expect(await follow(page, 'aside a:text-is("June")')).toBe('/2022/06/');
    expect(await heading(page)).toMatch(/^June 2022\b/);
    const title = 'Child found safe at Fenwold summer fete';
    expect(await follow(page, `main a:text-is("${title}")`)).toBe(
      '/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/',
    );
    expect(await heading(page)).toBe(title);
    const previousLabel = await page.locator('a[rel="prev"]').innerText();
    const previous = await follow(page, 'a[rel="prev"]');
    expect(await heading(page)).toBe(previousLabel);
    expect(previous).not.toBe('/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/');
    // The older release's "next" leads back to where the reader came from.
    expect(await follow(page, 'a[rel="next"]')).toBe(
      '/2022/06/20/child-found-safe-at-fenwold-summer-fete-7yyqmp/',
    );
    expect(await follow(page, '.release-meta a.area-label')).toBe('/areas/ashwick-vale/');
    await page.close();
  });

  test('gets the not-found page, with a way home, for a missing address', async () => {
    if (context === undefined || server === undefined) throw new Error('not set up');
    const page = await context.newPage();
    const response = await page.goto(`${server.origin}/2022/13/nothing-here/`);
    expect(response?.status()).toBe(404);
    expect(await heading(page)).toBe('Page not found');
    expect(await follow(page, 'header a.site-title')).toBe('/');
    await page.close();
  });

  test('asks for nothing from outside the site, and renders with its own stylesheet', async () => {
    // Share images stay in meta tags and source links are links: no page loads them.
    const page = await open('/2020/09/16/further-work-to-combat-city-kerb-crawling-ve5a2j/');
    // A string: the test code is not compiled with the DOM's types.
    const rules = await page.evaluate(
      '[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)',
    );
    expect(rules).toBeGreaterThan(20);
    expect(blocked).toEqual([]);
    await page.close();
  });
});
