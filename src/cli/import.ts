import { existsSync, readFileSync } from 'node:fs';
import { readOrNull } from '../load/file-io.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose } from '../diagnostics/diagnose.ts';
import { loadReleasesReadOnly } from '../load/load-releases.ts';
import { loadOptionsFor, readFailed } from '../load/source-file.ts';
import type { AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import { loadSiteConfig } from '../load/site-config.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { requireAreaRegistry } from './area-registry.ts';
import { formatImportReport, type ImportOutcome } from './import-report.ts';
import { processIo, type Io } from './io.ts';
import { reportFailure } from './report.ts';
import { loadScraped, repairCommand, type ScrapedOptions } from './load-scraped.ts';
import { ReleaseIndex } from './release-index.ts';
import { expandTargets, showPath, type Target } from './targets.ts';

/** What `gazette import` was asked to do. */
export interface ImportOptions {
  readonly root: string;
  /** Release files and folders of them. */
  readonly paths: readonly string[];
  /** Report what would happen and write nothing. */
  readonly dryRun: boolean;
  /** Import a repaired copy of files with defects that have one certain fix. */
  readonly repair: boolean;
}

/**
 * `gazette import`: copies scraped releases byte for byte into
 * `content/<area>/<year>/`. A release whose source url is already in the
 * content folder is skipped, so running it again imports nothing new; one
 * that does not load is rejected with the loader's errors. Never overwrites:
 * a name taken by a different file gets `-2`, `-3`… before its extension.
 * With `repair`, a file is first repaired (src/load/repair.ts) and the
 * repaired copy is what is checked and written; the original is only read.
 */
export async function runImport(options: ImportOptions, io: Io = processIo): Promise<number> {
  try {
    const project = path.resolve(io.cwd, options.root);
    const site = await loadSiteConfig(project, io.env);
    const registry = await requireAreaRegistry(project);
    const targets = await expandTargets(options.paths, io.cwd, io.cwd);
    if (targets.length === 0) {
      throw new GazetteError(
        'project',
        `No release files (.md or .txt) in ${options.paths.join(', ')}: nothing to import.`,
      );
    }
    const contentDir = path.resolve(project, site.contentDir);
    const existing = existsSync(contentDir) ? await loadReleasesReadOnly(project, site) : null;
    const plan = planImport(targets, {
      project,
      contentDir,
      load: {
        ...loadOptionsFor(site),
        repair: options.repair,
        command: (file) => repairCommand(options.root, file),
      },
      registry,
      index: new ReleaseIndex(existing?.releases ?? []),
    });
    if (!options.dryRun) await writeImports(plan);
    const broken = new Set(existing?.diagnostics.map((d) => d.file)).size;
    io.out(formatImportReport(plan, { ...options, broken }));
    return plan.some((o) => o.kind === 'rejected') ? 1 : 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

interface PlanContext {
  readonly project: string;
  readonly contentDir: string;
  readonly load: ScrapedOptions;
  readonly registry: AreaRegistry | null;
  /** Releases in the content folder, and those planned so far. */
  readonly index: ReleaseIndex;
}

/** Decides what happens to each file, in order, without writing anything. */
export function planImport(targets: readonly Target[], context: PlanContext): ImportOutcome[] {
  const claimed = new Set<string>();
  const batch = new Set<string>();
  return targets.map((target) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(target.full);
    } catch (error) {
      const failed = readFailed(target.file, error);
      return {
        kind: 'rejected',
        from: target.file,
        diagnostics: failed.ok ? [] : failed.diagnostics,
        repairs: [],
      };
    }
    const { result, bytes: copy, repairs } = loadScraped(target.file, bytes, context.load);
    if (!result.ok) {
      return { kind: 'rejected', from: target.file, diagnostics: result.diagnostics, repairs };
    }
    const { release, places } = result;
    const clash = context.index.clash(release);
    if (clash?.kind === 'url') {
      return {
        kind: 'skipped',
        from: target.file,
        because: `a release with its url is already in ${
          batch.has(clash.other.file)
            ? `${clash.other.file}, earlier in this import`
            : clash.other.file
        }`,
      };
    }
    if (clash?.kind === 'page') {
      const at = { line: places.slug.line, column: places.slug.column, field: places.slug.field };
      const diagnostic = diagnose(
        'error',
        target.file,
        at,
        'duplicate-page',
        release.url,
        clash.other.file,
      );
      return { kind: 'rejected', from: target.file, diagnostics: [diagnostic], repairs };
    }
    const folder = path.join(
      context.contentDir,
      areaSlugOf(release, context.registry),
      release.local.year,
    );
    const name = freeName(folder, path.basename(target.full), copy, claimed);
    if (name === null) {
      return {
        kind: 'skipped',
        from: target.file,
        because: 'an identical file is already in place',
      };
    }
    const full = path.join(folder, name);
    claimed.add(full);
    // Later files in this run are compared with this one too.
    context.index.add({ ...release, file: target.file });
    batch.add(target.file);
    const renamed = name !== path.basename(target.full);
    return {
      kind: 'imported',
      from: target.file,
      to: showPath(context.project, full),
      full,
      bytes: copy,
      renamed,
      repairs,
    };
  });
}

/** The area's folder: the registry's slug for it (aliases included), else its own slug. */
function areaSlugOf(release: Release, registry: AreaRegistry | null): string {
  return registry?.lookup(release.area)?.slug ?? release.areaSlug;
}

/**
 * A name in `folder` for these bytes: `name` when free, else `stem-2.ext`,
 * `stem-3.ext`… Null when a file with exactly these bytes is already there.
 */
function freeName(
  folder: string,
  name: string,
  bytes: Buffer,
  claimed: Set<string>,
): string | null {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    const full = path.join(folder, candidate);
    if (claimed.has(full)) continue;
    const current = readOrNull(full);
    if (current === null) return candidate;
    if (current.equals(bytes)) return null;
  }
}

/** Writes every planned file; `wx` so that nothing is ever overwritten, even in a race. */
async function writeImports(plan: readonly ImportOutcome[]): Promise<void> {
  for (const outcome of plan) {
    if (outcome.kind !== 'imported') continue;
    await mkdir(path.dirname(outcome.full), { recursive: true });
    await writeFile(outcome.full, outcome.bytes, { flag: 'wx' });
  }
}
