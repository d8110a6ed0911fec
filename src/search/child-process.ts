import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorFromChain, type ErrorLink } from '../diagnostics/error-chain.ts';

/** How to run a child: what it reads on stdin, when to stop it, how nice to be. */
export interface ChildOptions {
  /** Written to the child's stdin, which is then closed. */
  readonly input?: string;
  /** Kills the child when aborted. */
  readonly signal?: AbortSignal;
  /** Niceness for the child, inherited by what it starts; where it is not allowed, the normal one. */
  readonly priority?: number;
}

/**
 * Runs one of this folder's child scripts, `<name>.ts`, in a Node process of
 * its own and resolves with what it printed. From src/ the child starts from
 * `<name>-entry.mjs`, which teaches it TypeScript; compiled (dist/), it runs
 * `<name>.js` as it is. A child that fails prints its error as an error chain
 * (JSON) on stderr and exits 1; that error is rebuilt and thrown here.
 */
export function runChild(
  name: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<string> {
  const entry = import.meta.url.endsWith('.ts')
    ? new URL(`./${name}-entry.mjs`, import.meta.url)
    : new URL(`./${name}.js`, import.meta.url);
  const child = spawn(process.execPath, [fileURLToPath(entry), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  if (options.priority !== undefined && child.pid !== undefined) {
    try {
      setPriority(child.pid, options.priority);
    } catch {
      // Not allowed here: run at the normal priority.
    }
  }
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  // A child that died before reading all of its input must not crash this process.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(childFailure(err, code));
    });
  });
}

/**
 * The error the child reported as an error chain on stderr, rebuilt; or,
 * when it died before it could (killed, out of memory), what it printed.
 */
function childFailure(stderr: string, code: number | null): Error {
  try {
    const chain: unknown = JSON.parse(stderr);
    if (Array.isArray(chain) && chain.length > 0) return errorFromChain(chain as ErrorLink[]);
  } catch {
    // Not an error chain: the text itself is all there is.
  }
  return new Error(stderr.trim() || `a search child process stopped with code ${code}`);
}
