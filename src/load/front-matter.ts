import matter from 'gray-matter';
import { parseYaml, YamlSyntaxError } from './yaml.ts';

/** Front matter split from a body, with where each part starts in the file. */
export interface SplitFile {
  /** Parsed front matter (not yet validated). */
  readonly data: unknown;
  /** The raw YAML text; its line 0 is line 1 of the file (the opening fence). */
  readonly yaml: string;
  /** Markdown after the closing fence. */
  readonly body: string;
  /** 1-based file line where the body starts. */
  readonly bodyLine: number;
}

/** Why a file's front matter could not be split or parsed, with a 1-based place. */
export type SplitProblem =
  | { kind: 'no-front-matter' }
  | { kind: 'toml-front-matter' }
  | { kind: 'unclosed-front-matter'; fence: string }
  | { kind: 'front-matter-engine'; language: string }
  | { kind: 'yaml-syntax' | 'yaml-alias'; detail: string; line: number; column: number };

const FENCES = [
  { open: '```', close: '```' },
  { open: '---', close: '---' },
] as const;
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

function refuseEngine(): never {
  // Only reached if a language slipped past the check in splitFrontMatter.
  throw new Error('front matter engines other than YAML are disabled');
}

// gray-matter would otherwise use its bundled js-yaml 3 (YAML 1.1) and run
// `---js` front matter as code; every engine but ours refuses.
const ENGINES = {
  yaml: { parse: (source: string) => parseYaml(source) as object },
  yml: { parse: (source: string) => parseYaml(source) as object },
  javascript: { parse: refuseEngine },
  js: { parse: refuseEngine },
  json: { parse: refuseEngine },
  coffee: { parse: refuseEngine },
  coffeescript: { parse: refuseEngine },
  toml: { parse: refuseEngine },
};

/**
 * Splits a release into front matter and body. Accepts the house form (a
 * ```` ```yaml ```` fence on line 1) and conventional `---` front matter.
 */
export function splitFrontMatter(text: string): SplitFile | SplitProblem {
  // Hugo's TOML form; named, so that it is not reported as missing front matter.
  if (/^\+\+\+[ \t]*(?:\n|$)/.test(text)) return { kind: 'toml-front-matter' };
  const fence = FENCES.find((f) => text.startsWith(f.open) && text[f.open.length] !== f.open[0]);
  if (fence === undefined) return { kind: 'no-front-matter' };
  const firstLineEnd = text.indexOf('\n');
  if (firstLineEnd === -1) return { kind: 'unclosed-front-matter', fence: fence.close };
  const language = text.slice(fence.open.length, firstLineEnd).trim().toLowerCase();
  if (!YAML_LANGUAGES.has(language)) return { kind: 'front-matter-engine', language };
  // The first line starting with the closing fence ends the block, as in gray-matter.
  const closeAt = text.indexOf(`\n${fence.close}`, firstLineEnd);
  if (closeAt === -1) return { kind: 'unclosed-front-matter', fence: fence.close };

  // Both this text and the one gray-matter hands the engine start on line 1,
  // so a 0-based YAML line plus one is the line in the file.
  const yaml = text.slice(firstLineEnd, closeAt);
  try {
    // Passing options also keeps gray-matter from caching one shared data object per text.
    const file = matter(text, {
      delimiters: [fence.open, fence.close],
      language: 'yaml',
      engines: ENGINES,
    });
    const bodyLine = lineOf(text, closeAt + 1) + 1;
    const afterFence = text.indexOf('\n', closeAt + 1);
    const body = afterFence === -1 ? '' : text.slice(afterFence + 1);
    return { data: file.data, yaml, body, bodyLine };
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      return {
        kind: error.rule,
        detail: error.detail,
        line: error.line + 1,
        column: error.column + 1,
      };
    }
    throw error;
  }
}

/** 1-based line number of a character index. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
