import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isSafePagePath } from '../archive/urls.ts';
import { csvChunks, ndjsonChunks, type DataFilePlan } from '../site/data-files.ts';

/**
 * Writes data files (CSV and NDJSON) into `folder`, the output or a fresh
 * build's staging folder. Each file is written a chunk of rows at a time into
 * a temporary file that is renamed over the old one, so a reader never sees
 * half a file and no file's whole text is held at once. Returns the files written.
 */
export function writeDataFiles(folder: string, plans: readonly DataFilePlan[]): number {
  for (const plan of plans) {
    writeChunks(folder, plan.csv, csvChunks(plan.rows()));
    writeChunks(folder, plan.ndjson, ndjsonChunks(plan.rows()));
  }
  return plans.length * 2;
}

function writeChunks(folder: string, url: string, chunks: Iterable<string>): void {
  // Slugs are `[a-z0-9-]`, so this never fires for content; it guards against a future bug.
  if (!isSafePagePath(url)) throw new Error(`refusing to write data at the unsafe path ${url}`);
  const file = path.join(folder, url);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}
