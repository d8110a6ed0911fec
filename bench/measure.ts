import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a child build prints: its build call's wall time and the process's peak RSS. */
export interface Measurement {
  readonly ok: boolean;
  readonly ms: number;
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
  /**
   * CPU used by everything else on the machine while the child ran, in cores
   * (0.5 = half a core busy on average); null where /proc/stat is not available.
   */
  readonly otherCores: number | null;
}

const REPO = path.resolve(import.meta.dirname, '..');

/** Runs `bench/<script>` in a fresh `node --import tsx` process and reads its JSON line. */
export async function measureChild(script: string, args: readonly string[]): Promise<Measurement> {
  const busyBefore = await machineBusyMs();
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'bench', script), ...args],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const wallMs = performance.now() - started;
  const busyAfter = await machineBusyMs();
  const result = JSON.parse(line) as Omit<Measurement, 'otherCores'>;
  if (!result.ok) throw new Error(`${script} ${args.join(' ')} failed:\n${stdout}`);
  const otherCores =
    busyBefore === null || busyAfter === null
      ? null
      : Math.max(0, busyAfter - busyBefore - result.processCpuMs) / wallMs;
  return { ...result, otherCores };
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
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}
