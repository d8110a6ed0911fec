// `npm run bench -- [--corpus synthetic|real] [--releases N[,N…]] [--runs K] [--verify]
// [--skip-commands] [--skip-peers] [--skip-inside] [--skip-baseline] [--keep]`: writes a corpus in
// Gazette's house format and as the peers read it, then runs K rounds. Each round
// times the commands a user runs, from process start to exit, search included:
// `npm run build` cold, after an edit, after an addition and unchanged, and the
// peers' full builds (stock Eleventy + Pagefind, Hugo + Pagefind, Hugo alone),
// interleaved; then Gazette's builds inside one process (cold and three
// rebuilds, with their phases) and a stock Eleventy build the same way. It
// prints the user-facing table, ratios included, then the in-process one. The
// realistic archive's cold build is also checked: every release must have
// exactly one page. Timings are for reading, never asserted by tests.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Measurement } from './measure.ts';
import type { Round } from './commands.ts';
import type { ScenarioResult } from './scenarios.ts';

const USAGE = `Usage: npm run bench -- [options]

Times the commands a publisher runs, from process start to exit, search included,
beside stock Eleventy + markdown-it + Pagefind and Hugo + Pagefind, and prints ratios.

  --corpus synthetic|real   the releases to build (default: synthetic)
  --releases N[,N…]         archive sizes (default: 1000; real: 2000,10000)
  --runs K                  rounds of every command (default: 1)
  --verify                  check the real archive's cold build page by page
  --skip-commands           leave out the command timings
  --skip-peers              leave out the peers' builds beside the commands (no ratios)
  --skip-inside             leave out the in-process phase timings
  --skip-baseline           leave out the in-process stock Eleventy build
  --keep                    keep the corpus and projects (their folder is printed)
  -h, --help                print this
`;

const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const corpus = values.corpus;
if (corpus !== 'synthetic' && corpus !== 'real') {
  usageError('--corpus is synthetic (the default) or real');
}
// The realistic archive's default sizes: a busy month, and five months of them.
const sizes = (values.releases ?? (corpus === 'real' ? '2000,10000' : '1000'))
  .split(',')
  .map(Number);
const runs = Number(values.runs);
if (!sizes.every((n) => Number.isInteger(n) && n >= 1) || !Number.isInteger(runs) || runs < 1) {
  usageError('--releases takes positive whole numbers (comma-separated), --runs one');
}

// The bench's own modules import Gazette, Eleventy and the peers' tooling (about 3 s
// of CPU): they load once the options are known, so --help and a wrong option answer at once.
const [
  { describeEnvironment, loadAverage },
  { measureBareStartup, median },
  { runRound },
  { findTools },
  { createProjects, createRealProjects },
  { formatUserTable },
  { describeArchive },
  { formatReport },
  { listHtml, runBaseline, runScenarios, SCENARIOS },
] = await Promise.all([
  import('./environment.ts'),
  import('./measure.ts'),
  import('./commands.ts'),
  import('./peers/peer-builds.ts'),
  import('./projects.ts'),
  import('./user-report.ts'),
  import('./real-archive/summary.ts'),
  import('./report.ts'),
  import('./scenarios.ts'),
]);

const log = (line: string) => process.stderr.write(`${line}\n`);
const tools = await findTools();
if (tools.hugo === null) {
  log('Hugo is not installed (no `hugo` on the PATH, nor $HUGO): skipping the Hugo rows.');
}
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
    const rounds: Round[] = [];
    let roundsFailed: string | null = null;
    for (let run = 1; run <= runs; run++) {
      const prefix = (line: string) => log(`run ${run}/${runs} ${line}`);
      if (!values['skip-commands'] && roundsFailed === null) {
        try {
          rounds.push(
            await runRound(
              projects,
              tools,
              { verify: values.verify, peers: !values['skip-peers'] },
              prefix,
            ),
          );
        } catch (error) {
          // A build that fails (say, the added release is refused) stops the commands,
          // not the bench: the builds inside one process are still worth their report.
          roundsFailed = `run ${run}: ${String(error).split('\n')[0]}`;
          prefix(`commands stopped: ${roundsFailed}`);
        }
      }
      if (values['skip-inside']) continue;
      const results = await runScenarios(projects, values.verify);
      gazette.push(results);
      logScenarios(run, results);
      if (!values['skip-baseline']) {
        const m = await runBaseline(projects.baseline, projects.baselineOutput);
        baseline.push(m);
        prefix(
          `baseline cold: ${seconds(m.ms)} (CPU ${seconds(m.cpuMs)}), ${mb(m.peakMb)}, others ${cores(m.otherCores)}, ${m.pages} pages`,
        );
      }
    }
    const after = loadAverage();
    const env = describeEnvironment();
    const parts: string[] = [];
    if (rounds.length > 0 || roundsFailed !== null) {
      const machine = `${env.cores} cores, ${env.cpu}, ${env.memoryGb} GB, ${env.platform}; Node ${env.node}; Gazette ${env.source}; load average before ${before}, after ${after} (a shared machine)`;
      parts.push(
        formatUserTable(rounds, {
          corpus: description,
          machine,
          date: new Date().toISOString().slice(0, 10),
          hugo: tools.hugo?.version ?? null,
        }),
      );
      if (roundsFailed !== null) parts.push(`Commands stopped: ${roundsFailed}\n`);
    }
    if (gazette.length > 0) {
      const coldPages = gazette[0]?.find((r) => r.name === 'cold')?.htmlFiles ?? [];
      const coverage =
        baseline.length === 0
          ? null
          : compareUrls(coldPages, await listHtml(projects.baselineOutput));
      parts.push(
        'Inside one process (bench/child-build.ts, bench/child-baseline.ts), start-up and search aside:\n',
        formatReport({
          corpus: description,
          runs,
          environment: env,
          load: { before, after },
          bareStartupMs: median(startups),
          gazette,
          baseline,
          coverage,
        }),
      );
    }
    return parts.join('\n');
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

/** The command line's options; a wrong one is reported with the usage, without a stack. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        corpus: { type: 'string', default: 'synthetic' },
        releases: { type: 'string' },
        runs: { type: 'string', default: '1' },
        verify: { type: 'boolean', default: false },
        'skip-baseline': { type: 'boolean', default: false },
        'skip-commands': { type: 'boolean', default: false },
        'skip-peers': { type: 'boolean', default: false },
        'skip-inside': { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
}

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}
