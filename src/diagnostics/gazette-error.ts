/**
 * What stopped a command, when it is not a problem in one content file (those
 * are diagnostics, collected and printed together):
 * - `usage`: the command line does not fit the command;
 * - `project`: the project, or a file the command was given or must write, is
 *   missing, in the way or in use (a content or templates folder, the build lock);
 * - `config`: site.json, areas.yaml or a GAZETTE_* setting cannot be used;
 * - `content`: content has errors, where its diagnostics cannot be returned
 *   (Eleventy run on its own); the message is their report;
 * - `template`: Eleventy could not render a template;
 * - `search`: the search index could not be built;
 * - `internal`: a fault in Gazette itself; anything that is not a GazetteError is one.
 */
export type FailureKind =
  'usage' | 'project' | 'config' | 'content' | 'template' | 'search' | 'internal';

// 2 the command line is wrong, 1 the publisher has something to fix, 70 (EX_SOFTWARE) a bug.
const EXIT_CODES: Readonly<Record<FailureKind, number>> = {
  usage: 2,
  project: 1,
  config: 1,
  content: 1,
  template: 1,
  search: 1,
  internal: 70,
};

/** What a GazetteError may carry besides its kind and message. */
export interface GazetteErrorOptions {
  /** The error this one explains: kept, never swallowed. */
  readonly cause?: unknown;
  /** For a usage error, the command whose `--help` to suggest; without it, `gazette --help`. */
  readonly command?: string | undefined;
}

/**
 * The one error type for failures that are not content problems. Its message
 * already says what happened and what to do, so it is printed as it is.
 */
export class GazetteError extends Error {
  override readonly name = 'GazetteError';
  readonly command: string | undefined;

  constructor(
    readonly kind: FailureKind,
    message: string,
    options: GazetteErrorOptions = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.command = options.command;
  }
}

/** The kind of anything thrown: a GazetteError's own, else `internal`. */
export function failureKind(error: unknown): FailureKind {
  return error instanceof GazetteError ? error.kind : 'internal';
}

/** The exit code a command ends with when `error` stopped it. */
export function exitCodeOf(error: unknown): number {
  return EXIT_CODES[failureKind(error)];
}
