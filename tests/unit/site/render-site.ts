import { DEFAULT_PERMALINK } from '../../../src/model/permalink.ts';
import type { RenderSite } from '../../../src/site/view-types.ts';

/** Site settings for render unit tests; override what a test is about. */
export function renderSite(overrides: Partial<RenderSite> = {}): RenderSite {
  return {
    title: 'Gazette',
    description: 'Releases.',
    url: 'https://gazette.example',
    language: 'en-GB',
    locale: 'en_GB',
    timeZone: 'Europe/London',
    image: { url: 'https://gazette.example/share.png', alt: 'Gazette' },
    contentDir: 'content',
    pageSize: 20,
    homeCount: 10,
    permalink: DEFAULT_PERMALINK,
    pathPrefix: '/',
    ...overrides,
  };
}
