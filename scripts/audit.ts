// `npm run audit`: builds the site, runs Lighthouse on the home page and a
// release page with Debian's Chromium, and saves the reports and screenshots
// of the main page types under reports/. Exits 1 when a score is below 0.95.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import sirv from 'sirv';
import { buildSite } from '../src/build/build-site.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../tests/e2e/browser.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const THRESHOLD = 0.95;
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');

const result = await buildSite({ root });
if (!result.ok) {
  process.stderr.write('The site did not build; run `npm run check` to see why.\n');
  process.exit(1);
}
// The newest release and its area, as the home page links them.
const home = await readFile(path.join(result.output, 'index.html'), 'utf8');
// Lighthouse scores the home page and a release page; every page is photographed.
const pages = [
  { name: 'home', url: '/', scored: true },
  {
    name: 'area',
    url: /href="(\/areas\/[a-z0-9-]+\/)"/.exec(home)?.[1] ?? '/areas/',
    scored: false,
  },
  { name: 'areas', url: '/areas/', scored: false },
  {
    name: 'release',
    url: /href="(\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/)"/.exec(home)?.[1] ?? '/',
    scored: true,
  },
];

const serve = sirv(result.output, { dev: true });
const server = createServer((req, res) => serve(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

await rm(reports, { recursive: true, force: true });
await mkdir(path.join(reports, 'screenshots'), { recursive: true });

const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS });
const failures: string[] = [];
try {
  for (const page of pages.filter((p) => p.scored)) {
    const run = await lighthouse(`${origin}${page.url}`, {
      port: chrome.port,
      output: ['html', 'json'],
      onlyCategories: CATEGORIES,
      logLevel: 'error',
    });
    if (run === undefined) throw new Error(`Lighthouse gave no result for ${page.url}`);
    const [html, json] = run.report as string[];
    await writeFile(path.join(reports, `lighthouse-${page.name}.html`), html ?? '');
    await writeFile(path.join(reports, `lighthouse-${page.name}.json`), json ?? '');
    for (const id of CATEGORIES) {
      const score = run.lhr.categories[id]?.score ?? 0;
      process.stdout.write(`${page.name.padEnd(8)} ${id.padEnd(15)} ${score.toFixed(2)}\n`);
      if (score < THRESHOLD) failures.push(`${page.name} ${id} ${score.toFixed(2)}`);
    }
  }
} finally {
  await chrome.kill();
}

const browser = await launchChromium();
try {
  for (const size of WIDTHS) {
    const context = await browser.newContext({ viewport: size });
    for (const page of pages) {
      const tab = await context.newPage();
      await tab.goto(`${origin}${page.url}`);
      await tab.screenshot({
        path: path.join(reports, 'screenshots', `${page.name}-${size.width}.png`),
        fullPage: true,
      });
      await tab.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

process.stdout.write(`Reports and screenshots are in ${path.relative(process.cwd(), reports)}/\n`);
if (failures.length > 0) {
  process.stderr.write(`Below ${THRESHOLD}: ${failures.join(', ')}\n`);
  process.exit(1);
}
