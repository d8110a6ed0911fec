import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, gazetteBin, isReleaseUrl, makeProject, runGazette } from './site-output.ts';

// Written into the project beside _site/: a preview must never serve it.
const SENTINEL = '{ "name": "preview-must-not-serve-this" }\n';

const projects: string[] = [];
let root: string;
let site: BuiltSite;
let preview: ChildProcess;
let output = '';
let base = '';

/** A port that was free a moment ago: the OS picks one, and we let it go. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the URL the preview prints; rejects if it exits first. */
function servedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (url !== null) resolve(url[0]);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`preview exited (${code}):\n${output}`)));
  });
}

/**
 * GET with the path sent exactly as written. fetch resolves `..` and `%2e%2e`
 * before sending (WHATWG URL rules), so it cannot test what a server does with them.
 */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    get({ hostname, port, path: rawPath }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  root = await makeProject();
  projects.push(root);
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error('the fixture site did not build');
  site = await BuiltSite.read(path.join(root, '_site'));
  await writeFile(path.join(root, 'package.json'), SENTINEL);
  const port = await freePort();
  preview = spawn(process.execPath, [gazetteBin, 'preview', '--port', String(port)], {
    cwd: root,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await servedUrl(preview);
});

afterAll(async () => {
  if (preview.exitCode === null && preview.signalCode === null) preview.kill('SIGKILL');
  await Promise.all(projects.map((p) => rm(p, { recursive: true, force: true })));
});

describe('gazette preview', () => {
  test('prints the URL it serves at on 127.0.0.1', () => {
    expect(output).toBe(`Serving _site/ at ${base} as a static host would (Ctrl+C to stop)\n`);
  });

  test('serves the home page as HTML at /', async () => {
    const response = await fetch(base);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(site.files.get('index.html')?.toString());
  });

  test('serves a release page at its folder URL', async () => {
    const release = site.pages.find(isReleaseUrl) ?? '';
    expect(release).not.toBe('');
    const response = await fetch(new URL(release, base));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(site.files.get(`${release.slice(1)}index.html`)?.toString());
  });

  test('serves a folder index.html at the folder URL', async () => {
    const response = await fetch(new URL('/areas/', base));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(site.files.get('areas/index.html')?.toString());
  });

  test('redirects a folder URL without its slash to the URL with it', async () => {
    const response = await fetch(new URL('/areas?page=1', base), { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/areas/?page=1');
  });

  test('answers a missing page with 404 and the bytes of _site/404.html', async () => {
    const response = await fetch(new URL('/no-such-page/', base));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await readFile(path.join(root, '_site/404.html')))).toBe(true);
  });

  test.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/areas/../../package.json',
    '/..%2fpackage.json',
  ])('never serves a file outside _site/: %s', async (rawPath) => {
    const response = await rawGet(rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('preview-must-not-serve-this');
  });

  // Last: it stops the server the tests above use.
  test('exits with code 0 on SIGTERM', async () => {
    const exited = once(preview, 'exit');
    preview.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(output).toMatch(/Preview stopped\.\n$/);
  });
});

describe('gazette preview without a built site', () => {
  test('says to run npx gazette build first and exits 1, without a stack trace', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'gazette-preview-'));
    projects.push(empty);
    const run = await runGazette(['preview'], { cwd: empty, env: {} });
    expect(run).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: 'Nothing to preview: _site/ does not exist. Run `npx gazette build` first.\n',
    });
  });

  test('refuses a port that is not a number', async () => {
    const run = await runGazette(['preview', '--port', 'eighty'], { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'The port must be a whole number from 0 to 65535, such as --port 8080, not "eighty".\nRun `npx gazette preview --help` for its options and examples.\n',
    );
  });
});

describe('gazette preview --host and --open', () => {
  /**
   * Runs a preview on a free port with `PATH` as its whole search path, and
   * resolves once it says where it serves and `until` holds; then stops it.
   */
  async function previewUntil(
    args: string[],
    PATH: string,
    until: (output: string) => boolean,
  ): Promise<string> {
    const child = spawn(process.execPath, [gazetteBin, 'preview', ...args], {
      cwd: root,
      env: { PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    try {
      for (let i = 0; !until(text); i++) {
        if (child.exitCode !== null || i > 200)
          throw new Error(`preview did not get there:\n${text}`);
        await sleep(100);
      }
      return text;
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }

  test('--open runs the platform opener with the URL it serves', async () => {
    const bin = await mkdtemp(path.join(tmpdir(), 'gazette-opener-'));
    projects.push(bin);
    const log = path.join(bin, 'opened');
    // A stand-in xdg-open (this is Linux): it records what it was asked to open.
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$*" > "${log}"\n`);
    await chmod(path.join(bin, 'xdg-open'), 0o755);
    const port = await freePort();
    let opened = '';
    const text = await previewUntil(
      ['--port', String(port), '--host', 'localhost', '--open'],
      bin,
      (printed) => {
        opened = existsSync(log) ? readFileSync(log, 'utf8') : '';
        return printed.includes('Serving') && opened.endsWith('\n');
      },
    );
    expect(text).toBe(
      `Serving _site/ at http://localhost:${port}/ as a static host would (Ctrl+C to stop)\n`,
    );
    expect(opened).toBe(`http://localhost:${port}/\n`);
  });

  test('--open warns when the machine has no opener, and serves all the same', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'gazette-no-opener-'));
    projects.push(empty);
    const port = await freePort();
    const text = await previewUntil(['--port', String(port), '--open'], empty, (printed) =>
      printed.includes('yourself.'),
    );
    const url = `http://127.0.0.1:${port}/`;
    expect(text).toBe(
      `Serving _site/ at ${url} as a static host would (Ctrl+C to stop)\n` +
        `Could not open a browser (xdg-open: spawn xdg-open ENOENT); open ${url} yourself.\n`,
    );
  });

  test('refuses a host that is not an address or a name', async () => {
    const run = await runGazette(['preview', '--host', 'http://x.example/'], {
      cwd: root,
      env: {},
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      '--host "http://x.example/" is not an IP address or a host name; give one such as 127.0.0.1, 0.0.0.0 or localhost.\nRun `npx gazette preview --help` for its options and examples.\n',
    );
  });
});
