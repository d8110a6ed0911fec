import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  buildInServer,
  exchange,
  forwardedEnv,
  INSTALL,
  plainBuild,
  projectRoot,
  serverAddress,
  type ClientIo,
  type ServerMessage,
} from '../../src/cli/build-client.mjs';
import { startBuildServer, type BuildServer } from '../../src/cli/build-server.ts';
import { warmUp } from '../../src/cli/warm-up.ts';
import { CACHE_FOLDER } from '../../src/load/load-cache.ts';
import { lockBuilds } from '../../src/render/build-lock.ts';
import { isRunning } from '../../src/render/lock-holder.ts';
import { buildSite } from '../../src/render/build-site.ts';
import { hashTree, projectsRemovedAfterAll, runNode, type CliRun } from '../build/site-output.ts';
import { main } from '../../src/cli/main.ts';
import { captureIo, repo } from './helpers.ts';

const project = projectsRemovedAfterAll();
const BIN = path.join(repo, 'bin/gazette.mjs');
const EDITED = 'content/corriston-isles/storm-warning.md';

describe('which command lines go to the build server', () => {
  test('a plain gazette build, with its flags and --root in any order', () => {
    const none = { fresh: false, drafts: false, future: false };
    expect(plainBuild(['build'])).toEqual({ root: '.', flags: none });
    expect(plainBuild(['--root', 'site', 'build', '--fresh'])).toEqual({
      root: 'site',
      flags: { ...none, fresh: true },
    });
    expect(plainBuild(['build', '--root=site', '--drafts', '--future'])).toEqual({
      root: 'site',
      flags: { fresh: false, drafts: true, future: true },
    });
  });

  test('anything else is left to the full command line, which explains mistakes', () => {
    for (const argv of [
      [],
      ['check'],
      ['build', '--help'],
      ['build', '-h'],
      ['build', '--verbose'],
      ['build', 'extra'],
      ['build', 'build'],
      ['build', '--root'],
      ['build', '--root='],
      ['serve'],
    ]) {
      expect(plainBuild(argv), argv.join(' ')).toBeNull();
    }
  });

  test('only GAZETTE_ settings and CI travel with a build', () => {
    expect(
      forwardedEnv({ GAZETTE_NOW: '09:00 01/04/2024', CI: 'true', HOME: '/root', PATH: '/bin' }),
    ).toEqual({ GAZETTE_NOW: '09:00 01/04/2024', CI: 'true' });
  });

  test('the server listens in the project cache folder, or in the temp folder when that path is too long', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gazette-address-'));
    try {
      expect(serverAddress(root)).toBe(path.join(projectRoot(root), CACHE_FOLDER, 'daemon.sock'));
      const deep = path.join(root, 'a-long-folder-name'.repeat(6));
      await mkdir(deep);
      const address = serverAddress(deep);
      expect(path.dirname(address)).toBe(tmpdir());
      expect(address).toMatch(/gazette-[0-9a-f]{16}\.sock$/);
      // The same project by another path is the same server.
      expect(serverAddress(path.join(deep, '.'))).toBe(address);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/** An Io that records what the server sends back. */
function recordingIo(env: NodeJS.ProcessEnv = {}) {
  const seen = { out: '', err: '' };
  const io: ClientIo = {
    out: { write: (text: string) => (seen.out += text) },
    err: { write: (text: string) => (seen.err += text) },
    env,
    cwd: tmpdir(),
  };
  return { io, seen };
}

const plain = (root: string, flags: Partial<{ fresh: boolean }> = {}) => ({
  root,
  flags: { fresh: false, drafts: false, future: false, ...flags },
});

describe('a build server in this process', () => {
  let root: string;
  let install: string;
  let server: BuildServer;
  const log: string[] = [];

  beforeAll(async () => {
    root = await project();
    // A stand-in installation, so that a test can change "Gazette's code".
    install = await mkdtemp(path.join(tmpdir(), 'gazette-install-'));
    await mkdir(path.join(install, 'src'));
    await writeFile(path.join(install, 'src/code.ts'), 'export {};\n');
    server = await startBuildServer(root, {
      idleMinutes: 60,
      install,
      log: (line) => log.push(line),
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(install, { recursive: true, force: true });
  });

  /** A client of this server: the test's installation, not the repository's. */
  function build(io: ClientIo, flags: Partial<{ fresh: boolean }> = {}) {
    return buildInServer(plain(root, flags), io, install);
  }

  test('warmed up without touching the project', () => {
    expect(log).toEqual([]);
    expect(existsSync(path.join(root, '_site'))).toBe(false);
    expect(existsSync(path.join(root, CACHE_FOLDER, 'pages.bin'))).toBe(false);
  });

  test('holds the build lock and answers with its status', async () => {
    expect(() => lockBuilds(root, 'gazette build')).toThrow(/gazette daemon --stop/);
    const messages: unknown[] = [];
    expect(await exchange(server.address, { command: 'status' }, (m) => messages.push(m))).toBe(
      true,
    );
    expect(messages).toEqual([
      {
        status: expect.objectContaining({ pid: process.pid, root: projectRoot(root), builds: 0 }),
      },
    ]);
  });

  test('builds, then rebuilds only what an edit changed, matching a fresh build byte for byte', async () => {
    const first = recordingIo();
    expect(await build(first.io)).toBe(0);
    expect(first.seen.out).toMatch(/^Built 14 releases into .*_site\/ \(64 pages\) in /);
    expect(log.at(-1)).toMatch(/^gazette build: exit 0 in \d+\.\d\d s$/);

    await appendFile(path.join(root, EDITED), '\nA line added while the server ran.\n');
    const second = recordingIo();
    expect(await build(second.io)).toBe(0);
    expect(second.seen.out).toMatch(/\(updated [1-9]\d? of 64 pages\)/);

    const copy = await project();
    await rm(path.join(copy, 'content'), { recursive: true });
    await cp(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
    expect((await buildSite({ root: copy, env: {}, cache: false })).ok).toBe(true);
    // The pages: buildSite alone writes no search index.
    const pages = async (site: string) =>
      [...(await hashTree(site))].filter(([file]) => !file.startsWith('pagefind/'));
    expect(await pages(path.join(root, '_site'))).toEqual(await pages(path.join(copy, '_site')));
  });

  test("builds with the client's GAZETTE_ settings, never the server's own", async () => {
    process.env.GAZETTE_SITE_URL = 'https://server.example';
    try {
      const { io } = recordingIo({ GAZETTE_SITE_URL: 'https://client.example' });
      expect(await build(io)).toBe(0);
      const home = await readFile(path.join(root, '_site/index.html'), 'utf8');
      expect(home).toContain('https://client.example/');
      expect(home).not.toContain('server.example');
      expect(await build(recordingIo().io)).toBe(0);
      const again = await readFile(path.join(root, '_site/index.html'), 'utf8');
      expect(again).not.toContain('client.example');
      expect(again).not.toContain('server.example');
    } finally {
      delete process.env.GAZETTE_SITE_URL;
    }
  });

  test('reports content errors to the client, exits 1 and keeps the last good site', async () => {
    const before = await hashTree(path.join(root, '_site'));
    const broken = path.join(root, 'content/broken.md');
    await writeFile(broken, '---\ntitle: [unclosed\n---\nBody\n');
    const { io, seen } = recordingIo();
    expect(await build(io)).toBe(1);
    expect(seen.err).toMatch(/content\/broken\.md:\d+:\d+ {2}error/);
    expect(seen.err).toContain('Build stopped: fix the errors above.');
    expect(await hashTree(path.join(root, '_site'))).toEqual(before);
    await rm(broken);
    expect(await build(recordingIo().io)).toBe(0);
  });

  test('refuses a build of another project, and goes on serving this one', async () => {
    // Sent to this server's socket by hand: a client would look for the other project's.
    const messages: ServerMessage[] = [];
    const request = {
      command: 'build' as const,
      root: projectRoot(tmpdir()),
      install,
      flags: plain(root).flags,
      env: {},
      cwd: tmpdir(),
      terminal: { isTTY: false, columns: 80 },
    };
    await exchange(server.address, request, (m) => messages.push(m));
    expect(messages).toEqual([
      { refused: expect.stringContaining(`This build server builds ${projectRoot(root)}`) },
    ]);
    expect(await build(recordingIo().io)).toBe(0);
  });

  test('answers a request it cannot read with a refusal, and goes on serving', async () => {
    const { createConnection } = await import('node:net');
    const reply = await new Promise<string>((resolve) => {
      const socket = createConnection(server.address, () => socket.write('not json\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    expect(JSON.parse(reply)).toEqual({
      refused: 'The build server could not read the request: it is not JSON.',
    });
    expect(await build(recordingIo().io)).toBe(0);
  });

  test("stops when Gazette's code changes, letting go of the lock before the client builds", async () => {
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(install, 'src/code.ts'), later, later);
    const { io, seen } = recordingIo();
    expect(await build(io)).toBeNull();
    expect(seen.err).toContain("Gazette's code has changed since the build server started");
    // Free at once: the client's own build would take it now.
    lockBuilds(root, 'gazette build').release();
    await server.stopped;
    expect(existsSync(server.address)).toBe(false);
    expect(log.at(-1)).toBe("Gazette's code has changed since the build server started: stopping.");
  });
});

describe('a build server of another copy of Gazette', () => {
  test('stops rather than build with code the client does not run', async () => {
    const root = await project();
    const install = await mkdtemp(path.join(tmpdir(), 'gazette-install-'));
    const server = await startBuildServer(root, { idleMinutes: 60, install, log: () => {} });
    try {
      // The real client, which names this repository as its installation.
      const { io, seen } = recordingIo();
      expect(await buildInServer(plain(root), io)).toBeNull();
      expect(seen.err).toBe(
        `The build server runs the copy of Gazette in ${install}, not this one in ${INSTALL}, so it has stopped. Building in this process instead.\n`,
      );
      await server.stopped;
      lockBuilds(root, 'gazette build').release();
    } finally {
      await server.stop();
      await rm(install, { recursive: true, force: true });
    }
  });
});

describe('gazette build run in-process (main)', () => {
  test('is sent to the running build server too', async () => {
    const root = await project();
    const log: string[] = [];
    const server = await startBuildServer(root, { idleMinutes: 60, log: (l) => log.push(l) });
    try {
      const { io, streams } = captureIo(root);
      expect(await main(['build', '--drafts'], io)).toBe(0);
      expect(streams.out).toMatch(/^Built 14 releases into _site\/ \(64 pages\)/);
      expect(log).toEqual([expect.stringMatching(/^gazette build --drafts: exit 0 in /)]);
    } finally {
      await server.stop();
    }
  });
});

describe('warming up a build server', () => {
  test('says why it could not, rather than throw, and leaves no folder behind', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'gazette-empty-'));
    const leftovers = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith('gazette-warm-up-')).length;
    const before = await leftovers();
    try {
      expect(await warmUp(empty)).toMatch(/ENOENT.*templates/);
      expect(await leftovers()).toBe(before);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('a build server left idle', () => {
  test('stops by itself and lets go of the lock', async () => {
    const root = await project();
    const log: string[] = [];
    const server = await startBuildServer(root, {
      idleMinutes: 0.002,
      log: (line) => log.push(line),
    });
    await server.stopped;
    expect(log).toEqual(['No request for 0.002 minutes: stopping.']);
    lockBuilds(root, 'gazette build').release();
  });
});

describe('gazette daemon, through the bin', () => {
  let root: string;
  const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> =>
    runNode([BIN, ...args], { cwd: root, env: { CI: 'true', ...env } });
  let pid: number | undefined;

  beforeAll(async () => {
    root = await project();
  });
  afterEach(async () => {
    // Never leave a server behind, whatever a test did.
    if (pid !== undefined && isRunning(pid)) await run(['daemon', '--stop']);
  });

  test('starts in the background; a plain build then runs in it, and stop ends it', async () => {
    const started = await run(['daemon', '--idle', '5']);
    expect(started.code, started.stderr).toBe(0);
    pid = Number(/\(process (\d+)\)/.exec(started.stdout)?.[1]);
    expect(isRunning(pid)).toBe(true);
    expect(started.stdout).toContain('It stops after 5 minutes without a build');

    const status = await run(['daemon', '--status']);
    expect(status).toMatchObject({ code: 0 });
    expect(status.stdout).toContain(`process ${pid}`);
    // A second start finds it running.
    expect((await run(['daemon'])).stdout).toContain(`process ${pid}`);

    const built = await run(['build']);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Built 14 releases into _site\/ \(64 pages\) in /);
    const log = await readFile(path.join(root, CACHE_FOLDER, 'daemon.log'), 'utf8');
    expect(log).toMatch(/gazette build: exit 0 in /);

    // The server holds the lock: serve is refused, and told how to stop it.
    const served = await run(['serve', '--port', '0']);
    expect(served.code).toBe(1);
    expect(served.stderr).toContain('gazette daemon (process');
    expect(served.stderr).toContain('gazette daemon --stop');

    const stopped = await run(['daemon', '--stop']);
    expect(stopped).toMatchObject({ code: 0 });
    expect(stopped.stdout).toContain(`Stopped the build server for ${projectRoot(root)}`);
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(path.join(root, CACHE_FOLDER, 'build.lock'))).toBe(false);
    const finalLog = await readFile(path.join(root, CACHE_FOLDER, 'daemon.log'), 'utf8');
    expect(finalLog.trim().split('\n').at(-1)).toMatch(
      /Stopped on request \(gazette daemon --stop\)\.$/,
    );

    const status2 = await run(['daemon', '--status']);
    expect(status2.code).toBe(1);
    expect(status2.stdout).toContain('No build server is running');
    // Without a server, a build runs in its own process as before.
    const alone = await run(['build']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/\(updated 0 of 64 pages\)/);
  });

  test('usage mistakes exit 2 with a pointer to the help', async () => {
    const both = await run(['daemon', '--stop', '--status']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give one of --stop, --status and --foreground');
    const idle = await run(['daemon', '--idle', 'soon']);
    expect(idle.code).toBe(2);
    expect(idle.stderr).toContain('--idle is a whole number of minutes');
    expect(idle.stderr).toContain('gazette daemon --help');
  });
});
