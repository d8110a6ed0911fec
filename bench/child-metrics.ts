// Measures one build call inside a bench child process, the same way for Gazette and the baseline.

/** What a child reports about its build, as one JSON line on stdout. */
export interface ChildReport {
  readonly ok: boolean;
  /** Wall time of the build call. */
  readonly ms: number;
  /** Peak RSS of the whole process. */
  readonly peakMb: number;
  /** User plus system CPU time of the build call, all threads. */
  readonly cpuMs: number;
  /** HTML pages the site has. */
  readonly pages: number;
  /** HTML pages this build rendered: all on a fresh build, the changed ones on an update. */
  readonly rendered: number;
  /** Whether the build updated the previous output in place. */
  readonly incremental: boolean;
  /** Time from process start to the build call: node, tsx and module imports. */
  readonly startupMs: number;
  /** User plus system CPU time of the whole child process. */
  readonly processCpuMs: number;
  /** Gazette only: milliseconds per phase of the build (load, plan, diff, render, write). */
  readonly phases?: Readonly<Record<string, number>>;
  /** Why the build failed, when it did. */
  readonly failure?: BuildFailure;
}

/** Why a build failed: its content errors by rule, and the first problem as Gazette prints it. */
export interface BuildFailure {
  /** Errors by rule, most frequent first: `{ 'duplicate-page': 229, 'bad-url': 32 }`; empty when the build stopped. */
  readonly rules: Readonly<Record<string, number>>;
  /** The first error's line (`content/x.txt:4:7  error  reason  [rule]`), or the error that stopped the build. */
  readonly first: string;
}

type Outcome = Pick<
  ChildReport,
  'ok' | 'pages' | 'rendered' | 'incremental' | 'phases' | 'failure'
>;

/**
 * Times `build` and prints the report. `build` says what it built, or
 * `describe` does after the clock has stopped (counting pages is not the build).
 */
export async function measureBuild(
  build: () => Promise<Outcome | void>,
  describe?: () => Promise<Outcome>,
): Promise<void> {
  // Time since the process started: node, tsx and the imports.
  const startupMs = performance.now();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const built = await build();
  const ms = performance.now() - started;
  // User plus system time of every thread, worker threads included: less swayed than wall
  // time by other work on the machine.
  const cpu = process.cpuUsage(cpuBefore);
  const total = process.cpuUsage();
  const outcome = built ??
    (await describe?.()) ?? { ok: false, pages: 0, rendered: 0, incremental: false };
  const report: ChildReport = {
    ...outcome,
    ms,
    // resourceUsage().maxRSS is in kilobytes and covers the whole life of this process.
    peakMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (cpu.user + cpu.system) / 1000,
    startupMs,
    processCpuMs: (total.user + total.system) / 1000,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (!outcome.ok) process.exitCode = 1;
}
