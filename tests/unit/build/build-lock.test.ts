import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import {
  buildLockFile,
  lockBuilds,
  lockBuildsWhenFree,
  refuseIfBuilding,
} from '../../../src/build/build-lock.ts';
import { GazetteError } from '../../../src/diagnostics/gazette-error.ts';
import { startLockChild, type LockChild } from './lock-children.ts';

const roots: string[] = [];
const children: ChildProcess[] = [];
const lockChildren: LockChild[] = [];
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const child of children) child.kill();
  await Promise.all(lockChildren.map((child) => child.kill()));
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-lock-'));
  roots.push(root);
  return root;
}

const BOOT = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/** Who process `pid` of this machine is, as a lock file records it. */
function identity(pid: number) {
  return { pid, host: os.hostname(), boot: BOOT, started: startOf(pid) };
}

const SINCE = '2026-11-28T10:00:00.000Z';

/** Leaves a lock file with these fields, as another process would have written it. */
async function writeLock(root: string, fields: object): Promise<void> {
  const file = buildLockFile(root);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ command: 'gazette serve', since: SINCE, ...fields })}\n`,
  );
}

/** Leaves a lock file as the running process `pid` would have written it. */
async function lockAs(root: string, pid: number, command = 'gazette serve'): Promise<void> {
  await writeLock(root, { ...identity(pid), command });
}

/** Whether this process holds the lock now, by what the lock file says. */
async function holdsLock(root: string): Promise<boolean> {
  const holder = JSON.parse(await readFile(buildLockFile(root), 'utf8')) as { pid: number };
  return holder.pid === process.pid;
}

/** A process that runs until the tests end. */
function runningProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], {
    stdio: 'ignore',
  });
  children.push(child);
  return child.pid ?? 0;
}

/** The id of a process that has already ended. */
async function endedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

/** A lock child (lock-child.ts), ended after the tests. */
async function lockChild(root: string, command?: string): Promise<LockChild> {
  const child = await startLockChild(root, command);
  lockChildren.push(child);
  return child;
}

describe('the build lock', () => {
  test('names this process while held, refuses a second build here, and is gone once released', async () => {
    const root = await project();
    const lock = lockBuilds(root, 'gazette build');
    const holder = JSON.parse(await readFile(buildLockFile(root), 'utf8')) as { pid: number };
    expect(holder).toMatchObject({ ...identity(process.pid), command: 'gazette build' });
    expect(() => lockBuilds(root, 'gazette serve')).toThrow(
      `building this project: gazette build (process ${process.pid} since `,
    );
    lock.release();
    await expect(stat(buildLockFile(root))).rejects.toThrow(/ENOENT/);
    lockBuilds(root, 'gazette build').release();
  });

  test('lets go of its own file only: a lock another build took meanwhile stays', async () => {
    const root = await project();
    const lock = lockBuilds(root, 'gazette serve');
    // The cache folder was deleted and another build took the lock since.
    await rm(path.dirname(buildLockFile(root)), { recursive: true });
    const pid = runningProcess();
    await lockAs(root, pid, 'gazette build');
    lock.release();
    expect(JSON.parse(await readFile(buildLockFile(root), 'utf8'))).toMatchObject({ pid });
  });

  test('is refused while another running process holds it, naming that process and the file', async () => {
    const root = await project();
    const pid = runningProcess();
    await lockAs(root, pid);
    expect(() => lockBuilds(root, 'gazette build')).toThrow(
      `Another Gazette process is building this project: gazette serve (process ${pid} since 2026-11-28T10:00:00.000Z)`,
    );
    expect(() => lockBuilds(root, 'gazette build')).toThrow(buildLockFile(root));
  });

  test('is taken over from a process that has ended without letting go', async () => {
    const root = await project();
    const pid = await endedProcess();
    await writeLock(root, { pid, host: os.hostname(), boot: BOOT, started: '12345' });
    const lock = lockBuilds(root, 'gazette build');
    expect(await holdsLock(root)).toBe(true);
    lock.release();
  });

  test('blocks builds while a live process that took it holds it, and not once that process is killed', async () => {
    const root = await project();
    const child = await lockChild(root, 'gazette serve');
    child.ask();
    expect(await child.answer()).toBe('locked');
    const message = `Another Gazette process is building this project: gazette serve (process ${child.pid} since `;
    expect(() => lockBuilds(root, 'gazette build')).toThrow(message);
    expect(() => refuseIfBuilding(root)).toThrow(message);
    await child.kill();
    refuseIfBuilding(root);
    lockBuilds(root, 'gazette build').release();
  });

  // pid 1 runs in every container and on every machine: the lock must name more than an id.
  test.each([
    ['restored from a CI cache, written on another host', { host: 'ci-runner-7f3a' }],
    ['written before this machine last started', { boot: '00000000-0000-4000-8000-000000000000' }],
    ['naming an id given since to another process', { started: `${Number(startOf(1)) + 1}` }],
    [
      'written by an older Gazette, naming no host',
      { host: undefined, boot: undefined, started: undefined },
    ],
  ])('is taken over from pid 1 when %s', async (_, fields) => {
    const root = await project();
    await writeLock(root, { ...identity(1), ...fields });
    refuseIfBuilding(root);
    const lock = lockBuilds(root, 'gazette build');
    expect(await holdsLock(root)).toBe(true);
    lock.release();
  });

  test('from a live process without a start time, blocks while touched and is taken over once untouched for minutes', async () => {
    const root = await project();
    const pid = runningProcess();
    // As written where the system gives no start times: only the touches tell.
    await writeLock(root, { ...identity(pid), started: null });
    expect(() => lockBuilds(root, 'gazette build')).toThrow(`(process ${pid} since ${SINCE})`);
    const lastTouched = new Date(Date.now() - 10 * 60_000);
    await utimes(buildLockFile(root), lastTouched, lastTouched);
    const lock = lockBuilds(root, 'gazette build');
    expect(await holdsLock(root)).toBe(true);
    lock.release();
  });

  test('is touched by its holder every 10 seconds', async () => {
    const root = await project();
    vi.useFakeTimers({
      now: new Date('2031-01-01T00:00:00.000Z'),
      toFake: ['setInterval', 'Date'],
    });
    const lock = lockBuilds(root, 'gazette build');
    vi.advanceTimersByTime(10_000);
    expect((await stat(buildLockFile(root))).mtime.toISOString()).toBe('2031-01-01T00:00:10.000Z');
    lock.release();
  });

  test('goes to one of several processes taking over one stale lock at once, and the rest are told who has it', async () => {
    const root = await project();
    const pid = await endedProcess();
    await writeLock(root, { pid, host: os.hostname(), boot: BOOT, started: '12345' });
    // Each removing the stale lock by name, two could each remove the lock the other had just written.
    const racers = await Promise.all([1, 2, 3, 4].map(() => lockChild(root)));
    for (const racer of racers) racer.ask();
    const answers = await Promise.all(racers.map((racer) => racer.answer()));
    const winners = racers.filter((_, i) => answers[i] === 'locked');
    expect(winners).toHaveLength(1);
    const refusal = `refused Another Gazette process is building this project: gazette build (process ${winners[0]?.pid} since `;
    expect(
      answers.filter((answer) => answer !== 'locked').map((a) => a.slice(0, refusal.length)),
    ).toEqual([refusal, refusal, refusal]);
    expect(JSON.parse(await readFile(buildLockFile(root), 'utf8'))).toMatchObject({
      pid: winners[0]?.pid,
    });
  });

  test('is taken over when its file is unreadable, as one cut short by a crash would be', async () => {
    const root = await project();
    await mkdir(path.dirname(buildLockFile(root)), { recursive: true });
    await writeFile(buildLockFile(root), '{"pid": 12');
    lockBuilds(root, 'gazette build').release();
  });

  test('waits for the holder to finish when asked to, and gives up after the time allowed', async () => {
    const root = await project();
    const first = lockBuilds(root, 'gazette build');
    setTimeout(() => first.release(), 300);
    const second = await lockBuildsWhenFree(root, 'gazette serve', 5000);
    second.release();

    await lockAs(root, runningProcess());
    const started = Date.now();
    const refused = lockBuildsWhenFree(root, 'gazette serve', 300);
    await expect(refused).rejects.toThrow(GazetteError);
    await expect(refused).rejects.toMatchObject({ kind: 'project' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  test('says what to do when the project folder cannot be written', async () => {
    const root = await project();
    const file = path.join(root, 'not-a-folder');
    await writeFile(file, '');
    expect(() => lockBuilds(file, 'gazette build')).toThrow(
      /^Cannot write .*build\.lock \(ENOTDIR\).*Make the project folder writable\.$/,
    );
  });
});
