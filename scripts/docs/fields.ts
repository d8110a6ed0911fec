import { z } from 'zod';
import { frontMatterSchema } from '../../src/model/front-matter.ts';
import { table } from './markdown.ts';

/** One row of the field table. */
interface FieldRow {
  readonly name: string;
  readonly required: string;
  readonly type: string;
  readonly description: string;
}

/** The front-matter field table, made from the zod schema's shape, descriptions and `type` metadata. */
export function fieldTable(): string {
  const rows = fieldRows(frontMatterSchema.shape, '', 'yes');
  return table(
    ['field', 'required', 'type', 'what it does'],
    rows.map((row) => [`\`${row.name}\``, row.required, row.type, row.description]),
  );
}

/**
 * The rows of one level of the schema. Groups (`publish`, `og`) give a row per
 * field inside them; a list of groups (`corrections`) gives its own row and
 * one per field of each item. `required` is what a required field here says.
 */
function fieldRows(shape: Readonly<Record<string, z.ZodType>>, prefix: string, required: string) {
  const rows: FieldRow[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const name = `${prefix}${key}`;
    const optional = field instanceof z.ZodOptional;
    const inner = (optional ? field.unwrap() : field) as z.ZodType;
    const needed = optional ? 'no' : required;
    if (inner instanceof z.ZodObject) {
      rows.push(...fieldRows(inner.shape, `${name}.`, needed));
      continue;
    }
    const description = field.description ?? inner.description;
    if (description === undefined) throw new Error(`the schema gives "${name}" no description`);
    rows.push({ name, required: needed, type: typeOf(inner), description });
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject) {
      rows.push(...fieldRows(inner.element.shape, `${name}[].`, 'in each'));
    }
  }
  return rows;
}

/** How the table names a field's type: its `type` metadata, else its kind of value. */
function typeOf(schema: z.ZodType): string {
  const named = schema.meta()?.type;
  if (typeof named === 'string') return named;
  if (schema instanceof z.ZodBoolean) return '`true` or `false`';
  if (schema instanceof z.ZodArray && schema.element instanceof z.ZodObject) {
    const keys = Object.keys(schema.element.shape).map((key) => `\`${key}\``);
    return `list of ${keys.join(' and ')}`;
  }
  throw new Error(`no name for the type "${schema.def.type}": give it { type } metadata`);
}
