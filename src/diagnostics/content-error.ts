import type { Diagnostic } from './diagnostic.ts';
import { formatReport } from './format.ts';

/** Thrown when content has errors, carrying every diagnostic; its message is the full report. */
export class ContentError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(formatReport(diagnostics));
    this.name = 'ContentError';
  }
}

/** Finds a ContentError in an error's `cause` chain (Eleventy wraps what data functions throw). */
export function findContentError(error: unknown): ContentError | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof ContentError) return e;
    const original: unknown = (e as { originalError?: unknown }).originalError;
    if (original instanceof ContentError) return original;
  }
  return null;
}
