// `npm run bench -- [--corpus synthetic|real] [--releases N[,N…]] [--runs K] [--verify]
// [--skip-baseline] [--skip-commands] [--keep]`: writes a corpus, measures Gazette's cold
// build and three rebuilds (and, for the synthetic corpus, a stock Eleventy build of the
// same corpus), each in a fresh process, then the `gazette build` command from process
// start, and prints Markdown tables. The realistic
// archive's cold build is also checked: every release must have exactly one page.
// Timings are for reading, never asserted by tests.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeEnvironment, loadAverage } from './environment.ts';
import { measureBareStartup, median, type Measurement } from './measure.ts';
import { COMMANDS, runCommands, type CommandTiming } from './commands.ts';
import { createProjects, createRealProjects, type BenchProjects } from './projects.ts';
import { describeArchive } from './real-archive/summary.ts';
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
    corpus: { type: 'string', default: 'synthetic' },
    releases: { type: 'string' },
    runs: { type: 'string', default: '1' },
    verify: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-commands': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const corpus = values.corpus;
if (corpus !== 'synthetic' && corpus !== 'real') {
  throw new Error('--corpus is synthetic (the default) or real');
}
// The realistic archive's default sizes: a busy month, and five months of them.
const sizes = (values.releases ?? (corpus === 'real' ? '2000,10000' : '1000'))
  .split(',')
  .map(Number);
const runs = Number(values.runs);
if (!sizes.every((n) => Number.isInteger(n) && n >= 1) || !Number.isInteger(runs) || runs < 1) {
  throw new Error('--releases takes positive whole numbers (comma-separated), --runs one');
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const startups: number[] = [];
for (let i = 0; i < 3; i++) startups.push(await measureBareStartup());
for (const releases of sizes) process.stdout.write(`${await benchOne(releases)}\n`);

/** Writes one corpus of `releases`, runs every build on it `runs` times, and formats the report. */
async function benchOne(releases: number): Promise<string> {
  const before = loadAverage();
  const started = performance.now();
  const projects =
    corpus === 'real' ? await createRealProjects(releases) : await createProjects(releases);
  log(`corpus: ${releases} ${corpus} releases written in ${elapsed(started)} to ${projects.dir}`);
  const description =
    projects.real === null
      ? `${releases} releases of the synthetic corpus (bench/corpus.ts).`
      : describeArchive(projects.real.releases, projects.real.days);
  if (projects.real !== null) log(description);
  try {
    const gazette: ScenarioResult[][] = [];
    const baseline: Measurement[] = [];
    const commands: CommandTiming[][] = [];
    let commandsFailed: string | null = null;
    for (let run = 1; run <= runs; run++) {
      const results = await runScenarios(projects, values.verify);
      gazette.push(results);
      logScenarios(run, results);
      if (!values['skip-baseline'] && projects.baseline !== null) {
        const m = await runBaseline(projects.baseline, projects.baselineOutput);
        baseline.push(m);
        log(
          `run ${run}/${runs} baseline cold: ${seconds(m.ms)} (CPU ${seconds(m.cpuMs)}), ${mb(m.peakMb)}, others ${cores(m.otherCores)}, ${m.pages} pages`,
        );
      }
      // The commands need a site that builds; a failed build is already in the report.
      if (!values['skip-commands'] && results.every((r) => r.measurement.ok)) {
        try {
          commands.push(await timeCommands(run, projects));
        } catch (error) {
          // A command whose build fails (say, the added release is refused) stops the
          // commands, not the bench: the builds above are still worth their report.
          commandsFailed = `run ${run}: ${String(error).split('\n')[0]}`;
          log(`run ${run}/${runs} gazette build commands stopped: ${commandsFailed}`);
        }
      }
    }
    const coldPages = gazette[0]?.find((r) => r.name === 'cold')?.htmlFiles ?? [];
    const coverage =
      baseline.length === 0
        ? null
        : compareUrls(coldPages, await listHtml(projects.baselineOutput));
    return formatReport({
      corpus: description,
      runs,
      environment: describeEnvironment(),
      load: { before, after: loadAverage() },
      bareStartupMs: median(startups),
      gazette,
      baseline,
      commands,
      commandsFailed,
      coverage,
    });
  } finally {
    if (values.keep) log(`kept ${projects.dir}`);
    else await rm(projects.dir, { recursive: true, force: true });
  }
}

function logScenarios(run: number, results: readonly ScenarioResult[]): void {
  for (const { name, measurement: m, verdict } of results) {
    const label = SCENARIOS.find((s) => s.name === name)?.label ?? name;
    if (!m.ok) {
      log(
        `run ${run}/${runs} Gazette ${label}: failed after ${seconds(m.ms)}: ${m.failure?.first}`,
      );
      continue;
    }
    const check = verdict === null ? '' : `, ${verdict}`;
    log(
      `run ${run}/${runs} Gazette ${label}: ${seconds(m.ms)} (CPU ${seconds(m.cpuMs)}), ${mb(m.peakMb)}, ${m.rendered} of ${m.pages} pages rendered${m.incremental ? ' in place' : ''}, others ${cores(m.otherCores)}${phases(m.phases)}${check}`,
    );
  }
}

async function timeCommands(run: number, projects: BenchProjects): Promise<CommandTiming[]> {
  const timings = await runCommands(projects, values.verify);
  for (const t of timings) {
    const label = COMMANDS.find((c) => c.name === t.name)?.label ?? t.name;
    const check = t.verdict === null ? '' : `, ${t.verdict}`;
    log(
      `run ${run}/${runs} gazette build, ${label}: pages on disk ${seconds(t.pagesMs)}, exit ${seconds(t.exitMs)}, ${t.rendered} pages updated${check}`,
    );
  }
  return timings;
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
