import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Vitest's global set-up: compiles src/ into dist/ unless dist/ is already
 * compiled from src/ as it is (as `npm ci` leaves it), so that the tests that
 * run the `gazette` command (bin/gazette.mjs) run the compiled JavaScript, as a
 * publisher's `npm run build` does.
 */
export default function compile(): void {
  const repo = path.resolve(import.meta.dirname, '..');
  const run = spawnSync(process.execPath, [path.join(repo, 'scripts/compile.mjs'), '--if-stale'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`npm run compile failed:\n${run.stdout}${run.stderr}`);
}
