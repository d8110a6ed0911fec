/**
 * What a release body may hold, checked in one pass before it is parsed.
 *
 * remark recurses as deep as a body nests, and some shapes cost it far more
 * than their size: 1,000 nested lists took 35 s, a list of 16,000 items 3 s,
 * 16,000 lines continuing one quote 4 s. Left to the parser, such a body
 * stalls a build, and whether it fails at all depends on the thread's stack.
 * These limits decide instead, the same on every thread, at the place where a
 * body first goes over one. Each is far above real releases (which nest 2-4
 * levels) and costs remark well under a second at its limit;
 * docs/body-limits.md has the figures they were chosen from.
 */

/** The limits, by what they count. */
export const BODY_LIMITS = {
  /** Levels of quotes, list items, emphasis, links and struck-through text. */
  depth: 32,
  /** Emphasis, link and code marks in one paragraph. */
  paragraphMarks: 1_000,
  /** Lines continuing a quote's or list item's paragraph without its marker. */
  lazyLines: 1_000,
  /** Items in one list. */
  listItems: 1_000,
  /** Headings underlined with `===` or `---`, in the whole body. */
  underlinedHeadings: 1_000,
  /** Lines, levels of nesting on each line and marks, in the whole body. */
  size: 25_000,
} as const;

/** Which limit a body goes over. */
export type BodyLimit = keyof typeof BODY_LIMITS;

/** Where a body first goes over a limit: 1-based line and column in the body. */
export interface BodyOverLimit {
  readonly limit: BodyLimit;
  readonly line: number;
  readonly column: number;
}

// Marks micromark pairs with others in the same paragraph, in time that grows
// with the square of their number; the rest only add to the body's size.
const MARK = /[*_~[\]`<&\\|]/g;
const PAIRED = new Set(['*', '_', '~', '[', ']', '`']);

/** An open container: a quote, or a list item with the column its content starts at. */
type Container = { readonly quote: true } | { readonly quote: false; readonly content: number };

const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/y;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const ON_ITS_OWN = /^ {0,3}(?:\||\[[^\]]+\]:)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The first limit `text` goes over, or null. It follows CommonMark's block
 * structure closely enough to count what the parser will build, and errs on
 * the side of counting more.
 */
export function findOverLimit(text: string): BodyOverLimit | null {
  const scan = new Scan();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const over = scan.line(lines[i] ?? '');
    if (over !== null) return { limit: over.limit, line: i + 1, column: over.column };
  }
  return null;
}

type Over = { readonly limit: BodyLimit; readonly column: number };

/** The state of the pass: open containers, the paragraph and fence it is in, and the counts. */
class Scan {
  containers: Container[] = [];
  /** Items so far in the list whose items sit at each depth (0: no list there). */
  items: number[] = [];
  fence: { marker: string; depth: number } | null = null;
  inParagraph = false;
  paragraphMarks = 0;
  lazyLines = 0;
  underlinedHeadings = 0;
  size = 0;

  line(line: string): Over | null {
    const { matched, at } = this.continued(line);
    if (this.fence !== null && matched >= this.fence.depth) return this.inFence(line.slice(at));
    this.fence = null;
    const opened = openers(line, at, BODY_LIMITS.depth + 1 - matched);
    const rest = line.slice(opened.at);
    const blank = rest.trim() === '';
    // A line that opens nothing may continue a paragraph without repeating its containers' markers.
    const lazy =
      opened.containers.length === 0 &&
      !blank &&
      this.inParagraph &&
      matched < this.containers.length;
    const fresh = !lazy && (opened.containers.length > 0 || matched < this.containers.length);
    if (!lazy) {
      this.countItems(matched, opened.containers);
      this.containers = [...this.containers.slice(0, matched), ...opened.containers];
    }
    const deeper = this.containers.length - BODY_LIMITS.depth;
    if (deeper > 0) return over('depth', opened.columns[opened.columns.length - deeper] ?? 1);
    if (this.items.some((count) => count > BODY_LIMITS.listItems))
      return over('listItems', opened.columns[0] ?? 1);
    this.size += 1 + this.containers.length;
    if (blank) this.inParagraph = false;
    else {
      const problem = this.content(rest, opened.at, lazy, fresh);
      if (problem !== null) return problem;
    }
    return this.size > BODY_LIMITS.size ? over('size', 1) : null;
  }

  /** How many open containers the line continues, and where their markers end. */
  continued(line: string): { matched: number; at: number } {
    let at = 0;
    let matched = 0;
    const blank = line.trim() === '';
    for (const container of this.containers) {
      const indent = spaces(line, at);
      if (container.quote) {
        if (indent > 3 || line[at + indent] !== '>') break;
        at += indent + 1 + (line[at + indent + 1] === ' ' ? 1 : 0);
      } else if (blank || at + indent >= container.content) {
        at = Math.min(container.content, line.length);
      } else break;
      matched++;
    }
    return { matched, at };
  }

  /** Counts items in each list: an item opened where an item closed continues its list. */
  countItems(matched: number, opened: readonly Container[]) {
    const closed = this.containers[matched];
    const first = opened[0];
    if (first !== undefined && !first.quote) {
      const continues = closed !== undefined && !closed.quote;
      this.items[matched] = continues ? (this.items[matched] ?? 0) + 1 : 1;
    } else if (closed !== undefined || first !== undefined) {
      this.items[matched] = 0;
    }
    this.items.length = matched + 1;
    for (const container of opened.slice(1)) this.items.push(container.quote ? 0 : 1);
  }

  /** Counts what a line that is not blank holds: a paragraph's text, a heading, a fence. */
  content(rest: string, at: number, lazy: boolean, fresh: boolean): Over | null {
    const fence = FENCE.exec(rest)?.[1];
    if (fence !== undefined) {
      this.fence = { marker: fence, depth: this.containers.length };
      this.inParagraph = false;
      return null;
    }
    const continues = this.inParagraph && !fresh;
    if (continues && UNDERLINE.test(rest)) {
      this.inParagraph = false;
      if (++this.underlinedHeadings > BODY_LIMITS.underlinedHeadings)
        return over('underlinedHeadings', at + 1);
      return null;
    }
    // Headings, and table rows and link definitions, which are parsed one by one, start their own marks.
    const single = HEADING.test(rest) || THEMATIC_BREAK.test(rest.trim());
    if (!continues || single || ON_ITS_OWN.test(rest)) this.paragraphMarks = 0;
    if (!continues) this.lazyLines = 0;
    this.inParagraph = !single;
    if (lazy && ++this.lazyLines > BODY_LIMITS.lazyLines) return over('lazyLines', 1);
    return this.marks(rest, at);
  }

  /** Counts marks, giving the column of the one that goes over a limit. */
  marks(rest: string, at: number): Over | null {
    for (const mark of rest.matchAll(MARK)) {
      const column = at + mark.index + 1;
      if (PAIRED.has(mark[0]) && ++this.paragraphMarks > BODY_LIMITS.paragraphMarks)
        return over('paragraphMarks', column);
      if (++this.size > BODY_LIMITS.size) return over('size', column);
    }
    return null;
  }

  /** A line inside fenced code: only its closing fence matters. */
  inFence(rest: string): Over | null {
    this.size += 1 + this.containers.length;
    const marker = this.fence?.marker ?? '';
    const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(rest)?.[1];
    if (close !== undefined && close[0] === marker[0] && close.length >= marker.length)
      this.fence = null;
    return this.size > BODY_LIMITS.size ? over('size', 1) : null;
  }
}

function over(limit: BodyLimit, column: number): Over {
  return { limit, column };
}

/**
 * The containers a line opens after `from`, quotes and list items, with their
 * markers' columns; no more than `room`, as a body with more is refused anyway.
 */
function openers(line: string, from: number, room: number) {
  const containers: Container[] = [];
  const columns: number[] = [];
  let at = from;
  // A list marker may start a thematic break (`- - -`) only where nothing else follows it.
  let breakFrom = line.length;
  while (breakFrom > 0 && '-*_ \t'.includes(line[breakFrom - 1] ?? '')) breakFrom--;
  while (containers.length < room) {
    const indent = spaces(line, at);
    if (indent > 3) break;
    const start = at + indent;
    LIST_MARKER.lastIndex = start;
    const marker = line[start] === '>' ? '>' : LIST_MARKER.exec(line)?.[0];
    if (marker === '>') {
      containers.push({ quote: true });
      at = start + 1 + (line[start + 1] === ' ' ? 1 : 0);
    } else if (
      marker === undefined ||
      (start >= breakFrom && THEMATIC_BREAK.test(line.slice(start).trim()))
    ) {
      break;
    } else {
      const after = start + marker.length;
      const gap = spaces(line, after);
      // Content starts after one to four spaces; more, or none, and it is one column on.
      const content = after + (gap >= 1 && gap <= 4 && after + gap < line.length ? gap : 1);
      containers.push({ quote: false, content });
      at = Math.min(content, line.length);
    }
    columns.push(start + 1);
  }
  return { containers, columns, at };
}

/** Spaces and tabs at `at`, a tab counting as one. */
function spaces(line: string, at: number): number {
  let n = 0;
  while (line[at + n] === ' ' || line[at + n] === '\t') n++;
  return n;
}
