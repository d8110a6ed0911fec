// Runs one stock Eleventy build of bench/baseline/ in its own process and
// prints its time and peak memory as JSON, like child-build.ts does for Gazette.
import { readdir } from 'node:fs/promises';

const [root, output] = process.argv.slice(2);
if (root === undefined || output === undefined) {
  throw new Error('usage: child-baseline.ts <baseline project> <output folder>');
}
// Eleventy resolves globs and the config from the working directory, as with its CLI.
process.chdir(root);
const { default: Eleventy } = await import('@11ty/eleventy');
const startupMs = performance.now();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const eleventy = new Eleventy('.', output, {
  quietMode: true,
  configPath: 'eleventy.config.mjs',
});
await eleventy.write();
const ms = performance.now() - started;
// User plus system time of every thread, worker threads included: less swayed than wall
// time by other work on the machine.
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
// resourceUsage().maxRSS is in kilobytes and covers the whole life of this process.
const peakMb = process.resourceUsage().maxRSS / 1024;
const total = process.cpuUsage();
const processCpuMs = (total.user + total.system) / 1000;
const entries = await readdir(output, { recursive: true });
const pages = entries.filter((name) => name.endsWith('.html')).length;
process.stdout.write(
  `${JSON.stringify({ ok: true, ms, peakMb, cpuMs, pages, rendered: pages, incremental: false, startupMs, processCpuMs })}\n`,
);
