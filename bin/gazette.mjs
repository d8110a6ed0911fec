#!/usr/bin/env node
// The `gazette` command for npm (`npx gazette`, package.json "bin", and the
// npm scripts). Gazette is TypeScript run without a compile step, so tsx is
// registered before the CLI loads.
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/gazette.ts');
