import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readExpected } from '../build/site-output.ts';
import {
  blockOutsideRequests,
  browserAvailability,
  CHROMIUM_PATH,
  launchChromium,
  serveFixture,
  type ServedFixture,
  type StaticServer,
} from './browser.ts';

/**
 * The built fixture site in a real Chromium, served with the headers of its
 * own `_headers` file: the Content Security Policy must hold on every kind of
 * page without blocking anything the site itself uses.
 */

const { available, required } = browserAvailability();
if (!available && !required)
  console.warn(
    `Skipping the browser checks: no Chromium at ${CHROMIUM_PATH} (set CI=true to fail instead).`,
  );

describe.runIf(!available && required)('the browser checks on CI', () => {
  test(`find Chromium at ${CHROMIUM_PATH}`, () => {
    expect.fail(
      `Chromium is missing at ${CHROMIUM_PATH}, and CI=true requires the browser checks to run: install the Debian package "chromium".`,
    );
  });
});

/** What one visit saw. */
interface Visit {
  readonly url: string;
  readonly status: number | null;
  /** The Content-Security-Policy response header. */
  readonly headerPolicy: string | null;
  readonly h1: string;
  readonly violations: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly dialogs: string[];
  readonly failedRequests: string[];
  readonly sheets: { href: string | null; rules: number }[];
  readonly body: Record<string, string>;
}

// Runs in the page before any of its own markup is parsed.
const COLLECT_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });
`;

// The stylesheets the page has, and body styles a stylesheet would change.
const READ_STYLES = `(() => {
  const sheets = [...document.styleSheets].map((sheet) => {
    let rules = -1;
    try { rules = sheet.cssRules.length; } catch { rules = -1; }
    return { href: sheet.href, rules };
  });
  const style = getComputedStyle(document.body);
  const body = {};
  for (const name of ['margin-top', 'font-family', 'line-height', 'background-color', 'color'])
    body[name] = style.getPropertyValue(name);
  return { sheets, body };
})()`;

const MISSING = '/no-such-page/';

describe.skipIf(!available)('the built site in Chromium', () => {
  let fixture: ServedFixture | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  const blocked: string[] = [];
  const visits = new Map<string, Visit>();
  let defaults: Record<string, string>;
  let urls: string[];

  async function visit(url: string): Promise<Visit> {
    const page = await context.newPage();
    const seen = {
      consoleErrors: [] as string[],
      pageErrors: [] as string[],
      dialogs: [] as string[],
      failedRequests: [] as string[],
    };
    page.on('console', (message) => {
      if (message.type() === 'error')
        seen.consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => seen.pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // Closing the page abandons a late request such as the favicon (net::ERR_ABORTED);
    // that says nothing about the site, while a blocked or refused request does.
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      if (reason !== 'net::ERR_ABORTED') seen.failedRequests.push(`${request.url()} ${reason}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document')
        seen.failedRequests.push(`${response.url()} ${response.status()}`);
    });
    const origin = server?.origin ?? '';
    const response = await page.goto(`${origin}${url}`, { waitUntil: 'load' });
    // The search page's work starts after load: wait until it has listed results.
    if (url.startsWith('/search/'))
      await page.locator('.search-results .item').first().waitFor({ timeout: 15_000 });
    const violations = (await page.evaluate('window.__cspViolations')) as string[];
    const styles = (await page.evaluate(READ_STYLES)) as Pick<Visit, 'sheets' | 'body'>;
    const h1 = (await page.locator('h1').first().textContent())?.trim() ?? '';
    const headerPolicy = (await response?.headerValue('content-security-policy')) ?? null;
    await page.close();
    return {
      url,
      status: response?.status() ?? null,
      headerPolicy,
      h1,
      violations,
      ...seen,
      ...styles,
    };
  }

  beforeAll(async () => {
    const expected = await readExpected();
    // The release whose headline and body try to run a script.
    const release = expected.find((r) => r.headline.includes('<script>')) ?? expected[0];
    const area = expected.find((r) => r.areaSlug === 'ashwick-vale');
    const month = release?.datetime.slice(0, 7).replace('-', '/') ?? '';
    urls = [
      '/',
      '/areas/',
      `/areas/${area?.areaSlug ?? ''}/`,
      `/${month.slice(0, 4)}/`,
      `/${month}/`,
      release?.url ?? '',
      // Search runs Pagefind: a module, a worker and WebAssembly, all under the policy.
      '/search/?q=officers',
      MISSING,
    ];

    fixture = await serveFixture();
    server = fixture.server;
    browser = await launchChromium();
    context = await browser.newContext();
    await blockOutsideRequests(context, blocked);
    await context.addInitScript({ content: COLLECT_VIOLATIONS });

    const blank = await context.newPage();
    defaults = ((await blank.evaluate(READ_STYLES)) as Pick<Visit, 'body'>).body;
    await blank.close();

    for (const url of urls) visits.set(url, await visit(url));
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  /** `url: problem` for every visit with problems, so one failure names every page. */
  function everyVisit(problems: (v: Visit) => string[]): string[] {
    return [...visits.values()].flatMap((v) => problems(v).map((p) => `${v.url}: ${p}`));
  }

  test('visits a page of every kind, each with its heading, and a missing one with 404', () => {
    expect([...visits.values()].map((v) => [v.url, v.status, v.h1 !== ''])).toEqual(
      urls.map((url) => [url, url === MISSING ? 404 : 200, true]),
    );
    expect(visits.get(MISSING)?.h1).toBe('Page not found');
  });

  test("gets the _headers policy as a response header as well as the meta tag's", () => {
    expect(
      everyVisit((v) =>
        v.headerPolicy?.includes("frame-ancestors 'none'") ? [] : ['no CSP header'],
      ),
    ).toEqual([]);
  });

  test('reports no Content Security Policy violation on any page', () => {
    expect(everyVisit((v) => v.violations)).toEqual([]);
  });

  test('logs no console error and throws no page error', () => {
    expect(
      everyVisit((v) =>
        [...v.consoleErrors, ...v.pageErrors].filter(
          // The one error a 404 must log: the page itself was not found.
          (e) => !(v.url === MISSING && /status of 404 \(Not Found\)/.test(e)),
        ),
      ),
    ).toEqual([]);
  });

  test('runs no script from the content: no dialog opens', () => {
    expect(everyVisit((v) => v.dialogs)).toEqual([]);
  });

  test('loads every file it asks for from the site, and asks nothing of any other host', () => {
    expect(everyVisit((v) => v.failedRequests)).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test('applies the stylesheet on every page', () => {
    expect(
      everyVisit((v) => {
        const sheet = v.sheets.find((s) => s.href?.endsWith('/assets/style.css'));
        if (sheet === undefined) return [`no stylesheet (${JSON.stringify(v.sheets)})`];
        if (sheet.rules <= 0) return [`stylesheet has ${sheet.rules} readable rules`];
        const changed = Object.keys(defaults).filter((name) => v.body[name] !== defaults[name]);
        return changed.length > 0
          ? []
          : [`body keeps the browser defaults ${JSON.stringify(v.body)}`];
      }),
    ).toEqual([]);
  });

  test('would notice a violation: an inline style set from a page is reported', async () => {
    const page = await context.newPage();
    page.on('console', () => undefined);
    await page.goto(`${server?.origin ?? ''}/`);
    await page.evaluate(`document.body.setAttribute('style', 'outline: 1px solid red')`);
    // Reported once per policy in force: the header's and the meta tag's.
    await expect
      .poll(async () => ((await page.evaluate('window.__cspViolations')) as string[]).length)
      .toBeGreaterThan(0);
    const violations = (await page.evaluate('window.__cspViolations')) as string[];
    expect(violations.filter((v) => !/^style-src(-attr)? blocked inline/.test(v))).toEqual([]);
    await page.close();
  });
});
