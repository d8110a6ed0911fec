import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { listCauses } from '../diagnostics/error-chain.ts';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { swapIn } from '../load/file-io.ts';

/** The folder, inside the output, that holds the search index and Pagefind's script. */
export const SEARCH_FOLDER = 'pagefind';

// Release pages only (`YYYY/MM/DD/<slug>/`): list pages repeat release text and
// would crowd the results. The templates also mark the article with
// data-pagefind-body, so nothing outside it is read even on these pages.
const RELEASE_PAGES = '[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html';

// Pagefind always writes its ready-made interfaces too; the site has its own
// (templates/assets/search.js), so these would be dead weight on the host.
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

/** What indexing a built site did. */
export interface SearchIndexResult {
  /** Pages in the index: the release pages. */
  readonly pages: number;
  /** The folder written: `<output>/pagefind`. */
  readonly folder: string;
}

/**
 * Indexes the release pages of a built site with Pagefind into
 * `<output>/pagefind/`. The index is written beside the output first and
 * swapped in whole, so readers of a live site never see half an index and a
 * failed run leaves the previous one in place. Whatever fails, what is
 * thrown is a search GazetteError (see `searchFailure`).
 */
export async function indexSite(output: string): Promise<SearchIndexResult> {
  const site = path.resolve(output);
  const folder = path.join(site, SEARCH_FOLDER);
  const staging = `${site}.search-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const pages = await writeIndex(site, staging);
    await removeUnusedFiles(staging);
    await swapIn(staging, folder);
    return { pages, folder };
  } catch (error) {
    throw searchFailure(error);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Whether a built site already has a search index. */
export async function hasSearchIndex(output: string): Promise<boolean> {
  return stat(path.join(output, SEARCH_FOLDER, 'pagefind.js')).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function writeIndex(site: string, staging: string): Promise<number> {
  try {
    const created = await pagefind.createIndex({});
    failOn(created.errors, 'start');
    const index = created.index;
    if (index === undefined) throw searchFailure(new Error('Pagefind did not create an index.'));
    const added = await index.addDirectory({ path: site, glob: RELEASE_PAGES });
    failOn(added.errors, 'read the release pages');
    const written = await index.writeFiles({ outputPath: staging });
    failOn(written.errors, 'write the index');
    return added.page_count;
  } catch (error) {
    if (error instanceof GazetteError) throw error;
    const why =
      'Pagefind could not run. Run `npm ci` so that its binary for this platform (@pagefind/*) is installed.';
    throw searchFailure(new Error(why, { cause: error }));
  } finally {
    // Stops Pagefind's binary; the next call starts a fresh one.
    await pagefind.close();
  }
}

function failOn(errors: readonly string[], step: string): void {
  if (errors.length > 0) {
    throw searchFailure(new Error(`Pagefind could not ${step}: ${errors.join('; ')}`));
  }
}

async function removeUnusedFiles(staging: string): Promise<void> {
  for (const name of await readdir(staging)) {
    if (UNUSED_FILES.test(name)) await rm(path.join(staging, name));
  }
}

/**
 * Indexing's failure as a search GazetteError, whose message lists what went
 * wrong as Pagefind or the file system said it; one already is stays as it is.
 */
export function searchFailure(error: unknown): GazetteError {
  if (error instanceof GazetteError && error.kind === 'search') return error;
  const message = listCauses('The search index could not be built:', error);
  return new GazetteError('search', message, { cause: error });
}
