/** An error as plain data: name, message and stack, without its class, so it can cross threads. */
export interface ErrorLink {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
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
    chain.push({ name: current.name, message: current.message, stack: current.stack });
    current = current.cause ?? (current as { originalError?: unknown }).originalError;
  }
  return chain;
}
