import yaml from 'js-yaml';

/** A YAML problem at a 0-based line and column of the fragment. */
export class YamlSyntaxError extends Error {
  constructor(
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
  try {
    return yaml.load(source, {
      // maxDepth and maxTotalMergeKeys arrived in js-yaml 4.2; @types/js-yaml predates them.
      ...({ maxDepth: MAX_DEPTH, maxTotalMergeKeys: 100 } as yaml.LoadOptions),
      schema: yaml.CORE_SCHEMA,
      json: false,
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new YamlSyntaxError(error.reason, mark?.line ?? 0, mark?.column ?? 0, { cause: error });
    }
    throw error;
  }
}
