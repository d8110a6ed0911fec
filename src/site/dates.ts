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

/** As a day heading in a month list: `Wednesday 16 September`. */
export function formatDayHeading(date: Pick<LocalDate, 'year' | 'month' | 'day'>): string {
  return `${weekdayName(date)} ${Number(date.day)} ${monthName(date.month)}`;
}
