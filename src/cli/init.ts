import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { INSTALL } from '../load/code-fingerprint.ts';
import { deploySettingProblem } from '../model/site-config.ts';
import { projectFiles, type InitProject } from './init-files.ts';
import { processIo, type Io } from './io.ts';
import { reportFailure } from './report.ts';
import { gazetteCommand } from './shell-command.ts';
import { gazetteVersion } from './version.ts';

/** What `gazette init` was asked to make. */
export interface InitOptions {
  /** The new project's folder, from the current folder. */
  readonly dir: string;
  readonly title?: string | undefined;
  readonly url?: string | undefined;
  /** Without the example release. */
  readonly empty?: boolean;
  /** How package.json asks for Gazette; default `^<this version>`. */
  readonly gazetteSpec?: string | undefined;
}

/** Asks the person at the terminal one question; resolves with the answer, trimmed. */
export type Ask = (question: string) => Promise<string>;

/** The deploy recipes, copied from Gazette's own: the same files its tests run. */
const RECIPES = ['.github/workflows/pages.yml', 'netlify.toml'];

/**
 * `gazette init <dir>`: writes a new archive project into a new or empty
 * folder, never over anything. The title and address come from the flags, or
 * from questions when standard input is a terminal; else placeholders that
 * `gazette check` reports until they are replaced.
 */
export async function runInit(
  options: InitOptions,
  io: Io = processIo,
  ask: Ask | null = terminalAsk(),
): Promise<number> {
  try {
    const target = path.resolve(io.cwd, options.dir);
    await requireEmpty(target, io.cwd);
    const title = options.title ?? (await askFor(ask, 'Title of the archive: '));
    const url = readUrl(
      options.url ?? (await askFor(ask, 'Address it is published at (https://…): ')),
    );
    const project: InitProject = {
      name: path.basename(target),
      title: blankToUndefined(title),
      url,
      gazetteSpec: options.gazetteSpec ?? `^${gazetteVersion()}`,
      empty: options.empty === true,
      jsYaml: gazetteDependency('js-yaml'),
    };
    for (const [file, text] of projectFiles(project)) {
      await mkdir(path.dirname(path.join(target, file)), { recursive: true });
      await writeFile(path.join(target, file), text, { flag: 'wx' });
    }
    for (const recipe of RECIPES) {
      await mkdir(path.dirname(path.join(target, recipe)), { recursive: true });
      await copyFile(path.join(INSTALL, recipe), path.join(target, recipe));
    }
    io.out(nextSteps(path.relative(io.cwd, target) || '.', project));
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** The version range Gazette's own package.json gives a dependency, if it has it. */
function gazetteDependency(name: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(INSTALL, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return manifest.dependencies?.[name];
  } catch {
    return undefined;
  }
}

/** Refuses a folder that holds anything: init never overwrites, not even a stray file. */
async function requireEmpty(target: string, cwd: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new GazetteError('project', `${target} cannot be read: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  if (entries.length > 0) {
    const shown = path.relative(cwd, target) || '.';
    throw new GazetteError(
      'project',
      `${shown}/ is not empty (it holds ${entries.length === 1 ? entries[0] : `${entries.length} files and folders`}), and gazette init never writes over anything. Name a new folder, such as ${gazetteCommand('init', 'my-archive')}.`,
    );
  }
}

/** The address given, checked as site.json checks it; undefined for a placeholder. */
function readUrl(value: string | undefined): string | undefined {
  const url = blankToUndefined(value);
  if (url === undefined) return undefined;
  const problem = deploySettingProblem('url', url);
  if (problem !== null) {
    throw new GazetteError(
      'config',
      `The address "${url}" ${problem}: give it as https://archive.example.org, or leave it out for a placeholder to fill in later.`,
    );
  }
  return url.replace(/\/+$/, '');
}

async function askFor(ask: Ask | null, question: string): Promise<string | undefined> {
  return ask === null ? undefined : ask(question);
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Questions on the terminal, or null when standard input is not one (a script, CI). */
function terminalAsk(): Ask | null {
  if (process.stdin.isTTY !== true) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return (await rl.question(question)).trim();
    } finally {
      rl.close();
    }
  };
}

/** What to do next, with commands that work as written. */
function nextSteps(shown: string, project: InitProject): string {
  const left = [
    project.title === undefined ? 'title' : null,
    project.url === undefined ? 'url' : null,
  ].filter((field) => field !== null);
  const placeholders =
    left.length === 0
      ? ''
      : `site.json's ${left.join(' and ')} hold placeholders: set them before the first deploy (\`${gazetteCommand('check')}\` names them).\n`;
  return [
    `Created a Gazette archive in ${shown}/.`,
    placeholders.trimEnd(),
    'Next:',
    `  cd ${shown}`,
    '  npm install',
    '  npm start',
    `Then read ${shown}/README.md: what to change before the first deploy.`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
