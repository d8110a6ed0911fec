// Writes a release in the scraped house format: front matter in a ```yaml
// fence (or `---`), keys in the seed's order, values plain where YAML allows.

/** The Open Graph fields a scraped page had; any may be absent. */
export interface OpenGraph {
  readonly description?: string;
  readonly image?: string;
  readonly locale?: string;
  readonly title?: string;
  readonly type?: string;
  readonly url?: string;
}

/** One release's front matter as the scraper saw it. */
export interface ScrapedFields {
  readonly area: string;
  /** Null when the page had no Open Graph tags. */
  readonly og: OpenGraph | null;
  /** `HH:MM DD/MM/YYYY`, UK wall time. */
  readonly date: string;
  readonly title: string;
  readonly url: string;
}

/** How the front matter is written, repair quirks included. */
export interface Layout {
  readonly fence: 'yaml' | 'dashes';
  /** Writes the title plain even when YAML needs it quoted (`title: UPDATE: x`). */
  readonly unquotedTitle: boolean;
  /** Indents the og block with a tab, which YAML refuses. */
  readonly tabs: boolean;
}

const OG_KEYS = ['description', 'image', 'locale', 'title', 'type', 'url'] as const;

/** The whole file's text: front matter, a blank line, the body. */
export function formatRelease(fields: ScrapedFields, body: string, layout: Layout): string {
  const indent = layout.tabs ? '\t' : '  ';
  const lines = [layout.fence === 'yaml' ? '```yaml' : '---', `area: ${scalar(fields.area)}`];
  if (fields.og !== null) {
    lines.push('og:');
    for (const key of OG_KEYS) {
      const value = fields.og[key];
      if (value !== undefined) lines.push(`${indent}${key}: ${scalar(value)}`);
    }
  }
  lines.push('publish:', `  date: ${fields.date}`);
  lines.push(`title: ${layout.unquotedTitle ? fields.title : scalar(fields.title)}`);
  lines.push(`url: ${scalar(fields.url)}`, layout.fence === 'yaml' ? '```' : '---', '');
  return `${lines.join('\n')}\n${body}${body === '' ? '' : '\n'}`;
}

// A plain scalar may not start with an indicator, hold `: ` or ` #`, end in a
// colon, or read as another type under the core schema.
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const NOT_TEXT =
  /^(?:true|false|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.(?:inf|nan))$/i;

/** A YAML scalar for one line of text: plain as scrapers write it, else single-quoted. */
export function scalar(value: string): string {
  const plain =
    value !== '' &&
    !INDICATOR_START.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !value.endsWith(':') &&
    !/[\t\n\r]/.test(value) &&
    !NOT_TEXT.test(value);
  return plain ? value : `'${value.replaceAll("'", "''")}'`;
}
