import { COMMON_OPTIONS, type CommandSpec, type OptionSpec } from '../../src/cli/args.ts';
import { COMMANDS, ENVIRONMENT, EXIT_CODES } from '../../src/cli/commands.ts';
import { escapeMarkdown, generatedBanner, table } from './markdown.ts';

/** docs/cli.md: every command from its spec, then the exit codes and environment variables. */
export function cliReference(): string {
  return [
    generatedBanner('src/cli/commands.ts'),
    '',
    '# Command-line reference',
    '',
    'Run a command as `npx gazette <command>` (the `bin` in `package.json`), or through its npm',
    'script: `npm run build`, `npm start` (`serve`), `npm run check -- <paths>`. Every command takes',
    'these options, and `gazette <command> --help` prints the section below for it:',
    '',
    optionTable(COMMON_OPTIONS),
    '',
    'A command line that does not fit (an unknown option, a missing value or argument) is a usage',
    'error: one sentence saying what is wrong, a pointer to `--help`, exit code 2.',
    '`gazette --version` (or `-v`) prints the version of Gazette that runs.',
    '',
    ...COMMANDS.flatMap(commandSection),
    '## Exit codes',
    '',
    table(
      ['code', 'means'],
      EXIT_CODES.map((c) => [c.name, c.meaning]),
    ),
    '',
    '## Environment',
    '',
    table(
      ['variable', 'does'],
      ENVIRONMENT.map((v) => [`\`${v.name}\``, v.meaning]),
    ),
    '',
  ].join('\n');
}

/** One command: what it does, its synopsis, options, notes and examples. */
function commandSection(spec: CommandSpec): string[] {
  return [
    `## gazette ${spec.name}`,
    '',
    escapeMarkdown(spec.summary),
    '',
    '```sh',
    `gazette ${spec.usage}`,
    '```',
    '',
    ...(Object.keys(spec.options).length > 0 ? [optionTable(spec.options), ''] : []),
    ...(spec.notes ?? []).flatMap((note) => [escapeMarkdown(note), '']),
    'Examples:',
    '',
    '```sh',
    ...spec.examples,
    '```',
    '',
  ];
}

function optionTable(options: Readonly<Record<string, OptionSpec>>): string {
  return table(
    ['option', 'does'],
    Object.entries(options).map(([name, o]) => {
      const short = o.short === undefined ? '' : `\`-${o.short}\`, `;
      const value = o.value === undefined ? '' : ` ${o.value}`;
      return [`${short}\`--${name}${value}\``, escapeMarkdown(o.description)];
    }),
  );
}
