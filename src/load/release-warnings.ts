import type { SplitFile } from './front-matter.ts';
import { locateField } from './locate.ts';
import { stripSiteSuffix, toSlug } from '../model/slug.ts';
import type { AreaRegistry } from '../model/area-registry.ts';
import type { Release } from '../model/release.ts';
import { cleanUrl, emptyOptionalFields } from '../model/front-matter.ts';
import { findStrayFields } from '../model/stray-fields.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnose, type Place } from '../diagnostics/diagnose.ts';

/** Longest og.description that share previews show whole. */
export const MAX_OG_DESCRIPTION = 200;

/**
 * The warnings for one release that loaded without errors: things that build
 * but are probably not what the editor meant. Each points at its field.
 * `registry` is null when the project has no areas.yaml (no area warning then);
 * `shownArea` is the spelling the site shows the release's area under.
 */
export function releaseWarnings(
  release: Release,
  split: Pick<SplitFile, 'data' | 'yaml' | 'body' | 'bodyLine'>,
  registry: AreaRegistry | null,
  shownArea: string = release.area,
): Diagnostic[] {
  const at = (...keys: (string | number)[]) => ({
    ...locateField(split.yaml, keys),
    field: keys.join('.'),
  });
  const file = release.file;
  const warnings: Diagnostic[] = [...frontMatterWarnings(release, split, at)];
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
  const registered = registry?.lookup(release.area);
  if (registry !== null && registered === undefined) {
    const known = registry.areas.map((a) => a.name);
    warnings.push(diagnose('warning', file, at('area'), 'unknown-area', release.area, known));
  }
  if (registered === undefined && shownArea !== release.area) {
    warnings.push(diagnose('warning', file, at('area'), 'area-spelling', release.area, shownArea));
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

/** Warnings about how the front matter is written: stray keys, paths on the source site, the slug. */
function frontMatterWarnings(
  release: Release,
  split: Pick<SplitFile, 'data' | 'yaml'>,
  at: (...keys: (string | number)[]) => Place,
): Diagnostic[] {
  const file = release.file;
  const data = split.data as Record<string, unknown>;
  const empty = emptyOptionalFields(data).map((path) =>
    diagnose('warning', file, at(...path), 'empty-optional', path.join('.')),
  );
  const warnings = findStrayFields(data).map((stray) => {
    const field = stray.path.join('.');
    return stray.kind === 'misplaced'
      ? diagnose('warning', file, at(...stray.path), 'misplaced-field', field, stray.meant)
      : diagnose('warning', file, at(...stray.path), 'unknown-field', field, stray.meant);
  });
  const og = data.og as Record<string, unknown> | undefined;
  for (const key of ['image', 'url'] as const) {
    const written = typeof og?.[key] === 'string' ? cleanUrl(og[key]) : undefined;
    const published = release.og[key];
    if (written !== undefined && published !== undefined && written !== published) {
      const field = `og.${key}`;
      warnings.push(
        diagnose('warning', file, at('og', key), 'relative-url', field, written, published),
      );
    }
  }
  warnings.push(...empty);
  if (data.slug === undefined && toSlug(release.headline) === '') {
    const from = release.og.title !== undefined ? at('og', 'title') : at('title');
    warnings.push(diagnose('warning', file, from, 'headline-without-slug'));
  }
  return warnings;
}

/** Blank lines before the body's first text, so a warning points at the text itself. */
function leadingLines(body: string): number {
  const blank = /^\s*/.exec(body)?.[0] ?? '';
  return blank.split('\n').length - 1;
}
