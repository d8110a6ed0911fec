#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runBuild } from './build.ts';
import { runCheck } from './check.ts';
import { runPreview } from './preview.ts';
import { runServe } from './serve.ts';

const USAGE = `Usage: gazette <command> [options]

Commands:
  build    Build the site from content/ into _site/
  check    Validate content without building
  serve    Build, serve on http://localhost:8080 and rebuild on changes
  preview  Serve the built _site/ on http://127.0.0.1:8080 as a static host would

Options:
  --root <dir>   Project folder (default: the current folder)
  --fresh        build: ignore .cache/gazette/ and render every page
  --port <n>     serve, preview: port to listen on (default: 8080)
  -h, --help     Show this help

Examples:
  gazette build
  gazette check
  gazette preview --port 9000
  GAZETTE_SITE_URL=https://news.example.org gazette build`;

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        fresh: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help === true || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && parsed.values.help !== true ? 2 : 0;
  }
  if (rest.length > 0) {
    process.stderr.write(`Unexpected argument "${rest[0]}".\n\n${USAGE}\n`);
    return 2;
  }
  const root = parsed.values.root ?? process.cwd();
  switch (command) {
    case 'build':
      return runBuild(root, parsed.values.fresh === true);
    case 'check':
      return runCheck(root);
    case 'serve':
      return runServe(root, Number(parsed.values.port ?? 8080));
    case 'preview':
      return runPreview(root, Number(parsed.values.port ?? 8080));
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
