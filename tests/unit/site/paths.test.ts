import { describe, expect, test } from 'vitest';
import { normalisePrefix } from '../../../src/model/site-config.ts';
import { withPathPrefix } from '../../../src/site/paths.ts';

describe('withPathPrefix', () => {
  test('leaves paths alone at the root prefix', () => {
    expect(withPathPrefix('/', '/2020/09/')).toBe('/2020/09/');
    expect(withPathPrefix('/', '/')).toBe('/');
  });

  test('puts paths under a sub-folder prefix however the prefix is written', () => {
    for (const prefix of ['/news/', 'news', '/news', 'news/']) {
      expect(withPathPrefix(prefix, '/2020/09/')).toBe('/news/2020/09/');
      expect(withPathPrefix(prefix, '/')).toBe('/news/');
    }
  });

  test('passes absolute and protocol-relative URLs through', () => {
    expect(withPathPrefix('/news/', 'https://x.example/a')).toBe('https://x.example/a');
    expect(withPathPrefix('/news/', 'mailto:a@x.example')).toBe('mailto:a@x.example');
    expect(withPathPrefix('/news/', '//x.example/a')).toBe('//x.example/a');
  });

  test('normalises an empty prefix to the root', () => {
    expect(normalisePrefix('')).toBe('/');
    expect(normalisePrefix('//a//')).toBe('/a/');
  });
});
