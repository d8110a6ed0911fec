/**
 * Where a command writes, where it stands and what it reads from its
 * environment. Every command takes one, so that tests run them in-process
 * and read exactly what a person would see.
 */
export interface Io {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error: progress, problems and failures. */
  err(text: string): void;
  /** The folder relative paths on the command line are read from. */
  readonly cwd: string;
  /** GAZETTE_NOW, GAZETTE_SITE_URL, GAZETTE_DEBUG, CI and the rest are read from here. */
  readonly env: NodeJS.ProcessEnv;
  /** Whether standard error is a terminal, where a build's progress is one live line. */
  readonly isTTY: boolean;
  /** Standard error's width, when it is a terminal. */
  readonly columns?: number | undefined;
  /** The current instant in ms since the epoch; tests pin it. */
  now(): number;
}

/** The process's own streams, folder, environment and clock. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get cwd() {
    return process.cwd();
  },
  env: process.env,
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stderr.columns;
  },
  now: () => Date.now(),
};
