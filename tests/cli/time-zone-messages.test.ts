import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNow } from '../../src/archive/visibility.ts';
import { main } from '../../src/cli/main.ts';
import { localTimeIn } from '../../src/diagnostics/messages.ts';
import { loadReleaseFile } from '../../src/load/to-release.ts';
import { captureIo, makeProject } from './helpers.ts';

/** Messages name the clock that site.json's timeZone sets, not always the UK's. */

/** A project whose site.json reads house dates in `zone`. */
async function projectIn(zone: string): Promise<string> {
  const root = await makeProject();
  const file = path.join(root, 'site.json');
  const site = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...site, timeZone: zone }));
  return root;
}

function impossibleDate(zone: string, field: 'date' | 'updated') {
  const lines = ['```yaml', 'area: Orrindale', 'title: New sergeant', 'url: https://x.example/a/'];
  lines.push('publish:', '  date: 09:30 14/03/2024');
  if (field === 'updated') lines.push('  updated: 09:30 30/02/2024');
  else lines[5] = '  date: 09:30 30/02/2024';
  const text = [...lines, '```', '', 'Body.', ''].join('\n');
  const result = loadReleaseFile('content/x.md', Buffer.from(text), { timeZone: zone });
  return result.ok ? [] : result.diagnostics.map((d) => d.hint);
}

describe('the site clock in messages', () => {
  test('is "UK local time" for Europe/London and names any other zone', () => {
    expect(localTimeIn('Europe/London')).toBe('UK local time');
    expect(localTimeIn('America/New_York')).toBe('America/New_York local time');
  });

  test.each(['date', 'updated'] as const)(
    'a bad publish.%s is to be written in the configured zone',
    (field) => {
      expect(impossibleDate('Europe/Dublin', field)).toEqual([
        `Write publish.${field} as HH:MM DD/MM/YYYY in Europe/Dublin local time (for example 10:55 16/09/2020), or as ISO 8601 with an offset.`,
      ]);
      expect(impossibleDate('Europe/London', field)[0]).toContain(' in UK local time ');
    },
  );

  test('GAZETTE_NOW is to be written in the configured zone', () => {
    expect(() => readNow({ GAZETTE_NOW: '09:00 31/02/2024' }, 'Pacific/Auckland')).toThrow(
      'or HH:MM DD/MM/YYYY in Pacific/Auckland local time, or unset it',
    );
  });

  test('gazette new --date is to be given in the configured zone', async () => {
    const root = await projectIn('America/New_York');
    const { io, streams } = captureIo(root);
    const args = ['new', '--area', 'W', '--title', 'T', '--date', '10:00 31/02/2024'];
    expect(await main(args, io)).toBe(2);
    expect(streams.err).toBe(
      'The date "10:00 31/02/2024" does not exist: month 2 of 2024 has 29 days. Give --date as "HH:MM DD/MM/YYYY" in America/New_York local time, such as --date "09:30 14/03/2024".\n' +
        'Run `npx gazette new --help` for its options and examples.\n',
    );
  });
});
