import path from 'node:path';
import {
  flag,
  formatCommandHelp,
  parseCommandArgs,
  stringOption,
  usageError,
  type ParsedArgs,
} from './args.ts';
import { COMMANDS } from './commands.ts';
import { processIo, type Io } from './io.ts';
import { reportFailure } from './report.ts';
import { refuseIfBuilding } from '../build/build-lock.ts';
import { isWatchedServer, runServeWatched, serveWatcher } from './serve-watch.ts';
import { readServing, type Serving } from './serving.ts';
import { gazetteVersion } from './version.ts';

/** `gazette --help`: every command, one line each, and where to read more. */
export const USAGE = `Usage: gazette <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Every command takes --root <dir> (the project folder; default: the current folder)
and --help. Run \`npx gazette <command> --help\` for its options and examples, and
\`npx gazette --version\` (or -v) for Gazette's version.

Examples:
  gazette init my-archive --title "Westshire archive" --url https://archive.westshire.example
  gazette new --area Wexmoor --title "Appeal after fire at Holm Farm"
  gazette import --dry-run ~/scraped/
  gazette check --strict
  gazette build`;

/**
 * Runs the command line and returns the exit code: 0 done, 1 the content or
 * the project has a problem, 2 the command line itself is wrong, 3 `gazette
 * build --keep-going` published but left out files with errors, 70 a fault in
 * Gazette itself. Every command writes to `io` and reads its environment there.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const at = commandIndex(argv);
  const name = at === -1 ? undefined : argv[at];
  const rest = argv.filter((_, i) => i !== at);
  if (name === undefined && (rest.includes('--version') || rest.includes('-v'))) {
    io.out(`${gazetteVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const spec = COMMANDS.find((c) => c.name === topic);
    if (spec !== undefined) {
      io.out(`${formatCommandHelp(spec)}\n`);
      return 0;
    }
    const asked = name === 'help' || rest.includes('--help') || rest.includes('-h');
    (asked ? io.out : io.err)(`${USAGE}\n`);
    return asked ? 0 : 2;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  if (spec === undefined) {
    io.err(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  let args: ParsedArgs;
  try {
    args = parseCommandArgs(spec, rest);
  } catch (error) {
    return reportFailure(error, io);
  }
  if (flag(args, 'help')) {
    io.out(`${formatCommandHelp(spec)}\n`);
    return 0;
  }
  // The server runs under a watcher that restarts it when Gazette's code changes.
  const watcher = spec.name === 'serve' && !isWatchedServer(io.env) ? serveWatcher() : null;
  if (watcher !== null) {
    // Said here: the watcher would go on waiting after a refused server stopped.
    try {
      readServing(args, 'serve');
      refuseIfBuilding(path.resolve(io.cwd, stringOption(args, 'root') ?? '.'));
    } catch (error) {
      return reportFailure(error, io);
    }
    return runServeWatched(watcher, argv, io.env);
  }
  return run(spec.name, args, io);
}

/**
 * Runs one command. Each command's module is imported only when it runs:
 * Eleventy, remark and the servers take over a second to import, and
 * `gazette --help` or `gazette new` should not wait for them.
 */
async function run(name: string, args: ParsedArgs, io: Io): Promise<number> {
  const root = stringOption(args, 'root') ?? '.';
  switch (name) {
    case 'build': {
      const flags = {
        fresh: flag(args, 'fresh'),
        drafts: flag(args, 'drafts'),
        future: flag(args, 'future'),
      };
      const deploy = {
        output: stringOption(args, 'output'),
        siteUrl: stringOption(args, 'site-url'),
        pathPrefix: stringOption(args, 'path-prefix'),
      };
      const { runBuild } = await import('./build.ts');
      return runBuild(root, { ...flags, ...deploy, keepGoing: flag(args, 'keep-going') }, io);
    }
    case 'init': {
      const { runInit } = await import('./init.ts');
      const [dir = ''] = args.positionals;
      const options = {
        dir: path.isAbsolute(dir) ? dir : path.join(root, dir),
        title: stringOption(args, 'title'),
        url: stringOption(args, 'url'),
        empty: flag(args, 'empty'),
        gazetteSpec: stringOption(args, 'gazette-spec'),
      };
      return runInit(options, io);
    }
    case 'check': {
      const { runCheck } = await import('./check.ts');
      return runCheck(
        { root, paths: args.positionals, json: flag(args, 'json'), strict: flag(args, 'strict') },
        io,
      );
    }
    case 'new': {
      const format = stringOption(args, 'format') ?? 'fenced';
      if (format !== 'fenced' && format !== 'dashes') {
        const why = `--format is "fenced" or "dashes", not "${format}".`;
        return reportFailure(usageError(why, 'new'), io);
      }
      const [area = '', title = ''] = [stringOption(args, 'area'), stringOption(args, 'title')];
      const { runNew } = await import('./new.ts');
      return runNew({ root, area, title, date: stringOption(args, 'date'), format }, io);
    }
    case 'import': {
      const { runImport } = await import('./import.ts');
      const dryRun = flag(args, 'dry-run');
      return runImport({ root, paths: args.positionals, dryRun, repair: flag(args, 'repair') }, io);
    }
    case 'serve':
    case 'preview': {
      let serving: Serving;
      try {
        serving = readServing(args, name);
      } catch (error) {
        return reportFailure(error, io);
      }
      if (name === 'serve') {
        const { runServe } = await import('./serve.ts');
        return runServe(root, serving, io);
      }
      const { runPreview } = await import('./preview.ts');
      return runPreview(root, serving, io);
    }
    default:
      throw new Error(`no runner for the command "${name}"`);
  }
}

/**
 * Where the command is: the first argument that is not an option or the
 * value of --root, so `gazette --root site build` works as it always has.
 */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--root') i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}
