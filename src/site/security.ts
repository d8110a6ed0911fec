/**
 * The site's Content Security Policy and other protective headers, in one
 * place: printed as a `<meta>` tag on every page and as a Netlify-style
 * `_headers` file for hosts that honour it.
 */

/**
 * Directives that hold everywhere: pages load only their own files. Scripts
 * may compile WebAssembly ('wasm-unsafe-eval', which allows no JavaScript
 * eval): the search page's Pagefind runs its index as WebAssembly.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['img-src', "'self'"],
  ['style-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

// Browsers ignore frame-ancestors in a <meta> policy, so it goes in headers only.
const HEADER_ONLY: readonly (readonly [string, string])[] = [['frame-ancestors', "'none'"]];

function join(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy for `<meta http-equiv="Content-Security-Policy">`. */
export const metaContentSecurityPolicy = join(DIRECTIVES);

/** Response headers for every path, for hosts that read a `_headers` file (Netlify, Cloudflare Pages). */
export const securityHeaders: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', join([...DIRECTIVES, ...HEADER_ONLY])],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
];

/** The `_headers` file: every path gets the security headers. */
export function headersFile(): string {
  return ['/*', ...securityHeaders.map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}
