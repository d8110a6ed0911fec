import { defaultSchema } from 'hast-util-sanitize';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import { visit } from 'unist-util-visit';

/** A release body rendered for the page and summarised for lists. */
export interface RenderedBody {
  readonly html: string;
  readonly summary: string;
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

// mdast-util-to-hast already prefixes footnote ids with `user-content-`; a second
// prefix from the sanitiser would break every footnote link.
const schema = { ...defaultSchema, clobberPrefix: '' };

// One frozen processor for every release: building it costs more than a small body.
const processor = remark()
  .use(remarkGfm)
  .use(remarkHtmlAsText)
  .use(remarkHtml, { sanitize: schema })
  .freeze();

/**
 * Renders Markdown to sanitised HTML (GitHub's schema: no raw HTML, no
 * event handlers, links and images only over http(s) or mailto) and takes a
 * plain-text summary from its opening paragraphs.
 */
export function renderBody(markdown: string): RenderedBody {
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  const html = String(processor.stringify(tree)).trim();
  return { html, summary: summarise(tree) };
}

function summarise(tree: Root): string {
  let text = '';
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    text = `${text} ${toString(node)}`.replace(/\s+/g, ' ').trim();
    if (text.length >= SUMMARY_LENGTH) break;
  }
  return truncateAtWord(text, SUMMARY_LENGTH);
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
