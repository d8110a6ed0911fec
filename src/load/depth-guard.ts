import type { Nodes, Root } from 'mdast';
import type { Processor } from 'unified';
import type { Point } from 'unist';
import { BODY_LIMITS } from './body-limits.ts';

declare module 'mdast' {
  interface RootData {
    /** Where the body first nests deeper than BODY_LIMITS.depth; its tree is then emptied. */
    tooDeepAt?: Point;
  }
}

// What a reader sees as one level deeper. A list's levels are its items.
const LEVELS = new Set<Nodes['type']>([
  'blockquote',
  'listItem',
  'footnoteDefinition',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
]);

/**
 * Where a Markdown tree first nests deeper than `max` levels, in document
 * order; found with a stack of its own, so no tree can overflow this one.
 */
export function findTooDeep(tree: Root, max: number = BODY_LIMITS.depth): Point | undefined {
  const stack: [Nodes, number][] = [[tree, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, above] = entry;
    const depth = above + (LEVELS.has(node.type) ? 1 : 0);
    if (depth > max) return node.position?.start ?? { line: 1, column: 1 };
    if (!('children' in node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child !== undefined) stack.push([child, depth]);
    }
  }
  return undefined;
}

/**
 * A unified plugin that checks the depth of each tree as it is parsed. The
 * block structure is checked before parsing (body-limits.ts); this also counts
 * emphasis and links. It runs before every other step that walks the tree,
 * all of which recurse (GFM's autolinks among them), and empties a tree too
 * deep, so nothing after it meets one.
 */
export function remarkDepthGuard(this: Processor): void {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).unshift({ transforms: [guard] });
}

function guard(tree: Root): void {
  const at = findTooDeep(tree);
  if (at === undefined) return;
  tree.data = { ...tree.data, tooDeepAt: at };
  tree.children = [];
}
