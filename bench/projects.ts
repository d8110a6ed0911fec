import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extraRelease, houseFile, writeCorpus, type CorpusFile } from './corpus.ts';
import { writePeerContent } from './peers/peer-content.ts';
import { generateRealArchive, type RealRelease } from './real-archive/generate.ts';
import { AREA_REGISTRY_FILE } from '../src/model/project-paths.ts';

/** The corpora the bench can build: the synthetic one, or the realistic archive. */
export type CorpusName = 'synthetic' | 'real';

/** The temporary folders one bench run works in. */
export interface BenchProjects {
  readonly corpus: CorpusName;
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
  /** Hugo project: bench/hugo/ plus content/releases/; it writes its site to public/. */
  readonly hugo: string;
  readonly releases: number;
  /** House files relative to `gazette/content`, in corpus order. */
  readonly files: readonly string[];
  /** Two releases not in the corpus: the one the scenarios add, and the one the commands add. */
  readonly additions: readonly [CorpusFile, CorpusFile];
  /** A day's scrape: DAY_OF_RELEASES more releases not in the corpus, for the deploy from restored caches. */
  readonly day: readonly CorpusFile[];
  /** The realistic archive's releases as generated, for checking the pages; null for the synthetic corpus. */
  readonly real: RealCorpus | null;
}

/** What the bench knows about a realistic archive it wrote. */
export interface RealCorpus {
  readonly days: number;
  readonly areas: number;
  readonly releases: readonly RealRelease[];
}

const REPO = path.resolve(import.meta.dirname, '..');

/** New releases a scheduled deploy brings: about a day of the whole UK's. */
export const DAY_OF_RELEASES = 200;

/**
 * Creates the Gazette, reference and baseline projects in a new temporary
 * folder and writes the same corpus into Gazette's and the baseline's content.
 */
export async function createProjects(releases: number): Promise<BenchProjects> {
  const { dir, gazette, reference, baseline, hugo } = await allProjects();
  const targets = {
    house: path.join(gazette, 'content'),
    eleventy: path.join(baseline, 'content'),
    hugo: path.join(hugo, 'content'),
  };
  const files = await writeCorpus(targets, releases);
  const baselineOutput = path.join(dir, 'baseline-site');
  const additions = [
    houseFile(extraRelease(releases)),
    houseFile(extraRelease(releases + 1)),
  ] as const;
  // The synthetic corpus dates releases at random, so its day's releases fall across the years.
  const day = Array.from({ length: DAY_OF_RELEASES }, (_, i) =>
    houseFile(extraRelease(releases + 2 + i)),
  );
  const corpus = 'synthetic';
  return {
    corpus,
    dir,
    gazette,
    reference,
    baseline,
    baselineOutput,
    hugo,
    releases,
    files,
    additions,
    day,
    real: null,
  };
}

// Releases a day in the realistic archive: 2,000 make a busy month.
const REAL_PER_DAY = 2000 / 30;
// The realistic archive starts on Monday 3 March 2025, unless that would run it past
// this day: a release dated after the build's clock is embargoed, not published, so an
// archive reaching into the future would publish only its past (100,000 releases at a
// busy month's rate take 1,500 days). A larger one starts that many days earlier.
const LAST_DAY = Date.parse('2026-06-30T00:00:00Z');
const DAY_MS = 86_400_000;

/** The first day of an archive of `days` days: 3 March 2025, or the Monday early enough to end by LAST_DAY. */
export function realStartDate(days: number): string {
  const start = Math.min(Date.parse('2025-03-03T00:00:00Z'), LAST_DAY - days * DAY_MS);
  // Back to a Monday (getUTCDay: 0 is Sunday), as the default start is.
  const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * Creates the Gazette and reference projects with the realistic archive
 * (bench/real-archive/): `releases` spread at a busy month's rate, and an
 * areas.yaml naming each force's spellings; the peers get the same releases tidied.
 */
export async function createRealProjects(releases: number): Promise<BenchProjects> {
  const { dir, gazette, reference, baseline, hugo } = await allProjects();
  const days = Math.max(1, Math.round(releases / REAL_PER_DAY));
  // More than asked, so that the additions and the day's releases are of the same
  // archive: the generator writes day after day, so these are its newest.
  const archive = generateRealArchive({
    releases: releases + 2 + DAY_OF_RELEASES,
    days,
    startDate: realStartDate(days),
  });
  const kept = archive.files.slice(0, releases);
  const content = path.join(gazette, 'content');
  await writeFiles(content, kept);
  const peers = { eleventy: path.join(baseline, 'content'), hugo: path.join(hugo, 'content') };
  await writePeerContent(
    peers,
    kept.map((f) => f.peer),
  );
  for (const project of [gazette, reference]) {
    await writeFile(path.join(project, AREA_REGISTRY_FILE), archive.registry);
  }
  const [first, second, ...day] = archive.files.slice(releases);
  if (first === undefined || second === undefined) throw new Error('the archive is two short');
  const real = {
    days,
    areas: new Set(kept.map((f) => f.release.area)).size,
    releases: kept.map((f) => f.release),
  };
  return {
    corpus: 'real',
    dir,
    gazette,
    reference,
    baseline,
    baselineOutput: path.join(dir, 'baseline-site'),
    hugo,
    releases,
    files: kept.map((f) => f.path),
    additions: [first, second],
    day,
    real,
  };
}

/** Writes corpus files under `dir`, a few hundred at a time. */
export async function writeFiles(dir: string, files: readonly CorpusFile[]): Promise<void> {
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map((file) => writeCorpusFile(dir, file)));
  }
}

/** Writes one corpus file under `dir`. */
export async function writeCorpusFile(dir: string, file: CorpusFile): Promise<void> {
  const full = path.join(dir, file.path);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, file.bytes);
}

/** The temporary folder and every project in it, content aside. */
async function allProjects() {
  const dir = await mkdtemp(path.join(tmpdir(), 'gazette-bench-'));
  const gazette = path.join(dir, 'gazette');
  const reference = path.join(dir, 'reference');
  for (const project of [gazette, reference]) await setUpGazette(project);
  const baseline = path.join(dir, 'baseline');
  const hugo = path.join(dir, 'hugo');
  await cp(path.join(REPO, 'bench/baseline'), baseline, { recursive: true });
  await cp(path.join(REPO, 'bench/hugo'), hugo, { recursive: true });
  // The same stylesheet as Gazette's, copied through by every build.
  const assets = path.join(REPO, 'templates/assets');
  await cp(assets, path.join(baseline, 'assets'), { recursive: true });
  await cp(assets, path.join(hugo, 'static/assets'), { recursive: true });
  return { dir, gazette, reference, baseline, hugo };
}

async function setUpGazette(project: string): Promise<void> {
  await mkdir(project, { recursive: true });
  await cp(path.join(REPO, 'templates'), path.join(project, 'templates'), { recursive: true });
  const site: unknown = JSON.parse(await readFile(path.join(REPO, 'site.json'), 'utf8'));
  const settings = { ...(site as object), contentDir: 'content' };
  await writeFile(path.join(project, 'site.json'), JSON.stringify(settings));
}
