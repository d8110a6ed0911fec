import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { locatedError } from '../diagnostics/diagnose.ts';
import {
  emptyOptionalFields,
  frontMatterSchema,
  resolveSourceUrl,
  withoutFields,
  type FrontMatter,
} from '../model/front-matter.ts';
import { addressSlug, DEFAULT_PERMALINK, expandPermalink, releaseId } from '../model/permalink.ts';
import { markUnfinished } from '../model/placeholders.ts';
import { findStrayFields } from '../model/stray-fields.ts';
import type { LocalDate, Release } from '../model/release.ts';
import { parsePublishDate } from '../time/publish-date.ts';
import { offsetOf, wallTimeAt } from '../time/zoned-time.ts';
import { decodeText } from './decode-text.ts';
import { splitFrontMatter, type SplitFile } from './front-matter.ts';
import { locateField } from './locate.ts';
import { BODY_LIMITS } from './body-limits.ts';
import { renderBody, type RefusedBody, type RenderedBody } from './markdown.ts';
import { readRevisions, toCorrections, type RevisionProblem, type Revisions } from './revisions.ts';
import { stripSiteSuffix, toSlug } from '../model/slug.ts';
import {
  hashBytes,
  MAX_FILE_BYTES,
  readFailed,
  tooLarge,
  type FileResult,
  type LoadOptions,
  type SourceFile,
  type SourceResult,
} from './source-file.ts';

const problem = locatedError;

/**
 * Turns one file's bytes into a release. Never throws for bad content: every
 * problem comes back as a located diagnostic.
 */
export function loadReleaseFile(file: string, bytes: Uint8Array, options: LoadOptions): FileResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(file, bytes.length);
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const at = { line: decoded.line, column: decoded.column };
    return { ok: false, diagnostics: [problem(file, at, 'invalid-utf8', decoded.offset)] };
  }
  // String trim also removes further byte order marks (U+FEFF).
  if (decoded.text.trim() === '') {
    const at = { line: 1, column: 1 };
    return { ok: false, diagnostics: [problem(file, at, 'empty-file', bytes.length)] };
  }
  const split = splitFrontMatter(decoded.text);
  if ('kind' in split) {
    const at = {
      line: 'line' in split ? split.line : 1,
      column: 'column' in split ? split.column : 1,
    };
    const diagnostic =
      split.kind === 'yaml-syntax' || split.kind === 'yaml-alias'
        ? problem(file, at, split.kind, split.detail)
        : split.kind === 'front-matter-engine'
          ? problem(file, at, split.kind, split.language)
          : split.kind === 'unclosed-front-matter'
            ? problem(file, at, split.kind, split.fence)
            : problem(file, at, split.kind);
    return { ok: false, diagnostics: [diagnostic] };
  }
  return validate(file, split, options, hashBytes(bytes));
}

function validate(
  file: string,
  split: SplitFile,
  options: LoadOptions,
  sourceHash: string,
): FileResult {
  if (typeof split.data !== 'object' || split.data === null || Array.isArray(split.data)) {
    return {
      ok: false,
      diagnostics: [problem(file, { line: 1, column: 1 }, 'front-matter-shape')],
    };
  }
  // Empty optional fields are left out (check warns of them), so their fallbacks apply.
  const data = withoutFields(
    split.data as Record<string, unknown>,
    emptyOptionalFields(split.data as Record<string, unknown>),
  );
  const parsed = frontMatterSchema.safeParse(data, { reportInput: true });
  const diagnostics = parsed.success
    ? []
    : parsed.error.issues.map((i) => fromIssue(file, split, i));
  // The date is read even when other fields fail, so one run reports every problem.
  const rawDate = readRawDate(split.data);
  const date = rawDate === undefined ? null : parsePublishDate(rawDate, options.timeZone);
  if (rawDate !== undefined && date !== null && !date.ok) {
    const at = { ...locateField(split.yaml, ['publish', 'date']), field: 'publish.date' };
    diagnostics.push(
      problem(file, at, 'bad-date', rawDate, date.why, 'publish.date', options.timeZone),
    );
  }
  const revisions = readRevisions(split, date?.ok === true ? date.ms : null, options.timeZone);
  diagnostics.push(...revisions.problems.map((p) => fromRevisionProblem(file, p)));
  // Relative links in the body resolve against the source page; with no valid url they lose their address.
  const body = renderBody(split.body, parsed.success ? parsed.data.url : undefined);
  if (!body.ok) diagnostics.push(refusedBody(file, split.bodyLine, body));
  const frontMatter = parsed.success ? resolveOpenGraph(file, split, parsed.data) : null;
  if (frontMatter !== null && !frontMatter.ok) diagnostics.push(...frontMatter.diagnostics);
  if (frontMatter?.ok !== true || date === null || !date.ok || !body.ok || diagnostics.length > 0) {
    return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  }
  const fm = frontMatter.data;
  const release = markUnfinished(
    withRevisions(
      buildRelease(file, sourceHash, fm, date.ms, body, options),
      fm,
      revisions,
      options,
    ),
    split.body,
  );
  // The slug comes from `slug`, else the headline, which is og.title when present.
  const slugPath =
    fm.slug !== undefined ? ['slug'] : fm.og?.title !== undefined ? ['og', 'title'] : ['title'];
  const slugPlace = { ...locateField(split.yaml, slugPath), field: slugPath.join('.') };
  const slugProblems: Diagnostic[] = [];
  if (release.areaSlug === '') {
    const at = { ...locateField(split.yaml, ['area']), field: 'area' };
    slugProblems.push(problem(file, at, 'bad-slug', 'area', release.area));
  }
  if (release.slug === '') {
    slugProblems.push(
      problem(file, slugPlace, 'bad-slug', slugPlace.field, fm.slug ?? release.headline),
    );
  }
  if (slugProblems.length > 0) return { ok: false, diagnostics: sortDiagnostics(slugProblems) };
  const places = { url: { ...locateField(split.yaml, ['url']), field: 'url' }, slug: slugPlace };
  return { ok: true, release, places };
}

/**
 * The front matter with og.image and og.url resolved against the release's
 * url, as the source page's browser would resolve them; a bad-url error for
 * each that does not resolve to an http(s) address.
 */
function resolveOpenGraph(
  file: string,
  split: SplitFile,
  fm: FrontMatter,
): { ok: true; data: FrontMatter } | { ok: false; diagnostics: Diagnostic[] } {
  const og = fm.og;
  if (og === undefined) return { ok: true, data: fm };
  const diagnostics: Diagnostic[] = [];
  const resolved = { ...og };
  for (const key of ['image', 'url'] as const) {
    const value = og[key];
    if (value === undefined) continue;
    const absolute = resolveSourceUrl(value, fm.url);
    if (absolute !== null) resolved[key] = absolute;
    else {
      const at = { ...locateField(split.yaml, ['og', key]), field: `og.${key}` };
      diagnostics.push(problem(file, at, 'bad-url', `og.${key}`, value));
    }
  }
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, data: { ...fm, og: resolved } };
}

function fromRevisionProblem(file: string, p: RevisionProblem): Diagnostic {
  const at = { line: p.line, column: p.column, ...(p.field !== undefined && { field: p.field }) };
  if (p.rule === 'bad-date') return problem(file, at, p.rule, ...p.args);
  return problem(file, at, p.rule, ...p.args);
}

/** Adds what only some releases have: the draft mark, the last change and corrections. */
function withRevisions(
  release: Release,
  fm: FrontMatter,
  revisions: Revisions,
  options: LoadOptions,
): Release {
  const toLocal = (ms: number) => toLocalDate(ms, options.timeZone);
  const corrections = toCorrections(revisions, fm.corrections ?? [], toLocal);
  return {
    ...release,
    ...(fm.draft === true && { draft: true }),
    ...(revisions.modifiedMs !== null && { modified: toLocal(revisions.modifiedMs) }),
    ...(corrections.length > 0 && { corrections }),
  };
}

/** The diagnostic for a body over a limit, at its place in the file. */
function refusedBody(file: string, bodyLine: number, body: RefusedBody): Diagnostic {
  const at = { line: bodyLine + body.line - 1, column: body.column };
  if (body.limit === 'depth') return problem(file, at, 'body-too-deep', BODY_LIMITS.depth);
  return problem(file, at, 'body-too-complex', body.limit, BODY_LIMITS[body.limit]);
}

/** The publish date as written, when it is text; the schema reports any other shape. */
function readRawDate(data: object): string | undefined {
  const publish: unknown = (data as { publish?: unknown }).publish;
  if (typeof publish !== 'object' || publish === null) return undefined;
  const date: unknown = (publish as { date?: unknown }).date;
  return typeof date === 'string' ? date : undefined;
}

function fromIssue(file: string, split: SplitFile, issue: z.core.$ZodIssue): Diagnostic {
  const field = issue.path.join('.');
  const at = { ...locateField(split.yaml, issue.path as (string | number)[]), field };
  if (issue.code === 'custom') {
    const value = String((issue.params as { value?: unknown } | undefined)?.value ?? '');
    return problem(file, at, 'bad-url', field, value);
  }
  if (issue.code === 'too_small') return problem(file, at, 'empty-field', field);
  // `title:` with nothing after it is YAML null: an empty field, not a wrong type.
  if (issue.code === 'invalid_type' && issue.input === null) {
    return problem(file, at, 'empty-field', field);
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    const stray = findStrayFields(split.data as Record<string, unknown>).find(
      (s) => s.meant === field,
    );
    if (stray !== undefined) {
      const place = { ...locateField(split.yaml, [...stray.path]), field };
      return problem(file, place, 'required-field', field, stray.path.join('.'));
    }
    const parent = locateField(split.yaml, issue.path.slice(0, -1) as string[]);
    return problem(file, { ...at, ...parent }, 'required-field', field);
  }
  const expected = issue.code === 'invalid_type' ? describeType(issue.expected) : 'valid';
  return problem(file, at, 'wrong-type', field, expected, describeValue(issue.input));
}

function describeType(expected: string): string {
  if (expected === 'boolean') return 'true or false';
  if (expected === 'array') return 'a list';
  return expected === 'string' ? 'text' : expected === 'object' ? 'a group of fields' : expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return 'text';
  return `the ${typeof value} ${String(value)}`;
}

function buildRelease(
  file: string,
  sourceHash: string,
  fm: FrontMatter,
  publishedMs: number,
  body: RenderedBody,
  options: LoadOptions,
): Release {
  const headline = fm.og?.title ?? stripSiteSuffix(fm.title);
  const local = toLocalDate(publishedMs, options.timeZone);
  const id = releaseId(fm.url);
  const slug = addressSlug(
    fm.slug === undefined ? undefined : toSlug(fm.slug),
    toSlug(headline),
    id,
  );
  const { year, month, day } = local;
  const area = toSlug(fm.area);
  return {
    file,
    sourceHash,
    area: fm.area,
    areaSlug: area,
    headline,
    title: fm.title,
    description: fm.og?.description ?? fm.description ?? body.summary,
    published: new Date(publishedMs).toISOString().replace('.000Z', 'Z'),
    publishedMs,
    local,
    sourceUrl: fm.url,
    og: fm.og ?? {},
    slug,
    url: expandPermalink(options.permalink ?? DEFAULT_PERMALINK, {
      year,
      month,
      day,
      area,
      slug,
      id,
    }),
    body: { html: body.html },
    summary: body.summary,
  };
}

/** Reads an instant on the clock of `zone`. */
export function toLocalDate(ms: number, zone: string): LocalDate {
  const wall = wallTimeAt(ms, zone);
  const offset = offsetOf(wall, ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const zoneText = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}`;
  return {
    year: pad(wall.year, 4),
    month: pad(wall.month),
    day: pad(wall.day),
    time,
    iso: `${date}T${time}:${pad(wall.second)}${zoneText}`,
  };
}

/** Reads and loads one file; a file that cannot be read is an error, never an exception. */
export function loadSourceFile({ file, full }: SourceFile, options: LoadOptions): SourceResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    return { hash: null, result: readFailed(file, error) };
  }
  return { hash: hashBytes(bytes), result: loadReleaseFile(file, bytes, options) };
}
