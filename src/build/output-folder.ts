import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import type { ProjectPaths } from '../model/project-paths.ts';

/**
 * Refuses an output folder that a build must not replace. A build swaps its
 * output folder out whole, so `--output .` or `--output content` would take
 * the project with it: the output may not hold the project, and a folder that
 * is there already must be empty or a built site (one with an index.html).
 */
export function requireSafeOutput({ root, output }: ProjectPaths): void {
  const shown = path.relative(root, output) || '.';
  const why = 'every build replaces its output folder whole';
  if (output === root || root.startsWith(`${output}${path.sep}`)) {
    throw new GazetteError(
      'project',
      `The output folder ${shown} holds the project itself, and ${why}. Build into a folder of its own, such as _site.`,
    );
  }
  const stats = statSync(output, { throwIfNoEntry: false });
  if (stats === undefined) return;
  if (!stats.isDirectory()) {
    throw new GazetteError(
      'project',
      `The output folder ${shown} is a file. Build into a folder, such as _site.`,
    );
  }
  const entries = readdirSync(output);
  if (entries.length > 0 && !entries.includes('index.html')) {
    throw new GazetteError(
      'project',
      `The output folder ${shown} holds files but no index.html, so it is not a built site, and ${why}. Build into a new or empty folder, or move its files away first.`,
    );
  }
}
