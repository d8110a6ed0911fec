import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileResult } from './to-release.ts';

/** A file's size and modification time, as `stat` gives them. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** One file's last load, valid while its bytes and the loader are unchanged. */
interface CacheEntry {
  readonly hash: string;
  readonly stamp: FileStamp;
  readonly result: FileResult;
}

/**
 * Remembers what each content file loaded to, keyed by path and the SHA-256 of
 * its bytes, so a rebuild only parses the files that changed. The whole cache
 * is invalidated when the loader's code, its dependencies or the time zone change.
 */
export class LoadCache {
  private readonly entries: Map<string, CacheEntry>;
  private readonly next = new Map<string, CacheEntry>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    entries: Map<string, CacheEntry>,
    private readonly delta: Delta,
    private readonly hasSnapshot: boolean,
  ) {
    this.entries = entries;
  }

  /**
   * Opens the cache in `dir` for a loader fingerprint: the snapshot, then the
   * changes written since. A missing or stale cache starts empty.
   */
  static async open(dir: string, fingerprint: string): Promise<LoadCache> {
    const file = path.join(dir, `load-${fingerprint.slice(0, 16)}.bin`);
    let entries = new Map<string, CacheEntry>();
    let delta: Delta = { set: new Map(), removed: new Set() };
    let hasSnapshot = false;
    try {
      entries = deserialize(await readFile(file)) as Map<string, CacheEntry>;
      hasSnapshot = true;
      delta = deserialize(await readFile(`${file}.delta`)) as Delta;
    } catch {
      // No snapshot: start empty. No delta: the snapshot is whole.
    }
    for (const [name, entry] of delta.set) entries.set(name, entry);
    for (const name of delta.removed) entries.delete(name);
    return new LoadCache(file, entries, delta, hasSnapshot);
  }

  /**
   * The cached result for a file whose size and modification time are those
   * recorded, without reading it: the check make and git rely on.
   */
  getByStamp(file: string, stamp: FileStamp): FileResult | undefined {
    const entry = this.entries.get(file);
    if (
      entry === undefined ||
      entry.stamp.size !== stamp.size ||
      entry.stamp.mtimeMs !== stamp.mtimeMs
    ) {
      return undefined;
    }
    this.next.set(file, entry);
    return entry.result;
  }

  /** The cached result for a file whose bytes hash to `hash` (touched, say), if any. */
  get(file: string, hash: string, stamp: FileStamp): FileResult | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || entry.hash !== hash) return undefined;
    this.next.set(file, { ...entry, stamp });
    this.dirty = true;
    return entry.result;
  }

  /** Records a fresh result; entries not seen in this run are dropped on save. */
  set(file: string, hash: string, stamp: FileStamp, result: FileResult): void {
    this.next.set(file, { hash, stamp, result });
    this.dirty = true;
  }

  /** Writes the entries of this run atomically and removes caches of other loader versions. */
  async save(): Promise<void> {
    // Nothing parsed and nothing removed: the file on disk already says all this.
    if (!this.dirty && this.next.size === this.entries.size) return;
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true });
    // An edit to a few files appends to a small delta instead of rewriting a
    // snapshot of every release (60 MB at 10,000), which a rebuild would wait on.
    const delta: Delta = { set: new Map(this.delta.set), removed: new Set(this.delta.removed) };
    for (const [name, entry] of this.next) {
      if (this.entries.get(name) !== entry) {
        delta.set.set(name, entry);
        delta.removed.delete(name);
      }
    }
    for (const name of this.entries.keys()) {
      if (!this.next.has(name)) {
        delta.set.delete(name);
        delta.removed.add(name);
      }
    }
    const small = delta.set.size + delta.removed.size <= Math.max(64, this.next.size / 20);
    if (this.hasSnapshot && small) {
      await writeAtomically(`${this.file}.delta`, serialize(delta));
    } else {
      await writeAtomically(this.file, serialize(this.next));
      await rm(`${this.file}.delta`, { force: true });
    }
    for (const name of await readdir(dir)) {
      if (name.startsWith('load-') && !path.join(dir, name).startsWith(this.file)) {
        await rm(path.join(dir, name), { force: true });
      }
    }
  }
}

/** Changes to a snapshot: entries set, and files removed. */
interface Delta {
  readonly set: Map<string, CacheEntry>;
  readonly removed: Set<string>;
}

async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

const LOADER_DIRS = ['load', 'model', 'time', 'diagnostics'];
const LOADER_PACKAGES = [
  'remark',
  'remark-gfm',
  'remark-html',
  'hast-util-sanitize',
  'js-yaml',
  'gray-matter',
  'zod',
  'entities',
  '@sindresorhus/slugify',
  'mdast-util-to-string',
];

/**
 * A fingerprint of everything that decides what a file loads to: the loader's
 * own source, the versions of the packages it uses, and the time zone.
 */
export function loaderFingerprint(timeZone: string): Promise<string> {
  // Asked twice per build (load cache, page manifest); the sources do not change while running.
  let fingerprint = fingerprints.get(timeZone);
  if (fingerprint === undefined) {
    fingerprint = computeLoaderFingerprint(timeZone);
    fingerprints.set(timeZone, fingerprint);
  }
  return fingerprint;
}

const fingerprints = new Map<string, Promise<string>>();

async function computeLoaderFingerprint(timeZone: string): Promise<string> {
  const hash = createHash('sha256').update(timeZone);
  const src = path.resolve(import.meta.dirname, '..');
  for (const dir of LOADER_DIRS) {
    for (const name of (await readdir(path.join(src, dir))).sort()) {
      hash.update(name).update(await readFile(path.join(src, dir, name)));
    }
  }
  for (const name of LOADER_PACKAGES) {
    const manifest = path.resolve(src, '..', 'node_modules', name, 'package.json');
    const version = await readFile(manifest, 'utf8').then(
      (t) => (JSON.parse(t) as { version: string }).version,
      () => '?',
    );
    hash.update(`${name}@${version}`);
  }
  return hash.digest('hex');
}
