// `node --import tsx bench/search-fetches.ts <built site> [search…]`: opens the site's search
// page in Chromium for each search (an address query such as `?q=appeal&year=2024`) and
// prints what the page fetched from pagefind/ until the results were shown: requests and
// bytes, in all and by kind of file. For docs/performance.md; never asserted by a test.
import { statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, serveDir } from '../tests/e2e/browser.ts';

const [site, ...searches] = process.argv.slice(2);
if (site === undefined) throw new Error('give the built site folder, then the searches');
const KINDS = /pagefind\.js|pagefind-worker\.js|wasm|entry|pf_meta|filter|index|fragment|shards/;
const server = await serveDir(site, { headersFile: true });
const browser = await launchChromium();
try {
  for (const search of searches.length > 0 ? searches : ['?q=appeal']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const first = server.requests.length;
    await page.goto(`${server.origin}/search/${search}`);
    // The live region's sentence, once the results are shown, ends with a full stop.
    const region = page.locator('[data-search-status]');
    for (let waited = 0; !/\.$/.test((await region.textContent()) ?? ''); waited += 100) {
      if (waited > 120_000) throw new Error(`no results for ${search}`);
      await page.waitForTimeout(100);
    }
    const status = await region.textContent();
    const fetched = server.requests.slice(first).filter((r) => r.path.startsWith('/pagefind/'));
    const kinds: Record<string, { requests: number; bytes: number }> = {};
    let bytes = 0;
    for (const request of fetched) {
      const file = path.join(site, decodeURIComponent(request.path.split('?')[0] ?? ''));
      const size = statSync(file).size;
      const kind = KINDS.exec(request.path)?.[0] ?? 'other';
      kinds[kind] ??= { requests: 0, bytes: 0 };
      kinds[kind].requests += 1;
      kinds[kind].bytes += size;
      bytes += size;
    }
    console.log(JSON.stringify({ search, status, requests: fetched.length, bytes, kinds }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
