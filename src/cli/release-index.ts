import { sourceKey, type Release } from '../model/release.ts';

/** Why a release cannot join the others: it repeats a source url or a page url. */
export type Clash = { readonly kind: 'url' | 'page'; readonly other: Release };

/**
 * Releases by source url and by page url, compared as the loader compares
 * them for duplicates: the source url as a browser requests it, the page url
 * without case.
 */
export class ReleaseIndex {
  readonly #bySource = new Map<string, Release>();
  readonly #byPage = new Map<string, Release>();

  constructor(releases: Iterable<Release> = []) {
    for (const release of releases) this.add(release);
  }

  /** Adds a release; the first one keeps its urls. */
  add(release: Release): void {
    const source = sourceKey(release.sourceUrl);
    const page = release.url.toLowerCase();
    if (!this.#bySource.has(source)) this.#bySource.set(source, release);
    if (!this.#byPage.has(page)) this.#byPage.set(page, release);
  }

  /** The release already holding this one's source url, else its page url, else null. */
  clash(release: Release): Clash | null {
    const source = this.#bySource.get(sourceKey(release.sourceUrl));
    if (source !== undefined) return { kind: 'url', other: source };
    const page = this.#byPage.get(release.url.toLowerCase());
    return page === undefined ? null : { kind: 'page', other: page };
  }
}
