import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatReport } from '../diagnostics/format.ts';
import { errorChain } from '../model/error-chain.ts';
import { ProjectError } from '../model/project-error.ts';
import { SiteConfigError } from '../model/site-config.ts';

/** Where a report is written: stderr, or a build server's client. */
export type Write = (text: string) => void;

const toStderr: Write = (text) => void process.stderr.write(text);

/** Prints content diagnostics when there are any. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], err: Write = toStderr): void {
  if (diagnostics.length > 0) err(`${formatReport(diagnostics)}\n`);
}

/**
 * Turns an error that escaped a command into a message and exit code. A bad
 * site.json, a missing content or templates folder, or a template that fails
 * to render is the publisher's to fix:
 * the causes are printed without a stack (set GAZETTE_DEBUG=1 to see it).
 * Anything else is a bug in Gazette, so the stack is kept for the report.
 */
export function reportFailure(
  error: unknown,
  env: NodeJS.ProcessEnv = process.env,
  err: Write = toStderr,
): number {
  if (error instanceof SiteConfigError || error instanceof ProjectError) {
    err(`${error.message}\n`);
    return 1;
  }
  const chain = errorChain(error);
  const debug = env.GAZETTE_DEBUG === '1' ? `\n${(error as Error).stack ?? ''}` : '';
  if (chain.some((e) => /Template|Eleventy/.test(e.name))) {
    const lines = [...new Set(chain.map((e) => e.message.trim()))].map((m) => `  - ${m}`);
    err(
      `The site could not be rendered; a template failed:\n${lines.join('\n')}\n` +
        `Fix the template named above and build again (GAZETTE_DEBUG=1 adds the stack trace).${debug}\n`,
    );
    return 1;
  }
  err(
    `Gazette failed unexpectedly; please report this with the text below.\n${(error as Error).stack ?? String(error)}\n`,
  );
  return 70;
}
