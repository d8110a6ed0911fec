import { describe, expect, test } from 'vitest';
import { groupBy } from '../../../src/archive/group.ts';

describe('groupBy', () => {
  test('orders groups by where their key first appears', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect(groups.map((g) => g.key)).toEqual(['b', 'a', 'c']);
  });

  test('keeps items in input order inside each group', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2', 'b3'], (s) => s[0]);
    expect(groups).toEqual([
      { key: 'b', items: ['b1', 'b2', 'b3'] },
      { key: 'a', items: ['a1', 'a2'] },
      { key: 'c', items: ['c1'] },
    ]);
  });

  test('returns no groups for no items', () => {
    expect(groupBy([], (s: string) => s)).toEqual([]);
  });

  test('reads any iterable once, calling the key function once per item', () => {
    let calls = 0;
    function* numbers() {
      yield* [1, 2, 3, 4, 5];
    }
    const groups = groupBy(numbers(), (n) => {
      calls += 1;
      return n % 2 === 0 ? 'even' : 'odd';
    });
    expect(groups).toEqual([
      { key: 'odd', items: [1, 3, 5] },
      { key: 'even', items: [2, 4] },
    ]);
    expect(calls).toBe(5);
  });
});
