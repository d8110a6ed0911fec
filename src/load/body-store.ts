import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { BodyRef } from '../model/release.ts';

/** Turns a body reference into its HTML. */
export interface BodyReader {
  read(ref: BodyRef): string;
}

/** A reader that holds a resource until closed. */
export interface BodySource extends BodyReader {
  /** The body file stored bodies are read from, every body written; absent when bodies are inline. */
  readonly file?: string;
  close(): void;
}

/** Reads inline bodies only: what a build without a load cache has. */
export const inlineBodies: BodySource = {
  read(ref) {
    if ('html' in ref) return ref.html;
    throw new Error('a stored release body was read without its body file');
  },
  close() {},
};

// Appended bodies are written in batches of about this many bytes.
const FLUSH_BYTES = 4 * 1024 * 1024;

/**
 * An append-only file of UTF-8 bodies. A body is written once, when its file is
 * parsed, and read back by position whenever its page is rendered. Synchronous:
 * reads are small and happen one page at a time.
 */
export class BodyFile implements BodyReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private written: number,
  ) {}

  /** Opens (or creates) a body file for appending and reading. */
  static open(file: string): BodyFile {
    const fd = openSync(file, 'a+');
    return new BodyFile(file, fd, fstatSync(fd).size);
  }

  /**
   * Opens a body file only to read it, as another thread does while the
   * file's owner keeps it open: bodies added later are not visible.
   */
  static openForReading(file: string): BodyFile {
    const fd = openSync(file, 'r');
    return new BodyFile(file, fd, fstatSync(fd).size);
  }

  /** Bytes in the file, counting those not yet flushed. */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  /** Stores a body and returns where it is. */
  add(html: string): BodyRef {
    const bytes = Buffer.from(html, 'utf8');
    const ref = { at: this.size, bytes: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return ref;
  }

  /** Resolves a reference: inline bodies as they are, stored ones from the file. */
  read(ref: BodyRef): string {
    if ('html' in ref) return ref.html;
    if (ref.at + ref.bytes > this.written) this.flush();
    const buffer = Buffer.allocUnsafe(ref.bytes);
    let done = 0;
    while (done < ref.bytes) {
      const n = readSync(this.fd, buffer, done, ref.bytes - done, ref.at + done);
      if (n === 0) {
        throw new Error(
          `${this.file} ends before a body it should hold; delete the .cache folder and build again`,
        );
      }
      done += n;
    }
    return buffer.toString('utf8');
  }

  /** Writes every body added so far to the file. */
  flush(): void {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    let done = 0;
    // Opened for appending, so every write lands at the end of the file.
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done);
    this.written += data.length;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
