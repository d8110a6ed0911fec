import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import {
  BuiltSite,
  cliEntry,
  isReleaseUrl,
  makeProject,
  runGazette,
  tsxLoader,
} from './site-output.ts';

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
  preview = spawn(
    process.execPath,
    ['--import', tsxLoader, cliEntry, 'preview', '--port', String(port)],
    { cwd: root, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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
  test('says to run npm run build first and exits 1, without a stack trace', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'gazette-preview-'));
    projects.push(empty);
    const run = await runGazette(['preview'], { cwd: empty, env: {} });
    expect(run).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: 'Nothing to preview: _site/ does not exist. Run `npm run build` first.\n',
    });
  });

  test('refuses a port that is not a number', async () => {
    const run = await runGazette(['preview', '--port', 'eighty'], { cwd: root, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'The port must be a whole number from 0 to 65535, such as --port 8080.\nRun `npx gazette preview --help` for its options and examples.\n',
    );
  });
});
