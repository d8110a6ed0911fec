import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findReleaseFiles } from '../load/find-files.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';

/** A release file named on the command line: how to show it, and where it is. */
export interface Target {
  /** The path as messages show it: relative to `base`, with forward slashes. */
  readonly file: string;
  readonly full: string;
}

/**
 * Expands command-line paths (release files and folders of them) into release
 * files, sorted and without repeats. A path that does not exist, or a file
 * Gazette would not read as a release, is a project GazetteError naming it.
 */
export async function expandTargets(
  paths: readonly string[],
  cwd: string,
  base: string,
): Promise<Target[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const info = await stat(full).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const why = info.code === 'ENOENT' ? 'does not exist' : `cannot be read (${info.code})`;
      const message = `${given} ${why}. Give a release file or a folder of releases.`;
      throw new GazetteError('project', message, { cause: info });
    }
    if (info.isDirectory()) {
      for (const file of await findReleaseFiles(full)) found.add(file);
    } else if (isReleaseName(full)) {
      found.add(full);
    } else {
      throw new GazetteError(
        'project',
        `${given} is not a release file: Gazette reads files ending in .md or .txt whose names do not start with _ or a dot.`,
      );
    }
  }
  return [...found].sort().map((full) => ({ file: showPath(base, full), full }));
}

/** Whether Gazette reads a file of this name as a release. */
export function isReleaseName(file: string): boolean {
  const name = path.basename(file);
  return /\.(md|txt)$/i.test(name) && !name.startsWith('_') && !name.startsWith('.');
}

/** `full` as typed from `base` (`../scraped/a.txt`), with forward slashes. */
export function showPath(base: string, full: string): string {
  const relative = path.relative(base, full);
  // Another drive on Windows has no relative path.
  if (relative === '' || path.isAbsolute(relative)) return full;
  return relative.split(path.sep).join('/');
}

/** Whether `full` is `dir` or inside it. */
export function isWithin(dir: string, full: string): boolean {
  const relative = path.relative(dir, full);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
