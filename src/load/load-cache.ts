import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { BodyFile } from './body-store.ts';
import { DEFAULT_PERMALINK } from '../model/permalink.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { readWhole, writeAtomically } from './file-io.ts';
import type { FileResult, LoadOptions } from './source-file.ts';

/** A file's size and modification time, as `stat` gives them. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** One file's last load, valid while its bytes and the loader are unchanged. */
interface CacheEntry {
  readonly hash: string;
  /** The release's body is stored in the body file, never inline. */
  readonly result: FileResult;
  /**
   * For a file that fails to load: the page URL of the release it last loaded
   * to, kept until it loads again, so a build can say which page it lost.
   */
  readonly lastUrl?: string;
}

/** What the snapshot file holds: the body file its entries point into, and the entries. */
interface Snapshot {
  readonly bodies: string;
  readonly entries: Map<string, CacheEntry>;
}

/**
 * A file's stamp when it was last read, and the hash of the bytes it had: an
 * entry is taken on its stamp alone only while the two hashes agree, so a
 * stamps file written before or after its entries can never vouch for the
 * wrong bytes.
 */
interface StampedHash extends FileStamp {
  readonly hash: string;
}

/**
 * Remembers what each content file loaded to, keyed by path and the SHA-256 of
 * its bytes, so a rebuild only parses the files that changed. Release bodies
 * live in an append-only body file beside the snapshot, so neither the
 * snapshot nor the build holds them. The whole cache is invalidated when
 * Gazette's code, its packages or the time zone change.
 */
export class LoadCache {
  private next = new Map<string, CacheEntry>();
  private dirty = false;
  private nextStamps = new Map<string, StampedHash>();
  private stampsDirty = false;

  /** Use `LoadCache.open` or `LoadCache.openForReading`. */
  constructor(
    private readonly file: string,
    private entries: Map<string, CacheEntry>,
    private delta: Delta,
    private hasSnapshot: boolean,
    /** Bodies of every entry, and of those parsed in this run. */
    readonly bodies: BodyFile,
    /**
     * Kept apart from the entries, in a file of their own: a fresh checkout
     * gives every file a new modification time but the same bytes, and then
     * only this file is written again, not the snapshot of every release.
     */
    private stamps: Map<string, StampedHash>,
    /** False when opened for reading: nothing may be added, saved or compacted. */
    readonly writable = true,
  ) {}

  /** Whether this is the cache `open(dir, fingerprint)` would give. */
  isFor(dir: string, fingerprint: string): boolean {
    return this.file === snapshotFile(dir, fingerprint);
  }

  /**
   * Opens the cache in `dir` for a loader fingerprint: the snapshot, then the
   * changes written since. A missing, stale or damaged cache starts empty. A
   * body file mostly holding bodies of old versions is compacted first.
   */
  static async open(dir: string, fingerprint: string): Promise<LoadCache> {
    await mkdir(dir, { recursive: true });
    const file = snapshotFile(dir, fingerprint);
    const snapshot = await readSnapshot(file);
    if (snapshot === null) {
      const bodies = await freshBodyFile(file, 0);
      return new LoadCache(file, new Map(), emptyDelta(), false, bodies, new Map());
    }
    const bodies = BodyFile.open(path.join(dir, snapshot.bodies));
    const { entries } = snapshot;
    const { live, end } = measureBodies(entries);
    if (end > bodies.size) {
      // The body file lost its end (a crash, a copied folder): trust none of it.
      bodies.close();
      const fresh = await freshBodyFile(file, 0);
      return new LoadCache(file, new Map(), emptyDelta(), false, fresh, new Map());
    }
    if (bodies.size > 2 * live + COMPACT_SLACK) {
      return compact(file, snapshot, bodies, generationOf(snapshot.bodies) + 1);
    }
    return new LoadCache(file, entries, snapshot.delta, true, bodies, snapshot.stamps);
  }

  /**
   * Opens the cache in `dir` only to read from it, or returns null when there is
   * none for this fingerprint. For a command that loads without building
   * (`gazette check`) while a server or a build may be writing the cache: it
   * never writes, and whatever it parses keeps its body in memory.
   */
  static async openForReading(dir: string, fingerprint: string): Promise<LoadCache | null> {
    const file = snapshotFile(dir, fingerprint);
    const snapshot = await readSnapshot(file);
    if (snapshot === null) return null;
    let bodies: BodyFile;
    try {
      bodies = BodyFile.openForReading(path.join(dir, snapshot.bodies));
    } catch {
      return null;
    }
    if (measureBodies(snapshot.entries).end > bodies.size) {
      // The body file lost its end: read nothing from it.
      bodies.close();
      return null;
    }
    const { entries, delta, stamps } = snapshot;
    return new LoadCache(file, entries, delta, true, bodies, stamps, false);
  }

  /** The page URL of the release a file last loaded to, before this run; undefined if it never did. */
  lastUrl(file: string): string | undefined {
    const entry = this.entries.get(file);
    return entry?.result.ok === true ? entry.result.release.url : entry?.lastUrl;
  }

  /** Whether the cache has an entry for this file, whatever its bytes. */
  has(file: string): boolean {
    return this.entries.has(file);
  }

  /**
   * The cached result for a file whose size and modification time are those
   * recorded, without reading it: the check make and git rely on.
   */
  getByStamp(file: string, stamp: FileStamp): FileResult | undefined {
    const entry = this.entries.get(file);
    const known = this.stamps.get(file);
    if (
      entry === undefined ||
      known === undefined ||
      known.hash !== entry.hash ||
      known.size !== stamp.size ||
      known.mtimeMs !== stamp.mtimeMs
    ) {
      return undefined;
    }
    this.next.set(file, entry);
    this.nextStamps.set(file, known);
    return entry.result;
  }

  /**
   * The cached result for a file whose bytes hash to `hash` (touched, or
   * checked out afresh), if any; only its new stamp is to be saved.
   */
  get(file: string, hash: string, stamp: FileStamp): FileResult | undefined {
    const entry = this.entries.get(file);
    if (entry === undefined || entry.hash !== hash) return undefined;
    this.next.set(file, entry);
    this.stamp(file, hash, stamp);
    return entry.result;
  }

  private stamp(file: string, hash: string, { size, mtimeMs }: FileStamp): void {
    this.nextStamps.set(file, { size, mtimeMs, hash });
    this.stampsDirty = true;
  }

  /**
   * Records a fresh result, moving its body into the body file; returns the
   * result as stored. Entries not seen in this run are dropped on save. A cache
   * opened for reading records nothing and returns the result as it is.
   */
  set(file: string, hash: string, stamp: FileStamp, result: FileResult): FileResult {
    if (!this.writable) return result;
    if (!result.ok) {
      const lastUrl = this.lastUrl(file);
      this.next.set(file, { hash, result, ...(lastUrl !== undefined && { lastUrl }) });
      this.stamp(file, hash, stamp);
      this.dirty = true;
      return result;
    }
    const body = this.bodies.add(this.bodies.read(result.release.body));
    const stored = { ...result, release: { ...result.release, body } };
    this.next.set(file, { hash, result: stored });
    this.stamp(file, hash, stamp);
    this.dirty = true;
    return stored;
  }

  /** Writes the entries of this run atomically and removes caches of other loader versions. */
  async save(): Promise<void> {
    if (!this.writable) return;
    this.bodies.flush();
    // Nothing parsed and nothing removed: the file on disk already says all this.
    if (this.dirty || this.next.size !== this.entries.size) await this.write();
    // After the entries, though either order would be safe (see StampedHash).
    if (this.stampsDirty || this.nextStamps.size !== this.stamps.size)
      writeAtomically(stampsFile(this.file), serialize(this.nextStamps));
    // What was written is now what the cache holds, ready for another run in this process.
    this.entries = this.next;
    this.next = new Map();
    this.dirty = false;
    this.stamps = this.nextStamps;
    this.nextStamps = new Map();
    this.stampsDirty = false;
  }

  private async write(): Promise<void> {
    const dir = path.dirname(this.file);
    // An edit to a few files appends to a small delta instead of rewriting a
    // snapshot of every release, which a rebuild would wait on.
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
      writeAtomically(`${this.file}.delta`, serialize(delta));
      this.delta = delta;
    } else {
      await writeSnapshot(this.file, {
        bodies: path.basename(this.bodies.file),
        entries: this.next,
      });
      this.delta = emptyDelta();
      this.hasSnapshot = true;
    }
    await removeOthers(dir, this.file, this.bodies.file);
  }

  /** Closes the body file; bodies can no longer be read. */
  close(): void {
    this.bodies.close();
  }
}

// A body file is compacted when its dead bodies outweigh its live ones by this much.
const COMPACT_SLACK = 16 * 1024 * 1024;

/** Changes to a snapshot: entries set, and files removed. */
interface Delta {
  readonly set: Map<string, CacheEntry>;
  readonly removed: Set<string>;
}

const emptyDelta = (): Delta => ({ set: new Map(), removed: new Set() });

/**
 * The snapshot with its delta applied, and the stamps; null when there is no
 * snapshot or it cannot be read. Without stamps every file is read once again.
 */
async function readSnapshot(
  file: string,
): Promise<(Snapshot & { delta: Delta; stamps: Map<string, StampedHash> }) | null> {
  let snapshot: Snapshot;
  try {
    snapshot = deserialize(readWhole(file)) as Snapshot;
    if (typeof snapshot.bodies !== 'string' || !(snapshot.entries instanceof Map)) return null;
  } catch {
    return null;
  }
  let delta = emptyDelta();
  try {
    delta = deserialize(readWhole(`${file}.delta`)) as Delta;
  } catch {
    // No delta: the snapshot is whole.
  }
  for (const [name, entry] of delta.set) snapshot.entries.set(name, entry);
  for (const name of delta.removed) snapshot.entries.delete(name);
  let stamps = new Map<string, StampedHash>();
  try {
    const read: unknown = deserialize(readWhole(stampsFile(file)));
    if (read instanceof Map) stamps = read as Map<string, StampedHash>;
  } catch {
    // No stamps: each file is read and hashed once to be known again.
  }
  return { ...snapshot, delta, stamps };
}

const stampsFile = (snapshot: string) => `${snapshot}.stamps`;

async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  writeAtomically(file, serialize(snapshot));
  await rm(`${file}.delta`, { force: true });
}

/** Bytes of the bodies entries point at, and where the last of them ends. */
function measureBodies(entries: Map<string, CacheEntry>): { live: number; end: number } {
  let live = 0;
  let end = 0;
  for (const entry of entries.values()) {
    const body = storedBody(entry.result);
    if (body === null) continue;
    live += body.bytes;
    end = Math.max(end, body.at + body.bytes);
  }
  return { live, end };
}

function storedBody(result: FileResult): { at: number; bytes: number } | null {
  return result.ok && 'at' in result.release.body ? result.release.body : null;
}

function snapshotFile(dir: string, fingerprint: string): string {
  return path.join(dir, `load-${fingerprint.slice(0, 16)}.bin`);
}

/** Body files are `load-<fingerprint>.bin.bodies-<generation>`. */
function bodyFileName(snapshotFile: string, generation: number): string {
  return `${snapshotFile}.bodies-${generation}`;
}

function generationOf(name: string): number {
  return Number(/\.bodies-(\d+)$/.exec(name)?.[1] ?? 0);
}

async function freshBodyFile(snapshotFile: string, generation: number): Promise<BodyFile> {
  const name = bodyFileName(snapshotFile, generation);
  await rm(name, { force: true });
  return BodyFile.open(name);
}

/**
 * Copies the live bodies into a new body file, writes a snapshot pointing at
 * it, then removes the old file: a crash at any point leaves a snapshot and a
 * body file that agree.
 */
async function compact(
  file: string,
  { entries, stamps }: { entries: Map<string, CacheEntry>; stamps: Map<string, StampedHash> },
  old: BodyFile,
  generation: number,
): Promise<LoadCache> {
  const bodies = await freshBodyFile(file, generation);
  const moved = new Map<string, CacheEntry>();
  for (const [name, entry] of entries) {
    const { result } = entry;
    if (storedBody(result) === null || !result.ok) {
      moved.set(name, entry);
      continue;
    }
    const body = bodies.add(old.read(result.release.body));
    moved.set(name, { ...entry, result: { ...result, release: { ...result.release, body } } });
  }
  bodies.flush();
  old.close();
  await writeSnapshot(file, { bodies: path.basename(bodies.file), entries: moved });
  await rm(old.file, { force: true });
  return new LoadCache(file, moved, emptyDelta(), true, bodies, stamps);
}

/** Removes snapshots, deltas and body files other than the current ones. */
async function removeOthers(dir: string, snapshot: string, bodies: string): Promise<void> {
  const keep = new Set([snapshot, `${snapshot}.delta`, stampsFile(snapshot), bodies]);
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if (name.startsWith('load-') && !keep.has(full)) await rm(full, { force: true });
  }
}

/**
 * A fingerprint of everything that decides what a file loads to: Gazette's
 * code and the packages it runs (`codeFingerprint`), the time zone and the
 * address pattern.
 */
export function loaderFingerprint(options: LoadOptions): string {
  // Asked twice per build (load cache, page manifest); the code does not change while running.
  const key = `${options.timeZone}\n${options.permalink ?? DEFAULT_PERMALINK}`;
  let fingerprint = fingerprints.get(key);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(key).update(codeFingerprint()).digest('hex');
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

const fingerprints = new Map<string, string>();
