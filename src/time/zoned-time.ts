/**
 * Wall-clock time in a named IANA zone, computed with Intl alone so that the
 * machine's TZ never leaks into a result.
 */

/** A calendar date and time of day as printed on a clock, with no zone. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Reads the wall-clock time that `zone` shows at the instant `ms`. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return toWallTime(parts);
}

/** A wall time from its parts, any part missing read as 0 (midnight, or a date that is refused). */
export function toWallTime(parts: {
  readonly [K in keyof WallTime]?: number | undefined;
}): WallTime {
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `zone` from UTC at the instant `ms`, in minutes (60 for BST). */
export function offsetAt(ms: number, zone: string): number {
  return offsetOf(wallTimeAt(ms, zone), ms);
}

/** The offset from UTC, in minutes, of a zone whose clock shows `wall` at the instant `ms`. */
export function offsetOf(wall: WallTime, ms: number): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/**
 * Turns a wall-clock time in `zone` into an instant (ms since the epoch).
 *
 * Clock changes are read the way RFC 5545 and Temporal's "compatible" mode read
 * them: in the repeated hour of autumn the earlier instant (summer time) wins;
 * a time inside the skipped hour of spring is read with the offset in force
 * before the change, so 01:30 on a spring-forward day in London is 02:30 BST.
 */
export function instantFromWallTime(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const before = offsetAt(asUtc - DAY, zone);
  const after = offsetAt(asUtc + DAY, zone);
  // Each offset read costs an Intl call (the load's largest after Markdown), so
  // the usual day, with one offset either side, tries one candidate, not two.
  const fits = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE)
    .filter((ms) => offsetAt(ms, zone) * MINUTE === asUtc - ms);
  if (fits.length > 0) return Math.min(...fits);
  return asUtc - before * MINUTE;
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
