import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readExpected } from '../build/site-output.ts';
import {
  blockOutsideRequests,
  browserAvailability,
  launchChromium,
  serveFixture,
  type ServedFixture,
} from './browser.ts';

/**
 * Where things sit on a release page, the home page and the table of areas at
 * a small phone (320 px), a phone (390 px) and a laptop (1366 px), in
 * Chromium. Skipped without Chromium, except on CI (CI=true), where launching
 * it fails.
 */

const { available, required } = browserAvailability();

type Box = { x: number; y: number; width: number; height: number };

describe.runIf(available || required)('the layout at phone and desktop widths', () => {
  let browser: Browser | undefined;
  let fixture: ServedFixture | undefined;
  let release = '';

  beforeAll(async () => {
    const expected = await readExpected();
    release = expected.find((r) => r.file.includes('ashwick-vale'))?.url ?? expected[0]?.url ?? '';
    fixture = await serveFixture();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function open(url: string, width: number): Promise<Page> {
    if (browser === undefined || fixture === undefined) throw new Error('not set up');
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await blockOutsideRequests(context);
    const page = await context.newPage();
    expect((await page.goto(`${fixture.server.origin}${url}`))?.status()).toBe(200);
    return page;
  }

  async function box(page: Page, selector: string): Promise<Box> {
    const found = await page.locator(selector).first().boundingBox();
    if (found === null) throw new Error(`${selector} is not shown`);
    return found;
  }

  /** Whether the page is wider than its window: something pushes it sideways. */
  const overflows = async (page: Page) =>
    (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;

  test('at 1366 px a release’s facts and neighbours sit beside its text, at its top', async () => {
    const page = await open(release, 1366);
    const [body, facts, neighbours, title] = await Promise.all([
      box(page, '.release-body'),
      box(page, '.release-meta'),
      box(page, '.release .neighbours'),
      box(page, '.release h1'),
    ]);
    expect(facts.x).toBeGreaterThanOrEqual(body.x + body.width);
    expect(Math.abs(facts.y - body.y)).toBeLessThan(8);
    expect(facts.y).toBeGreaterThan(title.y + title.height);
    expect(neighbours.x).toBe(facts.x);
    expect(neighbours.y).toBeGreaterThanOrEqual(facts.y + facts.height);
    // The text keeps its measure: 65 to 75 characters a line.
    expect(body.width).toBeLessThan(700);
    expect(await overflows(page)).toBe(false);
    await page.context().close();
  });

  for (const width of [390, 320]) {
    test(`at ${width} px a release reads top to bottom: headline, facts, text, neighbours`, async () => {
      const page = await open(release, width);
      const [title, facts, body, neighbours] = await Promise.all([
        box(page, '.release h1'),
        box(page, '.release-meta'),
        box(page, '.release-body'),
        box(page, '.release .neighbours'),
      ]);
      expect(facts.y).toBeGreaterThanOrEqual(title.y + title.height);
      expect(body.y).toBeGreaterThanOrEqual(facts.y + facts.height);
      expect(neighbours.y).toBeGreaterThanOrEqual(body.y + body.height);
      expect(body.x + body.width).toBeLessThanOrEqual(width);
      // A phone has the source as a link; its address is left for wide screens and paper.
      expect(await page.locator('.source-url').isVisible()).toBe(false);
      expect(await overflows(page)).toBe(false);
      await page.context().close();
    });
  }

  for (const width of [320, 390, 1366]) {
    test(`at ${width} px the home page leads with the newest release, larger than the rest`, async () => {
      const page = await open('/', width);
      const lead = page.locator('.items .item').first();
      expect(await lead.getAttribute('class')).toContain('item-lead');
      const size = async (selector: string) =>
        (await page.evaluate(
          `parseFloat(getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fontSize)`,
        )) as number;
      expect(await size('.item-lead .item-title')).toBeGreaterThan(
        await size('.item:not(.item-lead) .item-title'),
      );
      expect(await page.locator('.site-header .site-title').isVisible()).toBe(true);
      expect(await overflows(page)).toBe(false);
      await page.context().close();
    });
  }

  for (const width of [320, 390, 1366]) {
    test(`at ${width} px the areas table fits, each date on one line, the counts clear of them`, async () => {
      const page = await open('/areas/', width);
      const rows =
        (await page.evaluate(`[...document.querySelectorAll('.areas-table tbody tr')].map((tr) => {
        const count = tr.querySelector('td.num');
        const text = document.createRange();
        text.selectNodeContents(count);
        const times = [...tr.querySelectorAll('td time')];
        return {
          countRight: text.getBoundingClientRect().right,
          periodLeft: Math.min(...times.map((t) => t.getBoundingClientRect().left)),
          lines: times.map((t) => t.getClientRects().length),
        };
      })`)) as { countRight: number; periodLeft: number; lines: number[] }[];
      expect(rows.length).toBeGreaterThan(2);
      for (const row of rows) {
        expect(row.lines.every((n) => n === 1)).toBe(true);
        // A clear gap between a count and the dates beside it.
        expect(row.periodLeft - row.countRight).toBeGreaterThanOrEqual(10);
      }
      // The table fits its column: its last-resort scroll box does not scroll.
      expect(
        await page.evaluate(
          `(() => { const box = document.querySelector('.table-scroll'); return box.scrollWidth <= box.clientWidth; })()`,
        ),
      ).toBe(true);
      expect(await overflows(page)).toBe(false);
      await page.context().close();
    });
  }
});
