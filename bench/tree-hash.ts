import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** SHA-256 of every file under a folder, keyed by `/`-separated relative path. */
export type TreeHash = ReadonlyMap<string, string>;

/** Hashes every file under `dir`. */
export async function hashTree(dir: string): Promise<TreeHash> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const hashes = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(full);
    const relative = path.relative(dir, full).split(path.sep).join('/');
    hashes.set(relative, createHash('sha256').update(bytes).digest('hex'));
  }
  return hashes;
}

/** How one output folder differs from another, file by file. */
export interface TreeDifference {
  readonly files: number;
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/** Compares `actual` with `expected`: files whose bytes differ, are missing, or are extra. */
export function compareTrees(actual: TreeHash, expected: TreeHash): TreeDifference {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, hash] of expected) {
    const other = actual.get(file);
    if (other === undefined) missing.push(file);
    else if (other !== hash) changed.push(file);
  }
  const extra = [...actual.keys()].filter((file) => !expected.has(file));
  return {
    files: actual.size,
    changed: changed.sort(),
    missing: missing.sort(),
    extra: extra.sort(),
  };
}

/** `identical (N files)`, or counts and the first few differing paths. */
export function describeDifference(diff: TreeDifference): string {
  const { changed, missing, extra } = diff;
  if (changed.length + missing.length + extra.length === 0) {
    return `identical (${diff.files} files)`;
  }
  const list = (label: string, files: readonly string[]) =>
    files.length === 0
      ? []
      : [
          `${files.length} ${label}: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}`,
        ];
  return [...list('differ', changed), ...list('missing', missing), ...list('extra', extra)].join(
    '; ',
  );
}
