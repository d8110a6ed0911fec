import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FOLDER } from '../load/load-cache.ts';
import { refuseIfBuilding } from '../render/build-lock.ts';
import { isRunning } from '../render/lock-holder.ts';
import { exchange, projectRoot, serverAddress, type ServerStatus } from './build-client.mjs';
import { startBuildServer } from './build-server.ts';
import { CliError, failWith } from './fail.ts';
import type { Io } from './io.ts';

/** What `gazette daemon` was asked to do. */
export type DaemonAction = 'start' | 'foreground' | 'status' | 'stop';

/** `gazette daemon`'s options. */
export interface DaemonOptions {
  readonly root: string;
  readonly action: DaemonAction;
  /** Minutes without a build after which the server stops. */
  readonly idleMinutes: number;
}

/** Its log, in the project's cache folder, when started in the background. */
export const DAEMON_LOG = 'daemon.log';

const BIN = fileURLToPath(new URL('../../bin/gazette.mjs', import.meta.url));
// Importing Eleventy and remark takes a second or two on a slow machine.
const START_TIMEOUT_MS = 60_000;
// A stop waits for the build in progress, which on a large site can be long.
const STOP_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 100;

/**
 * `gazette daemon`: starts, stops or reports on the project's build server,
 * which runs every `gazette build` of the project while it is up (see
 * build-server.ts). Started in the background by default; `--foreground`
 * runs it in this terminal until Ctrl-C.
 */
export async function runDaemon(options: DaemonOptions, io: Io): Promise<number> {
  const project = projectRoot(path.resolve(io.cwd, options.root));
  try {
    switch (options.action) {
      case 'foreground':
        return await runInForeground(project, options.idleMinutes, io);
      case 'start':
        return await startInBackground(project, options.idleMinutes, io);
      case 'status':
        return await reportStatus(project, io);
      case 'stop':
        return await stopServer(project, io);
    }
  } catch (error) {
    return failWith(error, io);
  }
}

async function runInForeground(project: string, idleMinutes: number, io: Io): Promise<number> {
  const server = await startBuildServer(project, {
    idleMinutes,
    log: (line) => io.out(`${new Date().toISOString()}  ${line}\n`),
  });
  io.out(
    `Build server for ${project} listening on ${server.address} (process ${process.pid}).\n` +
      `Every gazette build of this project now runs in it. It stops after ${idleMinutes} minutes without a build, on Ctrl-C, or with gazette daemon --stop.\n`,
  );
  const stop = () => void server.stop();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await server.stopped;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return 0;
}

async function startInBackground(project: string, idleMinutes: number, io: Io): Promise<number> {
  const running = await statusOf(project);
  if (running !== null) {
    io.out(`${describe(running)}\n`);
    return 0;
  }
  // Said here, plainly, rather than only in the log of a server that could not start.
  refuseIfBuilding(project);
  const log = path.join(project, CACHE_FOLDER, DAEMON_LOG);
  let fd: number;
  try {
    mkdirSync(path.dirname(log), { recursive: true });
    fd = openSync(log, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(
      `Cannot write ${log} (${code}): the build server keeps its log there. Make the project folder writable.`,
    );
  }
  const child = spawn(
    process.execPath,
    [BIN, 'daemon', '--foreground', '--root', project, '--idle', String(idleMinutes)],
    { detached: true, stdio: ['ignore', fd, fd], env: process.env },
  );
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const status = await statusOf(project);
    if (status !== null) {
      io.out(
        `Started the build server for ${project} (process ${status.pid}).\n` +
          `Every gazette build of this project now runs in it, with Eleventy and the caches kept in memory. ` +
          `It stops after ${idleMinutes} minutes without a build, or with gazette daemon --stop. Its log: ${path.relative(io.cwd, log) || log}\n`,
      );
      return 0;
    }
    if (exited || Date.now() > until) {
      if (!exited) child.kill();
      io.err(`The build server did not start. Its log (${log}) says:\n${readLog(log)}\n`);
      return 1;
    }
    await sleep(POLL_MS);
  }
}

async function reportStatus(project: string, io: Io): Promise<number> {
  const status = await statusOf(project);
  if (status === null) {
    io.out(`No build server is running for ${project}. Start one with gazette daemon.\n`);
    return 1;
  }
  io.out(`${describe(status)}\n`);
  return 0;
}

async function stopServer(project: string, io: Io): Promise<number> {
  const status = await statusOf(project);
  if (status === null) {
    io.out(`No build server is running for ${project}; nothing to stop.\n`);
    return 0;
  }
  await exchange(serverAddress(project), { command: 'stop' }, () => undefined);
  // It finishes the build in progress, lets go of the lock, and exits.
  const until = Date.now() + STOP_TIMEOUT_MS;
  while (isRunning(status.pid) && status.pid !== process.pid) {
    if (Date.now() > until) {
      io.err(`The build server (process ${status.pid}) has not stopped after 10 minutes.\n`);
      return 1;
    }
    await sleep(POLL_MS);
  }
  io.out(`Stopped the build server for ${project} (process ${status.pid}).\n`);
  return 0;
}

/** The status of the project's build server, or null when none answers. */
export async function statusOf(project: string): Promise<ServerStatus | null> {
  let status: ServerStatus | null = null;
  const answered = await exchange(serverAddress(project), { command: 'status' }, (message) => {
    if ('status' in message) status = message.status;
  }).catch(() => false);
  return answered ? status : null;
}

function describe(status: ServerStatus): string {
  const builds = `${status.builds} build${status.builds === 1 ? '' : 's'}`;
  return (
    `A build server is running for ${status.root}: process ${status.pid}, since ${status.since}, ${builds} so far. ` +
    `It stops after ${status.idleMinutes} minutes without a build, or with gazette daemon --stop.`
  );
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim() || '(nothing)';
  } catch {
    return '(nothing)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
