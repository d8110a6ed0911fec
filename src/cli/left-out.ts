import type { LeftOut } from '../archive/visibility.ts';

// Beyond this many, a summary names the first few and counts the rest.
const MAX_NAMED = 10;

/**
 * The line a production build prints when it left drafts or embargoed
 * releases out, with the flags that would include them; null when none was.
 */
export function describeLeftOut({
  drafts,
  embargoed,
}: Pick<LeftOut, 'drafts' | 'embargoed'>): string | null {
  if (drafts + embargoed === 0) return null;
  const parts = [
    ...(drafts > 0 ? [`${drafts} ${drafts === 1 ? 'draft' : 'drafts'}`] : []),
    ...(embargoed > 0
      ? [`${embargoed} embargoed ${embargoed === 1 ? 'release' : 'releases'} (dated after now)`]
      : []),
  ];
  const flags = [...(drafts > 0 ? ['--drafts'] : []), ...(embargoed > 0 ? ['--future'] : [])];
  const them = drafts + embargoed === 1 ? 'it' : 'them';
  return `${parts.join(' and ')} left out; build with ${flags.join(' and ')} to include ${them}.`;
}

/** The line naming the unfinished releases a production build left out; null when none was. */
export function describeUnfinished(files: readonly string[]): string | null {
  if (files.length === 0) return null;
  const one = files.length === 1;
  return (
    `${files.length} unfinished ${one ? 'release' : 'releases'} left out ` +
    `(${one ? 'it still holds' : 'they still hold'} gazette new's placeholders): ${nameAll(files)}; ` +
    `fill ${one ? 'it' : 'them'} in (\`npx gazette check\` names what is left), then build again.`
  );
}

/**
 * The lines `gazette build --keep-going` ends with when it left release files
 * with errors out: which files, and which pages of the last build went with them.
 */
export function describeRejected(
  rejected: readonly string[],
  withdrawn: readonly { readonly url: string; readonly file: string }[],
): string[] {
  if (rejected.length === 0) return [];
  const one = rejected.length === 1;
  const lines = [
    `Published with problems: ${rejected.length} ${one ? 'file' : 'files'} with errors left out: ` +
      `${nameAll(rejected)}. Fix the errors listed above, then build again.`,
  ];
  if (withdrawn.length > 0) {
    const gone = withdrawn.length === 1;
    const pages = withdrawn.map(({ url, file }) => `${url} (${file})`);
    lines.push(
      `${withdrawn.length} ${gone ? 'page' : 'pages'} of the last build ${gone ? 'is' : 'are'} gone, ` +
        `as ${gone ? 'its file now has' : 'their files now have'} errors: ${nameAll(pages)}.`,
    );
  }
  return lines;
}

/** `a`, `a and b`, `a, b and c`; past MAX_NAMED, the first ones and how many more. */
function nameAll(names: readonly string[]): string {
  if (names.length === 1) return names[0] ?? '';
  if (names.length > MAX_NAMED) {
    return `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
