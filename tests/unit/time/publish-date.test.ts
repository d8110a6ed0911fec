import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parsePublishDate } from '../../../src/time/publish-date.ts';
import {
  daysInMonth,
  instantFromWallTime,
  offsetAt,
  wallTimeAt,
} from '../../../src/time/zoned-time.ts';

const LONDON = 'Europe/London';
const root = path.resolve(__dirname, '../../..');

/** The instant a date string reads as in London, as an ISO string, or the reason it is refused. */
function read(value: string, zone = LONDON): string {
  const result = parsePublishDate(value, zone);
  return result.ok ? new Date(result.ms).toISOString() : `refused: ${result.why}`;
}

describe('the house form HH:MM DD/MM/YYYY', () => {
  test('reads a winter date as GMT', () => {
    expect(read('10:55 16/01/2020')).toBe('2020-01-16T10:55:00.000Z');
  });

  test('reads a summer date as BST, one hour ahead of UTC', () => {
    expect(read('10:55 16/09/2020')).toBe('2020-09-16T09:55:00.000Z');
  });

  test('accepts single-digit hours, days and months', () => {
    expect(read('9:05 1/2/2021')).toBe('2021-02-01T09:05:00.000Z');
  });

  test('reads midnight as the start of the London day', () => {
    expect(read('00:00 01/07/2021')).toBe('2021-06-30T23:00:00.000Z');
  });

  test('reads the wall time in the zone it is given, not always London', () => {
    expect(read('10:55 16/09/2020', 'America/New_York')).toBe('2020-09-16T14:55:00.000Z');
  });
});

describe('the spring clock change in London (29 March 2020, 01:00 GMT becomes 02:00 BST)', () => {
  test('reads 00:59, the last minute before the gap, as GMT', () => {
    expect(read('00:59 29/03/2020')).toBe('2020-03-29T00:59:00.000Z');
  });

  test('reads 01:30, a time the clocks skip, as 02:30 BST, which is 01:30 UTC', () => {
    expect(read('01:30 29/03/2020')).toBe('2020-03-29T01:30:00.000Z');
  });

  test('reads 02:00, the first minute after the gap, as BST', () => {
    expect(read('02:00 29/03/2020')).toBe('2020-03-29T01:00:00.000Z');
  });
});

describe('the autumn clock change in London (25 October 2020, 02:00 BST becomes 01:00 GMT)', () => {
  test('reads 00:59, before the repeated hour, as BST', () => {
    expect(read('00:59 25/10/2020')).toBe('2020-10-24T23:59:00.000Z');
  });

  test('reads 01:00, the start of the repeated hour, as the earlier BST instant', () => {
    expect(read('01:00 25/10/2020')).toBe('2020-10-25T00:00:00.000Z');
  });

  test('reads 01:30, which happens twice, as the earlier BST instant, 00:30 UTC', () => {
    expect(read('01:30 25/10/2020')).toBe('2020-10-25T00:30:00.000Z');
  });

  test('reads 02:00, after the repeated hour, as GMT', () => {
    expect(read('02:00 25/10/2020')).toBe('2020-10-25T02:00:00.000Z');
  });
});

describe('ISO 8601 dates', () => {
  test('take a Z suffix as UTC', () => {
    expect(read('2020-09-16T10:55:00Z')).toBe('2020-09-16T10:55:00.000Z');
  });

  test('take a lower-case t and z the same as upper case', () => {
    expect(read('2020-09-16t10:55z')).toBe('2020-09-16T10:55:00.000Z');
  });

  test('take an explicit offset with a colon', () => {
    expect(read('2020-09-16T10:55:00+01:00')).toBe('2020-09-16T09:55:00.000Z');
  });

  test('take an explicit offset without a colon', () => {
    expect(read('2020-09-16T10:55:00+0100')).toBe('2020-09-16T09:55:00.000Z');
  });

  test('take a negative offset', () => {
    expect(read('2020-09-16T10:55:00-05:30')).toBe('2020-09-16T16:25:00.000Z');
  });

  test('read a time without an offset as London wall time', () => {
    expect(read('2020-09-16T10:55')).toBe('2020-09-16T09:55:00.000Z');
    expect(read('2020-01-16 10:55:30')).toBe('2020-01-16T10:55:30.000Z');
  });

  test('read a date alone as midnight London time', () => {
    expect(read('2020-09-16')).toBe('2020-09-15T23:00:00.000Z');
    expect(read('2020-01-16')).toBe('2020-01-16T00:00:00.000Z');
  });

  test('refuse an offset beyond 23:59', () => {
    expect(read('2020-09-16T10:55:00+25:00')).toBe(
      'refused: has an impossible UTC offset (+25:00)',
    );
  });
});

describe('impossible dates are refused, never rolled over', () => {
  test('31 February does not exist', () => {
    expect(read('10:00 31/02/2021')).toBe('refused: does not exist: month 2 of 2021 has 28 days');
  });

  test('29 February 2021 does not exist', () => {
    expect(read('12:00 29/02/2021')).toBe('refused: does not exist: month 2 of 2021 has 28 days');
  });

  test('29 February 2020 exists, 2020 being a leap year', () => {
    expect(read('12:00 29/02/2020')).toBe('2020-02-29T12:00:00.000Z');
  });

  test('30 February is refused in ISO form too', () => {
    expect(read('2020-02-30')).toBe('refused: does not exist: month 2 of 2020 has 29 days');
  });

  test('day 0 does not exist', () => {
    expect(read('12:00 00/01/2021')).toBe('refused: does not exist: month 1 of 2021 has 31 days');
  });

  test('25:61 is not a time of day', () => {
    expect(read('25:61 01/01/2021')).toBe(
      'refused: has an impossible time of day (hours run 00-23, minutes 00-59)',
    );
  });

  test('24:00 is not a time of day', () => {
    expect(read('24:00 01/01/2021')).toBe(
      'refused: has an impossible time of day (hours run 00-23, minutes 00-59)',
    );
  });

  test('12:60 is not a time of day', () => {
    expect(read('12:60 01/01/2021')).toBe(
      'refused: has an impossible time of day (hours run 00-23, minutes 00-59)',
    );
  });

  test('month 13 does not exist', () => {
    expect(read('12:00 01/13/2021')).toBe('refused: has no month 13');
  });

  test('month 0 does not exist', () => {
    expect(read('12:00 01/00/2021')).toBe('refused: has no month 0');
  });

  test('the year 1800 is outside the range a release can have', () => {
    expect(read('12:00 01/01/1800')).toBe('refused: has the year 1800, outside 1900-2199');
  });

  test('a date in neither form is refused with the forms it should take', () => {
    const why = 'refused: is not in the form HH:MM DD/MM/YYYY or ISO 8601';
    expect(read('16 September 2020')).toBe(why);
    expect(read('10:55 16-09-2020')).toBe(why);
    expect(read('16/09/2020 10:55')).toBe(why);
    expect(read('')).toBe(why);
  });
});

describe('the zoned-time helpers', () => {
  test('instantFromWallTime reads a London summer wall time as UTC+1', () => {
    const wall = { year: 2020, month: 9, day: 16, hour: 10, minute: 55, second: 0 };
    expect(instantFromWallTime(wall, LONDON)).toBe(Date.UTC(2020, 8, 16, 9, 55));
  });

  test('wallTimeAt reads the London clock, crossing midnight in summer', () => {
    expect(wallTimeAt(Date.UTC(2020, 8, 16, 23, 30), LONDON)).toEqual({
      year: 2020,
      month: 9,
      day: 17,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });

  test('offsetAt gives 60 minutes in BST and 0 in GMT', () => {
    expect(offsetAt(Date.UTC(2020, 8, 16, 12), LONDON)).toBe(60);
    expect(offsetAt(Date.UTC(2020, 0, 16, 12), LONDON)).toBe(0);
    expect(offsetAt(Date.UTC(2020, 0, 16, 12), 'Asia/Kolkata')).toBe(330);
  });

  test('daysInMonth knows leap years, including the century rules', () => {
    expect([
      daysInMonth(2021, 2),
      daysInMonth(2020, 2),
      daysInMonth(1900, 2),
      daysInMonth(2000, 2),
    ]).toEqual([28, 29, 28, 29]);
  });
});

describe('results never depend on the machine time zone', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  const samples = [
    '10:55 16/09/2020',
    '10:55 16/01/2020',
    '01:30 29/03/2020',
    '01:30 25/10/2020',
    '2020-09-16T10:55',
    '2020-09-16',
  ];
  const expected = [
    '2020-09-16T09:55:00.000Z',
    '2020-01-16T10:55:00.000Z',
    '2020-03-29T01:30:00.000Z',
    '2020-10-25T00:30:00.000Z',
    '2020-09-16T09:55:00.000Z',
    '2020-09-15T23:00:00.000Z',
  ];

  test('the same instants come out when this process changes TZ', () => {
    for (const zone of ['UTC', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
      process.env.TZ = zone;
      expect(samples.map((s) => read(s))).toEqual(expected);
    }
  });

  test('the same instants come out in a child process started with TZ=America/New_York', () => {
    const script = [
      "import('./src/time/publish-date.ts').then(({ parsePublishDate }) => {",
      `  const samples = ${JSON.stringify(samples)};`,
      "  const out = samples.map((s) => { const r = parsePublishDate(s, 'Europe/London');",
      '    return r.ok ? new Date(r.ms).toISOString() : r.why; });',
      '  process.stdout.write(JSON.stringify({ tz: new Date(2020, 0, 1).getTimezoneOffset(), out }));',
      '});',
    ].join('\n');
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    const child = JSON.parse(stdout) as { tz: number; out: string[] };
    // Proves the child really ran on New York time (UTC-5 in January).
    expect(child.tz).toBe(300);
    expect(child.out).toEqual(expected);
  });

  test('the time modules never read TZ or the machine-local Date methods', () => {
    const dir = path.join(root, 'src/time');
    for (const name of readdirSync(dir)) {
      const source = readFileSync(path.join(dir, name), 'utf8');
      expect(source, name).not.toMatch(
        /process\.env|getTimezoneOffset|\.get(?:FullYear|Month|Date|Hours|Minutes)\(/,
      );
    }
  });
});
