import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { INSTALL } from '../load/code-fingerprint.ts';

/** Set in the server that `tsx watch` runs, so that it serves rather than watching again. */
const WATCHED = 'GAZETTE_SERVE_WATCHED';

/** Whether this process is the server under the watcher. */
export function isWatchedServer(env: NodeJS.ProcessEnv): boolean {
  return env[WATCHED] === '1';
}

/**
 * tsx's command line and Gazette's TypeScript entry, or null where either is
 * missing: tsx is a development dependency, absent from an install made with
 * `npm ci --omit=dev`, and such a server runs unwatched. The compiled CLI
 * serves from the sources too, so that an edit to them restarts it.
 */
export function serveWatcher(): { tsx: string; entry: string } | null {
  const entry = path.join(INSTALL, 'src/cli/gazette.ts');
  try {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    return existsSync(entry) ? { tsx, entry } : null;
  } catch {
    return null;
  }
}

/**
 * Runs `gazette serve` under `tsx watch` (see `serveWatcher`), so that an edit
 * to Gazette's own TypeScript (`src/**\/*.ts`) restarts the server with the new
 * code. Content, templates, site.json and areas.yaml are watched by the server
 * itself and never need a restart. Ctrl-C and SIGTERM reach the server through
 * the watcher; returns the watcher's exit code.
 */
export function runServeWatched(
  { tsx, entry }: { tsx: string; entry: string },
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const watcher = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', entry, ...argv], {
    stdio: 'inherit',
    env: { ...env, [WATCHED]: '1' },
  });
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    watcher.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    watcher.once('error', () => resolve(1));
    watcher.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      // Stopped as asked (Ctrl-C, SIGTERM) is a clean exit, whatever code the watcher gives.
      resolve(stopping ? 0 : (code ?? (signal === null ? 1 : 0)));
    });
  });
}
