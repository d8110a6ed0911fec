import type { Release } from '../model/release.ts';
import { formatLongDate } from './dates.ts';
import type { ReleaseView } from './view-types.ts';
import { isEmbargoed } from '../archive/visibility.ts';

/** The parts of a release's view that say whether it is published and how it changed since. */
export type ReleaseStatusView = Pick<ReleaseView, 'notice' | 'noindex' | 'updated' | 'corrections'>;

/**
 * What a release page says about its state: a notice on a draft, an
 * unfinished release (still holding `gazette new`'s placeholders) or an
 * embargoed one (shown only by preview builds), which also asks search
 * engines not to index it, and when the release was updated and corrected.
 * `now` is the build's time; without it no release counts as embargoed.
 */
export function buildReleaseStatus(release: Release, now?: number): ReleaseStatusView {
  const embargoed = now !== undefined && isEmbargoed(release, now);
  const until = formatLongDate(release.local);
  const alsoEmbargoed = embargoed ? ` It is also embargoed until ${until}.` : '';
  const unfinished = release.unfinished ?? [];
  const notice =
    release.draft === true
      ? {
          label: 'Draft',
          text: `Not published: production builds leave drafts out.${alsoEmbargoed}`,
        }
      : unfinished.length > 0
        ? {
            label: 'Unfinished',
            text: `Not published: it still holds gazette new's placeholders (${unfinished.join(', ')}), and production builds leave it out until they are filled in.${alsoEmbargoed}`,
          }
        : embargoed
          ? {
              label: `Embargoed until ${until}`,
              text: 'Not published: builds before then leave it out.',
            }
          : null;
  const modified = release.modified;
  return {
    notice,
    noindex: notice !== null,
    updated:
      modified === undefined
        ? null
        : { datetime: modified.iso, dateText: formatLongDate(modified) },
    corrections: (release.corrections ?? []).map((c) => ({
      datetime: c.local.iso,
      dateText: formatLongDate(c.local),
      note: c.note,
    })),
  };
}
