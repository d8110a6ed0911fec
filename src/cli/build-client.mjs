// @ts-check
// The client side of the build server (`gazette daemon`). It is plain
// JavaScript with no imports beyond Node's own, so that bin/gazette.mjs can
// hand `gazette build` to a running server before it loads tsx, Eleventy or
// remark: that start-up is most of what a fresh process spends on a rebuild.
// Its types are in build-client.d.mts.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Raised when a client and server disagree on the messages; both check it. */
export const PROTOCOL = 1;

/** The folder of the Gazette installation this module belongs to. */
export const INSTALL = fileURLToPath(new URL('../../', import.meta.url));

// Must equal CACHE_FOLDER in src/load/load-cache.ts (a test checks).
const CACHE_FOLDER = '.cache/gazette';
// A Unix socket's path must fit in about 104 bytes.
const MAX_SOCKET_PATH = 100;
const BUILD_FLAGS = ['fresh', 'drafts', 'future'];

/** The project folder as the server and its clients name it: absolute, links resolved. */
export function projectRoot(root) {
  const absolute = path.resolve(root);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

/**
 * Where the build server of the project at `root` listens: a socket in the
 * project's cache folder, or in the temporary folder when that path is too
 * long for a socket; a named pipe on Windows.
 */
export function serverAddress(root) {
  const project = projectRoot(root);
  const id = createHash('sha256').update(project).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\gazette-${id}`;
  const inProject = path.join(project, CACHE_FOLDER, 'daemon.sock');
  return Buffer.byteLength(inProject) <= MAX_SOCKET_PATH
    ? inProject
    : path.join(tmpdir(), `gazette-${id}.sock`);
}

/**
 * The build a command line asks for, when it is a plain `gazette build`
 * (flags among --fresh, --drafts and --future, and --root): anything else,
 * --help and mistakes included, is left to the full command line.
 */
export function plainBuild(argv) {
  let root = '.';
  let command = null;
  const flags = { fresh: false, drafts: false, future: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--root' && i + 1 < argv.length) root = argv[++i];
    else if (arg.startsWith('--root=')) root = arg.slice('--root='.length);
    else if (arg.startsWith('--') && BUILD_FLAGS.includes(arg.slice(2))) flags[arg.slice(2)] = true;
    else if (arg === 'build' && command === null) command = arg;
    else return null;
  }
  return command === null || root === '' ? null : { root, flags };
}

/**
 * Whether a build in the server takes this environment variable from its
 * client (GAZETTE_ settings and CI); it keeps its own for everything else.
 */
export function isClientSetting(name) {
  return name === 'CI' || name.startsWith('GAZETTE_');
}

/** The environment variables a build in the server takes from its client. */
export function forwardedEnv(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name, value]) => isClientSetting(name) && value !== undefined),
  );
}

/**
 * Sends one request to the server at `address` and passes each message it
 * answers with to `onMessage` until the server ends the exchange. Resolves
 * false, having sent nothing, when no server listens there.
 */
export function exchange(address, request, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let connected = false;
    let buffered = '';
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ protocol: PROTOCOL, ...request })}\n`);
    });
    socket.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line !== '') onMessage(JSON.parse(line));
      }
    });
    // No socket file, or one a stopped server left: there is no server.
    socket.once('error', (error) => (connected ? reject(error) : resolve(false)));
    socket.once('close', () => resolve(true));
  });
}

/**
 * Runs `gazette build` in the project's build server, if one is running with
 * this installation's code, writing what it reports to `out` and `err`.
 * Resolves the build's exit code, or null when the build must run in this
 * process instead: no server, or one that said it cannot take it (and stopped).
 * `install` names the Gazette installation asking; tests name a stand-in.
 */
export async function buildInServer(build, io, install = INSTALL) {
  const root = projectRoot(build.root);
  let code = null;
  let refused = false;
  const request = {
    command: 'build',
    root,
    install,
    flags: build.flags,
    env: forwardedEnv(io.env),
    cwd: io.cwd,
    terminal: { isTTY: io.err.isTTY === true, columns: io.err.columns ?? 80 },
  };
  let answered;
  try {
    answered = await exchange(serverAddress(root), request, (message) => {
      if (typeof message.out === 'string') io.out.write(message.out);
      else if (typeof message.err === 'string') io.err.write(message.err);
      else if (typeof message.exit === 'number') code = message.exit;
      else if (typeof message.refused === 'string') {
        refused = true;
        io.err.write(`${message.refused} Building in this process instead.\n`);
      }
    });
  } catch (error) {
    answered = true;
    io.err.write(`Lost the connection to the build server: ${error.message}.\n`);
  }
  if (!answered || refused) return null;
  if (code === null) {
    io.err.write(
      `The build server stopped before the build finished (its log: ${path.join(root, CACHE_FOLDER, 'daemon.log')}). Run gazette build again.\n`,
    );
    return 1;
  }
  return code;
}
