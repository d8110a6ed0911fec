import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { BuiltSite, isDataBlock, makeProject } from './site-output.ts';

// Must match tests/fixtures/site/site.json.
const SITE_URL = 'https://fixture-gazette.example';

/** A Content Security Policy as directive name → source list. */
type Policy = Map<string, string[]>;

/** Parses a policy; a repeated directive is an error, since browsers ignore all but the first. */
function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    const key = name.toLowerCase();
    if (policy.has(key)) throw new Error(`directive ${key} given twice in "${text}"`);
    policy.set(key, sources);
  }
  return policy;
}

/** A `_headers` file: path pattern → header name → values, in file order. */
function parseHeadersFile(text: string): Map<string, Map<string, string[]>> {
  const blocks = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = new Map();
      blocks.set(line.trim(), current);
      continue;
    }
    const colon = line.indexOf(':');
    if (current === undefined || colon < 0) throw new Error(`stray line in _headers: ${line}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    current.set(name, [...(current.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return blocks;
}

/** Directives browsers ignore in a `<meta>` policy, each with a console error. */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors', 'report-uri', 'report-to', 'sandbox'];
/** Sources that would let another origin, inline code or eval run. */
const LOOSE_SOURCES = [
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'unsafe-hashes'",
  '*',
  'data:',
  'http:',
  'https:',
  'blob:',
];

const projects: string[] = [];
let site: BuiltSite;

beforeAll(async () => {
  const root = await makeProject();
  projects.push(root);
  const result = await buildSite({ root, env: {} });
  if (!result.ok) throw new Error(`the fixture did not build: ${JSON.stringify(result)}`);
  site = await BuiltSite.read(path.join(root, '_site'));
});

afterAll(async () => {
  await Promise.all(projects.map((p) => rm(p, { recursive: true, force: true })));
});

function everyPage(check: ($: CheerioAPI, url: string) => string | null): string[] {
  return site.pages.flatMap((url) => {
    const problem = check(site.page(url), url);
    return problem === null ? [] : [`${url}: ${problem}`];
  });
}

function metaPolicyText($: CheerioAPI): string | null {
  const tags = $('meta[http-equiv="content-security-policy" i]');
  return tags.length === 1 ? (tags.attr('content') ?? '') : null;
}

describe('the _headers file', () => {
  const everyPath = () => {
    const text = site.files.get('_headers')?.toString('utf8');
    if (text === undefined) throw new Error('no _headers file in the output');
    const block = parseHeadersFile(text).get('/*');
    if (block === undefined) throw new Error('_headers has no /* block');
    return block;
  };
  const header = (name: string) => {
    const values = everyPath().get(name.toLowerCase()) ?? [];
    if (values.length !== 1) throw new Error(`${values.length} ${name} headers for /*`);
    return values[0] ?? '';
  };

  test('gives every path a Content-Security-Policy that allows only the site itself', () => {
    const policy = parsePolicy(header('Content-Security-Policy'));
    expect(Object.fromEntries(policy)).toMatchObject({
      'default-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  test("lets scripts come only from the site, and compile WebAssembly (search's Pagefind) but never eval", () => {
    const policy = parsePolicy(header('Content-Security-Policy'));
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  test('allows no inline code, eval or other origin in any directive', () => {
    const policy = parsePolicy(header('Content-Security-Policy'));
    const loose = [...policy].flatMap(([name, sources]) =>
      sources.filter((s) => LOOSE_SOURCES.includes(s)).map((s) => `${name} ${s}`),
    );
    expect(loose).toEqual([]);
  });

  test('turns off content sniffing and sends a strict Referrer-Policy', () => {
    expect(header('X-Content-Type-Options')).toBe('nosniff');
    expect([
      'no-referrer',
      'same-origin',
      'strict-origin',
      'strict-origin-when-cross-origin',
    ]).toContain(header('Referrer-Policy'));
  });
});

describe('the Content Security Policy meta tag', () => {
  test('is on every page, once, as a child of head', () => {
    expect(
      everyPage(($) => {
        const tags = $('meta[http-equiv="content-security-policy" i]');
        if (tags.length !== 1) return `${tags.length} CSP meta tags`;
        return tags.parent().is('head') ? null : 'CSP meta tag outside <head>';
      }),
    ).toEqual([]);
  });

  test('comes right after the charset, before any stylesheet, script or other element', () => {
    expect(
      everyPage(($) => {
        const children = $('head').children().toArray();
        const at = children.findIndex((el) =>
          $(el).is('meta[http-equiv="content-security-policy" i]'),
        );
        if (at < 0) return 'no CSP meta tag';
        const before = children.slice(0, at).filter((el) => !$(el).is('meta[charset]'));
        const firstLoad = children.findIndex((el) => $(el).is('link, script, style, base, img'));
        if (firstLoad >= 0 && firstLoad < at)
          return `<${$(children[firstLoad]).prop('tagName')}> before the policy`;
        return before.length === 0
          ? null
          : `preceded by ${before.map((el) => $.html(el)).join(' ')}`;
      }),
    ).toEqual([]);
  });

  test('allows only the site itself, no plugins and no other base URL', () => {
    expect(
      everyPage(($) => {
        const text = metaPolicyText($);
        if (text === null) return 'no single CSP meta tag';
        const policy = parsePolicy(text);
        const want = {
          'default-src': "'self'",
          'script-src': "'self' 'wasm-unsafe-eval'",
          'object-src': "'none'",
          'base-uri': "'self'",
        };
        const wrong = Object.entries(want).filter(
          ([name, source]) => policy.get(name)?.join(' ') !== source,
        );
        return wrong.length === 0
          ? null
          : `${wrong.map(([name]) => `${name} ${policy.get(name)?.join(' ') ?? '(missing)'}`).join(', ')}`;
      }),
    ).toEqual([]);
  });

  test('holds no directive a browser ignores in a meta tag, and agrees with the header policy', () => {
    const headerText = parseHeadersFile(site.files.get('_headers')?.toString('utf8') ?? '')
      .get('/*')
      ?.get('content-security-policy')?.[0];
    const header = parsePolicy(headerText ?? '');
    expect(
      everyPage(($) => {
        const policy = parsePolicy(metaPolicyText($) ?? '');
        const ignored = HEADER_ONLY_DIRECTIVES.filter((name) => policy.has(name));
        if (ignored.length > 0) return `meta policy has ${ignored.join(', ')}`;
        const differs = [...policy].filter(
          ([name, sources]) => header.get(name)?.join(' ') !== sources.join(' '),
        );
        return differs.length === 0
          ? null
          : `differs from the header on ${differs.map(([name]) => name).join(', ')}`;
      }),
    ).toEqual([]);
  });
});

describe('every page', () => {
  test('has no inline script, style element or style attribute', () => {
    expect(
      everyPage(($) => {
        const found = [
          ...$('script')
            .toArray()
            .filter(
              (s) =>
                !isDataBlock($(s)) && ($(s).attr('src') === undefined || $(s).text().trim() !== ''),
            )
            .map(
              (s) =>
                `inline <script${$(s).attr('type') === undefined ? '' : ` type="${$(s).attr('type')}"`}>`,
            ),
          ...$('style')
            .toArray()
            .map(() => '<style>'),
          ...$('[style]')
            .toArray()
            .map((el) => `style= on <${$(el).prop('tagName')}>`),
        ];
        return found.length === 0 ? null : [...new Set(found)].join(', ');
      }),
    ).toEqual([]);
  });

  // JSON-LD is a data block: the browser never runs it and CSP does not govern
  // it, but its text must not be able to end the element and start markup.
  test('keeps inline JSON data blocks valid JSON that cannot close their element', () => {
    expect(
      everyPage(($) => {
        const problems = $('script')
          .toArray()
          .filter((s) => isDataBlock($(s)))
          .flatMap((s) => {
            const text = $(s).html() ?? '';
            if (text.includes('<')) return ['a "<" inside a data block'];
            try {
              JSON.parse(text);
              return [];
            } catch (error) {
              return [`invalid JSON: ${(error as Error).message}`];
            }
          });
        return problems.length === 0 ? null : problems.join(', ');
      }),
    ).toEqual([]);
  });

  test('has no event handler attribute and no javascript: URL', () => {
    expect(
      everyPage(($) => {
        // Browsers drop controls and spaces from a URL before reading its scheme.
        const scheme = (value: string) =>
          [...value]
            .filter((c) => c.charCodeAt(0) > 0x20)
            .join('')
            .toLowerCase();
        const found = $('html, html *')
          .toArray()
          .flatMap((el) =>
            Object.entries(el.attribs)
              .filter(
                ([name, value]) => /^on/i.test(name) || scheme(value).startsWith('javascript:'),
              )
              .map(([name]) => `${name}= on <${el.tagName}>`),
          );
        return found.length === 0 ? null : [...new Set(found)].join(', ');
      }),
    ).toEqual([]);
  });

  test('embeds no frame, object or plugin', () => {
    expect(
      everyPage(($) => {
        const found = $('iframe, frame, object, embed, applet, base').toArray();
        return found.length === 0 ? null : found.map((el) => `<${el.tagName}>`).join(', ');
      }),
    ).toEqual([]);
  });

  test('loads stylesheets, scripts and images only from its own site, by path', () => {
    expect(
      everyPage(($) => {
        const sameSite = (url: string) => url.startsWith('/') && !url.startsWith('//');
        const targets = [
          ...$('link[href]')
            .not('[rel~="canonical" i]')
            .toArray()
            .map((el) => $(el).attr('href') ?? ''),
          ...$('script[src], img[src], source[src], video[src], audio[src]')
            .toArray()
            .map((el) => $(el).attr('src') ?? ''),
          ...$('img[srcset], source[srcset]')
            .toArray()
            .flatMap((el) =>
              ($(el).attr('srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0] ?? ''),
            ),
        ];
        const foreign = targets.filter((url) => !sameSite(url));
        // The 404 page names no canonical URL; any other must be on the site.
        const canonical = $('link[rel~="canonical" i]').attr('href');
        if (canonical !== undefined && !canonical.startsWith(`${SITE_URL}/`))
          foreign.push(`canonical ${canonical}`);
        return foreign.length === 0 ? null : foreign.join(' ');
      }),
    ).toEqual([]);
  });

  test('links the stylesheet', () => {
    expect(
      everyPage(($) => {
        const sheets = $('link[rel~="stylesheet" i]')
          .toArray()
          .map((el) => $(el).attr('href'));
        return sheets.includes('/assets/style.css') ? null : `stylesheets ${sheets.join(' ')}`;
      }),
    ).toEqual([]);
  });
});

describe('the stylesheet', () => {
  test('pulls in nothing from elsewhere and no data: URL, which the policy would block', () => {
    const css = site.files.get('assets/style.css')?.toString('utf8') ?? '';
    expect(css).not.toBe('');
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    const urls = [...withoutComments.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)].map(
      (m) => m[2] ?? '',
    );
    const imports = [...withoutComments.matchAll(/@import\s+(?:url\()?\s*['"]?([^'");\s]*)/gi)].map(
      (m) => m[1] ?? '',
    );
    expect(
      [...urls, ...imports].filter((u) => /^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('//')),
    ).toEqual([]);
  });
});
