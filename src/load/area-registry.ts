import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { locatedError, type Place } from '../diagnostics/diagnose.ts';
import type { messages, Rule } from '../diagnostics/messages.ts';
import { AreaRegistry, areaRegistrySchema, lookupKey, type Area } from '../model/area-registry.ts';
import { AREA_REGISTRY_FILE } from '../model/project-paths.ts';
import { decodeText } from './decode-text.ts';
import { locateField } from './locate.ts';
import { parseYaml, YamlSyntaxError } from './yaml.ts';

/** What reading areas.yaml gave: the registry (null when there is none) or its problems. */
export type RegistryResult =
  | { readonly ok: true; readonly registry: AreaRegistry | null }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Reads and validates `areas.yaml` at the project root. A missing file means
 * no registry; every other problem comes back as a located diagnostic.
 */
export async function loadAreaRegistry(
  root: string,
  file = AREA_REGISTRY_FILE,
): Promise<RegistryResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(root, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, registry: null };
    return fail(file, { line: 1, column: 1 }, 'read-failed', code ?? String(error));
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail(file, decoded, 'invalid-utf8', decoded.offset);
  return parseAreaRegistry(file, decoded.text);
}

/** Validates the text of an areas.yaml; `file` names it in diagnostics. */
export function parseAreaRegistry(file: string, source: string): RegistryResult {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const at = { line: error.line + 1, column: error.column + 1 };
    return fail(file, at, 'registry-syntax', error.detail);
  }
  const parsed = areaRegistrySchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: parsed.error.issues.flatMap((i) => fromIssue(file, source, i)),
    };
  }
  const areas: Area[] = Object.entries(parsed.data.areas).map(([slug, entry]) => ({
    slug,
    name: entry.name,
    aliases: entry.aliases,
    ...(entry.description !== undefined && { description: entry.description }),
    ...(entry.image !== undefined && { image: entry.image }),
  }));
  // `areas: {}`, as `gazette init` writes it: no area is known yet, so none is
  // unknown either; releases are taken as written, as with no file at all.
  if (areas.length === 0) return { ok: true, registry: null };
  return indexAreas(file, source, areas);
}

/** Indexes every slug, name and alias; two areas claiming one key is an error naming both. */
function indexAreas(file: string, source: string, areas: Area[]): RegistryResult {
  const byKey = new Map<string, Area>();
  const diagnostics: Diagnostic[] = [];
  for (const area of areas) {
    const names: [string, (string | number)[]][] = [
      [area.slug, ['areas', area.slug]],
      [area.name, ['areas', area.slug, 'name']],
      ...area.aliases.map((a, i): [string, (string | number)[]] => [
        a,
        ['areas', area.slug, 'aliases', i],
      ]),
    ];
    for (const [name, where] of names) {
      const key = lookupKey(name);
      const other = byKey.get(key);
      if (other === undefined || key === '') byKey.set(key, area);
      else if (other !== area) {
        const at = { ...locateField(source, where), field: where.join('.') };
        diagnostics.push(problem(file, at, 'registry-clash', name, other.name));
      }
    }
  }
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, registry: new AreaRegistry(areas, byKey) };
}

function fromIssue(file: string, source: string, issue: z.core.$ZodIssue): Diagnostic[] {
  const pathParts = issue.path as (string | number)[];
  const field = pathParts.join('.');
  const at = { ...locateField(source, pathParts), ...(field !== '' && { field }) };
  if (issue.path.length === 0 || (issue.path.length === 1 && issue.code === 'invalid_type')) {
    return [problem(file, at, 'registry-shape')];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = [...pathParts, key];
      const place = { ...locateField(source, where), field: where.join('.') };
      return problem(file, place, 'registry-unknown-field', key);
    });
  }
  if (issue.code === 'invalid_key') {
    return [problem(file, at, 'registry-bad-slug', String(pathParts.at(-1) ?? ''))];
  }
  const kind =
    issue.code === 'custom'
      ? 'bad-url'
      : issue.code === 'too_small'
        ? 'empty'
        : issue.code === 'invalid_type' && issue.input === undefined
          ? 'missing'
          : issue.code === 'invalid_type' && issue.input === null
            ? 'empty'
            : 'wrong-type';
  return [problem(file, at, 'registry-field', field, kind)];
}

const problem = locatedError;

function fail<R extends Rule>(
  file: string,
  place: Place,
  rule: R,
  ...args: Parameters<(typeof messages)[R]>
): RegistryResult {
  return { ok: false, diagnostics: [problem(file, place, rule, ...args)] };
}
