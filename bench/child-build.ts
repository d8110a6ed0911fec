// Runs one Gazette build in its own process and prints its time and peak memory as JSON.
import { buildSite } from '../src/render/build-site.ts';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: child-build.ts <project root>');
// Time since the process started: node, tsx and importing Gazette and Eleventy.
const startupMs = performance.now();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await buildSite({ root, env: {} });
const ms = performance.now() - started;
// User plus system time of every thread, worker threads included: less swayed than wall
// time by other work on the machine.
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
// resourceUsage().maxRSS is in kilobytes and covers the whole life of this process.
const peakMb = process.resourceUsage().maxRSS / 1024;
const total = process.cpuUsage();
const processCpuMs = (total.user + total.system) / 1000;
const pages = result.ok ? result.pages : 0;
// Pages this build rendered, and whether it updated the last output in place.
const rendered = result.ok ? result.rendered : 0;
const incremental = result.ok && result.incremental;
process.stdout.write(
  `${JSON.stringify({ ok: result.ok, ms, peakMb, cpuMs, pages, rendered, incremental, startupMs, processCpuMs })}\n`,
);
if (!result.ok) process.exitCode = 1;
