import { parseArgs } from 'node:util';
import { GazetteError } from '../diagnostics/gazette-error.ts';

/** One option of a command, as its help shows it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** What the value looks like in help and in error messages: `<name>`. */
  readonly value?: string;
  readonly description: string;
}

/** Everything the parser and the help text need to know about one command. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** The synopsis after `gazette `: `new --area <name> --title <title> [options]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Options that must be given. */
  readonly required?: readonly string[];
  /** How many positional arguments the command takes, and what they are called. */
  readonly positionals: { readonly min: number; readonly max: number; readonly name?: string };
  readonly examples: readonly string[];
  /** Paragraphs after the options: what the command does in more detail. */
  readonly notes?: readonly string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  root: {
    type: 'string',
    value: '<dir>',
    description: 'Project folder (default: the current folder)',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

/** A command line that does not fit `command`: reported with a pointer to its help, exit 2. */
export function usageError(message: string, command?: string): GazetteError {
  return new GazetteError('usage', message, { command });
}

/** A parsed command line: option values by name, and the positional arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments against its spec. Unknown options, options
 * without their value, missing required options and too many or too few
 * positional arguments throw a usage error that says what to type instead.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const all = { ...spec.options, ...COMMON_OPTIONS };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(all).map(([name, o]) => [
          name,
          o.short === undefined ? { type: o.type } : { type: o.type, short: o.short },
        ]),
      ),
    });
  } catch (error) {
    const why = explainParseError(error as Error & { code?: string }, spec);
    throw new GazetteError('usage', why, { command: spec.name, cause: error });
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help === true) return { values, positionals: parsed.positionals };
  for (const [name, value] of Object.entries(values)) {
    if (value === '') throw usageError(`The option --${name} needs a value.`, spec.name);
  }
  const missing = (spec.required ?? []).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    const list = missing.map((name) => `--${name} ${all[name]?.value ?? '<value>'}`).join(' and ');
    throw usageError(`gazette ${spec.name} needs ${list}.`, spec.name);
  }
  const { min, max, name = 'argument' } = spec.positionals;
  const count = parsed.positionals.length;
  if (count < min) {
    throw usageError(`gazette ${spec.name} needs at least one ${name}.`, spec.name);
  }
  if (count > max) {
    const extra = parsed.positionals[max] ?? '';
    throw usageError(
      max === 0
        ? `gazette ${spec.name} takes no arguments, but was given "${extra}".`
        : `Unexpected argument "${extra}".`,
      spec.name,
    );
  }
  return { values, positionals: parsed.positionals };
}

/** Turns node:util's parse errors into sentences naming the option and the fix. */
function explainParseError(error: Error & { code?: string }, spec: CommandSpec): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `Unknown option "${option}" for gazette ${spec.name}.`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = option.replace(/^-+/, '');
    const value = spec.options[name]?.value ?? COMMON_OPTIONS[name]?.value;
    return value === undefined
      ? `The option ${option} takes no value.`
      : `The option ${option} needs a value: ${option} ${value}.`;
  }
  return error.message;
}

/** The help text of one command: synopsis, options, notes and examples. */
export function formatCommandHelp(spec: CommandSpec): string {
  const entries = Object.entries({ ...spec.options, ...COMMON_OPTIONS }).map(([name, o]) => {
    const short = o.short === undefined ? '    ' : `-${o.short}, `;
    return [`${short}--${name}${o.value === undefined ? '' : ` ${o.value}`}`, o.description];
  });
  const width = Math.max(...entries.map(([left]) => left?.length ?? 0));
  const lines = [
    `Usage: gazette ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...entries.map(([left = '', right = '']) => `  ${left.padEnd(width)}  ${right}`),
  ];
  for (const note of spec.notes ?? []) lines.push('', note);
  lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** The value of a string option, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether a boolean option was given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
