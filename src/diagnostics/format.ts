import type { Diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostic.ts';

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
