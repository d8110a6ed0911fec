#!/usr/bin/env node
// The `gazette` command for npm (`npx gazette`, package.json "bin", and the
// npm scripts). It runs the compiled JavaScript in dist/ (made by `npm run
// compile`, which `npm ci` runs as `prepare`) when dist/ was compiled from
// src/ exactly as it is now. Otherwise (src/ edited since, no dist/, or
// GAZETTE_DEV=1) it runs src/ itself through tsx: slower to start, never stale.
import { compiledState } from './compiled.mjs';

const state = process.env.GAZETTE_DEV === '1' ? 'skipped' : compiledState();
if (state === 'current') {
  await import('../dist/cli/gazette.js');
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const why = {
      skipped: 'GAZETTE_DEV=1 asks for the sources in src/',
      stale: 'the compiled JavaScript in dist/ is older than src/',
      missing: 'src/ has not been compiled to dist/',
    }[state];
    process.stderr.write(
      `Gazette cannot start: ${why}, and tsx, which runs src/, is not installed. ` +
        'Run `npm ci`: it installs tsx and compiles dist/.\n',
    );
    process.exit(70);
  }
  if (state === 'stale' && process.stderr.isTTY) {
    process.stderr.write(
      'src/ has changed since dist/ was compiled: running src/ through tsx. `npm run compile` updates dist/.\n',
    );
  }
  tsx.register();
  await import('../src/cli/gazette.ts');
}
