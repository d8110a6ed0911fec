import type { Release } from '../model/release.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { localTimeIn } from '../diagnostics/messages.ts';
import { parsePublishDate } from '../time/publish-date.ts';

/**
 * Which releases a build publishes. Production builds leave out drafts,
 * unfinished releases (still holding `gazette new`'s placeholders) and
 * releases dated after `now` (embargoed); previews (`--drafts`, `--future`,
 * `gazette serve`) include them, marked on their pages.
 */
export interface Visibility {
  /** Include drafts (`draft: true`) and unfinished releases. */
  readonly drafts: boolean;
  /** Include releases published after `now`. */
  readonly future: boolean;
  /** The build's current time, ms since the epoch. */
  readonly now: number;
}

/**
 * What a build left out, and why: a draft that is also unfinished or
 * embargoed counts as a draft, and an unfinished one that is embargoed as unfinished.
 */
export interface LeftOut {
  readonly drafts: number;
  readonly embargoed: number;
  /** The files of unfinished releases, sorted: the summary names them, since each needs work. */
  readonly unfinished: readonly string[];
}

/** Whether a release is still under embargo at `now`. */
export function isEmbargoed(release: Release, now: number): boolean {
  return release.publishedMs > now;
}

/**
 * The releases a build publishes, in the order given, and what it left out.
 * Filtering after loading keeps every release in the load cache, so a
 * release whose embargo ends needs no re-parse.
 */
export function selectVisible(
  releases: readonly Release[],
  visibility: Visibility,
): { releases: Release[]; leftOut: LeftOut } {
  let drafts = 0;
  let embargoed = 0;
  const unfinished: string[] = [];
  const kept = releases.filter((release) => {
    if (!visibility.drafts && release.draft === true) drafts++;
    else if (!visibility.drafts && release.unfinished !== undefined) unfinished.push(release.file);
    else if (!visibility.future && isEmbargoed(release, visibility.now)) embargoed++;
    else return true;
    return false;
  });
  return { releases: kept, leftOut: { drafts, embargoed, unfinished: unfinished.sort() } };
}

/**
 * The build's current time: GAZETTE_NOW when set (ISO 8601, or `HH:MM
 * DD/MM/YYYY` on the site's clock), so tests and previews can build "as of"
 * another moment; else the system clock.
 */
export function readNow(env: NodeJS.ProcessEnv, timeZone: string): number {
  const value = env.GAZETTE_NOW;
  if (value === undefined || value.trim() === '') return Date.now();
  const parsed = parsePublishDate(value.trim(), timeZone);
  if (!parsed.ok) {
    throw new GazetteError(
      'config',
      `GAZETTE_NOW holds "${value}", which ${parsed.why}. Set it to the moment to build as of, as ISO 8601 (2024-03-14T09:30:00Z) or HH:MM DD/MM/YYYY in ${localTimeIn(timeZone)}, or unset it to use the clock.`,
    );
  }
  return parsed.ms;
}
