import type { LeftOut } from '../render/visibility.ts';

/**
 * The line a production build prints when it left drafts or embargoed
 * releases out, with the flags that would include them; null when none was.
 */
export function describeLeftOut({ drafts, embargoed }: LeftOut): string | null {
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
