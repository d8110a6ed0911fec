import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BUSY_WEEK,
  countClashes,
  generateRealArchive,
  type RealArchive,
  type RealFile,
} from '../../../bench/real-archive/generate.ts';
import { DEFAULT_RATES, QUIRK_NAMES, type QuirkName } from '../../../bench/real-archive/quirks.ts';
import { countQuirks, missingQuirks } from '../../../bench/real-archive/summary.ts';
import { FORCES } from '../../../bench/real-archive/vocabulary.ts';
import { releaseId } from '../../../src/model/permalink.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';
import { sourceKey } from '../../../src/model/release.ts';

/** A file read back as its front matter (parsed by js-yaml), body and fence. */
interface ReadBack {
  readonly fence: string;
  readonly data: Record<string, unknown> & {
    area: string;
    title: string;
    url: string;
    og?: Record<string, string>;
    publish: { date: string };
  };
  readonly body: string;
}

function readBack(file: RealFile): ReadBack {
  const text = new TextDecoder().decode(file.bytes);
  const lines = text.split('\n');
  const fence = lines[0] ?? '';
  const close = lines.indexOf(fence === '```yaml' ? '```' : '---', 1);
  const data = yaml.load(lines.slice(1, close).join('\n'), { schema: yaml.CORE_SCHEMA });
  return {
    fence,
    data: data as ReadBack['data'],
    body: lines
      .slice(close + 2)
      .join('\n')
      .trimEnd(),
  };
}

const digest = (archive: RealArchive) => {
  const hash = createHash('sha256');
  for (const file of archive.files) hash.update(file.path).update(file.bytes);
  return hash.digest('hex');
};

// A busy month: 2,000 releases from 43 forces over 30 days, the default quirks.
let month: RealArchive;
let read: Map<RealFile, ReadBack>;

beforeAll(() => {
  month = generateRealArchive({ releases: 2000 });
  read = new Map(month.files.map((file) => [file, readBack(file)]));
});

describe('the realistic archive generator', () => {
  test('writes the same bytes for the same options and other bytes for another seed', () => {
    const again = generateRealArchive({ releases: 2000 });
    expect(digest(again)).toBe(digest(month));
    expect(again.registry).toBe(month.registry);
    expect(digest(generateRealArchive({ releases: 2000, seed: 2 }))).not.toBe(digest(month));
  });

  test('writes exactly the releases asked for, over the days asked for', () => {
    expect(month.files).toHaveLength(2000);
    const dates = new Set(month.files.map((f) => f.release.date));
    expect(dates.size).toBe(30);
    expect([...dates].sort().slice(0, 1)).toEqual(['2025-03-03']);
    expect([...dates].sort().at(-1)).toBe('2025-04-01');
  });

  test('has 43 forces publishing by default, each day busy with many of them', () => {
    expect(new Set(month.files.map((f) => f.release.area)).size).toBe(43);
    const firstDay = month.files.filter((f) => f.release.date === '2025-03-03');
    expect(new Set(firstDay.map((f) => f.release.area)).size).toBeGreaterThan(30);
    const wide = generateRealArchive({ releases: 500, areas: 48 });
    expect(new Set(wide.files.map((f) => f.release.area)).size).toBe(48);
  });

  test('names files by a hash, never twice', () => {
    const names = month.files.map((f) => f.path);
    expect(names.every((name) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(2000);
  });

  test('never gives two releases one source URL, as a browser would request it', () => {
    const sources = month.files.map((f) => sourceKey(read.get(f)?.data.url ?? ''));
    expect(new Set(sources).size).toBe(2000);
    expect(month.files.map((f) => f.release.sourceUrl)).toEqual(
      month.files.map((f) => read.get(f)?.data.url),
    );
  });

  test('has hundreds of same-day headline clashes in a busy month, whatever the seed', () => {
    // Measured for seeds 1 to 8: 252 to 331 pairs, 201 to 237 releases beyond the first.
    expect(countClashes(month.files.map((f) => f.release))).toEqual({ pairs: 307, extra: 233 });
    for (const seed of [2, 3]) {
      const { pairs } = countClashes(
        generateRealArchive({ releases: 2000, seed }).files.map((f) => f.release),
      );
      expect(pairs).toBeGreaterThanOrEqual(200);
      expect(pairs).toBeLessThanOrEqual(400);
    }
  });

  test('has one force publishing one headline twice in a day', () => {
    const byForceDay = new Map<string, number>();
    for (const { release: r } of month.files) {
      const key = `${r.area} ${r.date} ${r.headline}`;
      byForceDay.set(key, (byForceDay.get(key) ?? 0) + 1);
    }
    expect([...byForceDay.values()].filter((n) => n > 1).length).toBeGreaterThan(10);
  });

  test('has long headlines past 150 characters, and pairs from one force that share their first 80', () => {
    const headlines = month.files.map((f) => f.release);
    expect(headlines.filter((r) => r.headline.length > 150).length).toBeGreaterThan(40);
    const twins = headlines.filter((a) =>
      headlines.some(
        (b) =>
          a !== b &&
          a.area === b.area &&
          a.date === b.date &&
          a.headline !== b.headline &&
          a.headline.slice(0, 80) === b.headline.slice(0, 80),
      ),
    );
    expect(twins.length).toBeGreaterThan(20);
  });

  test('quotes prefixed headlines so the YAML stays valid, and names Welsh and Irish places', () => {
    const prefixed = month.files.filter((f) => /^[A-Z]+: /.test(f.release.headline));
    expect(prefixed.length).toBeGreaterThan(100);
    // A colon then a space would end a plain YAML value; after a no-break space it would not.
    const titles = month.files.map((f) =>
      new TextDecoder()
        .decode(f.bytes)
        .split('\n')
        .find((line) => line.startsWith('title: ')),
    );
    const unquoted = titles.filter((t) => t?.slice(7).includes(': ') && !t.startsWith("title: '"));
    expect(unquoted).toEqual([]);
    const headlines = month.files.map((f) => f.release.headline);
    expect(headlines.some((h) => h.includes('Ynys Môn'))).toBe(true);
    expect(headlines.some((h) => h.includes('Derry/Londonderry'))).toBe(true);
  });

  test('writes the house form: area, a title ending in the force, a day-first UK date', () => {
    for (const file of month.files) {
      const { data } = read.get(file) as ReadBack;
      const force = FORCES.find((f) => f.area === file.release.area);
      expect(data.publish.date).toMatch(/^(0[7-9]|1\d|2[0-2]):[0-5]\d \d\d\/\d\d\/2025$/);
      expect(data.title.normalize('NFC').replace(/\p{Cf}/gu, '')).toMatch(
        new RegExp(`\\|(?: |&nbsp;)${force?.name.replace(/ /g, '(?: |&nbsp;)')}$`),
      );
    }
  });
});

// What a file looks like with each quirk; a quirk the file was given must show.
const SHOWS: Record<QuirkName, (r: ReadBack, bytes: Uint8Array) => boolean> = {
  'dash-fence': (r) => r.fence === '---',
  'og-missing': (r) => r.data.og === undefined,
  'og-partial': (r) => r.data.og !== undefined && Object.keys(r.data.og).length < 6,
  'og-image-relative': (r) => /^\/SysSiteAssets\/.*\?w=600&amp;h=300$/.test(r.data.og?.image ?? ''),
  'og-url-tracking': (r) =>
    r.data.og?.url ===
    `${r.data.url}?utm_source=twitter&amp;utm_medium=social&amp;utm_campaign=appeal`,
  entities: (r) => r.data.title.includes('&nbsp;'),
  invisible: (r) => /[\u00a0\u200b\u200e\u200f]/.test(JSON.stringify([r.data.title, r.data.og])),
  'area-spelling': (r) => !FORCES.some((f) => f.area === r.data.area),
  'ascii-folded': (r) => !/[‘’“”–—]/.test(r.body),
  boilerplate: (r) => r.body.startsWith('Main article content\n\n'),
  'incident-ref': (r) =>
    /quoting (incident \d+ of \d\d\/\d\d\/2025|reference \d{5}_I_\d{8})/.test(r.body),
  phone: (r) => r.body.includes('call 101') && r.body.includes('0800 555 111'),
  'relative-link': (r) => r.body.includes('](/advice/report/)'),
  'remote-image': (r) =>
    /!\[[^\]]*\]\(https:\/\/www\.[a-z-]+\.police\.example\/SysSiteAssets\//.test(r.body),
  'empty-body': (r) => r.body === '',
  'long-body': (r) => r.body.length > 20_000,
  'unquoted-colon': (_, bytes) => /^title: [A-Z]+: /m.test(new TextDecoder().decode(bytes)),
  windows1252: (_, bytes) => !isUtf8(bytes),
  'yaml-tabs': (_, bytes) => new TextDecoder().decode(bytes).includes('\n\t'),
};

describe('the scraped quirks', () => {
  test.each(QUIRK_NAMES.filter((q) => DEFAULT_RATES[q] > 0))(
    '%s is present at about its rate',
    (quirk) => {
      const expected = DEFAULT_RATES[quirk] * 2000;
      const count = countQuirks(month.files.map((f) => f.release))[quirk];
      expect(Math.abs(count - expected)).toBeLessThanOrEqual(
        4 * Math.sqrt(expected) + 0.06 * expected,
      );
    },
  );

  test.each(QUIRK_NAMES)('%s shows in every file given it', (quirk) => {
    const given = month.files.filter((f) => f.release.quirks.includes(quirk));
    const missing = given.filter((f) => !SHOWS[quirk](read.get(f) as ReadBack, f.bytes));
    expect(missing.map((f) => f.path)).toEqual([]);
  });

  test('the repair quirks are off unless asked for, and every file is UTF-8 without them', () => {
    const counts = countQuirks(month.files.map((f) => f.release));
    expect([counts['unquoted-colon'], counts.windows1252, counts['yaml-tabs']]).toEqual([0, 0, 0]);
    expect(month.files.every((f) => isUtf8(f.bytes))).toBe(true);
  });

  test('switching a quirk off changes only the files that had it', () => {
    const without = generateRealArchive({ releases: 2000, quirks: { 'og-url-tracking': 0 } });
    const changed = month.files.filter(
      (f, i) => !Buffer.from(f.bytes).equals(without.files[i]?.bytes ?? new Uint8Array()),
    );
    expect(changed.length).toBe(countQuirks(month.files.map((f) => f.release))['og-url-tracking']);
    expect(changed.every((f) => f.release.quirks.includes('og-url-tracking'))).toBe(true);
  });
});

describe('what Gazette reads from the archive', () => {
  // Every quirk loads: entities are decoded, invisible characters removed or
  // folded, site-relative og.image resolved, `---` and the fence both read, an
  // empty body allowed. The address's slug is the headline's, then the id.
  // Loaded over a busy week (BUSY_WEEK) rather than the month: each file's quirks
  // are its own, and the month's 2,000 bodies cost a test run about 12 s of CPU.
  test('every file loads, with the headline slug, date and source the generator reports', () => {
    const week = generateRealArchive(BUSY_WEEK);
    expect(missingQuirks(week.files.map((f) => f.release))).toEqual([]);
    const seen = week.files.map((f) => {
      const result = loadReleaseFile(f.path, f.bytes, { timeZone: 'Europe/London' });
      if (!result.ok) return { path: f.path, diagnostics: result.diagnostics };
      const { slug, local, sourceUrl } = result.release;
      return { path: f.path, slug, date: `${local.year}-${local.month}-${local.day}`, sourceUrl };
    });
    expect(seen).toEqual(
      week.files.map((f) => ({
        path: f.path,
        slug: `${f.release.slug}-${releaseId(f.release.sourceUrl)}`,
        date: f.release.date,
        sourceUrl: f.release.sourceUrl,
      })),
    );
  });

  test('a file given a repair quirk is refused as the quirk intends', () => {
    const archive = generateRealArchive({
      releases: 600,
      quirks: { 'unquoted-colon': 0.05, windows1252: 0.05, 'yaml-tabs': 0.05 },
    });
    const rules = new Map<string, Set<string>>();
    for (const f of archive.files) {
      const repair = f.release.quirks.filter((q) =>
        ['unquoted-colon', 'windows1252', 'yaml-tabs'].includes(q),
      );
      if (repair.length !== 1) continue;
      const result = loadReleaseFile(f.path, f.bytes, { timeZone: 'Europe/London' });
      const rule = result.ok ? 'ok' : (result.diagnostics[0]?.rule ?? '');
      rules.set(repair[0] ?? '', (rules.get(repair[0] ?? '') ?? new Set()).add(rule));
    }
    expect(Object.fromEntries([...rules].map(([q, r]) => [q, [...r]]))).toEqual({
      'unquoted-colon': ['yaml-syntax'],
      windows1252: ['invalid-utf8'],
      'yaml-tabs': ['yaml-syntax'],
    });
  });
});
