import { existsSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { buildSite } from '../../src/build/build-site.ts';
import { indexSite } from '../../src/search/index-site.ts';
import { makeProject } from '../build/site-output.ts';

/** Debian's Chromium; the tests use no browser downloaded by Playwright. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless Chromium that talks to nothing but the pages it is sent to. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether the browser tests can run here, and whether they must: on CI
 * (CI=true) a missing Chromium is a failure, elsewhere a reason to skip.
 */
export function browserAvailability(): { available: boolean; required: boolean } {
  return { available: existsSync(CHROMIUM_PATH), required: process.env.CI === 'true' };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Lets a context reach only the local test server (the network is closed):
 * every other request is aborted and its URL pushed onto `blocked`.
 */
export async function blockOutsideRequests(
  context: BrowserContext,
  blocked: string[] = [],
): Promise<void> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** One request the server answered. */
export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Every request answered so far, in order. */
  readonly requests: readonly ServedRequest[];
  close(): Promise<void>;
}

/**
 * Headers a `_headers` file (Netlify, Cloudflare Pages) gives every path,
 * from its `/*` block; other blocks are ignored.
 */
function headersForEveryPath(text: string): [string, string][] {
  const headers: [string, string][] = [];
  let inEveryPath = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inEveryPath = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inEveryPath && colon > 0)
      headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Serves `dir` on 127.0.0.1 at a random port as a static host would: a
 * folder answers with its index.html (a folder URL without its trailing
 * slash is redirected to it), anything missing with 404.html and status 404.
 * With `headersFile`, every response carries the headers the site's
 * `_headers` file gives `/*`.
 */
export async function serveDir(
  dir: string,
  options: { headersFile?: boolean } = {},
): Promise<StaticServer> {
  const root = path.resolve(dir);
  const extraHeaders =
    options.headersFile === true
      ? headersForEveryPath(await readFile(path.join(root, '_headers'), 'utf8'))
      : [];
  const requests: ServedRequest[] = [];

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<number> {
    for (const [name, value] of extraHeaders) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return 405;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return 400;
    }
    let file = path.join(root, pathname);
    const inside = path.relative(root, file);
    const escapes = inside.startsWith('..') || path.isAbsolute(inside) || pathname.includes('\0');
    if (!escapes && (await isDirectory(file))) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${pathname}/` }).end();
        return 301;
      }
      file = path.join(file, 'index.html');
    }
    let status = 200;
    if (escapes || !(await isFile(file))) {
      status = 404;
      file = path.join(root, '404.html');
    }
    const body = await readFile(file).catch(() => Buffer.from('Not found\n'));
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return status;
  }

  const server = createServer((req, res) => {
    answer(req, res).then(
      (status) => requests.push({ method: req.method ?? '', path: req.url ?? '', status }),
      (error: unknown) => {
        requests.push({ method: req.method ?? '', path: req.url ?? '', status: 500 });
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The fixture site, built as `npm run build` builds it, and served. */
export interface ServedFixture {
  readonly server: StaticServer;
  /** Stops the server; the shared project is removed when the test process exits. */
  close(): Promise<void>;
}

let built: Promise<{ output: string }> | undefined;

/**
 * The fixture project built once per test process (the pages, then the search
 * index), as `npm run build` builds it. Files that only read it share it, so
 * it is not built again for each of them.
 */
function builtFixture(): Promise<{ output: string }> {
  built ??= (async () => {
    const root = await makeProject();
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const result = await buildSite({ root, env: {} });
    if (!result.ok) {
      throw new Error(`the fixture did not build: ${JSON.stringify(result.diagnostics)}`);
    }
    await indexSite(result.output);
    return { output: result.output };
  })();
  return built;
}

/** Serves the shared fixture build, which no test may change, with the `_headers` policy applied. */
export async function serveFixture(): Promise<ServedFixture> {
  const { output } = await builtFixture();
  const server = await serveDir(output, { headersFile: true });
  return { server, close: () => server.close() };
}
