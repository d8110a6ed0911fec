import { describe, expect, test } from 'vitest';
import { stripSiteSuffix, toSlug } from '../../../src/model/slug.ts';

describe('toSlug', () => {
  test('lower-cases and joins words with hyphens', () => {
    expect(toSlug('Further work to combat city kerb-crawling')).toBe(
      'further-work-to-combat-city-kerb-crawling',
    );
  });

  test('transliterates accents and spells out &', () => {
    expect(toSlug('Crème brûlée & Ærø straße')).toBe('creme-brulee-and-aero-strasse');
  });

  test('does not split camel case words', () => {
    expect(toSlug('PhD McDonald')).toBe('phd-mcdonald');
  });

  test('gives the same slug for composed and decomposed accents', () => {
    expect(toSlug('Cafe\u0301')).toBe(toSlug('Caf\u00e9'));
  });

  test('returns an empty slug when nothing usable is left', () => {
    expect(toSlug('!!!')).toBe('');
    expect(toSlug('')).toBe('');
  });

  test('cuts a long slug at a hyphen within 80 characters', () => {
    const slug = toSlug('word '.repeat(30));
    expect(slug).toBe(Array(16).fill('word').join('-'));
    expect(slug.length).toBeLessThanOrEqual(80);
  });

  test('cuts a long slug with no hyphen at 80 characters', () => {
    expect(toSlug('x'.repeat(90))).toBe('x'.repeat(80));
  });
});

describe('stripSiteSuffix', () => {
  test('removes a trailing " | Force name"', () => {
    expect(stripSiteSuffix('Man charged | Brackenshire Constabulary')).toBe('Man charged');
  });

  test('removes only the last en or em dash suffix', () => {
    expect(stripSiteSuffix('A – B — C')).toBe('A – B');
  });

  test('keeps a title that would be left empty', () => {
    expect(stripSiteSuffix('| only')).toBe('| only');
  });

  test('keeps a hyphen, which is part of ordinary headlines', () => {
    expect(stripSiteSuffix('Appeal - can you help')).toBe('Appeal - can you help');
  });
});
