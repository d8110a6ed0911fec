import { renderBody, type RenderedBody } from '../../../src/load/markdown.ts';

/** renderBody for a body the limits let through; fails the test if it is refused. */
export function rendered(markdown: string, base?: string): RenderedBody {
  const body = renderBody(markdown, base);
  if (!body.ok) throw new Error(`refused for ${body.limit} at ${body.line}:${body.column}`);
  return body;
}

/** What renderBody makes of a body, in a line: the HTML's length, the limit and place, or what it threw. */
export function verdictOf(markdown: string): string {
  try {
    const body = renderBody(markdown);
    return body.ok
      ? `rendered ${body.html.length}`
      : `${body.limit} at ${body.line}:${body.column}`;
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}
