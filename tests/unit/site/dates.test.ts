import { describe, expect, test } from 'vitest';
import {
  formatDayHeading,
  formatLongDate,
  formatRfc822,
  formatShortDate,
  monthName,
  weekdayName,
} from '../../../src/site/dates.ts';
import type { LocalDate } from '../../../src/model/release.ts';

const seed: LocalDate = {
  year: '2020',
  month: '09',
  day: '16',
  time: '10:55',
  iso: '2020-09-16T10:55:00+01:00',
};
const julyFourth: LocalDate = {
  year: '2023',
  month: '07',
  day: '04',
  time: '08:05',
  iso: '2023-07-04T08:05:00+01:00',
};

describe('formatLongDate', () => {
  test('reads as a release page says it: weekday, day, month, year and time', () => {
    expect(formatLongDate(seed)).toBe('Wednesday 16 September 2020, 10:55');
  });

  test('drops the leading zero of the day but keeps the time as HH:MM', () => {
    expect(formatLongDate(julyFourth)).toBe('Tuesday 4 July 2023, 08:05');
  });
});

describe('formatShortDate', () => {
  test('reads as a list says it: day, three-letter month, year', () => {
    expect(formatShortDate(seed)).toBe('16 Sep 2020');
  });

  test('drops the leading zero of the day', () => {
    expect(formatShortDate(julyFourth)).toBe('4 Jul 2023');
  });
});

describe('calendar names', () => {
  test('names a day heading without the year', () => {
    expect(formatDayHeading(seed)).toBe('Wednesday 16 September');
  });

  test('names every month from its two-digit number', () => {
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    expect(months.map(monthName)).toEqual([
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
  });

  test('finds the weekday of a leap day', () => {
    expect(weekdayName({ year: '2024', month: '02', day: '29' })).toBe('Thursday');
  });

  test('finds the weekday from the calendar date alone, not the machine clock', () => {
    // 00:30 BST on 29 October 2023 is still Saturday in UTC; the page says Sunday.
    expect(weekdayName({ year: '2023', month: '10', day: '29' })).toBe('Sunday');
  });
});

describe('formatRfc822', () => {
  test('dates an instant as RSS 2.0 does, keeping its offset', () => {
    expect(formatRfc822('2020-09-16T10:55:00+01:00')).toBe('Wed, 16 Sep 2020 10:55:00 +0100');
  });

  test('keeps the local calendar day where UTC is already another', () => {
    expect(formatRfc822('2023-10-29T00:30:00+01:00')).toBe('Sun, 29 Oct 2023 00:30:00 +0100');
  });

  test('writes Z as +0000', () => {
    expect(formatRfc822('2021-01-05T09:00:00Z')).toBe('Tue, 05 Jan 2021 09:00:00 +0000');
  });

  test('refuses a date without an offset', () => {
    expect(() => formatRfc822('2021-01-05T09:00:00')).toThrow(
      'not an ISO 8601 instant with an offset: 2021-01-05T09:00:00',
    );
  });
});
