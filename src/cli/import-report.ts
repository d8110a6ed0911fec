import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { formatDiagnostic } from '../diagnostics/format.ts';
import { plural } from '../diagnostics/plural.ts';
import { gazetteCommand, rootWords } from './shell-command.ts';

/** What happened to one file; `repairs` are the repair's warnings (fixes, or why it would not guess). */
export type ImportOutcome =
  | {
      kind: 'imported';
      from: string;
      to: string;
      full: string;
      bytes: Buffer;
      renamed: boolean;
      repairs: readonly Diagnostic[];
    }
  | { kind: 'skipped'; from: string; because: string }
  | { kind: 'rejected'; from: string; diagnostics: Diagnostic[]; repairs: readonly Diagnostic[] };

/** How the import ran, as the report tells it. */
export interface ReportOptions {
  readonly dryRun: boolean;
  readonly repair: boolean;
  /** Files in the content folder that did not load. */
  readonly broken: number;
  /** The project folder, as given on the command line, for the command the report suggests. */
  readonly root: string;
}

/**
 * The report: one line per file; then, file by file, the repairs of imported
 * files and the errors (and repairs) of rejected ones; then the counts.
 */
export function formatImportReport(plan: readonly ImportOutcome[], options: ReportOptions): string {
  const verb = options.dryRun ? 'would import' : 'imported';
  const lines = plan.map(
    (o) => `${(o.kind === 'imported' ? verb : o.kind).padEnd(12)}  ${lineOf(o)}`,
  );
  const listed = plan.flatMap((o) =>
    o.kind === 'skipped'
      ? []
      : sortDiagnostics([...(o.kind === 'rejected' ? o.diagnostics : []), ...o.repairs]),
  );
  if (listed.length > 0) lines.push('', listed.map(formatDiagnostic).join('\n\n'));
  const count = (kind: ImportOutcome['kind']) => plan.filter((o) => o.kind === kind).length;
  const repaired = plan.filter((o) => o.kind === 'imported' && o.repairs.length > 0).length;
  lines.push(
    '',
    `${count('imported')} ${verb}${options.repair ? ` (${repaired} repaired)` : ''}, ` +
      `${count('skipped')} skipped, ${count('rejected')} rejected` +
      (options.dryRun ? ' (dry run: nothing was written)' : ''),
  );
  if (options.broken > 0) {
    lines.push(
      `Note: ${plural(options.broken, 'file')} in the content folder did not load, so releases repeating them could not be spotted; run \`${gazetteCommand('check', ...rootWords(options.root))}\`.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The file's line after its outcome: where it went, why it was skipped, or how many errors. */
function lineOf(o: ImportOutcome): string {
  if (o.kind === 'skipped') return `${o.from}: ${o.because}`;
  if (o.kind === 'rejected')
    return `${o.from}: ${plural(o.diagnostics.length, 'error')}, listed below`;
  const notes = [
    ...(o.renamed ? ['renamed: a different file has that name'] : []),
    ...(o.repairs.length > 0
      ? [`repaired: ${plural(o.repairs.length, 'fix', 'fixes')}, listed below`]
      : []),
  ];
  return `${o.from} → ${o.to}${notes.map((n) => ` (${n})`).join('')}`;
}
