import type { LeftOut } from '../archive/visibility.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LoadSession } from '../load/load-releases.ts';
import type { BuildLock } from './build-lock.ts';
import type { BuildProgress } from './build-progress.ts';
import type { PageManifest } from './page-manifest.ts';

/** Where and how to build. */
export interface BuildOptions {
  readonly root: string;
  /** Output folder, relative to root or absolute. Default `_site`. */
  readonly output?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Pages rendered per Eleventy run; bounds memory on large archives. Else GAZETTE_PAGES_PER_RUN, else 4000. */
  readonly pagesPerRun?: number;
  /**
   * Threads rendering a fresh build (this one and render workers). Else
   * GAZETTE_RENDER_THREADS, else one per core when the site has 6,000 pages or more.
   */
  readonly renderThreads?: number;
  /**
   * Keep parsed releases and page hashes in `<root>/.cache/gazette/` between
   * builds, so a rebuild parses only changed files and renders only changed
   * pages (default true).
   */
  readonly cache?: boolean;
  /**
   * State kept between builds by a long-running process (`serve`): the open
   * load cache and the last page manifest, so a rebuild reads neither again.
   */
  readonly session?: BuildSession;
  /** Include drafts (`draft: true`) and unfinished releases, marked on their pages; production builds leave them out. */
  readonly drafts?: boolean;
  /** Include releases dated after `now` (embargoed), marked on their pages; production builds leave them out. */
  readonly future?: boolean;
  /** The build's current time in ms, which decides embargoes. Else GAZETTE_NOW, else the clock. */
  readonly now?: number;
  /**
   * Publish the valid releases when some release files have errors, leaving
   * those files out (`gazette build --keep-going`). Errors elsewhere (site.json,
   * areas.yaml, templates, the output) still stop the build, and so does a
   * content folder with no valid release.
   */
  readonly keepGoing?: boolean;
  /**
   * Index the built pages for search (`gazette build`), unless no page changed
   * and the last index is there. Default false: `serve` indexes in the
   * background, and most tests need no index.
   */
  readonly search?: boolean;
  /** Told where the build is at each phase and after each render run (`gazette build`'s progress line). */
  readonly onProgress?: (progress: BuildProgress) => void;
  /**
   * Told the build's diagnostics once the pages are in the output, before the
   * index phase: `gazette build` prints its warnings there, before it says it
   * is indexing.
   */
  readonly onWritten?: (diagnostics: readonly Diagnostic[]) => void;
  /**
   * The project's build lock, when the caller holds it for longer than one
   * build (`gazette serve` for as long as it runs). Else the build takes it.
   */
  readonly lock?: BuildLock;
}

/** What one process carries from build to build; start with `{}`. */
export interface BuildSession {
  load?: LoadSession;
  manifest?: PageManifest;
}

/** What a build did. */
export type BuildResult =
  | {
      ok: true;
      releases: number;
      /** HTML pages the site has. */
      pages: number;
      /** Pages rendered by this build: all of them on a fresh build, the changed ones on an update. */
      rendered: number;
      /** Pages an update deleted because they no longer exist (0 on a fresh build). */
      removed: number;
      /** Whether the build updated the previous output in place rather than building afresh. */
      incremental: boolean;
      output: string;
      /** Drafts, unfinished and embargoed releases this build left out. */
      leftOut: LeftOut;
      /** Release files with errors this build left out (only under `keepGoing`), sorted. */
      rejected: readonly string[];
      /**
       * Pages the last build published whose files now have errors, so this
       * build removed them. Known only when the last build's caches are there.
       */
      withdrawn: readonly { readonly url: string; readonly file: string }[];
      /** What became of the search index; absent unless the build was asked to index. */
      search?: SearchOutcome;
      /** Where the time went, in milliseconds: for `npm run bench` and `--verbose`-style reports. */
      timings: BuildTimings;
      diagnostics: readonly Diagnostic[];
    }
  | {
      ok: false;
      diagnostics: readonly Diagnostic[];
      /** Release files with errors, sorted; the other errors are in areas.yaml. */
      rejected: readonly string[];
    };

/**
 * The index phase's outcome. A failure leaves the built pages in place (only
 * search is stale), so it is reported here rather than thrown.
 */
export type SearchOutcome =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'indexed';
      readonly pages: number;
      readonly ms: number;
      /** The years whose shard was indexed again; the others were kept. */
      readonly rebuilt: readonly string[];
    }
  | { readonly kind: 'failed'; readonly failure: unknown };

/** Milliseconds per phase of a build. */
export interface BuildTimings {
  /** Reading and parsing content (or taking it from the load cache), and selecting what to publish. */
  readonly load: number;
  /** Indexing the archive and planning every page's view. */
  readonly plan: number;
  /** Comparing with the last build and building the views to render. */
  readonly diff: number;
  /** Eleventy rendering pages in memory. */
  readonly render: number;
  /** Writing pages and removing old ones. */
  readonly write: number;
}
