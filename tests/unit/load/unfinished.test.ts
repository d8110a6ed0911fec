import { describe, expect, test } from 'vitest';
import { renderNewRelease } from '../../../src/cli/new-release.ts';
import { loadReleaseFile } from '../../../src/load/to-release.ts';

const options = { timeZone: 'Europe/London' };

const NEW_RELEASE = renderNewRelease({
  area: 'Westshire',
  areaSlug: 'westshire',
  title: 'Appeal after fire at Holm Farm',
  slug: 'appeal-after-fire-at-holm-farm',
  year: '2024',
  date: '09:30 14/03/2024',
  locale: 'en_GB',
  known: undefined,
  format: 'fenced',
});

function scraped(title: string, body: string, url = 'https://www.westshire.police.example/n/1/') {
  return `---\narea: Westshire\ntitle: ${title}\nurl: ${url}\npublish:\n  date: 09:30 14/03/2024\n---\n${body}\n`;
}

function loadText(text: string) {
  const result = loadReleaseFile('content/x.md', Buffer.from(text), options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.release;
}

describe('the loader marks unfinished releases', () => {
  test('what gazette new writes is unfinished in each field it left to fill in, body included', () => {
    expect(loadText(NEW_RELEASE).unfinished).toEqual(['body', 'og.description', 'og.url', 'url']);
  });

  test('a finished release has no mark at all', () => {
    expect('unfinished' in loadText(scraped('Road closed', '\nThe road is closed.'))).toBe(false);
  });

  test('TODO counts only as a word at the start: a body after blank lines, not a name', () => {
    expect(loadText(scraped('TODOROV charged', '\nMr Todorov was charged.')).unfinished).toBe(
      undefined,
    );
    expect(loadText(scraped('Road closed', '\n\n\nTODO')).unfinished).toEqual(['body']);
    expect(loadText(scraped('TODO headline', '\nText.')).unfinished).toEqual(['title']);
  });
});
