#!/usr/bin/env node
// The `gazette` command for npm (`npx gazette`, package.json "bin", and the
// npm scripts). A plain `gazette build` goes first to the project's build
// server (`gazette daemon`) if one is running: that check needs only Node,
// so it is made before anything heavier loads. Otherwise, and for every other
// command, tsx is registered (Gazette is TypeScript run without a compile
// step) and the CLI loads.
import { buildInServer, plainBuild } from '../src/cli/build-client.mjs';

const argv = process.argv.slice(2);
const build = plainBuild(argv);
const code =
  build === null
    ? null
    : await buildInServer(build, {
        out: process.stdout,
        err: process.stderr,
        env: process.env,
        cwd: process.cwd(),
      });
if (code !== null) {
  process.exitCode = code;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/gazette.ts');
}
