import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { projectPaths } from '../model/project-paths.ts';
import { processIo, type Io } from './io.ts';
import { openBrowser } from './open-browser.ts';
import { reportFailure } from './report.ts';
import { serverUrl, type Serving } from './serving.ts';
import { gazetteCommand, rootWords } from './shell-command.ts';

// Loopback unless --host says otherwise: a preview is for the person at this machine.
const HOST = '127.0.0.1';

/**
 * `gazette preview`: serves the built _site/ on localhost as a static host
 * would, with no build and no live reload; `--open` opens it in the browser.
 * Stops cleanly on SIGINT or SIGTERM.
 */
export async function runPreview(
  root: string,
  serving: Serving,
  io: Io = processIo,
): Promise<number> {
  const { output } = projectPaths(path.resolve(io.cwd, root));
  const shown = `${path.relative(io.cwd, output) || '.'}/`;
  const say = (message: string) => io.out(`${message}\n`);
  if (!(await isFolder(output))) {
    const build = gazetteCommand('build', ...rootWords(root));
    const why = `Nothing to preview: ${shown} does not exist. Run \`${build}\` first.`;
    return reportFailure(new GazetteError('project', why), io);
  }
  const server = createServer(staticHost(output));
  const host = serving.host ?? HOST;
  let bound: number;
  try {
    bound = await listen(server, serving.port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'it is in use' : (error as Error).message;
    const message = `Cannot listen on ${host} port ${serving.port}: ${why}. Pick another with --port or --host.`;
    return reportFailure(new GazetteError('project', message, { cause: error }), io);
  }
  const url = serverUrl(host, bound);
  say(`Serving ${shown} at ${url} as a static host would (Ctrl+C to stop)`);
  if (serving.open) openBrowser(url, (message) => io.err(`${message}\n`));
  await stopSignal();
  // fetch and browsers keep connections alive; close() alone would wait for them.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  say('Preview stopped.');
  return 0;
}

/**
 * A request handler that answers like GitHub Pages, Netlify or S3 website
 * hosting: files as they are, a folder's index.html at the folder's URL, a
 * folder URL without its slash redirected to it, and 404.html with status
 * 404 for anything missing. Nothing outside `output` is ever served.
 */
function staticHost(output: string): RequestListener {
  // dev: read the disk on every request (sirv otherwise lists the folder once at
  // start), so a rebuild in another terminal shows up and a deleted page is a 404.
  const serveFile = sirv(output, {
    dev: true,
    etag: true,
    extensions: ['html'],
    onNoMatch: (_request, response) => void sendNotFound(output, response),
  });
  return (request, response) => {
    const target = slashRedirect(output, request.url ?? '/');
    if (target === null) return serveFile(request, response);
    response.writeHead(301, { Location: target });
    response.end();
  };
}

/** The URL with its trailing slash when it names a folder with an index.html, else null. */
function slashRedirect(output: string, url: string): string | null {
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  if (pathname.endsWith('/')) return null;
  let decoded: string;
  try {
    // decodeURI, as sirv does: `%2F` stays literal, so both read the same path.
    decoded = decodeURI(pathname);
  } catch {
    return null;
  }
  const index = path.join(output, decoded, 'index.html');
  if (!index.startsWith(output + path.sep) || !existsSync(index)) return null;
  // One leading slash, so `//host` can never become a redirect to another site.
  const local = `/${pathname.replace(/^[/\\]+/, '')}/`;
  return query === -1 ? local : local + url.slice(query);
}

/** Answers 404 with the site's own 404.html, as static hosts do. */
async function sendNotFound(output: string, response: ServerResponse): Promise<void> {
  const page = await readFile(path.join(output, '404.html')).catch(() => null);
  const body = page ?? Buffer.from('Not found\n');
  response.writeHead(404, {
    'Content-Type': page === null ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': body.length,
  });
  response.end(body);
}

/** Listens on `host`; resolves with the port bound (useful when asked for port 0). */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function isFolder(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isDirectory() === true;
}
