import { buildShareMeta, type ShareInput } from './open-graph.ts';
import type { Link, PageHead, RenderSite } from './view-types.ts';

/** What a page needs to build its head: sharing input plus breadcrumbs. */
export type HeadInput = Omit<ShareInput, 'path'> & {
  readonly path: string;
  readonly breadcrumbs: readonly Link[];
  /** Text of `<title>`; defaults to `<title> | <site title>`. */
  readonly documentTitle?: string;
};

/** Builds the head shared by every page: URL, document title, share tags, breadcrumbs. */
export function makeHead(site: RenderSite, input: HeadInput): PageHead {
  return {
    url: input.path,
    documentTitle: input.documentTitle ?? `${input.title} | ${site.title}`,
    share: buildShareMeta(input, site),
    breadcrumbs: input.breadcrumbs,
    ...(input.indexable === false && { noindex: true }),
  };
}
