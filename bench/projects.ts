import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus.ts';

/** The temporary folders one bench run works in. */
export interface BenchProjects {
  /** The temporary folder holding everything below. */
  readonly dir: string;
  /** Gazette project: templates/, site.json, content/ (house format). */
  readonly gazette: string;
  /** A second Gazette project that `--verify` cold-builds from a copy of content/. */
  readonly reference: string;
  /** Stock Eleventy project: bench/baseline/ plus content/ (conventional front matter). */
  readonly baseline: string;
  /** Where the baseline writes its site, outside its input folder. */
  readonly baselineOutput: string;
  readonly releases: number;
  /** House files relative to `gazette/content`, in corpus order. */
  readonly files: readonly string[];
}

const REPO = path.resolve(import.meta.dirname, '..');

/**
 * Creates the Gazette, reference and baseline projects in a new temporary
 * folder and writes the same corpus into Gazette's and the baseline's content.
 */
export async function createProjects(releases: number): Promise<BenchProjects> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-bench-'));
  const gazette = path.join(dir, 'gazette');
  const reference = path.join(dir, 'reference');
  const baseline = path.join(dir, 'baseline');
  for (const project of [gazette, reference]) await setUpGazette(project);
  await cp(path.join(REPO, 'bench/baseline'), baseline, { recursive: true });
  // The same stylesheet as Gazette's, copied through by both builds.
  await cp(path.join(REPO, 'templates/assets'), path.join(baseline, 'assets'), { recursive: true });
  const targets = {
    house: path.join(gazette, 'content'),
    eleventy: path.join(baseline, 'content'),
  };
  const files = await writeCorpus(targets, releases);
  const baselineOutput = path.join(dir, 'baseline-site');
  return { dir, gazette, reference, baseline, baselineOutput, releases, files };
}

async function setUpGazette(project: string): Promise<void> {
  await mkdir(project, { recursive: true });
  await cp(path.join(REPO, 'templates'), path.join(project, 'templates'), { recursive: true });
  const site: unknown = JSON.parse(await readFile(path.join(REPO, 'site.json'), 'utf8'));
  const settings = { ...(site as object), contentDir: 'content' };
  await writeFile(path.join(project, 'site.json'), JSON.stringify(settings));
}
