import { defaultSchema } from 'hast-util-sanitize';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import remarkHtml from 'remark-html';
import { visit } from 'unist-util-visit';
import { findOverLimit, type BodyOverLimit } from './body-limits.ts';
import { resolveBodyUrls } from './body-urls.ts';
import { remarkDepthGuard } from './depth-guard.ts';
import { gfmFeaturesOf, remarkGfmSubset } from './gfm-subset.ts';

/** A release body rendered for the page and summarised for lists. */
export interface RenderedBody {
  readonly ok: true;
  readonly html: string;
  readonly summary: string;
}

/** A body refused before it was rendered: the limit it goes over, and where in the body. */
export interface RefusedBody extends BodyOverLimit {
  readonly ok: false;
}

const SUMMARY_LENGTH = 200;
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Raw HTML in a body is shown as the text it is rather than dropped, so a
 * scraped `<div>` can never run but its words are not lost either.
 */
function remarkHtmlAsText() {
  return (tree: Root) => {
    visit(tree, 'html', (node, index, parent) => {
      if (parent === undefined || index === undefined) return;
      const text = { type: 'text', value: node.value } as const;
      const isBlock = BLOCK_PARENTS.has(parent.type);
      parent.children[index] = (isBlock ? { type: 'paragraph', children: [text] } : text) as never;
    });
  };
}

// Control characters other than tab and line feed (C0, DEL, C1) have no place in
// a page and most are not allowed in XML feeds; they become U+FFFD, as NUL does.
const CONTROL = /[^\P{Cc}\t\n]/gu;

// mdast-util-to-hast already prefixes footnote ids with `user-content-`; a second
// prefix from the sanitiser would break every footnote link.
const schema = { ...defaultSchema, clobberPrefix: '' };

// One frozen processor per set of GFM features in use (building one costs more
// than a small body); a body is parsed with only the features it can contain.
const processors = new Map<number, ReturnType<typeof makeProcessor>>();

function makeProcessor(features: number) {
  return remark()
    .use(remarkDepthGuard)
    .use(remarkGfmSubset, features)
    .use(remarkHtmlAsText)
    .use(remarkHtml, { sanitize: schema })
    .freeze();
}

function processorFor(text: string) {
  const features = gfmFeaturesOf(text);
  let processor = processors.get(features);
  if (processor === undefined) {
    processor = makeProcessor(features);
    processors.set(features, processor);
  }
  return processor;
}

/**
 * Renders Markdown to sanitised HTML (GitHub's schema: no raw HTML, no event
 * handlers, no images) and takes a plain-text summary from its opening
 * paragraphs; or refuses a body over one of BODY_LIMITS, whatever the stack.
 * Relative links resolve against `base`, the release's source url.
 */
export function renderBody(markdown: string, base?: string): RenderedBody | RefusedBody {
  // NFC, like every front-matter field, so a summary used as the description matches them.
  const text = withoutControls(markdown).normalize('NFC');
  const over = findOverLimit(text);
  if (over !== null) return { ok: false, ...over };
  const processor = processorFor(text);
  const tree = processor.runSync(processor.parse(text)) as Root;
  const tooDeep = tree.data?.tooDeepAt;
  if (tooDeep !== undefined) return { ok: false, limit: 'depth', ...tooDeep };
  // Summarised while images are still images, which the summary tells apart (isPicture).
  const summary = summarise(tree);
  resolveBodyUrls(tree, base);
  // `&#13;` and `&#12;` only become characters while parsing, so the HTML is cleaned too.
  const html = withoutControls(String(processor.stringify(tree))).trim();
  return { ok: true, html, summary };
}

function withoutControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '\uFFFD');
}

function summarise(tree: Root): string {
  let text = '';
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || isPicture(node)) continue;
    text = `${text} ${plainText(node)}`.replace(/\s+/g, ' ').trim();
    if (text.length >= SUMMARY_LENGTH) break;
  }
  return truncateAtWord(text, SUMMARY_LENGTH);
}

/**
 * Whether a node shows only pictures: a paragraph of images (often with a
 * link each) is a picture placed before the text, and its alt text is not the
 * start of the release. An image in running text keeps its alt text there.
 */
function isPicture(node: Nodes): boolean {
  if (node.type === 'image' || node.type === 'imageReference' || node.type === 'break') return true;
  if (node.type === 'text') return node.value.trim() === '';
  if (node.type === 'paragraph' || node.type === 'link' || node.type === 'linkReference')
    return node.children.every(isPicture);
  return false;
}

/** The words of a node; a hard line break separates words like a space. */
function plainText(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if ('children' in node) return node.children.map(plainText).join('');
  return toString(node);
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
