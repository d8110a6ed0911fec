import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { contentFailure, errorPageHtml, thrownFailure } from '../../src/cli/serve-errors.ts';
import { templateFailure } from '../../src/build/render-run.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { GazetteError } from '../../src/diagnostics/gazette-error.ts';

const diagnostic = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  file: 'content/a.md',
  line: 4,
  column: 7,
  reason: 'The field "url" holds "<script>", which is not an absolute http or https URL.',
  hint: 'Use the full address, starting with https://.',
  rule: 'bad-url',
  severity: 'error',
  ...over,
});

describe('the serve error page', () => {
  test('lists each error with its place, reason, rule and hint, escaped', () => {
    const failure = contentFailure([diagnostic(), diagnostic({ severity: 'warning', line: 9 })]);
    const $ = load(errorPageHtml(failure));
    expect($('h1').text()).toBe('The site was not rebuilt: 1 error in the content');
    expect($('ol.build-errors li').length).toBe(1);
    expect($('li code').text()).toBe('content/a.md:4:7');
    expect($('li').text()).toContain('holds "<script>", which');
    expect($('li').text()).toContain('[bad-url]');
    expect($('li').text()).toContain('Use the full address');
    expect($('script').length).toBe(0);
  });

  test('names a template failure by its causes', () => {
    const error = new Error('Having trouble rendering njk template ./templates/areas.njk', {
      cause: new Error('Unable to call `undefinedFunction`, which is undefined or falsey'),
    });
    const failure = thrownFailure(templateFailure(error));
    expect(failure.title).toBe('The site was not rebuilt: a template failed');
    expect(failure.problems.map((p) => p.message)).toEqual([
      'Having trouble rendering njk template ./templates/areas.njk',
      'Unable to call `undefinedFunction`, which is undefined or falsey',
    ]);
  });

  test('shows a bad site.json as its message', () => {
    const error = new GazetteError('config', 'site.json is not a valid site configuration');
    expect(thrownFailure(error)).toEqual({
      title: 'The site was not rebuilt',
      problems: [{ where: null, message: 'site.json is not a valid site configuration' }],
    });
  });

  test('does not blame a template for a fault in Gazette', () => {
    const failure = thrownFailure(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(failure).toEqual({
      title: 'The site was not rebuilt: Gazette failed unexpectedly',
      problems: [{ where: null, message: "Cannot read properties of undefined (reading 'x')" }],
    });
  });
});
