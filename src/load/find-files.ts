import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { compareText } from '../diagnostics/diagnostic.ts';

const RELEASE_EXTENSIONS = new Set(['.md', '.txt']);

/**
 * Lists release files under `dir` (`*.md` and `*.txt`), skipping names that
 * start with `.` or `_` at any depth, sorted by code unit so that results
 * never depend on the order the file system returns them in.
 */
export async function findReleaseFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    // A symlink is kept so that a broken one is reported as unreadable, not silently dropped.
    const isCandidate = entry.isFile() || entry.isSymbolicLink();
    if (!isCandidate || !RELEASE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep);
    if (relative.some((part) => part.startsWith('.') || part.startsWith('_'))) continue;
    files.push(full);
  }
  return files.sort(compareText);
}
