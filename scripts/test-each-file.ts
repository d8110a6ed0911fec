/**
 * Runs every test file on its own, one Vitest process each, to show that no
 * file leans on another having run first (shared state, a fixture another file
 * built, a port left open). `npm run test:each [-- <filter>]`; exits 1 if any
 * file fails, naming each.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filter = process.argv[2] ?? '';
const files = readdirSync(path.join(root, 'tests'), { recursive: true, encoding: 'utf8' })
  .map((file) => path.join('tests', file).split(path.sep).join('/'))
  .filter((file) => file.endsWith('.test.ts') && file.includes(filter))
  .sort();

const failed: string[] = [];
for (const [n, file] of files.entries()) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', file], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${n + 1}/${files.length} ${file} (${seconds} s)`);
  if (!ok) {
    failed.push(file);
    console.log(`${run.stdout}${run.stderr}`.trimEnd());
  }
}
console.log(
  failed.length === 0
    ? `All ${files.length} test files pass on their own.`
    : `${failed.length} of ${files.length} test files fail on their own:\n${failed.join('\n')}`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
