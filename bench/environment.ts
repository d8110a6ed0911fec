import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The machine and source a bench ran on, so its figures can be read in context. */
export interface Environment {
  readonly node: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGb: number;
  readonly platform: string;
  /** Which Gazette was measured: the commit, and whether src/ or templates/ had uncommitted changes. */
  readonly source: string;
}

const REPO = path.resolve(import.meta.dirname, '..');

/** Describes this machine and the state of the Gazette source being measured. */
export function describeEnvironment(): Environment {
  return {
    node: process.version,
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.arch()}`,
    source: describeSource(),
  };
}

/** The 1, 5 and 15 minute load averages, as `0.52 1.10 0.98`. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function describeSource(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--', 'src', 'templates').split('\n');
    const count = changed.filter((line) => line !== '').length;
    return count === 0
      ? `commit ${commit}, clean`
      : `commit ${commit} + ${count} uncommitted file(s) in src/ or templates/`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
