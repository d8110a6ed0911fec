import type { Diagnostic, Severity } from './diagnostic.ts';
import { messages, type Rule } from './messages.ts';

/** Where a problem is: a 1-based line and column, and the field when it belongs to one. */
export interface Place {
  readonly line: number;
  readonly column: number;
  readonly field?: string;
}

/** Builds a diagnostic from the message catalogue, so no caller writes message text. */
export function diagnose<R extends Rule>(
  severity: Severity,
  file: string,
  place: Place,
  rule: R,
  ...args: Parameters<(typeof messages)[R]>
): Diagnostic {
  const text = (messages[rule] as (...a: typeof args) => { reason: string; hint: string })(...args);
  return {
    file,
    line: place.line,
    column: place.column,
    ...(place.field !== undefined && { field: place.field }),
    rule,
    severity,
    reason: text.reason,
    hint: text.hint,
  };
}

/** An error-severity diagnostic from the message catalogue. */
export function locatedError<R extends Rule>(
  file: string,
  place: Place,
  rule: R,
  ...args: Parameters<(typeof messages)[R]>
): Diagnostic {
  return diagnose('error', file, place, rule, ...args);
}
