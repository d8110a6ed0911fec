import { messages, type Rule } from '../../src/diagnostics/messages.ts';
import { RULES, type RuleInfo, type RuleSource } from '../../src/diagnostics/rules.ts';
import { table } from './markdown.ts';

/** The tables of docs/rules.md, by where each rule looks, then every message as it prints. */
export function rulesReference(): string {
  const all = Object.keys(RULES) as Rule[];
  const pick = (source: RuleSource, severity: RuleInfo['severity']) =>
    all.filter((rule) => RULES[rule].source === source && RULES[rule].severity === severity);
  return [
    '## Errors in release files',
    '',
    'The file is left out of the build, and `gazette build` stops unless `--keep-going`:',
    '',
    ruleTable(pick('release', 'error'), ['the file has', 'why it is refused']),
    '',
    '## Warnings about release files',
    '',
    'The release is published as described here; `gazette check` reports them:',
    '',
    ruleTable(pick('release', 'warning'), ['the file has', 'what Gazette publishes']),
    '',
    '## Errors in areas.yaml',
    '',
    'Every command that reads the registry stops, `gazette build --keep-going` too:',
    '',
    ruleTable(pick('registry', 'error'), ['areas.yaml has', 'why it is refused']),
    '',
    "## Warnings about the site's settings",
    '',
    'A production build (`gazette build` without `--drafts` or `--future`) checks them once the pages are written, and publishes the site:',
    '',
    ruleTable(pick('site', 'warning'), ['the site has', 'what Gazette publishes']),
    '',
    '## Warnings from gazette import --repair',
    '',
    'Each fix is made in the copy that is imported; the scraped file is only read:',
    '',
    ruleTable(pick('repair', 'warning'), ['the scraped file has', 'what the copy gets']),
    '',
    '## Every message',
    '',
    'Each as it prints after the file, line and column, with made-up values where it quotes the file.',
    '',
    ...all.flatMap(messageSection),
  ].join('\n');
}

function ruleTable(rules: readonly Rule[], columns: readonly [string, string]): string {
  return table(
    ['rule', ...columns],
    rules.map((rule) => [`[\`${rule}\`](#${rule})`, RULES[rule].when, RULES[rule].outcome]),
  );
}

/** One rule's heading and its message, rendered with the rule's example arguments. */
function messageSection(rule: Rule): string[] {
  const info = RULES[rule];
  const render = messages[rule] as (...args: unknown[]) => { reason: string; hint: string };
  const { reason, hint } = render(...info.example);
  return [
    `### ${rule}`,
    '',
    '```text',
    `${info.severity}  ${reason}  [${rule}]`,
    `    hint: ${hint}`,
    '```',
    '',
  ];
}
