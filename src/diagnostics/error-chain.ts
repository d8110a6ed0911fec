import { GazetteError, type FailureKind } from './gazette-error.ts';

/**
 * An error as plain data, without its class, so it can cross threads and
 * processes; a GazetteError keeps its kind (and command) across.
 */
export interface ErrorLink {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  readonly kind?: FailureKind | undefined;
  readonly command?: string | undefined;
}

// Deep enough for Eleventy's wrapped template errors; a guard against cycles too.
const MAX_LINKS = 10;

/**
 * An error and its causes (`cause`, or Eleventy's `originalError`),
 * outermost first. Something thrown that is not an Error ends the chain as
 * its text.
 */
export function errorChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && chain.length < MAX_LINKS;) {
    if (seen.has(current)) break;
    seen.add(current);
    if (!(current instanceof Error)) {
      chain.push({ name: 'Error', message: String(current) });
      break;
    }
    const { name, message, stack } = current;
    chain.push(
      current instanceof GazetteError
        ? { name, message, stack, kind: current.kind, command: current.command }
        : { name, message, stack },
    );
    current = current.cause ?? (current as { originalError?: unknown }).originalError;
  }
  return chain;
}

/**
 * Rebuilds a chain of errors, each the `cause` of the one before: a link with
 * a kind becomes a GazetteError again, so it is reported as it would have
 * been where it was thrown.
 */
export function errorFromChain(chain: readonly ErrorLink[]): Error {
  let error: Error | undefined;
  for (const link of [...chain].reverse()) {
    const cause = error === undefined ? {} : { cause: error };
    let next: Error;
    if (link.kind === undefined) {
      next = new Error(link.message, cause);
      next.name = link.name;
    } else {
      next = new GazetteError(link.kind, link.message, { ...cause, command: link.command });
    }
    if (link.stack !== undefined) next.stack = link.stack;
    error = next;
  }
  return error ?? new Error('a worker failed without saying why');
}

/** `heading`, then each distinct message of `error` and its causes on a `  - ` line. */
export function listCauses(heading: string, error: unknown): string {
  const messages = new Set(errorChain(error).map((link) => link.message.trim()));
  return [heading, ...[...messages].map((message) => `  - ${message}`)].join('\n');
}
