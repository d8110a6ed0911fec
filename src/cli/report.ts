import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatReport } from '../diagnostics/format.ts';
import { SiteConfigError } from '../model/site-config.ts';

/** Prints content diagnostics to stderr when there are any. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) process.stderr.write(`${formatReport(diagnostics)}\n`);
}

/**
 * Turns an error that escaped a command into a message and exit code. A bad
 * site.json is the publisher's to fix; anything else is a bug in Gazette, so
 * the stack is kept for the report.
 */
export function reportFailure(error: unknown): number {
  if (error instanceof SiteConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `Gazette failed unexpectedly; please report this with the text below.\n${(error as Error).stack ?? String(error)}\n`,
  );
  return 70;
}
