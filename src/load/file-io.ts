import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { besideFolder } from '../model/project-paths.ts';

/**
 * The few file operations that must be done one way everywhere: reading a
 * file that may be gone, replacing a file or a folder so that a reader never
 * sees half of it.
 */

/** A file's bytes (or its text, given an encoding), or null when it is missing or unreadable. */
export function readOrNull(file: string): Buffer | null;
export function readOrNull(file: string, encoding: 'utf8'): string | null;
export function readOrNull(file: string, encoding?: 'utf8'): Buffer | string | null {
  try {
    return encoding === undefined ? readFileSync(file) : readFileSync(file, encoding);
  } catch {
    return null;
  }
}

/**
 * Replaces `file` with `data` by writing a temporary file beside it and
 * renaming that over it, so a reader (or a build killed halfway) sees the old
 * file or the new one, never part of one. Synchronous, like the page writes
 * it serves: a build waits for each of these writes anyway.
 */
export function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
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
