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
 * axe-core in Chromium over a page of every kind, at a desktop (1366 px) and
 * two phone widths (390 and 320 px), and at the desktop width in the dark
 * theme. Without Chromium it is skipped, except on CI (CI=true), where
 * launching the browser fails the run.
 */

const { available, required } = browserAvailability();

/** Waits until the search page lists its results (Pagefind loads after the page). */
async function showsResults(page: Page): Promise<void> {
  await page.locator('.search-results .item').first().waitFor({ timeout: 15_000 });
}

// The pages are the same markup at every width and in both themes (no script
// changes them), so every rule runs once, on the desktop in light; the other
// runs check what a width or a theme can change: colours, and what overflows or
// shrinks. About a second an axe run, over a dozen pages, four times.
const COLOURS = ['color-contrast', 'link-in-text-block'];
const LAYOUT = ['scrollable-region-focusable', 'target-size'];

const WIDTHS = [
  { name: 'desktop width', width: 1366, height: 768, colorScheme: 'light', rules: null },
  {
    name: 'phone width',
    width: 390,
    height: 844,
    colorScheme: 'light',
    rules: [...COLOURS, ...LAYOUT],
  },
  // The narrowest phone the layout is made for: what can overflow or shrink.
  { name: 'small phone width', width: 320, height: 640, colorScheme: 'light', rules: LAYOUT },
  // The dark theme has colours of its own, charts' included: contrast is checked in it too.
  {
    name: 'desktop width in the dark theme',
    width: 1366,
    height: 768,
    colorScheme: 'dark',
    rules: COLOURS,
  },
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
      // A numbered page of a list, which has no side lists (page size 3).
      '/2022/page/1/',
      // Every release, by month across the years, on a page with links to pages either side.
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

  // The four runs share the browser but not a context, so they run at once:
  // most of a run is Chromium's, not this process's.
  for (const size of WIDTHS) {
    test.concurrent(
      `reports no violation on any page type at ${size.name} (${size.width}px${size.rules === null ? '' : `: ${size.rules.join(', ')}`})`,
      async () => {
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
            const axe = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
            if (size.rules !== null) axe.withRules([...size.rules]);
            const { violations, passes } = await axe.analyze();
            // Every rule asked for ran: it passed or it was not applicable, or it failed.
            expect(passes.length, url).toBeGreaterThan(size.rules === null ? 10 : 0);
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
      },
      // Four runs at once share two cores with the rest of the suite: a minute each is not enough there.
      180_000,
    );
  }
});
