import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { repairHint } from '../diagnostics/messages.ts';
import { repairRelease } from '../load/repair.ts';
import type { FileResult, LoadOptions } from '../load/source-file.ts';
import { loadReleaseFile } from '../load/to-release.ts';
import { gazetteCommand, rootWords } from './shell-command.ts';

/** A scraped file as loaded for import, repaired first when asked. */
export interface ScrapedLoad {
  readonly result: FileResult;
  /** What import writes: the repaired copy, or the file's own bytes. */
  readonly bytes: Buffer;
  /** What the repair changed, or why it would not guess; empty without --repair. */
  readonly repairs: readonly Diagnostic[];
}

/** How to load scraped files, and the command a hint offers for repairing one. */
export interface ScrapedOptions extends LoadOptions {
  readonly repair: boolean;
  /** The command that imports `file` with --repair, as typed where the user stands. */
  readonly command: (file: string) => string;
}

// The errors a repair can take away; others stay whatever the repair does.
const REPAIRABLE = new Set(['invalid-utf8', 'yaml-syntax']);

/**
 * Loads a scraped file. With `repair`, the repaired copy is what loads (and
 * what import writes); without it, an error that the repair would take away
 * gets a hint naming the command that does it.
 */
export function loadScraped(file: string, bytes: Buffer, options: ScrapedOptions): ScrapedLoad {
  if (options.repair) {
    const repair = repairRelease(file, bytes);
    if (repair.kind === 'repaired') {
      const result = loadReleaseFile(file, repair.bytes, options);
      return { result, bytes: repair.bytes, repairs: repair.fixes };
    }
    const repairs = repair.kind === 'refused' ? [repair.refusal] : [];
    return { result: loadReleaseFile(file, bytes, options), bytes, repairs };
  }
  const result = loadReleaseFile(file, bytes, options);
  if (result.ok) return { result, bytes, repairs: [] };
  const diagnostics = withRepairHints(file, bytes, result.diagnostics, options);
  return { result: { ok: false, diagnostics }, bytes, repairs: [] };
}

/**
 * The diagnostics of a file that did not load, with the repair command added
 * to the hint of each error the repaired copy no longer has (same rule, same
 * line: repairs never move a line).
 */
export function withRepairHints(
  file: string,
  bytes: Buffer,
  diagnostics: readonly Diagnostic[],
  options: Omit<ScrapedOptions, 'repair'>,
): Diagnostic[] {
  if (!diagnostics.some((d) => REPAIRABLE.has(d.rule))) return [...diagnostics];
  const repair = repairRelease(file, bytes);
  if (repair.kind !== 'repaired') return [...diagnostics];
  const after = loadReleaseFile(file, repair.bytes, options);
  const left = after.ok ? [] : after.diagnostics;
  return diagnostics.map((d) =>
    REPAIRABLE.has(d.rule) && !left.some((l) => l.rule === d.rule && l.line === d.line)
      ? { ...d, hint: repairHint(d.hint ?? '', options.command(file)) }
      : d,
  );
}

/** `npx gazette import --repair [--root <dir>] <file>`, quoted for a POSIX shell where needed. */
export function repairCommand(root: string, file: string): string {
  return gazetteCommand('import', '--repair', ...rootWords(root), file);
}
