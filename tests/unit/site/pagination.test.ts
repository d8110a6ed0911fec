import { describe, expect, test } from 'vitest';
import { paginate } from '../../../src/archive/paginate.ts';
import { toPagination } from '../../../src/site/list-views.ts';

const labels = (items: number, size: number, number: number): string[] => {
  const page = paginate(
    Array.from({ length: items }, (_, i) => i),
    size,
    '/all/',
  ).find((p) => p.number === number);
  if (page === undefined) throw new Error(`no page ${number}`);
  return toPagination(page, '/all/').pages.map((link) =>
    link.current ? `[${link.label}]` : link.label,
  );
};

describe('the links between list pages', () => {
  test('lead from the front page to the newest numbered pages and the oldest', () => {
    // 200 at 10 a page: a front page of 10 and pages 19 down to 1.
    expect(labels(200, 10, 0)).toEqual(['[Latest]', '19', '18', '17', '1']);
  });

  test('show the pages either side of a numbered page, newest first, with the front page and page 1', () => {
    expect(labels(200, 10, 9)).toEqual(['Latest', '11', '10', '[9]', '8', '7', '1']);
    expect(labels(200, 10, 2)).toEqual(['Latest', '4', '3', '[2]', '1']);
  });

  test('stay the same on a numbered page as the list grows, once two pages follow it', () => {
    expect(labels(5000, 10, 9)).toEqual(labels(200, 10, 9));
    // The newest numbered page leads back to the front page, and gains links as pages come after it.
    expect(labels(200, 10, 19)).toEqual(['Latest', '[19]', '18', '17', '1']);
    expect(labels(210, 10, 19)).toEqual(['Latest', '20', '[19]', '18', '17', '1']);
  });

  test('are none on a list that fits on its front page', () => {
    expect(toPagination(paginate([1, 2, 3], 2, '/x/')[0]!, '/x/').pages).toEqual([]);
  });
});
