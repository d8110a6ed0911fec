import type { SplitFile } from '../load/front-matter.ts';
import { locateField } from '../load/locate.ts';
import { stripSiteSuffix, toSlug } from '../load/slug.ts';
import type { AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import type { Diagnostic } from './diagnostic.ts';
import { diagnose } from './diagnose.ts';

/** Longest og.description that share previews show whole. */
export const MAX_OG_DESCRIPTION = 200;

/**
 * The warnings for one release that loaded without errors: things that build
 * but are probably not what the editor meant. Each points at its field.
 * `registry` is null when the project has no areas.yaml (no area warning then).
 */
export function releaseWarnings(
  release: Release,
  split: Pick<SplitFile, 'yaml' | 'body' | 'bodyLine'>,
  registry: AreaRegistry | null,
): Diagnostic[] {
  const at = (...keys: string[]) => ({ ...locateField(split.yaml, keys), field: keys.join('.') });
  const file = release.file;
  const warnings: Diagnostic[] = [];
  if (release.og.image === undefined)
    warnings.push(diagnose('warning', file, at('og', 'image'), 'no-og-image'));
  const description = release.og.description;
  if (description !== undefined && [...description].length > MAX_OG_DESCRIPTION) {
    warnings.push(
      diagnose(
        'warning',
        file,
        at('og', 'description'),
        'long-og-description',
        [...description].length,
        MAX_OG_DESCRIPTION,
      ),
    );
  }
  if (registry !== null && registry.lookup(release.area) === undefined) {
    const known = registry.areas.map((a) => a.name);
    warnings.push(diagnose('warning', file, at('area'), 'unknown-area', release.area, known));
  }
  const ogTitle = release.og.title;
  if (ogTitle !== undefined && toSlug(stripSiteSuffix(release.title)) !== toSlug(ogTitle)) {
    warnings.push(
      diagnose('warning', file, at('og', 'title'), 'title-mismatch', release.title, ogTitle),
    );
  }
  if (split.body.trim() === '') {
    warnings.push(diagnose('warning', file, { line: split.bodyLine, column: 1 }, 'empty-body'));
  }
  // The loader marked the fields still holding placeholders.
  for (const field of release.unfinished ?? []) {
    const place =
      field === 'body'
        ? { line: split.bodyLine + leadingLines(split.body), column: 1, field }
        : at(...field.split('.'));
    warnings.push(diagnose('warning', file, place, 'placeholder', field));
  }
  return warnings;
}

/** Blank lines before the body's first text, so a warning points at the text itself. */
function leadingLines(body: string): number {
  const blank = /^\s*/.exec(body)?.[0] ?? '';
  return blank.split('\n').length - 1;
}
