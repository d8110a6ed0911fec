import { daysInMonth, instantFromWallTime, toWallTime, type WallTime } from './zoned-time.ts';

/** Outcome of reading a publish date: an instant, or the reason it is not one. */
export type PublishDateResult = { ok: true; ms: number } | { ok: false; why: string };

const HOUSE_FORM = /^(\d{1,2}):(\d{2}) (\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/**
 * Reads a publish date in the house form `HH:MM DD/MM/YYYY` (wall time in
 * `zone`) or in ISO 8601. A date without an offset is wall time in `zone`.
 * Impossible dates and times are refused, never rolled over.
 */
export function parsePublishDate(value: string, zone: string): PublishDateResult {
  const house = HOUSE_FORM.exec(value);
  if (house !== null) {
    const [, hour, minute, day, month, year] = house.map(Number);
    return fromWall({ year, month, day, hour, minute, second: 0 }, zone, null);
  }
  const iso = ISO_FORM.exec(value);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second] = iso.slice(0, 7).map((p) => Number(p ?? 0));
    return fromWall({ year, month, day, hour, minute, second }, zone, iso[7] ?? null);
  }
  return { ok: false, why: 'is not in the form HH:MM DD/MM/YYYY or ISO 8601' };
}

function fromWall(
  parts: Record<keyof WallTime, number | undefined>,
  zone: string,
  offset: string | null,
): PublishDateResult {
  const wall = toWallTime(parts);
  const problem = checkWall(wall);
  if (problem !== null) return { ok: false, why: problem };
  if (offset === null) return { ok: true, ms: instantFromWallTime(wall, zone) };
  const minutes = offsetMinutes(offset);
  if (minutes === null) return { ok: false, why: `has an impossible UTC offset (${offset})` };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return { ok: true, ms: asUtc - minutes * 60_000 };
}

function checkWall(w: WallTime): string | null {
  if (w.year < FIRST_YEAR || w.year > LAST_YEAR) {
    return `has the year ${w.year}, outside ${FIRST_YEAR}-${LAST_YEAR}`;
  }
  if (w.month < 1 || w.month > 12) return `has no month ${w.month}`;
  if (w.day < 1 || w.day > daysInMonth(w.year, w.month)) {
    return `does not exist: month ${w.month} of ${w.year} has ${daysInMonth(w.year, w.month)} days`;
  }
  if (w.hour > 23 || w.minute > 59 || w.second > 59) {
    return 'has an impossible time of day (hours run 00-23, minutes 00-59)';
  }
  return null;
}

function offsetMinutes(offset: string): number | null {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}
