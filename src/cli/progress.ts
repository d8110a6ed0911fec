import type { BuildProgress } from '../build/build-site.ts';
import type { Io } from './io.ts';
import { plural } from '../diagnostics/plural.ts';

/**
 * `gazette build`'s progress. On a terminal, one line that rewrites itself:
 * files loaded, pages written, time so far. Elsewhere (a log, CI), a few plain
 * lines as phases start, so logs stay short.
 */

/** What progress needs of a command's Io: standard error, and whether it is a terminal. */
export type ProgressIo = Pick<Io, 'err' | 'env' | 'isTTY' | 'columns'>;

/** A build's progress display; `stop` clears a live line before the summary is printed. */
export interface ProgressDisplay {
  readonly onProgress: (progress: BuildProgress) => void;
  /** Says the build is indexing for search. */
  indexing(): void;
  stop(): void;
}

/** Whether progress can be a live line: a terminal, and not CI (whose logs keep every redraw). */
export function isLiveTerminal(io: ProgressIo): boolean {
  return io.isTTY && io.env.CI !== 'true';
}

/** The live line for a moment of a build, cut to fit `columns`. */
export function formatProgressLine(
  progress: BuildProgress | null,
  elapsedMs: number,
  columns = 80,
  indexing = false,
): string {
  const seconds = `${(elapsedMs / 1000).toFixed(1)} s`;
  const parts: string[] = [];
  if (progress === null || (progress.phase === 'load' && progress.files === null)) {
    parts.push('Loading content…');
  } else if (progress.phase === 'load') {
    parts.push(`Loading ${plural(progress.files ?? 0, 'file')}…`);
  } else {
    parts.push(`${plural(progress.files ?? 0, 'file')} loaded`);
    if (progress.phase === 'plan') parts.push('planning pages…');
    else parts.push(`${progress.rendered} of ${plural(progress.total, 'page')} written`);
    if (indexing) parts.push('indexing for search…');
  }
  const line = `${parts.join(', ')} (${seconds})`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/**
 * The plain lines a build logs off a terminal: one when loading starts, one
 * when rendering does (and one when search indexing does, from `indexing`).
 */
export function progressLogLine(
  progress: BuildProgress,
  previous: BuildProgress | null,
): string | null {
  if (progress.phase === 'load' && progress.files !== null && previous?.files !== progress.files) {
    return `Loading ${plural(progress.files, 'file')}…`;
  }
  if (progress.phase === 'render' && previous?.phase !== 'render' && progress.total > 0) {
    return `Rendering ${plural(progress.total, 'page')}…`;
  }
  return null;
}

// Redraw at most this often: fast enough to look alive, cheap on a slow terminal.
const REDRAW_MS = 100;
// A build quicker than this shows no live line at all, only its summary.
const SHOW_AFTER_MS = 250;

/** Starts showing a build's progress on `io.err`. */
export function startProgress(
  io: ProgressIo,
  now: () => number = () => performance.now(),
): ProgressDisplay {
  const started = now();
  let last: BuildProgress | null = null;
  if (!isLiveTerminal(io)) {
    return {
      onProgress: (progress) => {
        const line = progressLogLine(progress, last);
        last = progress;
        if (line !== null) io.err(`${line}\n`);
      },
      // The pages are on disk by now; indexing a large site takes a while longer.
      indexing: () => io.err('Pages written; indexing for search…\n'),
      stop: () => undefined,
    };
  }
  let indexing = false;
  let stopped = false;
  let drawn = -Infinity;
  const draw = () => {
    if (stopped || now() - started < SHOW_AFTER_MS) return;
    drawn = now();
    const columns = io.columns !== undefined && io.columns > 0 ? io.columns : 80;
    io.err(`\r\x1b[2K${formatProgressLine(last, drawn - started, columns, indexing)}`);
  };
  // The elapsed time keeps moving while one long run renders.
  const timer = setInterval(draw, SHOW_AFTER_MS);
  timer.unref();
  return {
    onProgress: (progress) => {
      last = progress;
      if (now() - drawn >= REDRAW_MS) draw();
    },
    indexing: () => {
      indexing = true;
      draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (drawn > -Infinity) io.err('\r\x1b[2K');
    },
  };
}
