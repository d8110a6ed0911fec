import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

/**
 * Command examples: every ```console block of the docs whose lines start with
 * `$ ` is run in a fresh copy of the bundled project, and what it printed
 * becomes the block. `npm run docs` writes the blocks; tests/docs/examples.test.ts
 * runs them again and fails when one no longer matches.
 */

const repo = path.resolve(import.meta.dirname, '../..');
/** Scraped folders (beside the project) and overlays of the project, for the examples. */
const FIXTURES = path.join(repo, 'tests/fixtures/docs');
const PROJECT_FILES = ['site.json', 'areas.yaml', 'content', 'templates'];

/** One console block: where it is, which overlay it runs with, and its commands. */
export interface Example {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The folder of tests/fixtures/docs/projects/ copied over the project, or null. */
  readonly project: string | null;
  readonly commands: readonly string[];
  /** The block's text between its fences, as written. */
  readonly text: string;
}

// `<!-- example project: drafts -->` on the line before a block names its overlay.
const OVERLAY = /^<!-- example project: ([a-z0-9-]+) -->$/;

/** The examples of one Markdown file, in order. */
export function findExamples(file: string, markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const end = lines.indexOf('```', i + 1);
    if (end === -1) throw new Error(`${file}:${i + 1}: the console block is never closed`);
    const body = lines.slice(i + 1, end);
    const commands = body.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
    const before = lines.slice(0, i).findLast((l) => l.trim() !== '') ?? '';
    if (commands.length > 0) {
      const project = OVERLAY.exec(before)?.[1] ?? null;
      examples.push({ file, line: i + 1, project, commands, text: body.join('\n') });
    }
    i = end;
  }
  return examples;
}

/** Runs an example's commands in a fresh project and returns the block as they print it. */
export async function runExample(example: Example): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-docs-'));
  try {
    const project = path.join(dir, 'news');
    for (const name of PROJECT_FILES) {
      await cp(path.join(repo, name), path.join(project, name), { recursive: true });
    }
    for (const entry of await readdir(FIXTURES, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'projects') {
        await cp(path.join(FIXTURES, entry.name), path.join(dir, entry.name), { recursive: true });
      }
    }
    if (example.project !== null) {
      await cp(path.join(FIXTURES, 'projects', example.project), project, { recursive: true });
    }
    const lines: string[] = [];
    for (const command of example.commands) {
      lines.push(`$ ${command}`, ...(await runCommand(command, project)));
    }
    // Where the project happens to be, and the build's process id, shown as a reader's would be.
    return lines
      .join('\n')
      .replaceAll(dir, '/home/me')
      .replace(/\.tmp-\d+/g, '.tmp-4242');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every ```console example replaced by what its commands print now. */
export function fillExamples(
  markdown: string,
  examples: readonly Example[],
  outputs: readonly string[],
): string {
  const lines = markdown.split('\n');
  // From the last block up, so earlier line numbers stay true.
  for (let k = examples.length - 1; k >= 0; k--) {
    const example = examples[k];
    if (example === undefined) continue;
    const count = example.text.split('\n').length;
    lines.splice(example.line, count, ...(outputs[k] ?? '').split('\n'));
  }
  return lines.join('\n');
}

/** What may differ between two runs of one example: only the timings (`in 0.74 s`). */
export function normaliseOutput(text: string): string {
  return text.replace(/\b\d+\.\d\d s\b/g, '0.00 s');
}

// Off a terminal, a build logs these as it goes; on one they are a line that
// rewrites itself and is gone when the summary is printed, so a reader sees none.
const PROGRESS =
  /^(Loading \d+ files?…|Rendering \d+ pages?…|Pages written; indexing for search…)$/;

/**
 * Runs `npx gazette …` in this process, as the CLI tests do (spawning a
 * Gazette per command would cost a second each), and returns its lines,
 * stdout and stderr in the order they were written. `NAME=value` before
 * the command sets its environment.
 */
async function runCommand(command: string, cwd: string): Promise<string[]> {
  const words = splitWords(command);
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GAZETTE_') && name !== 'CI'),
  );
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name = '', ...value] = (words.shift() ?? '').split('=');
    env[name] = value.join('=');
  }
  if (words[0] !== 'npx' || words[1] !== 'gazette') {
    throw new Error(`examples run only "npx gazette …", not: ${command}`);
  }
  let printed = '';
  const write = (text: string) => void (printed += text);
  const io = { out: write, err: write, cwd, env, isTTY: false, now: () => Date.now() };
  // Eleventy names templates relative to the working folder, as it would be in a shell.
  const before = process.cwd();
  process.chdir(cwd);
  try {
    await main(words.slice(2), io);
  } finally {
    process.chdir(before);
  }
  const output = printed.trimEnd();
  return output === '' ? [] : output.split('\n').filter((line) => !PROGRESS.test(line));
}

/** Splits a command line into words as a shell would, for plain words and quoted ones only. */
function splitWords(command: string): string[] {
  if (/[|&;<>`$()]/.test(command.replace(/"[^"]*"|'[^']*'/g, ''))) {
    throw new Error(`examples take no pipes, redirections or substitutions: ${command}`);
  }
  return [...command.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)].map(([word]) =>
    word.replace(
      /"([^"]*)"|'([^']*)'/g,
      (_, double?: string, single?: string) => double ?? single ?? '',
    ),
  );
}
