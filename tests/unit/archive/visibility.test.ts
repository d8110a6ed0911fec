import { describe, expect, test } from 'vitest';
import {
  describeLeftOut,
  describeRejected,
  describeUnfinished,
} from '../../../src/cli/left-out.ts';
import { GazetteError } from '../../../src/diagnostics/gazette-error.ts';
import { readNow, selectVisible } from '../../../src/archive/visibility.ts';
import { makeRelease } from './make-release.ts';

const NOW = Date.parse('2024-01-01T12:00:00Z');

describe('selectVisible', () => {
  const published = makeRelease({ at: '2023-12-31 09:00' });
  const draft = { ...makeRelease({ at: '2023-06-01 09:00' }), draft: true as const };
  const future = makeRelease({ at: '2024-01-01 12:01' });
  const futureDraft = { ...makeRelease({ at: '2024-02-01 09:00' }), draft: true as const };
  const all = [futureDraft, future, published, draft];
  const urls = (r: { releases: { url: string }[] }) => r.releases.map((x) => x.url);

  test('a production build keeps only published releases, and counts a future draft as a draft', () => {
    const result = selectVisible(all, { drafts: false, future: false, now: NOW });
    expect(urls(result)).toEqual([published.url]);
    expect(result.leftOut).toEqual({ drafts: 2, embargoed: 1, unfinished: [] });
  });

  test('a release dated exactly now is published', () => {
    const atNow = makeRelease({ at: '2024-01-01 12:00' });
    const result = selectVisible([atNow], { drafts: false, future: false, now: NOW });
    expect(urls(result)).toEqual([atNow.url]);
  });

  test('drafts and future each let in their own kind; a future draft needs both', () => {
    const drafts = selectVisible(all, { drafts: true, future: false, now: NOW });
    expect(urls(drafts)).toEqual([published.url, draft.url]);
    expect(drafts.leftOut).toEqual({ drafts: 0, embargoed: 2, unfinished: [] });
    const future_ = selectVisible(all, { drafts: false, future: true, now: NOW });
    expect(urls(future_)).toEqual([future.url, published.url]);
    const both = selectVisible(all, { drafts: true, future: true, now: NOW });
    expect(urls(both)).toEqual(all.map((r) => r.url));
    expect(both.leftOut).toEqual({ drafts: 0, embargoed: 0, unfinished: [] });
  });
});

describe('selectVisible and unfinished releases', () => {
  const unfinished = (at: string, slug: string) => ({
    ...makeRelease({ at, slug }),
    unfinished: ['body', 'url'],
  });
  const later = unfinished('2023-12-01 09:00', 'later');
  const earlier = unfinished('2023-11-01 09:00', 'earlier');
  const published = makeRelease({ at: '2023-12-31 09:00' });
  const unfinishedDraft = { ...unfinished('2023-10-01 09:00', 'draft'), draft: true as const };
  const unfinishedFuture = unfinished('2024-02-01 09:00', 'future');
  const all = [unfinishedFuture, published, later, earlier, unfinishedDraft];
  const urls = (r: { releases: { url: string }[] }) => r.releases.map((x) => x.url);

  test('a production build leaves them out and names their files, sorted; a draft among them counts as a draft', () => {
    const result = selectVisible(all, { drafts: false, future: false, now: NOW });
    expect(urls(result)).toEqual([published.url]);
    expect(result.leftOut).toEqual({
      drafts: 1,
      embargoed: 0,
      unfinished: ['content/earlier.md', 'content/future.md', 'content/later.md'],
    });
  });

  test('--future alone does not let them in; --drafts does, and the embargo still holds', () => {
    const future = selectVisible(all, { drafts: false, future: true, now: NOW });
    expect(urls(future)).toEqual([published.url]);
    const drafts = selectVisible(all, { drafts: true, future: false, now: NOW });
    expect(urls(drafts)).toEqual([published.url, later.url, earlier.url, unfinishedDraft.url]);
    expect(drafts.leftOut).toEqual({ drafts: 0, embargoed: 1, unfinished: [] });
  });
});

describe('describeUnfinished and describeRejected', () => {
  test('name one unfinished release, or several, and what to do', () => {
    expect(describeUnfinished([])).toBeNull();
    expect(describeUnfinished(['content/westshire/2024/x.md'])).toBe(
      "1 unfinished release left out (it still holds gazette new's placeholders): content/westshire/2024/x.md; fill it in (`npx gazette check` names what is left), then build again.",
    );
    expect(describeUnfinished(['content/a.md', 'content/b.md', 'content/c.md'])).toBe(
      "3 unfinished releases left out (they still hold gazette new's placeholders): content/a.md, content/b.md and content/c.md; fill them in (`npx gazette check` names what is left), then build again.",
    );
  });

  test('name the files left out with errors, at most ten of them, and the pages they took', () => {
    expect(describeRejected([], [])).toEqual([]);
    const files = Array.from({ length: 12 }, (_, i) => `content/r${String(i).padStart(2, '0')}.md`);
    expect(describeRejected(files, [{ url: '/a/', file: 'content/r00.md' }])).toEqual([
      'Published with problems: 12 files with errors left out: content/r00.md, content/r01.md, content/r02.md, content/r03.md, content/r04.md, content/r05.md, content/r06.md, content/r07.md, content/r08.md, content/r09.md and 2 more. Fix the errors listed above, then build again.',
      '1 page of the last build is gone, as its file now has errors: /a/ (content/r00.md).',
    ]);
    expect(
      describeRejected(
        ['content/a.md', 'content/b.md'],
        [
          { url: '/a/', file: 'content/a.md' },
          { url: '/b/', file: 'content/b.md' },
        ],
      ),
    ).toEqual([
      'Published with problems: 2 files with errors left out: content/a.md and content/b.md. Fix the errors listed above, then build again.',
      '2 pages of the last build are gone, as their files now have errors: /a/ (content/a.md) and /b/ (content/b.md).',
    ]);
  });
});

describe('readNow', () => {
  test('reads GAZETTE_NOW in ISO 8601 or in the house form on the site clock', () => {
    expect(readNow({ GAZETTE_NOW: '2024-01-01T12:00:00Z' }, 'Europe/London')).toBe(NOW);
    expect(readNow({ GAZETTE_NOW: '13:00 01/07/2024' }, 'Europe/London')).toBe(
      Date.parse('2024-07-01T12:00:00Z'),
    );
  });

  test('refuses a GAZETTE_NOW that is not a date, saying what to write', () => {
    expect(() => readNow({ GAZETTE_NOW: '31/02/2024' }, 'Europe/London')).toThrow(GazetteError);
    expect(() => readNow({ GAZETTE_NOW: '31/02/2024' }, 'Europe/London')).toThrow(
      expect.objectContaining({ kind: 'config' }),
    );
    expect(() => readNow({ GAZETTE_NOW: '09:00 31/02/2024' }, 'Europe/London')).toThrow(
      'GAZETTE_NOW holds "09:00 31/02/2024", which does not exist: month 2 of 2024 has 29 days. Set it to the moment to build as of, as ISO 8601 (2024-03-14T09:30:00Z) or HH:MM DD/MM/YYYY in UK local time, or unset it to use the clock.',
    );
  });
});

describe('describeLeftOut', () => {
  test('says nothing when nothing was left out', () => {
    expect(describeLeftOut({ drafts: 0, embargoed: 0 })).toBeNull();
  });

  test('names each kind, its count and the flag that includes it', () => {
    expect(describeLeftOut({ drafts: 1, embargoed: 0 })).toBe(
      '1 draft left out; build with --drafts to include it.',
    );
    expect(describeLeftOut({ drafts: 0, embargoed: 3 })).toBe(
      '3 embargoed releases (dated after now) left out; build with --future to include them.',
    );
    expect(describeLeftOut({ drafts: 2, embargoed: 1 })).toBe(
      '2 drafts and 1 embargoed release (dated after now) left out; build with --drafts and --future to include them.',
    );
  });
});
