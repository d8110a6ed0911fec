import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnose } from '../diagnostics/diagnose.ts';
import { splitFrontMatter } from './front-matter.ts';

/** Front-matter lines after repair and what changed, or why the tabs were left alone. */
export type YamlRepair =
  { readonly lines: string[]; readonly fixes: Diagnostic[] } | { readonly refusal: Diagnostic };

/** The one-line text fields of the schema (src/model/front-matter.ts), by the group they are in. */
const TEXT_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['', ['area', 'title', 'url', 'slug', 'description']],
  ['og', ['title', 'description', 'image', 'url', 'locale', 'type']],
  ['publish', ['date', 'updated']],
]);

const FIELD_LINE = /^( *)([a-z]+):[ \t]+(.*?)[ \t]*$/;
// A plain value starting with one of these is something else in YAML (a quote,
// a list, an anchor...), so putting quotes around it could change what it says.
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/**
 * Repairs a release's lines (line n of the file is `lines[n - 1]`) where the
 * YAML parser stops, and only there: an indentation holding tabs becomes
 * spaces, and a one-line text field whose plain value holds ": " is put in
 * double quotes. A line YAML accepts is never touched, so block scalars and
 * quoted values stay as written. Tabs are refused when the fields would nest
 * differently for another tab width.
 */
export function repairYaml(file: string, original: readonly string[]): YamlRepair {
  const lines = [...original];
  const tabbed = new Map<number, string>();
  const quoted = new Set<number>();
  const fixes: Diagnostic[] = [];
  // Each round fixes one more line or stops, so this ends within 2 × lines rounds.
  for (;;) {
    const split = splitFrontMatter(lines.join('\n'));
    if (!('kind' in split) || split.kind !== 'yaml-syntax') break;
    const i = split.line - 1;
    const line = lines[i] ?? '';
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indent.includes('\t') && !tabbed.has(i)) {
      tabbed.set(i, indent);
      lines[i] = expandTabs(indent, 2) + line.slice(indent.length);
      continue;
    }
    const quote = quoted.has(i) ? null : quoteField(lines, i);
    if (quote === null) break;
    quoted.add(i);
    lines[i] = quote.line;
    // Tabs may have shortened the indentation: the column is the original line's.
    const column = quote.column + (original[i] ?? '').length - line.length;
    const at = { line: i + 1, column, field: quote.field };
    fixes.push(diagnose('warning', file, at, 'repaired-quote', quote.field, quote.line.trim()));
  }
  if (tabbed.size === 0) return { lines, fixes };
  const at = { line: Math.min(...tabbed.keys()) + 1, column: 1 };
  if (!nestsAlikeForEveryTabWidth(lines, tabbed)) {
    return { refusal: diagnose('warning', file, at, 'repair-refused', { kind: 'tab-width' }) };
  }
  const tabLines = [...tabbed.keys()].map((i) => i + 1);
  return { lines, fixes: [diagnose('warning', file, at, 'repaired-tabs', tabLines), ...fixes] };
}

/** Leading whitespace as spaces, with tab stops every `width` columns. */
function expandTabs(indent: string, width: number): string {
  let column = 0;
  for (const c of indent)
    column = c === '\t' ? (Math.floor(column / width) + 1) * width : column + 1;
  return ' '.repeat(column);
}

/**
 * Whether the front matter reads the same with tabs 2, 4 and 8 columns wide.
 * When it reads at no width the file is rejected anyway, for its other error.
 */
function nestsAlikeForEveryTabWidth(
  lines: readonly string[],
  tabbed: ReadonlyMap<number, string>,
): boolean {
  const [two, ...others] = [2, 4, 8].map((width) => {
    const variant = [...lines];
    for (const [i, indent] of tabbed) {
      variant[i] = expandTabs(indent, width) + (lines[i] ?? '').slice(expandTabs(indent, 2).length);
    }
    const split = splitFrontMatter(variant.join('\n'));
    return 'kind' in split ? undefined : { data: split.data };
  });
  if (two === undefined) return others.every((o) => o === undefined);
  return others.every((o) => o !== undefined && isDeepStrictEqual(o.data, two.data));
}

/** The line with its value in double quotes, when it is a text field whose plain value holds ": ". */
function quoteField(
  lines: readonly string[],
  i: number,
): { line: string; column: number; field: string } | null {
  const text = lines[i] ?? '';
  const match = FIELD_LINE.exec(text);
  if (match === null) return null;
  const [, indent = '', key = '', value = ''] = match;
  if (!/:(?:\s|$)/.test(value) || INDICATOR_START.test(value)) return null;
  const group = indent === '' ? '' : groupOf(lines, i, indent.length);
  if (group === null || !(TEXT_FIELDS.get(group) ?? []).includes(key)) return null;
  const escaped = value.replace(/[\\"]/g, (c) => `\\${c}`);
  return {
    line: `${indent}${key}: "${escaped}"`,
    column: text.indexOf(value, indent.length + key.length + 1) + 1,
    field: group === '' ? key : `${group}.${key}`,
  };
}

/** The top-level `group:` that an indented line at `indent` belongs to, or null when unsure. */
function groupOf(lines: readonly string[], i: number, indent: number): string | null {
  // Line 0 is the opening fence.
  for (let j = i - 1; j > 0; j--) {
    const text = lines[j] ?? '';
    if (/^\s*(?:#|$)/.test(text)) continue;
    const lead = /^[ \t]*/.exec(text)?.[0] ?? '';
    if (lead.includes('\t')) return null;
    if (lead.length >= indent) continue;
    const parent = /^([a-z]+):\s*$/.exec(text)?.[1];
    return lead === '' ? (parent ?? null) : null;
  }
  return null;
}
