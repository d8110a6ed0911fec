import { describe, expect, test } from 'vitest';
import { leftPagesAsTheyWere } from '../../../src/build/index-phase.ts';

describe('when gazette build keeps the last search index', () => {
  test('only after an update that rendered no page and deleted none', () => {
    expect(leftPagesAsTheyWere({ inPlace: true, rendered: 0, removed: 0 })).toBe(true);
  });

  test('not after an update that only deleted pages: their releases must leave the index', () => {
    expect(leftPagesAsTheyWere({ inPlace: true, rendered: 0, removed: 2 })).toBe(false);
  });

  test('not after an update that rendered pages, nor after a fresh build', () => {
    expect(leftPagesAsTheyWere({ inPlace: true, rendered: 3, removed: 0 })).toBe(false);
    expect(leftPagesAsTheyWere({ inPlace: false, rendered: 0, removed: 0 })).toBe(false);
  });
});
