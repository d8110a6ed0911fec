import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { readOrNull } from '../load/file-io.ts';
import { CACHE_FOLDER, projectPaths } from '../model/project-paths.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { HEARTBEAT_MS, holderHere, liveHolder, type Holder } from './lock-holder.ts';

/**
 * One Gazette process at a time builds a project. Two at once (a `gazette
 * build` beside a running `gazette serve`) would append to the same body file
 * at positions each worked out alone, so one's releases could show the
 * other's bodies; and each would update _site/ from its own idea of what is
 * on it. A lock file beside the caches names the process that holds it
 * (see `Holder`): a lock left by a process that has ended, or copied from
 * another machine, never blocks a build.
 */

/** Held until released; releasing twice is harmless. */
export interface BuildLock {
  release(): void;
}

// Projects this process holds, so a second build here is refused like one elsewhere.
const heldHere = new Map<string, Holder>();

/** The lock file of the project at `root`. */
export function buildLockFile(root: string): string {
  return projectPaths(root).lock;
}

/**
 * Takes the project's build lock for `command` (as the user would name it,
 * `gazette build`), or throws a project GazetteError naming the process that has it.
 * A lock left by a process that no longer runs, or written on another machine
 * or before the system last started, is taken over.
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
    const holder = holderHere(command);
    const text = `${JSON.stringify(holder)}\n`;
    try {
      createWhole(file, text);
      heldHere.set(file, holder);
      return holdLock(file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(file, error);
    }
    const found = readLock(file);
    const other = found && liveHolder(found.text, found.touched);
    if (other !== null) throw held(file, other);
    // Left by a process that has ended (killed, crashed), or copied from elsewhere.
    if (found !== null) takeOver(file, found.text);
  }
  throw new GazetteError(
    'project',
    `Could not take the build lock ${file}; delete it and try again.`,
  );
}

/**
 * Creates `file` holding `text`, or throws EEXIST. The file appears whole: one
 * created empty and then written could be read, in between, as a lock cut
 * short by a crash, and taken over.
 */
function createWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.new`;
  writeFileSync(temporary, text);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    // A file system without hard links: create it, then write it.
    writeFileSync(file, text, { flag: 'wx' });
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The lock just written as `text`, touched while held. */
function holdLock(file: string, text: string): BuildLock {
  const heartbeat = setInterval(() => {
    if (readOrNull(file, 'utf8') !== text) return;
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Gone meanwhile (the cache folder was deleted): there is nothing to keep fresh.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      heldHere.delete(file);
      // Only our own: if the cache folder was deleted meanwhile, the file may now be another build's.
      if (readOrNull(file, 'utf8') === text) rmSync(file, { force: true });
    },
  };
}

/**
 * Removes a stale lock that read as `stale`. It is moved aside first and
 * checked, so that of two builds taking over one lock at once, the later
 * cannot delete the lock the earlier has just written: it puts that back.
 * (Of three at once, two could still both hold it, were their steps to
 * interleave within microseconds.)
 */
function takeOver(file: string, stale: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    // Another build that took it over first has changed it, or removed it.
    if (readFileSync(file, 'utf8') !== stale) return;
    renameSync(file, aside);
  } catch {
    return;
  }
  if (readOrNull(aside, 'utf8') !== stale) {
    try {
      linkSync(aside, file);
    } catch {
      // A third build has written a lock meanwhile; it stands.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Throws the GazetteError `lockBuilds` would when another running process
 * holds the lock; takes nothing. For a command that hands the building to a
 * child process (`gazette serve` under its watcher) and should fail first.
 */
export function refuseIfBuilding(root: string): void {
  const file = buildLockFile(root);
  const found = readLock(file);
  const holder = found && liveHolder(found.text, found.touched);
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
      if (!(error instanceof GazetteError) || Date.now() >= until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The lock file's text and when it was last touched, or null when there is none. */
function readLock(file: string): { text: string; touched: number } | null {
  try {
    return { text: readFileSync(file, 'utf8'), touched: statSync(file).mtimeMs };
  } catch {
    return null;
  }
}

function unwritable(file: string, error: unknown): GazetteError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new GazetteError(
    'project',
    `Cannot write ${file} (${code}): a build keeps its lock and caches in ${CACHE_FOLDER}/ in the project. Make the project folder writable.`,
    { cause: error },
  );
}

function held(file: string, holder: Holder): GazetteError {
  return new GazetteError(
    'project',
    `Another Gazette process is building this project: ${holder.command} (process ${holder.pid} since ${holder.since}). ` +
      `Stop it, or wait for it to finish, then run this again. If no such process is running, delete ${file}.`,
  );
}
