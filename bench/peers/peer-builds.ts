// The peers' builds of the bench corpus, each as one command line a user
// runs, from nothing: `eleventy && pagefind --site _site`, `hugo && pagefind
// --site public`, and `hugo` alone.
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { runSteps, type CommandRun, type Step } from '../processes.ts';
import type { BenchProjects } from '../projects.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'node_modules/.bin');

/** The peers, in the order a round runs them. */
export const PEERS = [
  { name: 'eleventy-pagefind', label: 'Eleventy 3 + markdown-it, then Pagefind', needs: null },
  { name: 'hugo-pagefind', label: 'Hugo, then Pagefind', needs: 'hugo' },
  { name: 'hugo', label: 'Hugo alone', needs: 'hugo' },
] as const;

/** A peer's name. */
export type PeerName = (typeof PEERS)[number]['name'];

/** One peer's build from nothing, in one round. */
export interface PeerTiming {
  readonly name: PeerName;
  readonly run: CommandRun;
  /** `.html` files in its output. */
  readonly pages: number;
}

/** The tools found on this machine: Hugo may be missing. */
export interface PeerTools {
  /** The hugo executable and its version line, or null when there is none. */
  readonly hugo: { readonly command: string; readonly version: string } | null;
}

/** Finds Hugo: `$HUGO`, else `hugo` on the PATH (Debian's is /usr/bin/hugo). */
export async function findTools(): Promise<PeerTools> {
  const command = process.env.HUGO ?? 'hugo';
  try {
    const { stdout } = await promisify(execFile)(command, ['version'], { encoding: 'utf8' });
    return { hugo: { command, version: stdout.trim() } };
  } catch {
    return { hugo: null };
  }
}

/** Builds the corpus with one peer from nothing (its output deleted first) and times it. */
export async function runPeer(
  name: PeerName,
  projects: BenchProjects,
  tools: PeerTools,
): Promise<PeerTiming> {
  const eleventySite = projects.baselineOutput;
  const hugoSite = path.join(projects.hugo, 'public');
  const pagefind = (site: string, cwd: string): Step => ({
    command: path.join(BIN, 'pagefind'),
    args: ['--site', site],
    cwd,
  });
  const hugo = (): Step => {
    if (tools.hugo === null) throw new Error('Hugo is not installed');
    return { command: tools.hugo.command, args: ['--quiet'], cwd: projects.hugo };
  };
  const plans: Record<PeerName, { site: string; steps: () => Step[] }> = {
    'eleventy-pagefind': {
      site: eleventySite,
      steps: () => [
        {
          command: path.join(BIN, 'eleventy'),
          args: ['--quiet', `--output=${eleventySite}`],
          cwd: projects.baseline,
        },
        pagefind(eleventySite, projects.baseline),
      ],
    },
    'hugo-pagefind': {
      site: hugoSite,
      steps: () => [hugo(), pagefind(hugoSite, projects.hugo)],
    },
    hugo: { site: hugoSite, steps: () => [hugo()] },
  };
  const plan = plans[name];
  await rm(plan.site, { recursive: true, force: true });
  const run = await runSteps(plan.steps());
  return { name, run, pages: run.ok ? await countHtml(plan.site) : 0 };
}

async function countHtml(dir: string): Promise<number> {
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  return names.filter((name) => name.endsWith('.html')).length;
}
