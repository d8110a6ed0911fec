/** How serious a content problem is: errors stop a build, warnings do not. */
export type Severity = 'error' | 'warning';

/**
 * One problem in one content file, with a place a person can jump to.
 *
 * Lines and columns are 1-based and point into the real file, not into the
 * front-matter fragment that was handed to the YAML parser.
 */
export interface Diagnostic {
  /** Path of the file relative to the project root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the front-matter field, when the problem belongs to one. */
  readonly field?: string;
  /** What happened and why, as a sentence. */
  readonly reason: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Stable identifier of the check, for docs and filtering. */
  readonly rule: string;
  readonly severity: Severity;
}

/** Sorts diagnostics by file, then line, then column, so output never depends on load order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule),
  );
}

/** Compares strings by code unit, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
