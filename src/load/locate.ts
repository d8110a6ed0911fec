/** A 1-based position in a content file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

// A key is quoted, or words joined by runs of space; no two parts of the pattern
// can match the same spaces, so a long line without a colon fails in linear time.
const KEY_LINE =
  /^(\s*)(?:-\s+)?(?:(["'])([^"':#\s][^"':#]*)\2|([^"':#\s]+(?:\s+[^"':#\s]+)*))\s*:(?:\s+(\S)|\s*$)/;

/**
 * Finds where a front-matter field is written, by walking the block-style
 * YAML's indentation. Points at the value when it shares the key's line, else
 * at the key; falls back to the nearest parent that is written, then to line 1.
 *
 * `yaml` is the fragment whose 0-based line n is line n + 1 of the file.
 */
export function locateField(yaml: string, path: readonly (string | number)[]): Position {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const found = new Map<string, Position>();
  const stack: { indent: number; key: string }[] = [];
  yaml.split('\n').forEach((text, index) => {
    const match = KEY_LINE.exec(text);
    if (match === null) return;
    const indent = match[1]?.length ?? 0;
    while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
    stack.push({ indent, key: match[3] ?? match[4] ?? '' });
    const dotted = stack.map((s) => s.key).join('.');
    if (found.has(dotted)) return;
    // The match ends on the value's first character when the value shares the line.
    const column = match[5] === undefined ? indent : match[0].length - 1;
    found.set(dotted, { line: index + 1, column: column + 1 });
  });
  for (let depth = keys.length; depth > 0; depth--) {
    const position = found.get(keys.slice(0, depth).join('.'));
    if (position !== undefined) return position;
  }
  return { line: 1, column: 1 };
}
