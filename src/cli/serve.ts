import { existsSync, watch, type FSWatcher } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import {
  AREA_REGISTRY_FILE,
  projectPaths,
  SITE_CONFIG_FILE,
  TEMPLATES_FOLDER,
} from '../model/project-paths.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { lockBuildsWhenFree, type BuildLock } from '../build/build-lock.ts';
import { buildSite, type BuildSession } from '../build/build-site.ts';
import { backgroundIndexer } from '../search/background-indexer.ts';
import { hasSearchIndex } from '../search/index-site.ts';
import { processIo, type Io } from './io.ts';
import { openBrowser } from './open-browser.ts';
import { printDiagnostics, reportFailure } from './report.ts';
import { serverUrl, type Serving } from './serving.ts';
import { warmUp } from './warm-up.ts';
import {
  contentFailure,
  errorPageMiddleware,
  thrownFailure,
  type BuildFailure,
} from './serve-errors.ts';

const SETTLE_MS = 80;
const LOCK_WAIT_MS = 10_000;
// Pagefind keeps both cores busy for seconds on a large site: it waits for a pause.
const SEARCH_QUIET_MS = 1500;

/**
 * `gazette serve`: builds _site/, serves it on localhost with live reload,
 * and rebuilds when content, templates or site.json change. A rebuild parses
 * only changed files and renders only changed pages. Content and template
 * errors are printed, and the browser shows them in place of every page
 * until they are fixed; _site/ keeps the last good build. The search index is
 * rebuilt in the background after every build that changed pages, so it never
 * delays the reload.
 */
export async function runServe(
  root: string,
  serving: Serving,
  io: Io = processIo,
): Promise<number> {
  const project = path.resolve(io.cwd, root);
  const say = (message: string) => io.out(`${message}\n`);
  const { output, cache } = projectPaths(project);
  // The server builds this project for as long as it runs; a restart for a
  // code change waits for the old server to let go.
  let lock: BuildLock;
  try {
    lock = await lockBuildsWhenFree(project, 'gazette serve', LOCK_WAIT_MS);
  } catch (error) {
    return reportFailure(error, io);
  }
  process.once('exit', () => lock.release());
  // Search catches up once edits pause, so it never slows the rebuild after a save.
  const debug = io.env.GAZETTE_DEBUG === '1';
  const search = backgroundIndexer(output, cache, say, SEARCH_QUIET_MS, debug);
  // An unchanged site may still lack an index, say when the last indexing was stopped.
  const changed = await rebuild(project, lock, io);
  if (changed || (existsSync(output) && !(await hasSearchIndex(output)))) search.request();
  const server = EleventyDevServer.getServer('gazette', output, {
    liveReload: true,
    domDiff: false,
    showVersion: false,
    logger: { info: say, error: say, log: say },
    // While the last rebuild failed, pages are answered with its errors.
    middleware: [errorPageMiddleware(() => failure)],
  });
  let bound: number;
  try {
    bound = await listen(server, serving);
  } catch (error) {
    const where = `${serving.host ?? 'every address'} port ${serving.port}`;
    const message = `Cannot listen on ${where}: ${(error as Error).message}. Pick another with --port or --host.`;
    return reportFailure(new GazetteError('project', message, { cause: error }), io);
  }
  const url = serverUrl(serving.host ?? 'localhost', bound);
  say(`Serving ${path.relative(io.cwd, output) || '.'}/ at ${url}`);
  if (serving.open) openBrowser(url, (message) => io.err(`${message}\n`));

  let timer: NodeJS.Timeout | undefined;
  // Rebuilds wait in line behind a warm-up on a made-up archive, as the build
  // server's do: without it the first addition after a start ran code V8 had
  // never run, and took twice as long as the next.
  let running: Promise<void> = warmUp(project).then((unready) => {
    if (unready !== null) say(`Could not warm up (${unready}); the first rebuilds will be slower.`);
  });
  const onChange = () => {
    clearTimeout(timer);
    // Editors save in several steps; wait for the burst to end, and never overlap builds.
    timer = setTimeout(() => {
      running = running.then(async () => {
        const failedBefore = failure !== null;
        const changed = await rebuild(project, lock, io);
        // Reload to show new errors, or the site again once they are fixed.
        if (changed || failedBefore || failure !== null) server.reload();
        if (changed) search.request();
      });
    }, SETTLE_MS);
  };
  const onWatchError = (error: Error) =>
    say(
      `Stopped watching a folder: ${error.message}. Restart \`npx gazette serve\` to watch it again.`,
    );
  const watchers = new Map<string, FSWatcher>();
  /**
   * Watches a folder of the project and all below it, in place of any watcher
   * it had. Node's recursive watch on Linux fails as a whole when a folder
   * inside goes while it scans: then the folder is watched afresh, and rebuilt
   * for what the failed watcher missed. templates/ may go altogether: the
   * project's own watcher below watches it again if it comes back.
   */
  const unwatch = (target: string) => {
    watchers.get(target)?.close();
    watchers.delete(target);
  };
  const watchFolder = (target: string): void => {
    unwatch(target);
    const folder = path.join(project, target);
    const gone = (error: Error) => {
      if (target !== TEMPLATES_FOLDER || existsSync(folder)) onWatchError(error);
    };
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { recursive: true }, onChange);
    } catch (error) {
      return gone(error as Error);
    }
    watchers.set(target, watcher);
    watcher.on('error', (error) => {
      if (watchers.get(target) !== watcher) return;
      if (!existsSync(folder)) {
        unwatch(target);
        return gone(error);
      }
      watchFolder(target);
      onChange();
    });
  };
  watchFolder('content');
  // A project may start with the theme alone and make templates/ later for its overrides.
  if (existsSync(path.join(project, TEMPLATES_FOLDER))) watchFolder(TEMPLATES_FOLDER);
  // The project folder itself, for site.json and areas.yaml (which may not exist yet).
  watch(project, (_event, name) => {
    if (name === SITE_CONFIG_FILE || name === AREA_REGISTRY_FILE) onChange();
    if (name === TEMPLATES_FOLDER) {
      if (existsSync(path.join(project, TEMPLATES_FOLDER))) watchFolder(TEMPLATES_FOLDER);
      else unwatch(TEMPLATES_FOLDER);
      onChange();
    }
  }).on('error', onWatchError);
  return new Promise<number>(() => undefined);
}

/**
 * Starts the dev server and resolves with the port it bound. It listens on
 * every address unless --host names one, and takes the next port when one is
 * in use, so the port it says is read once it listens.
 */
async function listen(server: EleventyDevServer, { port, host }: Serving): Promise<number> {
  if (host !== undefined)
    server._serverListen = (next) => server.server.listen({ port: next, host });
  server.serve(port);
  // A port in use is retried by the server itself; any other failure stops serve.
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') reject(error);
    };
    server.server.on('error', onError);
    void server.ready().then(() => {
      server.server.off('error', onError);
      resolve();
    });
  });
  return (server.server.address() as AddressInfo).port;
}

// Serve keeps the load cache and the page manifest in memory between rebuilds.
const session: BuildSession = {};
// Why the last rebuild failed, shown in the browser; null once a build succeeds.
let failure: BuildFailure | null = null;

/** Builds once, printing the outcome; returns whether the site on disk changed. */
async function rebuild(project: string, lock: BuildLock, io: Io): Promise<boolean> {
  const started = performance.now();
  const say = sayTo(io);
  try {
    // A preview: drafts, unfinished and embargoed releases are shown, marked on their pages.
    const options = { root: project, env: io.env, session, lock, drafts: true, future: true };
    const result = await buildSite(options);
    printDiagnostics(result.diagnostics, io);
    const ms = Math.round(performance.now() - started);
    if (!result.ok) {
      failure = contentFailure(result.diagnostics);
      say('Fix the errors above (the browser lists them too); _site/ keeps the last good build.');
      return false;
    }
    failure = null;
    const what = result.incremental
      ? `${result.rendered} of ${result.pages} pages updated`
      : `${result.pages} pages built`;
    say(`${what} in ${ms} ms`);
    return !result.incremental || result.rendered > 0;
  } catch (error) {
    reportFailure(error, io);
    failure = thrownFailure(error);
    say('The browser lists the errors too; _site/ keeps the last good build.');
    return false;
  }
}

/** The server's log: one line at a time on standard output. */
function sayTo(io: Io): (message: string) => void {
  return (message) => io.out(`${message}\n`);
}
