// Whether dist/ holds the JavaScript of src/ as it is now. `npm run compile`
// writes, beside the JavaScript, a hash of everything the JavaScript is made
// from; bin/gazette.mjs runs dist/ only when that hash still matches. A hash,
// not file times: a checkout, a copy or a restored cache can give old sources
// new times, or new sources old ones.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Gazette checkout this file belongs to. */
export const INSTALL = path.resolve(import.meta.dirname, '..');
/** The compiled CLI and the hash of the sources it was compiled from. */
export const DIST = path.join(INSTALL, 'dist');
export const STAMP = path.join(DIST, 'sources.sha256');

/** A hash of src/ (every file, by path and bytes) and the TypeScript settings it compiles with. */
export function sourcesHash() {
  const hash = createHash('sha256');
  const src = path.join(INSTALL, 'src');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  files.push(path.join(INSTALL, 'tsconfig.json'), path.join(INSTALL, 'tsconfig.build.json'));
  for (const file of files.sort()) {
    const bytes = readFileSync(file);
    hash.update(`${path.relative(INSTALL, file)}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/**
 * 'current' when dist/ was compiled from the sources as they are, 'missing'
 * when there is no finished compile, 'stale' when the sources have changed since.
 * An installed package ships dist/ without src/: its dist/ is current by definition.
 */
export function compiledState() {
  let stamp;
  try {
    stamp = readFileSync(STAMP, 'utf8').trim();
  } catch {
    return 'missing';
  }
  if (!existsSync(path.join(INSTALL, 'src'))) return 'current';
  return stamp === sourcesHash() ? 'current' : 'stale';
}
