import type { BuildFailure } from './child-metrics.ts';
import type { Environment } from './environment.ts';
import { median, type Measurement } from './measure.ts';
import { describePageCheck } from './release-pages.ts';
import { SCENARIOS, type ScenarioResult } from './scenarios.ts';

/** Everything one bench invocation measured. */
export interface BenchReport {
  /** What was built, in a sentence: the corpus and its size. */
  readonly corpus: string;
  readonly runs: number;
  readonly environment: Environment;
  readonly load: { readonly before: string; readonly after: string };
  readonly bareStartupMs: number;
  /** One list of scenario results per run. */
  readonly gazette: readonly (readonly ScenarioResult[])[];
  /** One baseline cold build per run; empty with `--skip-baseline`. */
  readonly baseline: readonly Measurement[];
  /** How the baseline's pages line up with Gazette's cold build, by URL. */
  readonly coverage: string | null;
}

/** Formats the builds inside one process as Markdown: a context paragraph, the table, and the ratio. */
export function formatReport(report: BenchReport): string {
  const { environment: env } = report;
  const rows = SCENARIOS.map(({ name, label }) => {
    const results = report.gazette.map((run) => run.find((r) => r.name === name));
    const measured = results.flatMap((r) => (r === undefined ? [] : [r.measurement]));
    if (measured.length === 0)
      return `| Gazette ${label} | not run: a build before it failed | | | | | | |`;
    const verdicts = results.map((r) =>
      r === undefined
        ? null
        : r.measurement.ok
          ? r.verdict
          : describeFailure(r.measurement.failure),
    );
    return row(`Gazette ${label}`, measured, describeVerdicts(verdicts));
  });
  if (report.baseline.length > 0) {
    rows.push(row('Eleventy baseline, cold build', report.baseline, '—'));
  }
  const lines = [
    report.corpus,
    `${report.runs} run(s) per build, medians.`,
    `Machine: ${env.cores} cores (os.availableParallelism), ${env.cpu}, ${env.memoryGb} GB, ${env.platform}; Node ${env.node}.`,
    `Load average before ${report.load.before}, after ${report.load.after}. Gazette source: ${env.source}.`,
    `Startup, not in the times below: node + tsx with an empty script ${seconds(report.bareStartupMs)}; to the build call including imports: Gazette ${seconds(
      medianOf(
        report.gazette.flat().map((r) => r.measurement),
        'startupMs',
      ),
    )}${report.baseline.length > 0 ? `, baseline ${seconds(medianOf(report.baseline, 'startupMs'))}` : ''}.`,
    'Other load: CPU used by other processes while the build ran, in cores, the highest of the runs.',
    '',
    '| build | time (median) | range | CPU time (median) | peak RSS (median) | pages (rendered) | other load | output vs a fresh cold build |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ];
  const cold = report.gazette.flatMap((run) =>
    run.filter((r) => r.name === 'cold').map((r) => r.measurement),
  );
  if (report.baseline.length > 0 && cold.every((m) => m.ok)) {
    const time = medianOf(cold, 'ms') / medianOf(report.baseline, 'ms');
    const memory = medianOf(cold, 'peakMb') / medianOf(report.baseline, 'peakMb');
    lines.push(
      '',
      `Gazette cold / baseline cold: ${time.toFixed(2)}× the time, ${memory.toFixed(2)}× the peak RSS.`,
    );
  }
  if (report.coverage !== null) lines.push(`Pages by URL: ${report.coverage}.`);
  lines.push(...pageChecks(report.gazette));
  return `${lines.join('\n')}\n`;
}

function row(label: string, measured: readonly Measurement[], verdict: string): string {
  const times = measured.map((m) => m.ms);
  const range =
    times.length > 1 ? `${seconds(Math.min(...times))}–${seconds(Math.max(...times))}` : '—';
  const built = measured.filter((m) => m.ok);
  const rendered = median(built.map((m) => m.rendered));
  const pages =
    built[0] === undefined
      ? '—'
      : `${built[0].pages.toLocaleString('en-GB')} (${rendered.toLocaleString('en-GB')})`;
  return `| ${label} | ${seconds(median(times))} | ${range} | ${seconds(medianOf(measured, 'cpuMs'))} | ${Math.round(medianOf(measured, 'peakMb'))} MB | ${pages} | ${otherLoad(measured)} | ${verdict} |`;
}

/** `build failed: 261 errors (229 duplicate-page, 32 bad-url); first: …`. */
function describeFailure(failure: BuildFailure | undefined): string {
  if (failure === undefined) return 'build failed';
  const rules = Object.entries(failure.rules);
  const total = rules.reduce((sum, [, n]) => sum + n, 0);
  const counts = rules.map(([rule, n]) => `${n} ${rule}`).join(', ');
  const errors = total === 0 ? '' : ` with ${total} errors (${counts})`;
  return `build failed${errors}; first: ${failure.first.replaceAll('|', '\\|')}`;
}

/** Whether each run's cold build gave every release of the realistic archive its page. */
function pageChecks(runs: readonly (readonly ScenarioResult[])[]): string[] {
  const cold = runs.map((run) => run.find((r) => r.name === 'cold'));
  const checks = cold.flatMap((r) =>
    r?.pageCheck == null ? [] : [describePageCheck(r.pageCheck)],
  );
  const failed = cold.some((r) => r !== undefined && !r.measurement.ok);
  if (checks.length === 0 && !failed) return [];
  const unique = [...new Set(checks)];
  const verdict =
    unique.length === 0
      ? 'not checked: the cold build failed, so no release has a page'
      : unique.length === 1 && !failed
        ? unique[0]
        : cold
            .map(
              (r, i) =>
                `run ${i + 1}: ${r?.pageCheck == null ? 'cold build failed' : describePageCheck(r.pageCheck)}`,
            )
            .join('; ');
  return ['', `Release pages after the cold build: ${verdict}.`];
}

// Others' CPU while each child ran, in cores: the most of any run, since one busy run is enough to skew a median.
function otherLoad(measured: readonly Measurement[]): string {
  const loads = measured.flatMap((m) => (m.otherCores === null ? [] : [m.otherCores]));
  return loads.length === 0 ? '?' : `≤ ${Math.max(...loads).toFixed(2)}`;
}

function describeVerdicts(verdicts: readonly (string | null)[]): string {
  const given = verdicts.filter((v): v is string => v !== null);
  if (given.length === 0) return 'not checked';
  if (given.every((v) => v === given[0])) return given[0] ?? '';
  return given.map((v, i) => `run ${i + 1}: ${v}`).join('; ');
}

function medianOf(
  measured: readonly Measurement[],
  key: 'ms' | 'cpuMs' | 'peakMb' | 'startupMs',
): number {
  return median(measured.map((m) => m[key]));
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
