// The commands a publisher runs, timed from process start to exit in fresh
// processes, search index included: `npm run build` (node bin/gazette.mjs
// build) cold, after an edit and after an addition, a scheduled deploy (a
// day's releases built in a fresh copy of the project with the last build's
// caches and site restored), and beside it the peers building the same corpus
// from nothing (bench/peers/peer-builds.ts).
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EDIT_SENTENCE } from './corpus.ts';
import { PEERS, runPeer, type PeerTiming, type PeerTools } from './peers/peer-builds.ts';
import { runSteps, type CommandRun } from './processes.ts';
import { DAY_OF_RELEASES, writeCorpusFile, writeFiles, type BenchProjects } from './projects.ts';
import { coldReference } from './scenarios.ts';
import { compareTrees, describeDifference, hashTree } from './tree-hash.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/gazette.mjs');
// Off a terminal, `gazette build` logs this once the pages are on disk, before search indexing.
const PAGES_WRITTEN = 'Pages written; indexing for search…';

/** The `npm run build` runs measured, in the order a round performs them. */
export const COMMANDS = [
  { name: 'cold', label: 'cold' },
  { name: 'edited', label: 'after editing one release' },
  { name: 'added', label: 'after adding one release' },
  { name: 'unchanged', label: 'nothing changed' },
  {
    name: 'deployed',
    label: `deploy: ${DAY_OF_RELEASES} new releases, caches and _site restored into a fresh copy`,
  },
] as const;

/** A command's name. */
export type CommandName = (typeof COMMANDS)[number]['name'];

/** How long one `gazette build` took from spawn. */
export interface CommandTiming {
  readonly name: CommandName;
  /** From spawn to exit, with the peak RSS of each process. */
  readonly run: CommandRun;
  /** Until the pages were on disk: the log line before indexing, or the exit when nothing was indexed. */
  readonly pagesMs: number;
  /** Pages the build updated, from its summary. */
  readonly rendered: number;
  /** With `--verify`, how its pages compare with a cold build's; else null. */
  readonly verdict: string | null;
}

/** One round: every command once, Gazette's and the peers' interleaved. */
export interface Round {
  readonly gazette: readonly CommandTiming[];
  readonly peers: readonly PeerTiming[];
}

/**
 * Runs one round: Gazette cold, then each peer from nothing, then Gazette
 * after an edit, after an addition and with nothing changed, each in fresh
 * processes. The content is put back as the corpus wrote it. A Gazette build
 * that fails throws: the runs after it would fail the same way.
 */
export async function runRound(
  projects: BenchProjects,
  tools: PeerTools,
  { verify, peers: withPeers }: { readonly verify: boolean; readonly peers: boolean },
  log: (line: string) => void,
): Promise<Round> {
  const root = projects.gazette;
  const content = path.join(root, 'content');
  // Not the file the scenarios edit, so that every edit here changes a page.
  const edited = path.join(content, projects.files[Math.floor(projects.files.length / 3)] ?? '');
  const original = await readFile(edited);
  const extra = projects.additions[1];
  const deployed = `${root}-deployed`;
  const gazette: CommandTiming[] = [];
  const peers: PeerTiming[] = [];
  // Releases each build must publish: a build that published fewer (releases dated
  // after today are embargoed) would be timed on a smaller archive than reported.
  const corpus = projects.files.length;
  const publishes: Record<CommandName, number> = {
    cold: corpus,
    edited: corpus,
    added: corpus + 1,
    unchanged: corpus + 1,
    deployed: corpus + 1 + projects.day.length,
  };
  const timed = async (name: CommandName, change: () => Promise<void>, where = root) => {
    await change();
    const timing = await timeBuild(where);
    if (timing.releases !== publishes[name]) {
      throw new Error(
        `gazette build (${name}) published ${timing.releases} releases, not ${publishes[name]}: see its warnings`,
      );
    }
    // The deploy's copy is checked by tests/build/restored-cache.test.ts instead.
    const verdict = verify && where === root ? await comparePages(projects) : null;
    gazette.push({ name, ...timing, verdict });
    const label = COMMANDS.find((c) => c.name === name)?.label ?? name;
    log(
      `npm run build, ${label}: ${seconds(timing.run.ms)} (pages on disk ${seconds(timing.pagesMs)}), ${timing.rendered} pages updated, ${describePeaks(timing.run)}${verdict === null ? '' : `, ${verdict}`}`,
    );
  };
  try {
    await timed('cold', async () => {
      await rm(path.join(root, '_site'), { recursive: true, force: true });
      await rm(path.join(root, '.cache'), { recursive: true, force: true });
    });
    for (const peer of withPeers ? PEERS : []) {
      if (peer.needs === 'hugo' && tools.hugo === null) continue;
      const timing = await runPeer(peer.name, projects, tools);
      peers.push(timing);
      log(
        `${peer.label}: ${seconds(timing.run.ms)}, ${timing.pages} pages, ${describePeaks(timing.run)}${timing.run.ok ? '' : `; failed: ${timing.run.failure}`}`,
      );
    }
    await timed('edited', () => appendFile(edited, EDIT_SENTENCE));
    await timed('added', () => writeCorpusFile(content, extra));
    await timed('unchanged', async () => {});
    // As a CI runner restores them: the project checked out afresh (new file times),
    // then .cache/gazette and _site/ put back, then the day's scrape imported.
    await timed(
      'deployed',
      async () => {
        await cp(root, deployed, { recursive: true });
        await writeFiles(path.join(deployed, 'content'), projects.day);
      },
      deployed,
    );
  } finally {
    await writeFile(edited, original);
    await rm(path.join(content, extra.path), { force: true });
    await rm(deployed, { recursive: true, force: true });
  }
  return { gazette, peers };
}

/** How the Gazette project's pages compare with a cold build of its content (search index aside). */
async function comparePages(projects: BenchProjects): Promise<string> {
  const built = await hashTree(path.join(projects.gazette, '_site'));
  const pages = new Map([...built].filter(([file]) => !file.startsWith('pagefind/')));
  return describeDifference(compareTrees(pages, await coldReference(projects)));
}

/** Runs `node bin/gazette.mjs build` off a terminal and times it from spawn; throws if it fails. */
async function timeBuild(
  root: string,
): Promise<Omit<CommandTiming, 'name' | 'verdict'> & { releases: number }> {
  const started = performance.now();
  let pagesMs: number | null = null;
  const run = await runSteps([
    {
      command: process.execPath,
      args: [BIN, 'build'],
      cwd: root,
      env: { ...process.env, CI: 'true' },
      onStderr: (stderr) => {
        if (pagesMs === null && stderr.includes(PAGES_WRITTEN)) {
          pagesMs = performance.now() - started;
        }
      },
    },
  ]);
  if (!run.ok) throw new Error(`gazette build failed: ${run.failure}`);
  // `updated 25 of 449 pages` after a change; `(449 pages)` from a cold build.
  const summary = /updated (\d+) of|\((\d+) pages\)/.exec(run.stdout[0] ?? '');
  const rendered = Number(summary?.[1] ?? summary?.[2] ?? NaN);
  const releases = Number(/^Built (\d+) releases/.exec(run.stdout[0] ?? '')?.[1] ?? NaN);
  return { run, pagesMs: pagesMs ?? run.ms, rendered, releases };
}

/** `node 796 MB, pagefind 412 MB`. */
export function describePeaks(run: CommandRun): string {
  if (run.peaks.length === 0) return 'peak RSS not sampled';
  return run.peaks.map((p) => `${p.name} ${Math.round(p.mb)} MB`).join(', ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
