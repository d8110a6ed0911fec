import path from 'node:path';
import {
  flag,
  formatCommandHelp,
  parseCommandArgs,
  stringOption,
  UsageError,
  type ParsedArgs,
} from './args.ts';
import type { BuildRequestFlags } from './build-client.mjs';
import { COMMANDS, DEFAULT_IDLE_MINUTES } from './commands.ts';
import { failWith } from './fail.ts';
import { processIo, type Io } from './io.ts';
import { refuseIfBuilding } from '../render/build-lock.ts';
import { isWatchedServer, runServeWatched } from './serve-watch.ts';

// A week: a server left running longer than that has been forgotten.
const MAX_IDLE_MINUTES = 7 * 24 * 60;

/** `gazette --help`: every command, one line each, and where to read more. */
export const USAGE = `Usage: gazette <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Every command takes --root <dir> (the project folder; default: the current folder)
and --help. Run \`gazette <command> --help\` for its options and examples.

Examples:
  gazette new --area Wexmoor --title "Appeal after fire at Holm Farm"
  gazette import --dry-run ~/scraped/
  gazette check --strict
  gazette build`;

/**
 * Runs the command line and returns the exit code: 0 done, 1 the content or
 * the project has a problem, 2 the command line itself is wrong, 3 `gazette
 * build --keep-going` published but left out files with errors.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const at = commandIndex(argv);
  const name = at === -1 ? undefined : argv[at];
  const rest = argv.filter((_, i) => i !== at);
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
    return failWith(error, io);
  }
  if (flag(args, 'help')) {
    io.out(`${formatCommandHelp(spec)}\n`);
    return 0;
  }
  // The server runs under a watcher that restarts it when Gazette's code changes.
  if (spec.name === 'serve' && !isWatchedServer()) {
    // Said here: the watcher would go on waiting after a refused server stopped.
    try {
      refuseIfBuilding(stringOption(args, 'root') ?? '.');
    } catch (error) {
      return failWith(error, io);
    }
    return runServeWatched(argv);
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
      const keepGoing = flag(args, 'keep-going');
      // bin/gazette.mjs asks the build server before loading any of this; other ways in ask
      // here. A --keep-going build (a deploy's) runs in this process: the server takes plain builds.
      const inServer = keepGoing ? null : await buildInTheServer(root, flags, io);
      if (inServer !== null) return inServer;
      const { runBuild } = await import('./build.ts');
      return runBuild(root, { ...flags, keepGoing });
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
        return failWith(new UsageError(why, 'new'), io);
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
    case 'serve': {
      const { runServe } = await import('./serve.ts');
      return runServe(root, Number(stringOption(args, 'port') ?? 8080));
    }
    case 'daemon': {
      const actions = (['stop', 'status', 'foreground'] as const).filter((a) => flag(args, a));
      if (actions.length > 1) {
        const why = `Give one of --stop, --status and --foreground, not ${actions.map((a) => `--${a}`).join(' and ')}.`;
        return failWith(new UsageError(why, 'daemon'), io);
      }
      const idle = stringOption(args, 'idle') ?? String(DEFAULT_IDLE_MINUTES);
      if (!/^\d+$/.test(idle) || Number(idle) < 1 || Number(idle) > MAX_IDLE_MINUTES) {
        const why = `--idle is a whole number of minutes from 1 to ${MAX_IDLE_MINUTES}, not "${idle}".`;
        return failWith(new UsageError(why, 'daemon'), io);
      }
      const { runDaemon } = await import('./daemon.ts');
      return runDaemon({ root, action: actions[0] ?? 'start', idleMinutes: Number(idle) }, io);
    }
    case 'preview': {
      const { runPreview } = await import('./preview.ts');
      return runPreview(root, Number(stringOption(args, 'port') ?? 8080));
    }
    default:
      throw new Error(`no runner for the command "${name}"`);
  }
}

/** Runs a plain build in the project's build server: its exit code, or null when none runs. */
async function buildInTheServer(
  root: string,
  flags: BuildRequestFlags,
  io: Io,
): Promise<number | null> {
  const { buildInServer } = await import('./build-client.mjs');
  return buildInServer(
    { root: path.resolve(io.cwd, root), flags },
    {
      out: { write: io.out },
      err: { write: io.err, ...(io === processIo && terminalOf(process.stderr)) },
      env: process.env,
      cwd: io.cwd,
    },
  );
}

/** Whether a stream is a terminal, and how wide: for the build server's progress line. */
function terminalOf(stream: NodeJS.WriteStream): { isTTY: boolean; columns: number } {
  return { isTTY: stream.isTTY, columns: stream.columns ?? 80 };
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
