import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { besideFolder } from '../model/project-paths.ts';

/**
 * The few file operations that must be done one way everywhere: reading a
 * file that may be gone, replacing a file or a folder so that a reader never
 * sees half of it.
 */

// readFileSync and writeFileSync move at most 2 GiB (2^31 - 1 bytes) in one call, and the
// load cache of a million releases is a 2.4 GB snapshot: larger files go in pieces.
const PIECE = 2 ** 30;

/** A file's bytes (or its text, given an encoding), or null when it is missing or unreadable. */
export function readOrNull(file: string): Buffer | null;
export function readOrNull(file: string, encoding: 'utf8'): string | null;
export function readOrNull(file: string, encoding?: 'utf8'): Buffer | string | null {
  try {
    return encoding === undefined ? readWhole(file) : readFileSync(file, encoding);
  } catch {
    return null;
  }
}

/** A file's bytes, of any size a Buffer can hold, read `piece` bytes at a time. */
export function readWhole(file: string, piece = PIECE): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const read = readSync(fd, bytes, at, Math.min(piece, size - at), at);
      // The file was cut short while it was read: what is there is all there is.
      if (read === 0) return bytes.subarray(0, at);
      at += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` with `data` by writing a temporary file beside it and
 * renaming that over it, so a reader (or a build killed halfway) sees the old
 * file or the new one, never part of one. Synchronous, like the page writes
 * it serves: a build waits for each of these writes anyway.
 */
export function writeAtomically(file: string, data: string | Uint8Array, piece = PIECE): void {
  const temporary = `${file}.${process.pid}.tmp`;
  if (typeof data === 'string') writeFileSync(temporary, data);
  else {
    const fd = openSync(temporary, 'w');
    try {
      for (let at = 0; at < data.length;)
        at += writeSync(fd, data, at, Math.min(piece, data.length - at));
    } finally {
      closeSync(fd);
    }
  }
  renameSync(temporary, file);
}

/** Whether anything is at `file`. */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Puts the folder `staging` in the place of `folder` with two renames, and
 * deletes the folder it replaced: readers see the old folder or the new one.
 */
export async function swapIn(staging: string, folder: string): Promise<void> {
  const previous = besideFolder(folder, 'old');
  // A build killed between the two renames leaves this behind, and in a
  // container the next build often has the same pid: rename would then fail.
  await rm(previous, { recursive: true, force: true });
  const had = await exists(folder);
  if (had) await rename(folder, previous);
  await rename(staging, folder);
  if (had) await rm(previous, { recursive: true, force: true });
}
