import type { Processor } from 'unified';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import type { Construct, ConstructRecord, Extension } from 'micromark-util-types';

/**
 * GitHub Flavoured Markdown, parsed with only the syntax a text can contain.
 *
 * Each GFM construct needs some literal characters in the source before it can
 * match: an email autolink an `@`, a table a `|`, and so on. When a text lacks
 * them the construct can never match, so leaving it out gives the same tree,
 * but micromark no longer tries it at every place it could start. The email
 * autolink alone is tried at the start of every word and more than doubles the
 * cost of parsing prose. The Markdown-tree side of GFM (`gfmFromMarkdown`) is
 * always complete: it also links URLs that only appear once character
 * references are decoded.
 */

/** A part of GFM syntax, in the order `micromark-extension-gfm` combines them. */
const FEATURES = [
  'email',
  'www',
  'protocol',
  'footnote',
  'strikethrough',
  'table',
  'taskList',
] as const;
type Feature = (typeof FEATURES)[number];

/**
 * Whether a text has what a feature needs to match: a superset test, so it
 * may say yes needlessly but never no wrongly.
 */
const NEEDS: Record<Feature, (text: string) => boolean> = {
  email: (text) => text.includes('@'),
  www: (text) => /www\./i.test(text),
  protocol: (text) => /https?:\/\//i.test(text),
  footnote: (text) => text.includes('[^'),
  strikethrough: (text) => text.includes('~'),
  // A delimiter row needs a pipe or an alignment colon: `|---|`, `:--`, `--:`.
  table: (text) => /\||:-|-:/.test(text),
  // `[ ]`, `[x]` or `[X]` at the start of a list item.
  taskList: (text) => text.includes('['),
};

/** Names of the autolink literal constructs, by feature. */
const AUTOLINK_CONSTRUCTS: Partial<Record<Feature, string>> = {
  email: 'emailAutolink',
  www: 'wwwAutolink',
  protocol: 'protocolAutolink',
};

/** The features `text` may use, as a bit set over FEATURES. */
export function gfmFeaturesOf(text: string): number {
  let set = 0;
  FEATURES.forEach((feature, bit) => {
    if (NEEDS[feature](text)) set |= 1 << bit;
  });
  return set;
}

/** Every feature: the same syntax as `remark-gfm`. */
export const ALL_GFM_FEATURES = (1 << FEATURES.length) - 1;

/**
 * A unified plugin adding the chosen GFM features to the parser: with
 * ALL_GFM_FEATURES it parses exactly as `remark-gfm` does.
 */
export function remarkGfmSubset(this: Processor, features: number): void {
  const has = (feature: Feature) => (features & (1 << FEATURES.indexOf(feature))) !== 0;
  const data = this.data();
  const syntax: Extension[] = [autolinkLiteral(has)];
  if (has('footnote')) syntax.push(gfmFootnote());
  // remark-gfm's default options: single tildes strike through too.
  if (has('strikethrough')) syntax.push(gfmStrikethrough());
  if (has('table')) syntax.push(gfmTable());
  if (has('taskList')) syntax.push(gfmTaskListItem());
  (data.micromarkExtensions ??= []).push(combineExtensions(syntax));
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}

/** The autolink literal extension, keeping only the chosen kinds of autolink. */
function autolinkLiteral(has: (feature: Feature) => boolean): Extension {
  const keep = new Set(
    Object.entries(AUTOLINK_CONSTRUCTS)
      .filter(([feature]) => has(feature as Feature))
      .map(([, name]) => name),
  );
  const text: ConstructRecord = {};
  for (const [code, entry] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const constructs = ([] as Construct[])
      .concat(entry ?? [])
      .filter((c) => keep.has(c.name ?? ''));
    if (constructs.length > 0) text[Number(code)] = constructs;
  }
  return { text };
}
