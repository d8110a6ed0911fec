import { describe, expect, test } from 'vitest';
import {
  deployedImageUrl,
  isExampleHost,
  isShareImageUrl,
  siteFileOf,
} from '../../../src/model/share-image.ts';

const written = { url: 'https://news.example', pathPrefix: '/' };
const moved = { url: 'https://westshire.example', pathPrefix: '/archive/' };

describe('share image addresses', () => {
  test('a path on the site is published under the deployed URL and prefix', () => {
    expect(deployedImageUrl('/assets/share.png', written, written)).toBe(
      'https://news.example/assets/share.png',
    );
    expect(deployedImageUrl('/assets/share.png', written, moved)).toBe(
      'https://westshire.example/archive/assets/share.png',
    );
  });

  test('a full URL on site.json’s own address moves with the deploy', () => {
    expect(deployedImageUrl('https://news.example/assets/a.png?v=2', written, moved)).toBe(
      'https://westshire.example/archive/assets/a.png?v=2',
    );
    const prefixed = { url: 'https://news.example', pathPrefix: '/old/' };
    expect(deployedImageUrl('https://news.example/old/assets/a.png', prefixed, moved)).toBe(
      'https://westshire.example/archive/assets/a.png',
    );
  });

  test('an image on another host, or another host that only starts alike, is kept', () => {
    expect(deployedImageUrl('https://cdn.example/a.png', written, moved)).toBe(
      'https://cdn.example/a.png',
    );
    expect(deployedImageUrl('https://news.example.org/a.png', written, moved)).toBe(
      'https://news.example.org/a.png',
    );
  });

  test('the output file of an image is its path under the site, decoded, without its query', () => {
    expect(siteFileOf('https://westshire.example/archive/assets/a%20b.png?v=1', moved)).toBe(
      'assets/a b.png',
    );
    expect(siteFileOf('https://westshire.example/assets/a.png', moved)).toBeNull();
    expect(siteFileOf('https://cdn.example/archive/a.png', moved)).toBeNull();
  });

  test('site.json and areas.yaml take paths on the site and http(s) URLs, not //host or relative paths', () => {
    expect(isShareImageUrl('/assets/share.png')).toBe(true);
    expect(isShareImageUrl('https://cdn.example/a.png')).toBe(true);
    expect(isShareImageUrl('//cdn.example/a.png')).toBe(false);
    expect(isShareImageUrl('assets/share.png')).toBe(false);
  });

  test('the sample’s host is recognised, and only it', () => {
    expect(isExampleHost('https://gazette.example')).toBe(true);
    expect(isExampleHost('https://news.gazette.example')).toBe(false);
    expect(isExampleHost('https://archive.westshire.example')).toBe(false);
  });
});
