import type { Release } from './release.ts';

/** The marks `gazette new` leaves in fields an editor must fill in. */
export const PLACEHOLDER_HOST = 'example.invalid';
export const PLACEHOLDER_TEXT = 'TODO';

// TODO as a word: a headline such as "TODOROV charged" is not a placeholder.
const PLACEHOLDER_START = new RegExp(`^${PLACEHOLDER_TEXT}(?![\\p{L}\\p{N}])`, 'u');

/** Tells whether a URL points at the reserved host that `gazette new` uses as a blank. */
export function isPlaceholderUrl(value: string): boolean {
  // Most addresses are real: only those naming the host are worth parsing.
  if (!value.toLowerCase().includes(PLACEHOLDER_HOST)) return false;
  try {
    const host = new URL(value).hostname;
    return host === PLACEHOLDER_HOST || host.endsWith(`.${PLACEHOLDER_HOST}`);
  } catch {
    return false;
  }
}

/** Tells whether text starts with the word TODO, as `gazette new`'s blanks do. */
export function isPlaceholderText(value: string): boolean {
  return PLACEHOLDER_START.test(value.trimStart());
}

/**
 * The fields still holding what `gazette new` wrote for the editor to
 * replace, sorted, `body` included (its Markdown is `body`).
 */
export function placeholderFields(
  release: Pick<Release, 'sourceUrl' | 'og' | 'title'>,
  body: string,
): string[] {
  const urls: [string, string | undefined][] = [
    ['url', release.sourceUrl],
    ['og.url', release.og.url],
    ['og.image', release.og.image],
  ];
  const texts: [string, string | undefined][] = [
    ['body', body],
    ['og.description', release.og.description],
    ['og.title', release.og.title],
    ['title', release.title],
  ];
  return [
    ...urls.filter(([, value]) => value !== undefined && isPlaceholderUrl(value)),
    ...texts.filter(([, value]) => value !== undefined && isPlaceholderText(value)),
  ]
    .map(([field]) => field)
    .sort();
}

/**
 * Marks a release that still holds placeholders as unfinished, which keeps
 * it out of production builds like a draft. `body` is its Markdown.
 */
export function markUnfinished(release: Release, body: string): Release {
  const unfinished = placeholderFields(release, body);
  return unfinished.length === 0 ? release : { ...release, unfinished };
}
