import { describe, expect, test } from 'vitest';
import { realStartDate } from '../../../bench/projects.ts';

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('where the realistic archive of the bench starts', () => {
  test('on Monday 3 March 2025 when its days end in the past', () => {
    expect(realStartDate(150)).toBe('2025-03-03');
    expect(realStartDate(30)).toBe('2025-03-03');
  });

  test('on the Monday early enough for a long archive to end by 30 June 2026, never in the future', () => {
    const start = realStartDate(1500);
    expect(new Date(dayOf(start)).getUTCDay()).toBe(1);
    const end = dayOf(start) + 1500 * DAY_MS;
    expect(end).toBeLessThanOrEqual(dayOf('2026-06-30'));
    expect(end).toBeGreaterThan(dayOf('2026-06-30') - 7 * DAY_MS);
  });
});
