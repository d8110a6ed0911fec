import { describe, expect, test } from 'vitest';
import { findStrayFields } from '../../../src/model/stray-fields.ts';

const FIELDS = {
  area: 'Westshire',
  title: 'Road closed | Westshire Police',
  url: 'https://w.example/1',
  publish: { date: '10:00 01/06/2021' },
};

describe('keys that are probably a known field', () => {
  test('a known field misspelt by a letter or two is named with the field it means', () => {
    expect(findStrayFields({ ...FIELDS, titel: 'x', Area: 'y', descripton: 'z' })).toEqual([
      { path: ['titel'], kind: 'misspelt', meant: 'title' },
      { path: ['Area'], kind: 'misspelt', meant: 'area' },
      { path: ['descripton'], kind: 'misspelt', meant: 'description' },
    ]);
  });

  test('another word for a field is named with it, in its group or at the top', () => {
    expect(
      findStrayFields({ ...FIELDS, publish: { date: 'd', modified: 'm' }, modified: 'm' }),
    ).toEqual([
      { path: ['modified'], kind: 'misspelt', meant: 'publish.updated' },
      { path: ['publish', 'modified'], kind: 'misspelt', meant: 'publish.updated' },
    ]);
  });

  test('a field of publish or og written at the top level is misplaced', () => {
    expect(findStrayFields({ ...FIELDS, updated: 'u', image: 'i', locale: 'en_GB' })).toEqual([
      { path: ['updated'], kind: 'misplaced', meant: 'publish.updated' },
      { path: ['image'], kind: 'misplaced', meant: 'og.image' },
      { path: ['locale'], kind: 'misplaced', meant: 'og.locale' },
    ]);
  });

  test('og fields and corrections are compared with their own fields', () => {
    const data = {
      ...FIELDS,
      og: { titel: 't', imgae: 'i' },
      corrections: [{ date: 'd', notes: 'n' }],
    };
    expect(findStrayFields(data)).toEqual([
      { path: ['og', 'titel'], kind: 'misspelt', meant: 'og.title' },
      { path: ['og', 'imgae'], kind: 'misspelt', meant: 'og.image' },
      { path: ['corrections', 0, 'notes'], kind: 'misspelt', meant: 'corrections.0.note' },
    ]);
  });

  test('keys scrapers add that are like no field are ignored without a word', () => {
    const data = { ...FIELDS, tags: ['a'], author: 'b', category: 'c', og: { site_name: 'x' } };
    expect(findStrayFields(data)).toEqual([]);
  });

  test('a short key is compared within one letter, so `og` and `id` are not mixed up', () => {
    expect(findStrayFields({ ...FIELDS, id: 1, ogg: {} })).toEqual([
      { path: ['ogg'], kind: 'misspelt', meant: 'og' },
    ]);
  });
});
