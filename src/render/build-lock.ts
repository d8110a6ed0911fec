import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CACHE_FOLDER } from '../load/load-cache.ts';
import { ProjectError } from '../model/project-error.ts';

/**
 * One Gazette process at a time builds a project. Two at once (a `gazette
 * build` beside a running `gazette serve`) would append to the same body file
 * at positions each worked out alone, so one's releases could show the
 * other's bodies; and each would update _site/ from its own idea of what is
 * on it. A lock file beside the caches names the process that holds it.
 */

/** Held until released; releasing twice is harmless. */
export interface BuildLock {
  release(): void;
}

/** What the lock file says. */
interface Holder {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
}

const LOCK_FILE = 'build.lock';

// Projects this process holds, so a second build here is refused like one elsewhere.
const heldHere = new Map<string, Holder>();

/** The lock file of the project at `root`. */
export function buildLockFile(root: string): string {
  return path.join(path.resolve(root), CACHE_FOLDER, LOCK_FILE);
}

/**
 * Takes the project's build lock for `command` (as the user would name it,
 * `gazette build`), or throws a ProjectError naming the process that has it.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockBuilds(root: string, command: string): BuildLock {
  const file = buildLockFile(root);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw unwritable(file, error);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const ours = heldHere.get(file);
    if (ours !== undefined) throw held(file, ours);
    const holder: Holder = { pid: process.pid, command, since: new Date().toISOString() };
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(file, error);
      const other = otherRunningHolder(file);
      if (other !== null) throw held(file, other);
      // Left behind by a process that ended without letting go (killed, crashed).
      rmSync(file, { force: true });
      continue;
    }
    const text = `${JSON.stringify(holder)}\n`;
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    heldHere.set(file, holder);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        heldHere.delete(file);
        // Only our own: if the cache folder was deleted meanwhile, the file may now be another build's.
        if (readText(file) === text) rmSync(file, { force: true });
      },
    };
  }
  throw new ProjectError(`Could not take the build lock ${file}; delete it and try again.`);
}

/**
 * Throws the ProjectError `lockBuilds` would when another running process
 * holds the lock; takes nothing. For a command that hands the building to a
 * child process (`gazette serve` under its watcher) and should fail first.
 */
export function refuseIfBuilding(root: string): void {
  const file = buildLockFile(root);
  const holder = otherRunningHolder(file);
  if (holder !== null) throw held(file, holder);
}

/**
 * Like `lockBuilds`, but waits up to `waitMs` for the holder to finish: a
 * server restarted for a code change starts while the old one is still
 * stopping.
 */
export async function lockBuildsWhenFree(
  root: string,
  command: string,
  waitMs: number,
): Promise<BuildLock> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return lockBuilds(root, command);
    } catch (error) {
      if (!(error instanceof ProjectError) || Date.now() >= until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The holder the lock file names, when that is another process still running. */
function otherRunningHolder(file: string): Holder | null {
  const holder = readHolder(file);
  return holder !== null && holder.pid !== process.pid && isRunning(holder.pid) ? holder : null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number'
      ? { pid: holder.pid, command: String(holder.command), since: String(holder.since) }
      : null;
  } catch {
    // Unreadable, or half written by a process that died while writing it.
    return null;
  }
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

function unwritable(file: string, error: unknown): ProjectError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new ProjectError(
    `Cannot write ${file} (${code}): a build keeps its lock and caches in ${CACHE_FOLDER}/ in the project. Make the project folder writable.`,
    { cause: error },
  );
}

function held(file: string, holder: Holder): ProjectError {
  return new ProjectError(
    `Another Gazette process is building this project: ${holder.command} (process ${holder.pid} since ${holder.since}). ` +
      `${holder.command === 'gazette daemon' ? 'Stop it with gazette daemon --stop' : 'Stop it, or wait for it to finish'}, then run this again. If no such process is running, delete ${file}.`,
  );
}
