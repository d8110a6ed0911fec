import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Correction, LocalDate } from '../model/release.ts';
import { parsePublishDate } from '../time/publish-date.ts';
import type { SplitFile } from './front-matter.ts';
import { locateField } from './locate.ts';

/** A problem found in a release's revision dates, before the file name is added. */
export type RevisionProblem = Omit<Diagnostic, 'file' | 'severity' | 'reason' | 'hint'> &
  (
    | { rule: 'bad-date'; args: [value: string, why: string, field: string, zone: string] }
    | { rule: 'date-before-publish'; args: [field: string, value: string, published: string] }
  );

/** What a release's `publish.updated` and `corrections` say, read and checked. */
export interface Revisions {
  readonly problems: RevisionProblem[];
  /** The latest of `publish.updated` and the corrections' dates, in ms; null when none. */
  readonly modifiedMs: number | null;
  /** Each correction's date, oldest first, with its place in the `corrections` list. */
  readonly corrections: { readonly ms: number; readonly index: number }[];
}

interface DatedField {
  readonly path: (string | number)[];
  readonly value: string;
}

/**
 * Reads the dates that say when a release changed after publication, as the
 * publish date is read, and checks that none is earlier than it. Reads the
 * raw front matter, so that one run reports these problems alongside the
 * schema's; `publishedMs` is null when the publish date itself is unusable.
 */
export function readRevisions(
  split: SplitFile,
  publishedMs: number | null,
  zone: string,
): Revisions {
  const data = split.data as Record<string, unknown>;
  const problems: RevisionProblem[] = [];
  const place = (path: (string | number)[]) => ({
    ...locateField(split.yaml, path),
    field: path.join('.'),
  });
  const fields = datedFields(data);
  const read = new Map<DatedField, number>();
  for (const field of fields) {
    const date = parsePublishDate(field.value, zone);
    const name = field.path.join('.');
    if (!date.ok) {
      const args: [string, string, string, string] = [field.value, date.why, name, zone];
      problems.push({ ...place(field.path), rule: 'bad-date', args });
    } else if (publishedMs !== null && date.ms < publishedMs) {
      const published = readPublishDate(data) ?? '';
      const args: [string, string, string] = [name, field.value, published];
      problems.push({ ...place(field.path), rule: 'date-before-publish', args });
    } else {
      read.set(field, date.ms);
    }
  }
  const all = [...read.values()];
  const corrections = fields
    .filter((f) => f.path[0] === 'corrections' && read.has(f))
    .map((f) => ({ ms: read.get(f) ?? 0, index: Number(f.path[1]) }))
    .sort((a, b) => a.ms - b.ms);
  return { problems, modifiedMs: all.length === 0 ? null : Math.max(...all), corrections };
}

/** `publish.updated` and each correction's date, where they are text (the schema reports other shapes). */
function datedFields(data: Record<string, unknown>): DatedField[] {
  const fields: DatedField[] = [];
  const updated = (data.publish as { updated?: unknown } | null | undefined)?.updated;
  if (typeof updated === 'string') fields.push({ path: ['publish', 'updated'], value: updated });
  const corrections = data.corrections;
  if (Array.isArray(corrections)) {
    corrections.forEach((item: unknown, i) => {
      const date = (item as { date?: unknown } | null)?.date;
      if (typeof date === 'string') fields.push({ path: ['corrections', i, 'date'], value: date });
    });
  }
  return fields;
}

function readPublishDate(data: Record<string, unknown>): string | undefined {
  const date = (data.publish as { date?: unknown } | null | undefined)?.date;
  return typeof date === 'string' ? date : undefined;
}

/** The corrections as a release holds them, oldest first, with their notes as validated. */
export function toCorrections(
  revisions: Revisions,
  notes: readonly { readonly note: string }[],
  toLocal: (ms: number) => LocalDate,
): Correction[] {
  return revisions.corrections.map(({ ms, index }) => ({
    local: toLocal(ms),
    note: notes[index]?.note ?? '',
  }));
}
