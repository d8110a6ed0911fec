import { describe, expect, test } from 'vitest';
import { areaSpellings, unifyAreaSpellings } from '../../../src/archive/area-names.ts';
import type { Release } from '../../../src/model/release.ts';

const release = (file: string, area: string, areaSlug = 'westshire') =>
  ({ file, area, areaSlug }) as Release;

describe('one spelling per area', () => {
  test('the spelling most releases use wins', () => {
    const releases = [
      release('a', 'WESTSHIRE'),
      release('b', 'Westshire'),
      release('c', 'Westshire'),
      release('d', 'Saltmere', 'saltmere'),
    ];
    expect(areaSpellings(releases)).toEqual(
      new Map([
        ['westshire', 'Westshire'],
        ['saltmere', 'Saltmere'],
      ]),
    );
  });

  test('a tie goes to the spelling first in code-point order, whatever the order of files', () => {
    const one = [release('a', 'westshire'), release('b', 'WestShire')];
    expect(areaSpellings(one).get('westshire')).toBe('WestShire');
    expect(areaSpellings([...one].reverse()).get('westshire')).toBe('WestShire');
  });

  test('every release is shown under the chosen spelling; those already using it keep their record', () => {
    const kept = release('b', 'Westshire');
    const unified = unifyAreaSpellings([
      release('a', 'WESTSHIRE'),
      kept,
      release('c', 'Westshire'),
    ]);
    expect(unified.map((r) => r.area)).toEqual(['Westshire', 'Westshire', 'Westshire']);
    expect(unified[1]).toBe(kept);
  });
});
