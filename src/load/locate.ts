/** A 1-based position in a content file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

// A key is quoted, or words joined by runs of space; no two parts of the pattern
// can match the same spaces, so a long line without a colon fails in linear time.
const KEY_LINE =
  /^(\s*)(-\s+)?(?:(["'])([^"':#\s][^"':#]*)\2|([^"':#\s]+(?:\s+[^"':#\s]+)*))\s*:(?:\s+(\S)|\s*$)/;

/**
 * Finds where a front-matter field is written, by walking the block-style
 * YAML's indentation. Points at the value when it shares the key's line, else
 * at the key; falls back to the nearest parent that is written, then to line 1.
 * A number in `path` is an item of a block list (`- date: …`), counted from 0.
 *
 * `yaml` is the fragment whose 0-based line n is line n + 1 of the file.
 */
export function locateField(yaml: string, path: readonly (string | number)[]): Position {
  const keys = path.map(String);
  const found = new Map<string, Position>();
  const stack: { indent: number; key: string; item: boolean }[] = [];
  const items = new Map<string, number>();
  const dottedOf = () => stack.map((s) => s.key).join('.');
  yaml.split('\n').forEach((text, index) => {
    const match = KEY_LINE.exec(text);
    if (match === null) return;
    const indent = match[1]?.length ?? 0;
    const dash = match[2];
    // A list may sit at its parent key's indent (`key:` then `- a: 1`), so a
    // dash only closes what is deeper, or an earlier item at the same indent.
    const closes = (top: { indent: number; item: boolean }) =>
      dash === undefined ? top.indent >= indent : top.indent > indent || top.item;
    while (stack.length > 0 && closes(stack.at(-1) ?? { indent: 0, item: false })) stack.pop();
    if (dash !== undefined) {
      const parent = dottedOf();
      const item = (items.get(parent) ?? -1) + 1;
      items.set(parent, item);
      stack.push({ indent, key: String(item), item: true });
      found.set(dottedOf(), { line: index + 1, column: indent + 1 });
    }
    stack.push({
      indent: indent + (dash?.length ?? 0),
      key: match[4] ?? match[5] ?? '',
      item: false,
    });
    const dotted = dottedOf();
    if (found.has(dotted)) return;
    // The match ends on the value's first character when the value shares the line.
    const column = match[6] === undefined ? indent + (dash?.length ?? 0) : match[0].length - 1;
    found.set(dotted, { line: index + 1, column: column + 1 });
  });
  for (let depth = keys.length; depth > 0; depth--) {
    const position = found.get(keys.slice(0, depth).join('.'));
    if (position !== undefined) return position;
  }
  return { line: 1, column: 1 };
}
