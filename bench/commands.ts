// The `gazette build` command as a person runs it, timed from process start
// in a fresh process, search index included.
import { spawn } from 'node:child_process';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EDIT_SENTENCE } from './corpus.ts';
import { writeCorpusFile, type BenchProjects } from './projects.ts';
import { coldReference } from './scenarios.ts';
import { compareTrees, describeDifference, hashTree } from './tree-hash.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/gazette.mjs');
// Off a terminal, `gazette build` logs this once the pages are on disk, before search indexing.
const PAGES_WRITTEN = 'Pages written; indexing for search…';

/** The command-line builds measured, in the order one run performs them. */
export const COMMANDS = [
  { name: 'unchanged', label: 'nothing changed' },
  { name: 'edited', label: 'one body edited' },
  { name: 'added', label: 'one release added' },
] as const;

/** A command's name. */
export type CommandName = (typeof COMMANDS)[number]['name'];

/** How long one `gazette build` took from spawn. */
export interface CommandTiming {
  readonly name: CommandName;
  /** Until the pages were on disk: the log line before indexing, or the exit when nothing was indexed. */
  readonly pagesMs: number;
  /** Until the process exited, search index included. */
  readonly exitMs: number;
  /** Pages the build updated, from its summary. */
  readonly rendered: number;
  /** With `--verify`, how its pages compare with a cold build's; else null. */
  readonly verdict: string | null;
}

/**
 * Times `gazette build` on the Gazette project with nothing changed, after an
 * edit and after an addition, each in a fresh process. The first follows an
 * untimed build that brings the site up to date, and the content is put back
 * as the corpus wrote it.
 */
export async function runCommands(
  projects: BenchProjects,
  verify: boolean,
): Promise<CommandTiming[]> {
  const root = projects.gazette;
  const content = path.join(root, 'content');
  // Not the file the scenarios edit, so that every edit here changes a page.
  const edited = path.join(content, projects.files[Math.floor(projects.files.length / 3)] ?? '');
  const original = await readFile(edited);
  const extra = projects.additions[1];
  const timings: CommandTiming[] = [];
  const timed = async (name: CommandName, change: () => Promise<void>) => {
    await change();
    const timing = await timeBuild(root);
    timings.push({ name, ...timing, verdict: verify ? await comparePages(projects) : null });
  };
  try {
    await gazette(root, ['build']);
    await timed('unchanged', async () => {});
    await timed('edited', () => appendFile(edited, EDIT_SENTENCE));
    await timed('added', () => writeCorpusFile(content, extra));
  } finally {
    await writeFile(edited, original);
    await rm(path.join(content, extra.path), { force: true });
    await gazette(root, ['build']);
  }
  return timings;
}

/** How the Gazette project's pages compare with a cold build of its content (search index aside). */
async function comparePages(projects: BenchProjects): Promise<string> {
  const built = await hashTree(path.join(projects.gazette, '_site'));
  const pages = new Map([...built].filter(([file]) => !file.startsWith('pagefind/')));
  return describeDifference(compareTrees(pages, await coldReference(projects)));
}

/** Runs `gazette build` off a terminal and times it from spawn. */
async function timeBuild(root: string): Promise<Omit<CommandTiming, 'name' | 'verdict'>> {
  const started = performance.now();
  let pagesMs: number | null = null;
  const { stdout } = await gazette(root, ['build'], (stderr) => {
    if (pagesMs === null && stderr.includes(PAGES_WRITTEN)) pagesMs = performance.now() - started;
  });
  const exitMs = performance.now() - started;
  const rendered = Number(/updated (\d+) of/.exec(stdout)?.[1] ?? NaN);
  return { pagesMs: pagesMs ?? exitMs, exitMs, rendered };
}

/**
 * Runs a gazette command off a terminal, telling `onStderr` all of stderr so
 * far as it grows; fails loudly if the command fails.
 */
function gazette(
  root: string,
  args: readonly string[],
  onStderr: (stderr: string) => void = () => undefined,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => onStderr((stderr += chunk)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ stdout, stderr })
        : reject(new Error(`gazette ${args.join(' ')} exited ${code}:\n${stdout}${stderr}`)),
    );
  });
}
