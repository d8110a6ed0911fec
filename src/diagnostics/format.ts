import type { Diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostic.ts';
import { errorChain } from './error-chain.ts';
import { GazetteError } from './gazette-error.ts';
import { plural } from './plural.ts';

/**
 * Formats one diagnostic as `file:line:col  severity  reason  [rule]`, followed by
 * indented lines for the field and the hint.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.reason}  [${d.rule}]`];
  if (d.field !== undefined) lines.push(`    field: ${d.field}`);
  if (d.hint !== undefined) lines.push(`    hint: ${d.hint}`);
  return lines.join('\n');
}

/** Formats every diagnostic, sorted, with a closing count line. */
export function formatReport(list: readonly Diagnostic[]): string {
  const sorted = sortDiagnostics(list);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  const body = sorted.map(formatDiagnostic).join('\n\n');
  const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return body === '' ? summary : `${body}\n\n${summary}`;
}

/**
 * The text that reports a failure which stopped a command. A GazetteError is
 * its message, and a usage error adds where to read the command's options;
 * with `debug` (GAZETTE_DEBUG=1) the stacks follow. Anything else is a bug in
 * Gazette, so its stacks are always printed, for the report.
 */
export function formatFailure(error: unknown, debug: boolean): string {
  if (!(error instanceof GazetteError) || error.kind === 'internal') {
    return `Gazette failed unexpectedly; please report this with the text below.\n${stacks(error, true)}`;
  }
  const text =
    error.kind === 'usage'
      ? `${error.message}\nRun \`npx gazette ${error.command === undefined ? '' : `${error.command} `}--help\` for its options and examples.`
      : error.message;
  return debug ? `${text}\n${stacks(error, false)}` : text;
}

/**
 * The stack of an error and of each of its causes; without `heading`, the
 * first stack leaves out the message that was printed above it.
 */
function stacks(error: unknown, heading: boolean): string {
  return errorChain(error)
    .map((link, i) => {
      const stack = link.stack ?? link.message;
      const frames = stack.indexOf('\n    at ');
      return i > 0 || heading || frames === -1 ? stack : stack.slice(frames + 1);
    })
    .join('\nCaused by: ');
}
