import { describe, expect, test } from 'vitest';
import { planShards } from '../../../src/search/index-site.ts';

/** `count` release pages in one month, `YYYY/MM/DD/<slug>/index.html`. */
const month = (yearMonth: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `${yearMonth.replace('-', '/')}/${String((i % 28) + 1).padStart(2, '0')}/r${i}/index.html`,
  );

const names = (pages: readonly string[], monthsAbove: number) =>
  planShards(pages, monthsAbove).map((s) => s.name);

describe('which shard a release page goes to', () => {
  test('a year with as many pages as the limit is one shard; one more splits it into its months', () => {
    const year = [...month('2024-01', 2), ...month('2024-03', 1)];
    expect(names(year, 3)).toEqual(['2024']);
    expect(names([...year, ...month('2024-11', 1)], 3)).toEqual(['2024-11', '2024-03', '2024-01']);
  });

  test('splits only the years over the limit, and lists every shard newest first', () => {
    const pages = [
      ...month('2019-05', 2),
      ...month('2025-02', 3),
      ...month('2025-12', 2),
      ...month('2024-07', 1),
    ];
    expect(names(pages, 4)).toEqual(['2025-12', '2025-02', '2024', '2019']);
  });

  test('holds each page once, sorted, and hashes the list so that it changes with the pages alone', () => {
    const pages = [...month('2025-02', 3), ...month('2025-12', 2), ...month('2024-07', 2)];
    const shards = planShards(pages, 2);
    expect(shards.flatMap((s) => s.files).sort()).toEqual([...pages].sort());
    for (const shard of shards) expect(shard.files).toEqual([...shard.files].sort());
    expect(planShards([...pages].reverse(), 2)).toEqual(shards);
    const added = planShards([...pages, ...month('2025-12', 3).slice(2)], 2);
    const list = (all: typeof shards, name: string) => all.find((s) => s.name === name)?.list;
    expect(list(added, '2025-12')).not.toBe(list(shards, '2025-12'));
    expect(list(added, '2025-02')).toBe(list(shards, '2025-02'));
    expect(list(added, '2024')).toBe(list(shards, '2024'));
  });

  test('makes no shard of no pages', () => {
    expect(planShards([], 10)).toEqual([]);
  });
});
