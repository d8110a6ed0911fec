import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { lockBuilds, type BuildLock } from '../render/build-lock.ts';
import { primeSession, type BuildSession } from '../render/build-site.ts';
import {
  INSTALL,
  isClientSetting,
  PROTOCOL,
  projectRoot,
  serverAddress,
  type ServerMessage,
  type ServerStatus,
} from './build-client.mjs';
import { runBuild } from './build.ts';
import { warmUp } from './warm-up.ts';

/**
 * The build server behind `gazette daemon`: one long-lived process per
 * project that runs each `gazette build` sent to it. It keeps what a fresh
 * process must rebuild every time: Node and tsx started, Eleventy and remark
 * imported, their code optimised, the load cache open and the page manifest
 * in memory. A build through it is a build like any other: same output, same
 * reports, same exit code, written to the client's terminal.
 *
 * It holds the project's build lock for as long as it runs, so nothing else
 * builds the project behind its back; it runs one build at a time, in the
 * order they came. It stops when asked, after a quiet spell, or when
 * Gazette's own code changes (the build is then refused, and the client
 * builds in its own process).
 */

/** How the server runs. */
export interface BuildServerOptions {
  /** Stop after this many minutes without a request. */
  readonly idleMinutes: number;
  /** One line per build and when the server stops: the daemon's log. */
  readonly log: (line: string) => void;
  /** The Gazette installation whose code runs here. Default: this one. */
  readonly install?: string;
}

/** A running build server. */
export interface BuildServer {
  /** The socket (or named pipe) it listens on. */
  readonly address: string;
  /** Settles once the server has stopped and let go of the lock. */
  readonly stopped: Promise<void>;
  /** Stops after the build in progress, if any. */
  stop(): Promise<void>;
}

const flagsSchema = z.object({ fresh: z.boolean(), drafts: z.boolean(), future: z.boolean() });

const requestSchema = z.discriminatedUnion('command', [
  z.object({
    protocol: z.literal(PROTOCOL),
    command: z.literal('build'),
    root: z.string(),
    install: z.string(),
    flags: flagsSchema,
    env: z.record(z.string(), z.string()),
    cwd: z.string(),
    terminal: z.object({ isTTY: z.boolean(), columns: z.number().int().positive() }),
  }),
  z.object({ protocol: z.literal(PROTOCOL), command: z.literal('status') }),
  z.object({ protocol: z.literal(PROTOCOL), command: z.literal('stop') }),
]);

type BuildRequest = Extract<z.infer<typeof requestSchema>, { command: 'build' }>;

// A request is one short line; anything longer is not from a Gazette client.
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Starts the build server of the project at `root`: takes the build lock
 * (throwing the lock's ProjectError when another process builds the project),
 * imports what a build needs, and listens.
 */
export async function startBuildServer(
  root: string,
  options: BuildServerOptions,
): Promise<BuildServer> {
  const project = projectRoot(root);
  const install = options.install ?? INSTALL;
  const lock = lockBuilds(project, 'gazette daemon');
  const address = serverAddress(project);
  try {
    // Imported and run now, so that the first build waits for neither.
    await Promise.all([import('@11ty/eleventy'), import('../load/to-release.ts')]);
    const unready = await warmUp(project);
    if (unready !== null) {
      options.log(`Could not warm up (${unready}); the first builds will be slower.`);
    }
    return await listen(project, install, lock, address, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function listen(
  project: string,
  install: string,
  lock: BuildLock,
  address: string,
  options: BuildServerOptions,
): Promise<BuildServer> {
  const codeAtStart = codeStamp(install);
  const since = new Date().toISOString();
  const idleMs = options.idleMinutes * 60_000;
  // Loaded releases and page hashes, carried from build to build (failed ones too, as in serve).
  const session: BuildSession = {};
  let builds = 0;
  // Builds wait in line behind the reading of the project, which starts once the
  // server listens: on a project never built, that parses every release.
  let queue: Promise<void> = primeSession(project, session, ownEnv()).catch((error: unknown) => {
    // The first build reports the same problem, in its place.
    options.log(`Could not read the project ahead of its first build: ${(error as Error).message}`);
  });
  let idle: NodeJS.Timeout | undefined;
  // Set once the server takes no more builds; `stopCalled` once it is shutting down.
  let stopping = false;
  let stopCalled = false;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));

  const status = (): ServerStatus => ({
    pid: process.pid,
    root: project,
    install,
    since,
    builds,
    idleMinutes: options.idleMinutes,
  });

  const waitForWork = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      void stop(`No request for ${options.idleMinutes} minutes: stopping.`);
    }, idleMs);
  };

  // A socket left by a server that was killed; the lock says none runs now.
  if (process.platform !== 'win32') {
    mkdirSync(path.dirname(address), { recursive: true });
    rmSync(address, { force: true });
  }
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    readRequest(socket).then(
      (request) => {
        if (request.command === 'status') return answer(socket, { status: status() });
        if (request.command === 'stop') {
          answer(socket, { stopping: true });
          return void stop('Stopped on request (gazette daemon --stop).');
        }
        clearTimeout(idle);
        queue = queue
          .then(() => build(socket, request))
          .catch((error: unknown) => {
            // runBuild reports its own failures; this would be a fault in the server itself.
            options.log(`The build server failed: ${(error as Error).stack ?? String(error)}`);
            answer(socket, { exit: 70 });
          })
          .finally(() => {
            if (!stopping) waitForWork();
          });
      },
      (error: Error) =>
        answer(socket, {
          refused: `The build server could not read the request: ${error.message}.`,
        }),
    );
  });

  async function build(socket: Socket, request: BuildRequest): Promise<void> {
    if (stopping) return answer(socket, { refused: 'The build server is stopping.' });
    if (request.root !== project) {
      return answer(socket, {
        refused: `This build server builds ${project}, not ${request.root}.`,
      });
    }
    const why =
      request.install !== install
        ? `The build server runs the copy of Gazette in ${install}, not this one in ${request.install}`
        : codeStamp(install) !== codeAtStart
          ? "Gazette's code has changed since the build server started"
          : null;
    if (why !== null) {
      // Let go of the lock first, so the client can build the moment it hears.
      stopping = true;
      lock.release();
      answer(socket, { refused: `${why}, so it has stopped.` });
      void stop(`${why}: stopping.`);
      return;
    }
    const started = performance.now();
    const send = (message: ServerMessage) => {
      if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
    };
    const code = await runBuild(project, request.flags, {
      out: (text) => send({ out: text }),
      err: { ...request.terminal, write: (text: string) => send({ err: text }) },
      env: { ...ownEnv(), ...request.env },
      cwd: request.cwd,
      lock,
      session,
    });
    builds++;
    answer(socket, { exit: code });
    const flags = Object.entries(request.flags).flatMap(([name, on]) => (on ? [` --${name}`] : []));
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    options.log(`gazette build${flags.join('')}: exit ${code} in ${seconds} s`);
  }

  function stop(why: string): Promise<void> {
    if (!stopCalled) {
      stopCalled = true;
      stopping = true;
      clearTimeout(idle);
      server.close();
      // The build in progress finishes first; any queued behind it are refused.
      void queue.then(() => {
        lock.release();
        if (process.platform !== 'win32') rmSync(address, { force: true });
        options.log(why);
        markStopped();
      });
    }
    return stopped;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Only this user may ask it to build.
  if (process.platform !== 'win32') chmodSync(address, 0o600);
  waitForWork();
  return { address, stopped, stop: () => stop('Stopped.') };
}

/** Writes the one message that answers a request, and ends the exchange. */
function answer(socket: Socket, message: ServerMessage): void {
  if (socket.writable) socket.end(`${JSON.stringify(message)}\n`);
}

/** Reads and checks the one line a client sends. */
function readRequest(socket: Socket): Promise<z.infer<typeof requestSchema>> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    const onData = (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline === -1 && text.length <= MAX_REQUEST_BYTES) return;
      socket.off('data', onData);
      if (newline === -1) return reject(new Error('it is too long'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.slice(0, newline));
      } catch {
        return reject(new Error('it is not JSON'));
      }
      const checked = requestSchema.safeParse(parsed);
      if (checked.success) resolve(checked.data);
      else reject(new Error('it is not a request this version of Gazette understands'));
    };
    socket.on('data', onData);
  });
}

/** The server's environment less what each client sends its own of. */
function ownEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !isClientSetting(name)));
}

/**
 * A stamp of the Gazette code this server runs: every file's path, size and
 * modification time under src/ and bin/, and the package files (which change
 * when dependencies are installed). A changed stamp stops the server, as a
 * code change restarts `gazette serve`.
 */
export function codeStamp(install: string): string {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'];
  for (const folder of ['src', 'bin']) {
    try {
      const entries = readdirSync(path.join(install, folder), { recursive: true });
      files.push(...entries.map((entry) => path.join(folder, String(entry))));
    } catch {
      // A folder the installation lacks adds nothing.
    }
  }
  for (const file of files.sort()) {
    try {
      const stats = statSync(path.join(install, file));
      if (stats.isFile()) hash.update(`${file} ${stats.size} ${stats.mtimeMs}\n`);
    } catch {
      hash.update(`${file} missing\n`);
    }
  }
  return hash.digest('hex');
}
