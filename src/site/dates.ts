import type { LocalDate } from '../model/release.ts';

const MONTHS = [
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
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Built from fixed tables rather than Intl so that output is byte-identical
// whatever ICU version or locale the build machine has.

/** Full month name for a two-digit month: `09` → `September`. */
export function monthName(month: string): string {
  return MONTHS[Number(month) - 1] ?? month;
}

/** Day of the week of a calendar date. */
export function weekdayName(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  const day = new Date(Date.UTC(Number(date.year), Number(date.month) - 1, Number(date.day)));
  return WEEKDAYS[day.getUTCDay()] ?? '';
}

/** As on a release page: `Wednesday 16 September 2020, 10:55`. */
export function formatLongDate(date: LocalDate): string {
  return `${weekdayName(date)} ${Number(date.day)} ${monthName(date.month)} ${date.year}, ${date.time}`;
}

/** As in lists: `16 Sep 2020`. */
export function formatShortDate(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${Number(date.day)} ${monthName(date.month).slice(0, 3)} ${date.year}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with its offset as RSS 2.0 dates it (RFC 822, four-digit
 * year): `2020-09-16T10:55:00+01:00` → `Wed, 16 Sep 2020 10:55:00 +0100`.
 */
export function formatRfc822(iso: string): string {
  const match = ISO.exec(iso);
  if (match === null) throw new RangeError(`not an ISO 8601 instant with an offset: ${iso}`);
  const [, year = '', month = '', day = '', time = '', offset = ''] = match;
  const date = { year, month, day };
  const zone = offset === 'Z' ? '+0000' : offset.replace(':', '');
  return `${weekdayName(date).slice(0, 3)}, ${day} ${monthName(month).slice(0, 3)} ${year} ${time} ${zone}`;
}

/** As a day heading in a month list: `Wednesday 16 September`. */
export function formatDayHeading(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${weekdayName(date)} ${Number(date.day)} ${monthName(date.month)}`;
}
