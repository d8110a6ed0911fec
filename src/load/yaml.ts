import yaml from 'js-yaml';

/** A YAML problem at a 0-based line and column of the fragment. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly rule: 'yaml-syntax' | 'yaml-alias',
    readonly detail: string,
    readonly line: number,
    readonly column: number,
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'YamlSyntaxError';
  }
}

const MAX_DEPTH = 20;

/**
 * Parses front-matter YAML with the core schema (YAML 1.2: `no` stays text,
 * `1:20` is not 80, dates stay text). Duplicate keys are refused.
 */
export function parseYaml(source: string): unknown {
  let data: unknown;
  try {
    data = yaml.load(source, {
      // maxDepth and maxTotalMergeKeys arrived in js-yaml 4.2; @types/js-yaml predates them.
      ...({ maxDepth: MAX_DEPTH, maxTotalMergeKeys: 100 } as yaml.LoadOptions),
      schema: yaml.CORE_SCHEMA,
      json: false,
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new YamlSyntaxError('yaml-syntax', error.reason, mark?.line ?? 0, mark?.column ?? 0, {
        cause: error,
      });
    }
    throw error;
  }
  if (hasSharedNode(data)) throw aliasError(source);
  return data;
}

/**
 * Tells whether any list or mapping is reached twice: the mark of an alias
 * (`*name`) that repeats a block, and of cycles. js-yaml shares such nodes
 * instead of copying them, so an "alias bomb" parses fast, but anything that
 * walks the data afterwards would expand it; it is refused here instead.
 */
function hasSharedNode(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (seen.has(node)) return true;
    seen.add(node);
    stack.push(...Object.values(node));
  }
  return false;
}

function aliasError(source: string): YamlSyntaxError {
  const anchors = new Set([...source.matchAll(/&([^\s,[\]{}]+)/g)].map((m) => m[1]));
  const lines = source.split('\n');
  for (const [line, text] of lines.entries()) {
    for (const match of text.matchAll(/\*([^\s,[\]{}]+)/g)) {
      if (anchors.has(match[1])) {
        return new YamlSyntaxError('yaml-alias', match[1] ?? '', line, match.index);
      }
    }
  }
  return new YamlSyntaxError('yaml-alias', '', 0, 0);
}
