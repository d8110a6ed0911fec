import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { errorChain } from '../diagnostics/error-chain.ts';
import { failureKind } from '../diagnostics/gazette-error.ts';

/**
 * What `gazette serve` shows in the browser while the last rebuild failed: a
 * page listing the errors, served in place of every page until a rebuild
 * succeeds. `_site/` keeps the last good build throughout.
 */

/** One problem, as the error page lists it. */
export interface ShownProblem {
  /** `content/a.md:4:7`, or null for a problem with no place in a file. */
  readonly where: string | null;
  readonly message: string;
  readonly hint?: string;
}

/** Why the last rebuild failed. */
export interface BuildFailure {
  readonly title: string;
  readonly problems: readonly ShownProblem[];
}

/** The failure for a build stopped by content errors (or errors in areas.yaml). */
export function contentFailure(diagnostics: readonly Diagnostic[]): BuildFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    title: `The site was not rebuilt: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} in the content`,
    problems: errors.map((d) => ({
      where: `${d.file}:${d.line}:${d.column}`,
      message: `${d.reason}  [${d.rule}]`,
      ...(d.hint !== undefined && { hint: d.hint }),
    })),
  };
}

/**
 * The failure for a build that threw: a template error lists what Eleventy
 * said, one problem per cause; a bad site.json or a missing folder is its
 * message; a fault in Gazette lists its error and causes.
 */
export function thrownFailure(error: unknown): BuildFailure {
  const kind = failureKind(error);
  if (kind !== 'template' && kind !== 'internal') {
    return {
      title: 'The site was not rebuilt',
      problems: [{ where: null, message: (error as Error).message }],
    };
  }
  const chain = errorChain(error).slice(kind === 'template' ? 1 : 0);
  const messages = [...new Set(chain.map((link) => link.message.trim()))];
  return {
    title:
      kind === 'template'
        ? 'The site was not rebuilt: a template failed'
        : 'The site was not rebuilt: Gazette failed unexpectedly',
    problems: messages.map((message) => ({ where: null, message })),
  };
}

/** The error page's HTML. Only text from the failure, escaped; no script of its own. */
export function errorPageHtml(failure: BuildFailure): string {
  const items = failure.problems.map((p) => {
    const where = p.where === null ? '' : `<code>${escapeHtml(p.where)}</code> `;
    const hint = p.hint === undefined ? '' : `<br>${escapeHtml(p.hint)}`;
    return `<li>${where}${escapeHtml(p.message)}${hint}</li>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(failure.title)} | gazette serve</title>`,
    '<link rel="stylesheet" href="/assets/style.css">',
    '</head>',
    '<body>',
    '<main id="main">',
    `<h1>${escapeHtml(failure.title)}</h1>`,
    '<p class="intro">Fix these and save: the page reloads by itself. Until then every page shows this list, and <code>_site/</code> keeps the last good build.</p>',
    `<ol class="build-errors">${items.join('')}</ol>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Dev-server middleware: while `failure()` is not null, answers every request
 * for a page with the error page (status 500); stylesheets, feeds and the
 * live-reload client pass through to `_site/`.
 */
export function errorPageMiddleware(failure: () => BuildFailure | null) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const current = failure();
    if (current === null || !wantsPage(req)) {
      next();
      return;
    }
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(req.method === 'HEAD' ? '' : errorPageHtml(current));
  };
}

function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname.startsWith('/.11ty/')) return false;
  return (req.headers.accept ?? '').includes('text/html') || /(?:\/|\.html)$/.test(pathname);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
