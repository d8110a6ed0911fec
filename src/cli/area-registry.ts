import { formatDiagnostic } from '../diagnostics/format.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { loadAreaRegistry } from '../load/area-registry.ts';
import type { AreaRegistry } from '../model/area-registry.ts';

/** The project's area registry (null without areas.yaml); its located errors stop the command. */
export async function requireAreaRegistry(project: string): Promise<AreaRegistry | null> {
  const result = await loadAreaRegistry(project);
  if (result.ok) return result.registry;
  throw new GazetteError(
    'config',
    `${result.diagnostics.map(formatDiagnostic).join('\n\n')}\n\nFix areas.yaml first.`,
  );
}
