// Runs commands as a user types them and times them from spawn to exit,
// sampling the peak memory of every process they start, Pagefind's included.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One program to run, as a shell would: `command args…` in `cwd`. */
export interface Step {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to its stdin, which is then closed; without it, stdin is closed at once. */
  readonly input?: string;
  /** Told all of the step's stderr so far, each time it grows. */
  readonly onStderr?: (stderr: string) => void;
}

/** The highest peak RSS of any process of one name (`node`, `pagefind`, `hugo`). */
export interface ProcessPeak {
  readonly name: string;
  readonly mb: number;
}

/** A command line's run: steps one after another, like `a && b`, stopping at the first that fails. */
export interface CommandRun {
  readonly ok: boolean;
  /** From the first spawn to the last exit. */
  readonly ms: number;
  /**
   * User plus system CPU time of every process it ran, from this process's
   * `cutime` and `cstime` (children it has waited for, and theirs); null off Linux.
   * Less swayed than wall time by other work on a shared machine.
   */
  readonly cpuMs: number | null;
  /** Per process name, the largest peak RSS seen, largest first. */
  readonly peaks: readonly ProcessPeak[];
  /** Each step's stdout, in order. */
  readonly stdout: readonly string[];
  /** Why it failed: the command, its exit code and the end of its output. */
  readonly failure?: string;
}

// Often enough to see a process that lives a tenth of a second; VmHWM keeps
// each process's high-water mark, so a sample need only come before it exits.
const SAMPLE_MS = 50;

/** Runs the steps in order from one clock, as one command line does, and samples their memory. */
export async function runSteps(steps: readonly Step[]): Promise<CommandRun> {
  const peaks = new Map<number, { name: string; kb: number }>();
  const stdout: string[] = [];
  const cpuBefore = await childrenCpuMs();
  const started = performance.now();
  const finish = async (ok: boolean, failure?: string): Promise<CommandRun> => {
    const ms = performance.now() - started;
    const cpuAfter = await childrenCpuMs();
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    const run = { ok, ms, cpuMs, peaks: byName(peaks), stdout };
    return failure === undefined ? run : { ...run, failure };
  };
  for (const step of steps) {
    const result = await runStep(step, peaks);
    stdout.push(result.stdout);
    if (result.code !== 0) {
      const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-3).join(' / ');
      return finish(false, `${path.basename(step.command)} exited ${result.code}: ${tail}`);
    }
  }
  return finish(true);
}

// Fields 16 and 17 of /proc/self/stat, in ticks of 1/100 s (USER_HZ): CPU time of
// the children this process has waited for. The command comes after `(name)`.
async function childrenCpuMs(): Promise<number | null> {
  const stat = await readFile('/proc/self/stat', 'utf8').catch(() => null);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields?.[13]) + Number(fields?.[14]);
  return Number.isFinite(ticks) ? ticks * 10 : null;
}

interface StepResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runStep(step: Step, peaks: Map<number, { name: string; kb: number }>) {
  return new Promise<StepResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(step.command, step.args, {
      cwd: step.cwd,
      env: step.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A child that exits before reading all of its input must not crash the bench.
    child.stdin.on('error', () => undefined);
    child.stdin.end(step.input ?? '');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      step.onStderr?.(stderr);
    });
    let sampling = false;
    const timer = setInterval(() => {
      if (sampling || child.pid === undefined) return;
      sampling = true;
      void sampleTree(child.pid, peaks).finally(() => (sampling = false));
    }, SAMPLE_MS);
    const done = (code: number | null) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr });
    };
    child.on('error', (error) => {
      stderr += String(error);
      done(null);
    });
    child.on('close', done);
  });
}

/** Reads the peak RSS of `pid` and every process below it into `peaks`, by pid. */
async function sampleTree(pid: number, peaks: Map<number, { name: string; kb: number }>) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (status === null) return;
  const name = /^Name:\s*(.+)$/m.exec(status)?.[1] ?? '?';
  const kb = Number(/^VmHWM:\s*(\d+) kB$/m.exec(status)?.[1] ?? 0);
  const known = peaks.get(pid);
  if (known === undefined || kb > known.kb) peaks.set(pid, { name: processName(name), kb });
  for (const child of await childrenOf(pid)) await sampleTree(child, peaks);
}

/** The children of every thread of `pid` (/proc/PID/task/TID/children). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const lists = await Promise.all(
    tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')),
  );
  return lists.flatMap((text) =>
    text
      .split(' ')
      .filter((s) => s !== '')
      .map(Number),
  );
}

// The kernel cuts names at 15 characters: `pagefind_extend` is Pagefind.
function processName(name: string): string {
  return name.startsWith('pagefind') ? 'pagefind' : name;
}

function byName(peaks: ReadonlyMap<number, { name: string; kb: number }>): ProcessPeak[] {
  const best = new Map<string, number>();
  for (const { name, kb } of peaks.values()) best.set(name, Math.max(best.get(name) ?? 0, kb));
  return [...best]
    .filter(([, kb]) => kb > 0)
    .map(([name, kb]) => ({ name, mb: kb / 1024 }))
    .sort((a, b) => b.mb - a.mb);
}
