import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The folder of the Gazette installation this module belongs to. */
export const INSTALL = path.resolve(import.meta.dirname, '../..');

/**
 * A fingerprint of the Gazette that runs: every file under its src/ (dist/ in
 * an installed package, which ships the compiled code alone), the name
 * and version of every package it depends on, however deep, and the Node
 * version (whose time zone data dates are shown with). Everything that shapes
 * a built page is in one of these, so any change to them means every cache is
 * stale. The whole of src/ counts, not a list of folders: a list goes out of
 * date when code moves or a folder is added, and an edit outside the list was
 * once left out of cached rebuilds.
 */
export function codeFingerprint(install = INSTALL): string {
  const hash = createHash('sha256').update(process.version);
  const src = path.join(install, 'src');
  hashFolder(hash, existsSync(src) ? src : path.join(install, 'dist'));
  for (const line of packageVersions(install)) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** Adds every file under `folder` to `hash`: its path relative to `folder`, then its bytes. */
export function hashFolder(hash: Hash, folder: string): void {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  // Synchronous reads: a rebuild waits on these small files, and awaiting each
  // in turn left the thread idle for longer than reading them took.
  for (const file of files) {
    const bytes = readFileSync(file);
    // Name and length first, so that no two trees feed the hash the same bytes.
    hash.update(`${path.relative(folder, file)}\0${bytes.length}\0`).update(bytes);
  }
}

/**
 * `name@version` of every package the installation depends on, directly or
 * through others, sorted. Each is found as Node finds it when the package that
 * needs it imports it: in the nearest node_modules folder above that package's
 * real location. So an npm install that hoists Gazette's dependencies beside it,
 * a copy nested under one package, and pnpm's linked folders all give the
 * versions that actually run. The lockfile would not do: an installed Gazette
 * has none of its own, and the project's covers packages that shape nothing.
 */
export function packageVersions(install: string): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const pending = [{ folder: realpathOr(install), manifest: readManifest(install) }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { manifest } = next;
    const names = Object.keys({
      ...manifest?.dependencies,
      ...manifest?.optionalDependencies,
      ...manifest?.peerDependencies,
    });
    for (const name of names) {
      const folder = findPackage(name, next.folder);
      // Not installed: an optional package for another platform, say. It runs nothing.
      if (folder === null || visited.has(folder)) continue;
      visited.add(folder);
      const own = readManifest(folder);
      found.add(`${name}@${own?.version ?? '?'}`);
      pending.push({ folder, manifest: own });
    }
  }
  return [...found].sort();
}

interface Manifest {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

function readManifest(folder: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * The real folder of package `name` as Node resolves an import of it from the
 * package in `from`: the first `node_modules/<name>` in `from` or a folder
 * above it. (Node's global folders serve `require` alone; Gazette imports.)
 */
function findPackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const folder = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(folder, 'package.json'))) return realpathOr(folder);
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function realpathOr(folder: string): string {
  try {
    // The native call: the JavaScript one checks each segment of the path in turn.
    return realpathSync.native(folder);
  } catch {
    return folder;
  }
}
