import type { Definition, Link, Nodes, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * The addresses in a release body, as this site can keep them.
 *
 * A scraped body was written for the force's page: its relative links point
 * at that site, so they are resolved against the release's source url, as a
 * browser there would. An address that is not http(s) after that loses its
 * URL, its text staying; so do relative ones when there is no source url.
 * Images are never loaded: a remote image would let its host watch readers
 * (a feed reader has no Content Security Policy to stop it), so each becomes
 * a link to the picture, labelled with its alt text.
 */

// Links that mean the same on any page are kept exactly as written.
const AS_WRITTEN = /^(?:https?:\/\/|mailto:|#)/i;
const HTTP = /^https?:/i;

/** Where a link written as `url` goes from this site; undefined when it loses its address. */
export function bodyHref(url: string, base: string | undefined): string | undefined {
  if (AS_WRITTEN.test(url)) return url;
  if (base === undefined) return undefined;
  // The scheme is read from the parsed URL, which drops tabs and newlines as browsers do,
  // so `java\tscript:` is caught as javascript:.
  const resolved = URL.parse(url, base);
  return resolved !== null && HTTP.test(resolved.protocol) ? resolved.href : undefined;
}

/** The words an image is replaced by: its alt text, else its file name. */
export function imageLabel(alt: string | null | undefined, href: string | undefined): string {
  const name = alt?.trim() || (href === undefined ? '' : fileName(href));
  return name === '' ? 'Image' : `Image: ${name}`;
}

function fileName(href: string): string {
  const last = URL.parse(href)?.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

type Linked = Extract<Nodes, { type: 'link' | 'linkReference' | 'image' | 'imageReference' }>;
type Image = Extract<Linked, { type: 'image' | 'imageReference' }>;
/** What a link or image points at: itself, or the definition its label names. */
type Target = (node: Linked) => { url: string; title?: string | null | undefined } | undefined;

/** Applies bodyHref to every link in a Markdown tree, and turns its images into links. */
export function resolveBodyUrls(tree: Root, base: string | undefined): void {
  // As in mdast-util-to-hast, the first definition of a label wins.
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    const id = node.identifier.toUpperCase();
    if (!definitions.has(id)) definitions.set(id, node);
  });
  const target: Target = (node) =>
    'url' in node ? node : definitions.get(node.identifier.toUpperCase());
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') {
      const url = target(node)?.url;
      const href = url === undefined ? url : bodyHref(url, base);
      if (href !== url) setHref(node, href);
      // A link cannot hold another, so an image in one becomes its words.
      visit(node, (inner, at, holder) => {
        if (!isImage(inner) || holder === undefined || at === undefined) return;
        const url = target(inner)?.url;
        const label = imageLabel(inner.alt, url === undefined ? url : bodyHref(url, base));
        holder.children[at] = { type: 'text', value: label } satisfies Text;
      });
    } else if (isImage(node) && parent !== undefined && index !== undefined) {
      parent.children[index] = imageLink(node, target, base);
    }
  });
}

function isImage(node: Nodes): node is Image {
  return node.type === 'image' || node.type === 'imageReference';
}

/** The link an image becomes: to the picture when it is over http(s), else its words alone. */
function imageLink(image: Image, target: Target, base: string | undefined): Link {
  const source = target(image);
  const resolved = source === undefined ? undefined : bodyHref(source.url, base);
  const href = resolved !== undefined && HTTP.test(resolved) ? resolved : undefined;
  const link: Link = {
    type: 'link',
    url: href ?? '',
    title: source?.title ?? null,
    children: [{ type: 'text', value: imageLabel(image.alt, href) }],
  };
  if (image.position !== undefined) link.position = image.position;
  if (href === undefined) setHref(link, href);
  return link;
}

function setHref(
  node: Extract<Linked, { type: 'link' | 'linkReference' }>,
  href: string | undefined,
) {
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, href } };
}
