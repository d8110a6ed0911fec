import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatFailure, formatReport } from '../diagnostics/format.ts';
import { exitCodeOf } from '../diagnostics/gazette-error.ts';
import type { Io } from './io.ts';

/** Prints content diagnostics, with their count, when there are any. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Pick<Io, 'err'>): void {
  if (diagnostics.length > 0) io.err(`${formatReport(diagnostics)}\n`);
}

/**
 * Reports an error that stopped a command on `io.err` and returns the exit
 * code its kind calls for: 2 a usage error, 1 something the publisher can
 * fix (said in words, with the stack only when GAZETTE_DEBUG=1), 70 a bug in
 * Gazette (with its stack, for the report).
 */
export function reportFailure(error: unknown, io: Pick<Io, 'err' | 'env'>): number {
  io.err(`${formatFailure(error, io.env.GAZETTE_DEBUG === '1')}\n`);
  return exitCodeOf(error);
}
