// `npm run bench -- --releases N [--runs K] [--verify] [--skip-baseline] [--skip-commands] [--keep]`:
// writes a synthetic corpus, measures Gazette's cold build and three rebuilds and a
// stock Eleventy build of the same corpus, each in a fresh process, then the
// `gazette build` command from process start, alone and through the build server,
// and prints Markdown tables. Timings are for reading, never asserted by tests.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeEnvironment, loadAverage } from './environment.ts';
import { measureBareStartup, median, type Measurement } from './measure.ts';
import { COMMANDS, runCommands, type CommandTiming } from './commands.ts';
import { createProjects } from './projects.ts';
import { formatReport } from './report.ts';
import {
  listHtml,
  runBaseline,
  runScenarios,
  SCENARIOS,
  type ScenarioResult,
} from './scenarios.ts';

const { values } = parseArgs({
  options: {
    releases: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    verify: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-commands': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const releases = Number(values.releases);
const runs = Number(values.runs);
if (!Number.isInteger(releases) || releases < 1 || !Number.isInteger(runs) || runs < 1) {
  throw new Error('--releases and --runs take positive whole numbers');
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const before = loadAverage();
const started = performance.now();
const projects = await createProjects(releases);
log(`corpus: ${releases} releases written twice in ${elapsed(started)} to ${projects.dir}`);
try {
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) startups.push(await measureBareStartup());
  const gazette: ScenarioResult[][] = [];
  const baseline: Measurement[] = [];
  const commands: CommandTiming[][] = [];
  for (let run = 1; run <= runs; run++) {
    const results = await runScenarios(projects, values.verify);
    gazette.push(results);
    for (const { name, measurement: m, verdict } of results) {
      const label = SCENARIOS.find((s) => s.name === name)?.label ?? name;
      const check = verdict === null ? '' : `, ${verdict}`;
      log(
        `run ${run}/${runs} Gazette ${label}: ${seconds(m.ms)} (CPU ${seconds(m.cpuMs)}), ${mb(m.peakMb)}, ${m.rendered} of ${m.pages} pages rendered${m.incremental ? ' in place' : ''}, others ${cores(m.otherCores)}${phases(m.phases)}${check}`,
      );
    }
    if (!values['skip-baseline']) {
      const m = await runBaseline(projects);
      baseline.push(m);
      log(
        `run ${run}/${runs} baseline cold: ${seconds(m.ms)} (CPU ${seconds(m.cpuMs)}), ${mb(m.peakMb)}, others ${cores(m.otherCores)}, ${m.pages} pages`,
      );
    }
    if (!values['skip-commands']) {
      const timings = await runCommands(projects, values.verify);
      commands.push(timings);
      for (const t of timings) {
        const label = COMMANDS.find((c) => c.name === t.name)?.label ?? t.name;
        const check = t.verdict === null ? '' : `, ${t.verdict}`;
        log(
          `run ${run}/${runs} gazette build, ${label}: pages on disk ${seconds(t.pagesMs)}, exit ${seconds(t.exitMs)}, ${t.rendered} pages updated${check}`,
        );
      }
    }
  }
  const coldPages = gazette[0]?.find((r) => r.name === 'cold')?.htmlFiles ?? [];
  const coverage =
    baseline.length === 0 ? null : compareUrls(coldPages, await listHtml(projects.baselineOutput));
  const report = formatReport({
    releases,
    runs,
    environment: describeEnvironment(),
    load: { before, after: loadAverage() },
    bareStartupMs: median(startups),
    gazette,
    baseline,
    commands,
    coverage,
  });
  process.stdout.write(report);
} finally {
  if (values.keep) log(`kept ${projects.dir}`);
  else await rm(projects.dir, { recursive: true, force: true });
}

function compareUrls(gazettePages: readonly string[], baselinePages: readonly string[]): string {
  const theirs = new Set(baselinePages);
  const shared = gazettePages.filter((page) => theirs.has(page)).length;
  const onlyGazette = gazettePages.length - shared;
  const onlyBaseline = baselinePages.length - shared;
  return `${shared} .html files at the same paths in both, ${onlyGazette} only in Gazette, ${onlyBaseline} only in the baseline`;
}

function elapsed(from: number): string {
  return seconds(performance.now() - from);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function cores(value: number | null): string {
  return value === null ? '?' : `${value.toFixed(2)} cores`;
}

function mb(value: number): string {
  return `${Math.round(value)} MB`;
}

/** Where a Gazette build spent its time, e.g. `; load 20.1 s, plan 0.4 s, render 9.8 s, ...`. */
function phases(timings: Readonly<Record<string, number>> | undefined): string {
  if (timings === undefined) return '';
  return `; ${Object.entries(timings)
    .map(([phase, ms]) => `${phase} ${seconds(ms)}`)
    .join(', ')}`;
}
