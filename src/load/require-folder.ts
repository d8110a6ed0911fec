import { statSync } from 'node:fs';
import { GazetteError } from '../diagnostics/gazette-error.ts';

/** Throws a project GazetteError saying what `dir` is for when it is not a folder. */
export function requireFolder(dir: string, what: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // Missing or unreadable: not a folder we can use.
  }
  if (!isFolder)
    throw new GazetteError('project', `${dir} does not exist or is not a folder: ${what}`);
}
