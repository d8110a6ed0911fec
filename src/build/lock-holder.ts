import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Which process a build lock names, beyond its id: the system hands an id out
 * again once its process ends, another container or machine has processes of
 * its own under the same ids, and a lock can be copied with a folder or
 * restored from a CI cache. Where the system tells (Linux, through /proc), the
 * boot and the start time pin one process exactly. Where it does not, the
 * holder touches its lock as it runs, and a lock left untouched is stale.
 */
export interface Holder {
  readonly pid: number;
  readonly host: string;
  /** Linux's boot id, or null where the system does not say. */
  readonly boot: string | null;
  /** The start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null. */
  readonly started: string | null;
  /** As the user would name it: `gazette build`. */
  readonly command: string;
  /** When the lock was taken, as an ISO 8601 instant. */
  readonly since: string;
}

/** How often a holder touches its lock. */
export const HEARTBEAT_MS = 10_000;
// How long a lock may go untouched before its holder counts as gone, where
// start times cannot be compared: a build's thread is busy for seconds, never minutes.
const STALE_AFTER_MS = 120_000;

/** This process as the holder of a lock taken now for `command`. */
export function holderHere(command: string): Holder {
  const pid = process.pid;
  const since = new Date().toISOString();
  return { pid, host: hostname(), boot: bootId(), started: startOf(pid), command, since };
}

/**
 * The holder a lock file names, when that is a process other than this one
 * still running: on this host, since this boot, and the very process that
 * took the lock, not a later one given its id. Where its start time cannot be
 * read, a holder that touched the lock (at `touched`) lately. A lock cut
 * short, or with no host (an older Gazette's), names nobody.
 */
export function liveHolder(text: string, touched: number): Holder | null {
  let found: Record<string, unknown>;
  try {
    found = Object(JSON.parse(text)) as Record<string, unknown>;
  } catch {
    // Half written by a process that died while writing it.
    return null;
  }
  const { pid, host, command, since } = found;
  const boot = typeof found.boot === 'string' ? found.boot : null;
  const started = typeof found.started === 'string' ? found.started : null;
  if (typeof pid !== 'number' || typeof host !== 'string' || pid === process.pid) return null;
  if (host !== hostname() || boot !== bootId() || !isRunning(pid)) return null;
  const now = startOf(pid);
  const live =
    started !== null && now !== null ? started === now : Date.now() - touched < STALE_AFTER_MS;
  return live ? { pid, host, boot, started, command: String(command), since: String(since) } : null;
}

/** Whether a process with this id exists (signal 0 only asks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the name, may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
