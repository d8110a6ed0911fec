// `npm run compile` (and `prepare`, so `npm ci` leaves it done): compiles src/
// to dist/ with tsc, and stamps it with the hash of the sources it was
// compiled from (bin/compiled.mjs), so the `gazette` command never runs a
// dist/ older than src/. With --if-stale, a dist/ that is current is kept.
// Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DIST, INSTALL, STAMP, compiledState, sourcesHash } from '../bin/compiled.mjs';

if (process.argv.includes('--if-stale') && compiledState() === 'current') process.exit(0);
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    'TypeScript is not installed: run `npm ci` with the development dependencies.\n',
  );
  process.exit(1);
}
// Hashed before compiling: a source edited while tsc runs leaves dist/ stale, not wrongly current.
const hash = sourcesHash();
// Compiled beside dist/ and swapped in whole, so a gazette running meanwhile never sees half of it.
const next = `${DIST}.next`;
rmSync(next, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', next], {
  cwd: INSTALL,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(path.join(next, path.basename(STAMP)), `${hash}\n`);
rmSync(DIST, { recursive: true, force: true });
renameSync(next, DIST);
