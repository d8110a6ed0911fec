import { formatDiagnostic } from '../diagnostics/format.ts';
import { loadAreaRegistry, type AreaRegistry } from '../model/area-registry.ts';
import { ProjectError } from '../model/project-error.ts';
import { SiteConfigError } from '../model/site-config.ts';
import { UsageError } from './args.ts';
import type { Io } from './io.ts';
import { reportFailure } from './report.ts';

/** Bad input to a command (a missing folder, a file that exists): said plainly, exit 1. */
export class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The project's area registry (null without areas.yaml); its located errors stop the command. */
export async function requireAreaRegistry(project: string): Promise<AreaRegistry | null> {
  const result = await loadAreaRegistry(project);
  if (result.ok) return result.registry;
  throw new CliError(
    `${result.diagnostics.map(formatDiagnostic).join('\n\n')}\n\nFix areas.yaml first.`,
  );
}

/**
 * Prints an error that stopped a command and returns its exit code. Problems
 * the user can fix are one clear message; anything else is a bug and keeps its stack.
 */
export function failWith(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'gazette --help' : `gazette ${error.command} --help`;
    io.err(`${error.message}\nRun \`${help}\` for its options and examples.\n`);
    return 2;
  }
  if (
    error instanceof CliError ||
    error instanceof SiteConfigError ||
    error instanceof ProjectError
  ) {
    io.err(`${error.message}\n`);
    return 1;
  }
  return reportFailure(error);
}
