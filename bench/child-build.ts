// Runs one Gazette build in its own process and prints its time and peak memory as JSON.
import { buildSite } from '../src/render/build-site.ts';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: child-build.ts <project root>');
const started = performance.now();
const result = await buildSite({ root, env: {} });
const ms = performance.now() - started;
// resourceUsage().maxRSS is in kilobytes and covers the whole life of this process.
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ ok: result.ok, ms, peakMb, pages: result.ok ? result.pages : 0 })}\n`,
);
if (!result.ok) process.exitCode = 1;
