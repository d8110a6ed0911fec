/**
 * Where a command writes and where it stands. Commands take one so that tests
 * run them in-process and read exactly what a person would see.
 */
export interface Io {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** The folder relative paths on the command line are read from. */
  readonly cwd: string;
  /** The current instant in ms since the epoch; tests pin it. */
  now(): number;
}

/** The process's own streams, folder and clock. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get cwd() {
    return process.cwd();
  },
  now: () => Date.now(),
};
