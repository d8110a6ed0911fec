// `node --import tsx bench/split-index.ts <built site> [--runners N]`: the search half of a
// build split across CI runners, played out on this machine. The built site's shards
// (pagefind/shards.json) are dealt out to N runners, by pages; each runner gets a folder
// holding only its shards' release pages, as a runner that rendered only its part would have,
// and indexes them with Gazette's own shard children (src/search/shard-child.ts), one per
// core, as `gazette build` does. The runners' bundles are then put into one pagefind/ with
// one shards.json and compared, file by file, with the index the whole build wrote. The same
// indexing of every shard in one folder is timed beside them. For docs/performance.md.
import { cp, link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEARCH_FOLDER, SHARDS_FILE, splitByPages, type Shard } from '../src/search/index-site.ts';
import { hashTree } from '../tests/build/site-output.ts';
import { runSteps, type CommandRun } from './processes.ts';

const SHARD_CHILD = path.resolve(import.meta.dirname, '../src/search/shard-child-entry.mjs');
const RELEASE_FILE = /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/;

/** One runner's part: its shards, and the folder holding their pages and, once indexed, their bundles. */
export interface RunnerPart {
  readonly shards: readonly Shard[];
  readonly folder: string;
  readonly staging: string;
}

/** The shards the whole build wrote, newest first, with the release pages each holds. */
export async function builtShards(site: string): Promise<Shard[]> {
  const listed = JSON.parse(await readFile(path.join(site, SEARCH_FOLDER, SHARDS_FILE), 'utf8'));
  const names = (listed as { shards: string[] }).shards;
  const pages = (await readdir(site, { recursive: true }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => RELEASE_FILE.test(file))
    .sort();
  // A shard is a year (`2024`) or a month (`2025-03`): its pages' paths start with it.
  return names.map((name) => {
    const prefix = `${name.replace('-', '/')}/`;
    return { name, files: pages.filter((page) => page.startsWith(prefix)), list: '' };
  });
}

/**
 * Deals the shards out to `runners` parts of about as many pages each, and gives
 * each part a folder under `dir` with hard links to its shards' pages alone.
 */
export async function makeParts(
  site: string,
  shards: readonly Shard[],
  runners: number,
  dir: string,
): Promise<RunnerPart[]> {
  const parts: RunnerPart[] = [];
  for (const [i, group] of splitByPages(shards, runners).entries()) {
    const folder = path.join(dir, `runner-${i + 1}`, 'site');
    for (const page of group.flatMap((shard) => shard.files)) {
      await mkdir(path.join(folder, path.dirname(page)), { recursive: true });
      await link(path.join(site, page), path.join(folder, page));
    }
    parts.push({ shards: group, folder, staging: path.join(dir, `runner-${i + 1}`, 'staging') });
  }
  return parts;
}

/** Indexes one part's shards as a build does: a shard child per core, each with about as many pages. */
export async function indexPart(part: RunnerPart, cores: number): Promise<CommandRun> {
  const groups = splitByPages(part.shards, cores);
  const runs = await Promise.all(
    groups.map((group) =>
      runSteps([
        {
          command: process.execPath,
          args: [SHARD_CHILD, part.folder, part.staging],
          cwd: part.folder,
          input: JSON.stringify(group),
        },
      ]),
    ),
  );
  return together(runs);
}

/** The parts' bundles in one `<output>/pagefind/`, with the shards listed newest first. */
export async function mergeParts(parts: readonly RunnerPart[], output: string): Promise<void> {
  const folder = path.join(output, SEARCH_FOLDER);
  const names: string[] = [];
  for (const part of parts) {
    for (const shard of part.shards) {
      await cp(path.join(part.staging, shard.name), path.join(folder, shard.name), {
        recursive: true,
      });
      names.push(shard.name);
    }
  }
  names.sort((a, b) => (a < b ? 1 : -1));
  await writeFile(path.join(folder, SHARDS_FILE), `${JSON.stringify({ shards: names })}\n`);
}

/** Files of two folders compared by content: the same, different, or in one only. */
export async function compareFolders(a: string, b: string) {
  const [left, right] = await Promise.all([hashTree(a), hashTree(b)]);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  const differ = names.filter((n) => left.has(n) && right.has(n) && left.get(n) !== right.get(n));
  return {
    same: names.filter((n) => left.get(n) !== undefined && left.get(n) === right.get(n)).length,
    differ,
    onlyFirst: names.filter((n) => !right.has(n)),
    onlySecond: names.filter((n) => !left.has(n)),
  };
}

/**
 * Runs that went on side by side as one: the longest time and the highest peaks. No CPU
 * time: each run's counts the others' children that ended meanwhile, and Pagefind's
 * binary, stopped by its node child, is not always waited for.
 */
function together(runs: readonly CommandRun[]): CommandRun {
  const failed = runs.find((r) => !r.ok);
  const peaks = new Map<string, number>();
  for (const peak of runs.flatMap((r) => r.peaks))
    peaks.set(peak.name, Math.max(peaks.get(peak.name) ?? 0, peak.mb));
  return {
    ok: failed === undefined,
    ms: Math.max(...runs.map((r) => r.ms)),
    cpuMs: null,
    peaks: [...peaks].map(([name, mb]) => ({ name, mb })).sort((x, y) => y.mb - x.mb),
    stdout: runs.flatMap((r) => r.stdout),
    ...(failed?.failure !== undefined && { failure: failed.failure }),
  };
}

function describe(label: string, part: RunnerPart, run: CommandRun): string {
  const pages = part.shards.reduce((sum, s) => sum + s.files.length, 0);
  const peaks = run.peaks.map((p) => `${p.name} ${Math.round(p.mb)} MB`).join(', ');
  return `${label}: ${part.shards.length} shards, ${pages} pages, ${(run.ms / 1000).toFixed(1)} s; peaks ${peaks}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runners: { type: 'string', default: '2' } },
  });
  const site = positionals[0];
  const runners = Number(values.runners);
  if (site === undefined || !Number.isInteger(runners) || runners < 1) {
    throw new Error('usage: bench/split-index.ts <built site> [--runners N]');
  }
  const cores = availableParallelism();
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-split-'));
  try {
    const shards = await builtShards(site);
    const parts = await makeParts(site, shards, runners, dir);
    // One after another: each runner would have a machine of its own.
    for (const [i, part] of parts.entries()) {
      const run = await indexPart(part, cores);
      if (!run.ok) throw new Error(`runner ${i + 1} failed: ${run.failure}`);
      console.log(describe(`runner ${i + 1} of ${runners}`, part, run));
    }
    const merged = path.join(dir, 'merged');
    await mergeParts(parts, merged);
    const compared = await compareFolders(
      path.join(merged, SEARCH_FOLDER),
      path.join(site, SEARCH_FOLDER),
    );
    console.log(
      `merged: ${compared.same} files the same as the whole build's index, ${compared.differ.length} different, ${compared.onlyFirst.length} only in the merge, ${compared.onlySecond.length} only in the whole build's`,
    );
    const [whole] = await makeParts(site, shards, 1, path.join(dir, 'whole'));
    if (whole === undefined) throw new Error('no shards');
    const run = await indexPart(whole, cores);
    if (!run.ok) throw new Error(`the whole index failed: ${run.failure}`);
    console.log(describe('one machine, every shard', whole, run));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) await main();
