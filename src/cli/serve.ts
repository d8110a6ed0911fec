import { existsSync, watch } from 'node:fs';
import path from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { buildSite, type BuildSession } from '../render/build-site.ts';
import { backgroundIndexer } from '../search/background-indexer.ts';
import { hasSearchIndex } from '../search/index-site.ts';
import { printDiagnostics, reportFailure } from './report.ts';

const SETTLE_MS = 80;

/**
 * `gazette serve`: builds _site/, serves it on localhost with live reload,
 * and rebuilds when content, templates or site.json change. A rebuild parses
 * only changed files and renders only changed pages. Content and template
 * errors are printed and the last good site stays up. The search index is
 * rebuilt in the background after every build that changed pages, so it never
 * delays the reload.
 */
export async function runServe(root: string, port: number): Promise<number> {
  const project = path.resolve(root);
  const output = path.join(project, '_site');
  const search = backgroundIndexer(output, say);
  // An unchanged site may still lack an index, say when the last indexing was stopped.
  const changed = await rebuild(project);
  if (changed || (existsSync(output) && !(await hasSearchIndex(output)))) search.request();
  const server = EleventyDevServer.getServer('gazette', output, {
    liveReload: true,
    domDiff: false,
    showVersion: false,
    logger: { info: say, error: say, log: say },
  });
  server.serve(port);
  say(`Serving ${path.relative(process.cwd(), output) || '.'}/ at http://localhost:${port}/`);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const onChange = () => {
    clearTimeout(timer);
    // Editors save in several steps; wait for the burst to end, and never overlap builds.
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (await rebuild(project)) {
          server.reload();
          search.request();
        }
      });
    }, SETTLE_MS);
  };
  for (const target of ['content', 'templates', 'site.json']) {
    watch(path.join(project, target), { recursive: target !== 'site.json' }, onChange);
  }
  return new Promise<number>(() => undefined);
}

/** Builds once, printing the outcome; returns whether the site on disk changed. */
// Serve keeps the load cache and the page manifest in memory between rebuilds.
const session: BuildSession = {};

async function rebuild(project: string): Promise<boolean> {
  const started = performance.now();
  try {
    // A preview: drafts and embargoed releases are shown, marked on their pages.
    const result = await buildSite({ root: project, session, drafts: true, future: true });
    printDiagnostics(result.diagnostics);
    const ms = Math.round(performance.now() - started);
    if (!result.ok) {
      say('Fix the errors above; the last good site is still being served.');
      return false;
    }
    const what = result.incremental
      ? `${result.rendered} of ${result.pages} pages updated`
      : `${result.pages} pages built`;
    say(`${what} in ${ms} ms`);
    return !result.incremental || result.rendered > 0;
  } catch (error) {
    reportFailure(error);
    say('The last good site is still being served.');
    return false;
  }
}

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}
