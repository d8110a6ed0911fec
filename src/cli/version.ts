import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Gazette's own version, from its package.json: the first one named `gazette`
 * in this module's folder or above it. Looked up rather than at a fixed
 * `../../package.json`, so it is found from the sources and from a compiled copy alike.
 */
export function gazetteVersion(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest?.name === 'gazette' && typeof manifest.version === 'string') {
      return manifest.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of gazette above ${from}`);
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return null;
  }
}
