import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUSY_WEEK, countClashes, generateRealArchive } from '../../bench/real-archive/generate.ts';
import { writeFiles } from '../../bench/projects.ts';
import { missingQuirks } from '../../bench/real-archive/summary.ts';
import { readReleasePages, type ReleasePage } from '../../bench/release-pages.ts';
import { formatDiagnostic } from '../../src/diagnostics/format.ts';
import { buildSite, type BuildResult } from '../../src/build/build-site.ts';

// A busy week as real archives have it (bench/real-archive/, BUSY_WEEK): 470
// releases from 43 forces over 7 days, dozens of same-day headline clashes, and
// the scraped quirks of /shared/DATA.md at their default rates, every one of
// them present. Built once. A week, not the month: building 2,000 releases cost
// a test run 26 s of CPU.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const archive = generateRealArchive(BUSY_WEEK);
const releases = archive.files.map((f) => f.release);

let root: string;
let result: BuildResult;
let pages: ReleasePage[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gazette-real-'));
  await cp(path.join(repo, 'templates'), path.join(root, 'templates'), { recursive: true });
  const site: unknown = JSON.parse(await readFile(path.join(repo, 'site.json'), 'utf8'));
  await writeFile(
    path.join(root, 'site.json'),
    JSON.stringify({ ...(site as object), contentDir: 'content' }),
  );
  await writeFile(path.join(root, 'areas.yaml'), archive.registry);
  await writeFiles(path.join(root, 'content'), archive.files);
  result = await buildSite({ root, env: {} });
  if (result.ok) pages = await readReleasePages(path.join(root, '_site'));
}, 300_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('a busy week of a real archive', () => {
  test('is the archive the issue describes: 43 forces, dozens of clashes, every scraped quirk', () => {
    expect(releases).toHaveLength(470);
    expect(new Set(releases.map((r) => r.area)).size).toBe(43);
    expect(countClashes(releases).pairs).toBeGreaterThan(50);
    expect(missingQuirks(releases)).toEqual([]);
  });

  test('builds without an error', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const rules: Record<string, number> = {};
    for (const d of errors) rules[d.rule] = (rules[d.rule] ?? 0) + 1;
    const first = errors.slice(0, 3).map(formatDiagnostic);
    expect({ rules, first }).toEqual({ rules: {}, first: [] });
    expect(result.ok).toBe(true);
  });

  test('gives every release exactly one page, found by its Original release link', () => {
    const bySource = new Map(releases.map((r) => [r.sourceUrl, 0]));
    for (const page of pages) bySource.set(page.source, (bySource.get(page.source) ?? 0) + 1);
    const notOne = [...bySource].filter(([, n]) => n !== 1);
    // The first few are enough to see what went wrong.
    expect(notOne.slice(0, 10)).toEqual([]);
    expect(pages).toHaveLength(470);
  });

  test('gives every release page its own address, even ignoring case', () => {
    const addresses = new Set(pages.map((page) => page.address.toLowerCase()));
    expect(addresses.size).toBe(pages.length);
    expect(pages.length).toBe(470);
  });

  test("shows each release's own headline, force and day on its page", () => {
    const bySource = new Map(pages.map((page) => [page.source, page]));
    const wrong = releases.filter((r) => {
      const page = bySource.get(r.sourceUrl);
      return (
        page === undefined ||
        page.headline !== r.headline ||
        page.area !== r.area ||
        !page.datetime.startsWith(r.date)
      );
    });
    expect(wrong.slice(0, 10).map((r) => r.path)).toEqual([]);
  });
});
