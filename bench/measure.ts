import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ChildReport } from './child-metrics.ts';

const run = promisify(execFile);

/** What a child build prints (see child-metrics.ts), plus the load others put on the machine meanwhile. */
export interface Measurement extends ChildReport {
  /**
   * CPU used by everything else on the machine while the child ran, in cores
   * (0.5 = half a core busy on average); null where /proc/stat is not available.
   */
  readonly otherCores: number | null;
}

const REPO = path.resolve(import.meta.dirname, '..');

/**
 * Runs `bench/<script>` in a fresh `node --import tsx` process and reads its
 * JSON line. A build that fails comes back with `ok: false` and its `failure`,
 * never as an exception, so that the bench reports it as a row.
 */
export async function measureChild(script: string, args: readonly string[]): Promise<Measurement> {
  const busyBefore = await machineBusyMs();
  const started = performance.now();
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'bench', script), ...args],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? error.message,
  }));
  const wallMs = performance.now() - started;
  const busyAfter = await machineBusyMs();
  const result = readReport(stdout) ?? crashed(stderr, wallMs);
  const otherCores =
    busyBefore === null || busyAfter === null
      ? null
      : Math.max(0, busyAfter - busyBefore - result.processCpuMs) / wallMs;
  return { ...result, otherCores };
}

/** The child's JSON line, the last line it printed, or null when it printed none. */
function readReport(stdout: string): ChildReport | null {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ChildReport;
  } catch {
    return null;
  }
}

// A child that died before reporting (out of memory, a crash in start-up): its
// last line of stderr says why.
function crashed(stderr: string, wallMs: number): ChildReport {
  const lines = stderr.split('\n').map((line) => line.trim());
  const why = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.findLast((l) => l !== '');
  return {
    ok: false,
    ms: wallMs,
    peakMb: 0,
    cpuMs: 0,
    pages: 0,
    rendered: 0,
    incremental: false,
    startupMs: 0,
    processCpuMs: 0,
    failure: { rules: {}, first: `the build process died: ${why ?? 'no output'}` },
  };
}

// Linux counts busy time since boot in /proc/stat, in ticks of 1/100 s (USER_HZ).
async function machineBusyMs(): Promise<number | null> {
  try {
    const first = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = first.split(/\s+/).slice(1).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
      (a, b) => a + (b ?? 0),
      0,
    );
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Wall time of `node --import tsx` running an empty script, from spawn to exit. */
export async function measureBareStartup(): Promise<number> {
  const started = performance.now();
  await run(process.execPath, ['--import', 'tsx', '--eval', ''], { cwd: REPO });
  return performance.now() - started;
}

/** The middle value; the lower middle for an even count. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  // An even count has two middle values: their mean.
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : (sorted[Math.floor(middle)] ?? 0);
}
