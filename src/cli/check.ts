import path from 'node:path';
import { areaSpellings, canonicaliseAreas } from '../archive/area-names.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { formatDiagnostic } from '../diagnostics/format.ts';
import { plural } from '../diagnostics/plural.ts';
import { releaseWarnings } from '../load/release-warnings.ts';
import { decodeText } from '../load/decode-text.ts';
import { readOrNull } from '../load/file-io.ts';
import { splitFrontMatter } from '../load/front-matter.ts';
import { findDuplicates, loadReleasesReadOnly } from '../load/load-releases.ts';
import { loadOptionsFor, type LoadOptions, type ReleasePlaces } from '../load/source-file.ts';
import { loadSourceFile } from '../load/to-release.ts';
import { loadAreaRegistry } from '../load/area-registry.ts';
import type { AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import { loadSiteConfig } from '../load/site-config.ts';
import { placeholderSettings } from '../build/site-check.ts';
import { processIo, type Io } from './io.ts';
import { reportFailure } from './report.ts';
import { repairCommand, withRepairHints } from './load-scraped.ts';
import { expandTargets, isWithin, type Target } from './targets.ts';

/** What `gazette check` was asked to do. */
export interface CheckOptions {
  /** Project folder, relative to the working folder. */
  readonly root: string;
  /** Files or folders to check; empty checks the whole content folder. */
  readonly paths: readonly string[];
  /** Print one JSON object instead of text. */
  readonly json: boolean;
  /** Fail on warnings too. */
  readonly strict: boolean;
}

/** Every problem found, and how many release files were looked at. */
export interface CheckResult {
  readonly files: number;
  readonly diagnostics: Diagnostic[];
}

/**
 * `gazette check`: validates releases without building. Errors are what stop
 * a build; warnings are probably mistakes but build. Exit 0 when clean, 1 on
 * an error (or, with --strict, on a warning).
 */
export async function runCheck(options: CheckOptions, io: Io = processIo): Promise<number> {
  let result: CheckResult;
  try {
    result = await checkContent(options, io.cwd, io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const failed = errors > 0 || (options.strict && warnings > 0);
  if (options.json) {
    const report = { ok: !failed, strict: options.strict, files: result.files, errors, warnings };
    io.out(`${JSON.stringify({ ...report, diagnostics: result.diagnostics }, null, 2)}\n`);
  } else {
    const listing = result.diagnostics.map(formatDiagnostic).join('\n\n');
    if (listing !== '') io.out(`${listing}\n\n`);
    const strictNote = options.strict && warnings > 0 ? ' (--strict: warnings fail the check)' : '';
    io.out(
      `${plural(result.files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${strictNote}\n`,
    );
  }
  return failed ? 1 : 0;
}

/**
 * Loads the releases asked for and returns their errors and warnings, sorted.
 * Files inside the content folder are checked as part of it, so a duplicate
 * of any other release is found; files outside it are checked as a set of
 * their own (to vet scraped releases before `gazette import`).
 */
export async function checkContent(
  options: CheckOptions,
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CheckResult> {
  const project = path.resolve(cwd, options.root);
  const site = await loadSiteConfig(project, env);
  const loaded = await loadAreaRegistry(project);
  const registry = loaded.ok ? loaded.registry : null;
  const diagnostics = loaded.ok ? [] : [...loaded.diagnostics];
  // The whole project is checked: site.json's placeholders from gazette init too.
  if (options.paths.length === 0) diagnostics.push(...placeholderSettings(project, site));
  const contentDir = path.resolve(project, site.contentDir);
  const targets = await expandTargets(options.paths, cwd, cwd);
  const inside = targets.filter((t) => isWithin(contentDir, t.full));
  const outside = targets.filter((t) => !isWithin(contentDir, t.full));
  const checked: { release: Release; full: string }[] = [];
  // Every release loaded, checked or not: what the area spellings are compared with.
  const all: Release[] = [];
  let files = outside.length;

  if (options.paths.length === 0 || inside.length > 0) {
    const load = await loadReleasesReadOnly(project, site);
    const wanted = new Set(inside.map((t) => t.full));
    const keep = (file: string) => wanted.size === 0 || wanted.has(path.join(project, file));
    files += options.paths.length === 0 ? load.stats.files : inside.length;
    diagnostics.push(...load.diagnostics.filter((d) => keep(d.file)));
    all.push(...load.releases);
    for (const release of load.releases.filter((r) => keep(r.file))) {
      checked.push({ release, full: path.join(project, release.file) });
    }
  }
  const alone = checkOnTheirOwn(outside, loadOptionsFor(site), options.root);
  diagnostics.push(...alone.diagnostics);
  checked.push(...alone.checked);
  all.push(...alone.checked.map((c) => c.release));

  // Pages show one spelling of each area; releases are compared with it as a build files them.
  const spellings = areaSpellings(registry === null ? all : canonicaliseAreas(all, registry));
  for (const { release, full } of checked) {
    const shown = spellings.get(release.areaSlug) ?? release.area;
    diagnostics.push(...warningsFor(release, full, registry, shown));
  }
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Loads files outside the content folder and looks for duplicates among them
 * only. These are scraped files on their way in, so an error that
 * `gazette import --repair` would fix says so.
 */
function checkOnTheirOwn(
  targets: readonly Target[],
  load: LoadOptions,
  root: string,
): { checked: { release: Release; full: string }[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const places = new Map<Release, ReleasePlaces>();
  const fullOf = new Map<Release, string>();
  const options = { ...load, command: (file: string) => repairCommand(root, file) };
  for (const target of targets) {
    const { result } = loadSourceFile(target, options);
    if (!result.ok) {
      const bytes = readOrNull(target.full);
      diagnostics.push(
        ...(bytes === null
          ? result.diagnostics
          : withRepairHints(target.file, bytes, result.diagnostics, options)),
      );
      continue;
    }
    places.set(result.release, result.places);
    fullOf.set(result.release, target.full);
  }
  const { unique, diagnostics: duplicates } = findDuplicates([...places.keys()], (r) =>
    places.get(r),
  );
  diagnostics.push(...duplicates);
  const checked = unique.map((release) => ({ release, full: fullOf.get(release) ?? '' }));
  return { checked, diagnostics };
}

/** The warnings for a release that loaded; the file is read again for field positions. */
function warningsFor(
  release: Release,
  full: string,
  registry: AreaRegistry | null,
  shownArea: string,
): Diagnostic[] {
  const bytes = readOrNull(full);
  // Null when it changed under us since it loaded: the next check will see it as it is now.
  if (bytes === null) return [];
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [];
  const split = splitFrontMatter(decoded.text);
  return 'kind' in split ? [] : releaseWarnings(release, split, registry, shownArea);
}
