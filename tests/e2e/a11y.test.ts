import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readExpected } from '../build/site-output.ts';
import {
  blockOutsideRequests,
  browserAvailability,
  launchChromium,
  serveFixture,
  type ServedFixture,
  type StaticServer,
} from './browser.ts';

/**
 * axe-core in Chromium over a page of every kind, at a desktop and a phone
 * width, and at the desktop width in the dark theme. Without Chromium it is skipped, except on CI (CI=true), where
 * launching the browser fails the run.
 */

const { available, required } = browserAvailability();

/** Waits until the search page lists its results (Pagefind loads after the page). */
async function showsResults(page: Page): Promise<void> {
  await page.locator('.search-results .item').first().waitFor({ timeout: 15_000 });
}

const WIDTHS = [
  { name: 'desktop width', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'phone width', width: 375, height: 740, colorScheme: 'light' },
  // The dark theme has colours of its own, charts' included: contrast is checked in it too.
  { name: 'desktop width in the dark theme', width: 1280, height: 900, colorScheme: 'dark' },
] as const;

describe.runIf(available || required)('accessibility of the built site (axe-core)', () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let fixture: ServedFixture | undefined;
  let urls: string[] = [];

  beforeAll(async () => {
    const expected = await readExpected();
    const release = expected.find((r) => r.headline.includes('<script>')) ?? expected[0];
    const month = release?.datetime.slice(0, 7).replace('-', '/') ?? '';
    urls = [
      '/',
      '/areas/',
      `/areas/${release?.areaSlug ?? ''}/`,
      `/areas/${release?.areaSlug ?? ''}/${month.slice(0, 4)}/`,
      `/${month.slice(0, 4)}/`,
      `/${month}/`,
      // A list with more than one page, so the pagination is checked too (page size 3).
      `/${month.slice(0, 4)}/page/2/`,
      // Every release, by month across the years.
      '/all/page/2/',
      release?.url ?? '',
      // What can be downloaded, with its table of areas' files.
      '/data/',
      // The search page with results and filters showing, as a reader sees it after searching.
      '/search/?q=officers',
      '/no-such-page/',
    ];
    fixture = await serveFixture();
    server = fixture.server;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  for (const size of WIDTHS) {
    test(`reports no violation on any page type at ${size.name} (${size.width}px)`, async () => {
      if (browser === undefined || server === undefined) throw new Error('not set up');
      const { width, height, colorScheme } = size;
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      await blockOutsideRequests(context);
      const problems: string[] = [];
      try {
        for (const url of urls) {
          const page = await context.newPage();
          const response = await page.goto(`${server.origin}${url}`);
          expect(response?.status(), url).toBe(url === '/no-such-page/' ? 404 : 200);
          if (url.startsWith('/search/')) await showsResults(page);
          const { violations, passes } = await new AxeBuilder({ page })
            .options({ resultTypes: ['violations'] })
            .analyze();
          expect(passes.length, url).toBeGreaterThan(10);
          for (const v of violations) {
            const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
            problems.push(`${url}: ${v.id} (${v.impact ?? '?'}) ${v.help} at ${where}`);
          }
          await page.close();
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
