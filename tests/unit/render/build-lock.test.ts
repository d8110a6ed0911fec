import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildLockFile, lockBuilds, lockBuildsWhenFree } from '../../../src/render/build-lock.ts';
import { ProjectError } from '../../../src/model/project-error.ts';

const roots: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gazette-lock-'));
  roots.push(root);
  return root;
}

/** Leaves a lock file as another process would have written it. */
async function lockAs(root: string, pid: number, command = 'gazette serve'): Promise<void> {
  const file = buildLockFile(root);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ pid, command, since: '2026-11-28T10:00:00.000Z' })}\n`);
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

describe('the build lock', () => {
  test('names this process while held, refuses a second build here, and is gone once released', async () => {
    const root = await project();
    const lock = lockBuilds(root, 'gazette build');
    const holder = JSON.parse(await readFile(buildLockFile(root), 'utf8')) as { pid: number };
    expect(holder).toMatchObject({ pid: process.pid, command: 'gazette build' });
    expect(() => lockBuilds(root, 'gazette serve')).toThrow(
      `building this project: gazette build (process ${process.pid} since `,
    );
    lock.release();
    await expect(stat(buildLockFile(root))).rejects.toThrow(/ENOENT/);
    lockBuilds(root, 'gazette build').release();
  });

  test('lets go of its own file only: a lock another build took meanwhile stays', async () => {
    const root = await project();
    const lock = lockBuilds(root, 'gazette daemon');
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
    await lockAs(root, await endedProcess());
    const lock = lockBuilds(root, 'gazette build');
    expect(JSON.parse(await readFile(buildLockFile(root), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
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
    await expect(lockBuildsWhenFree(root, 'gazette serve', 300)).rejects.toThrow(ProjectError);
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
