import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EDIT_SENTENCE } from './corpus.ts';
import { measureChild, type Measurement } from './measure.ts';
import { writeCorpusFile, type BenchProjects } from './projects.ts';
import { checkReleasePages, type PageCheck } from './release-pages.ts';
import { compareTrees, describeDifference, hashTree, type TreeHash } from './tree-hash.ts';

/** The Gazette builds measured, in the order one run performs them. */
export const SCENARIOS = [
  { name: 'cold', label: '(a) cold build' },
  { name: 'unchanged', label: '(b) rebuild, nothing changed' },
  { name: 'edited', label: '(c) rebuild, one body edited' },
  { name: 'added', label: '(d) rebuild, one release added' },
] as const;

/** A scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number]['name'];

/** One scenario's build, and with `--verify` how its output compares to a cold build's. */
export interface ScenarioResult {
  readonly name: ScenarioName;
  readonly measurement: Measurement;
  readonly verdict: string | null;
  /** The `.html` files written, for the cold build only. */
  readonly htmlFiles: readonly string[] | null;
  /** For the realistic archive's cold build: whether every release got exactly one page. */
  readonly pageCheck: PageCheck | null;
}

/**
 * Runs the four scenarios once on the Gazette project, each in a fresh child
 * process, then puts the content back as the corpus wrote it. A build that
 * fails ends the run: the scenarios after it would only fail the same way.
 */
export async function runScenarios(
  projects: BenchProjects,
  verify: boolean,
): Promise<ScenarioResult[]> {
  const content = path.join(projects.gazette, 'content');
  const edited = path.join(content, projects.files[Math.floor(projects.files.length / 2)] ?? '');
  const original = await readFile(edited);
  const extra = projects.additions[0];
  const prepare: Record<ScenarioName, () => Promise<void>> = {
    cold: () => clearBuild(projects.gazette),
    unchanged: async () => {},
    edited: () => appendFile(edited, EDIT_SENTENCE),
    added: () => writeCorpusFile(content, extra),
  };
  const results: ScenarioResult[] = [];
  let expected: TreeHash | null = null;
  try {
    for (const { name } of SCENARIOS) {
      await prepare[name]();
      const measurement = await measureChild('child-build.ts', [projects.gazette]);
      if (!measurement.ok) {
        results.push({ name, measurement, verdict: null, htmlFiles: null, pageCheck: null });
        break;
      }
      const output = path.join(projects.gazette, '_site');
      const htmlFiles = name === 'cold' ? await listHtml(output) : null;
      const pageCheck =
        name === 'cold' && projects.real !== null
          ? await checkReleasePages(output, projects.real.releases)
          : null;
      let verdict: string | null = null;
      if (verify) {
        if (name !== 'unchanged' || expected === null) expected = await coldReference(projects);
        verdict = describeDifference(compareTrees(await hashTree(output), expected));
      }
      results.push({ name, measurement, verdict, htmlFiles, pageCheck });
    }
  } finally {
    await writeFile(edited, original);
    await rm(path.join(content, extra.path), { force: true });
  }
  return results;
}

/** Builds the baseline once from nothing, in a fresh child process. */
export async function runBaseline(baseline: string, output: string): Promise<Measurement> {
  await rm(output, { recursive: true, force: true });
  return measureChild('child-baseline.ts', [baseline, output]);
}

/** Every `.html` file under `dir`, as sorted `/`-separated relative paths. */
export async function listHtml(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

/** Removes a project's output and build cache, so its next build starts cold. */
async function clearBuild(project: string): Promise<void> {
  await rm(path.join(project, '_site'), { recursive: true, force: true });
  await rm(path.join(project, '.cache'), { recursive: true, force: true });
}

/** Cold-builds a copy of the Gazette project's current content and hashes the output. */
export async function coldReference(projects: BenchProjects): Promise<TreeHash> {
  const content = path.join(projects.reference, 'content');
  await clearBuild(projects.reference);
  await rm(content, { recursive: true, force: true });
  await cp(path.join(projects.gazette, 'content'), content, { recursive: true });
  await measureChild('child-build.ts', [projects.reference]);
  return hashTree(path.join(projects.reference, '_site'));
}
