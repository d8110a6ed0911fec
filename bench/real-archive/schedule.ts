// Who publishes what on which day: forces in proportion to their size, the
// weekend quieter, and headlines drawn so that stock ones clash as they do in
// real archives (several forces, or one force twice, on the same day).
import type { Draw } from '../random.ts';
import {
  LONG_STEMS,
  LONG_TAILS,
  OFFENCES,
  PLACES,
  STOCK_HEADLINES,
  TEMPLATES,
  VEHICLES,
  type Force,
} from './vocabulary.ts';

/** One release before it is written: its day, force and headline. */
export interface Slot {
  /** Days after the archive's first day. */
  readonly day: number;
  readonly force: Force;
  readonly headline: string;
  /** The place the headline names, or one the force covers; the body repeats it. */
  readonly place: string;
}

// What one draw adds to a day. The weights are tuned so that a month of 2,000
// releases from 43 forces has about 300 same-day pairs of equal headlines.
const EVENTS = [
  { kind: 'stock', weight: 0.25 },
  { kind: 'template', weight: 0.69 },
  { kind: 'long', weight: 0.03 },
  /** Two long headlines from one force, the same for their first 80+ characters. */
  { kind: 'twins', weight: 0.012 },
  /** One force publishing one stock headline twice in a day. */
  { kind: 'repeat', weight: 0.012 },
] as const;

// Relative volume by day of the week, Sunday first.
const WEEKDAY_WEIGHT = [0.7, 1.1, 1.1, 1.1, 1.1, 1.1, 0.8];

/** Plans `count` releases over `days` days from `start` (ms at UTC midnight). */
export function planSlots(
  count: number,
  days: number,
  start: number,
  forces: readonly Force[],
  draw: Draw,
): Slot[] {
  const slots: Slot[] = [];
  perDay(count, days, start).forEach((quota, day) => {
    const today: Slot[] = [];
    while (today.length < quota) today.push(...drawEvent(day, forces, draw));
    slots.push(...today.slice(0, quota));
  });
  return slots;
}

/** How many releases each day gets: in proportion to its weekday's weight, summing to `count`. */
function perDay(count: number, days: number, start: number): number[] {
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(start + d * 86_400_000).getUTCDay();
    return WEEKDAY_WEIGHT[weekday] ?? 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * count);
  const quotas = exact.map(Math.floor);
  // Largest remainders get the releases that rounding down left over.
  const order = exact.map((x, d) => [x - Math.floor(x), d] as const).sort((a, b) => b[0] - a[0]);
  const left = count - quotas.reduce((a, b) => a + b, 0);
  for (const [, d] of order.slice(0, left)) quotas[d] = (quotas[d] ?? 0) + 1;
  return quotas;
}

function drawEvent(day: number, forces: readonly Force[], draw: Draw): Slot[] {
  const force = draw.weighted(forces, (f) => f.weight);
  const place = draw.pick(PLACES);
  const slot = (headline: string): Slot => ({ day, force, headline, place });
  const { kind } = draw.weighted(EVENTS, (e) => e.weight);
  if (kind === 'stock') return [slot(draw.weighted(STOCK_HEADLINES, (h) => h.weight).text)];
  if (kind === 'repeat') {
    const headline = draw.weighted(STOCK_HEADLINES, (h) => h.weight).text;
    return [slot(headline), slot(headline)];
  }
  if (kind === 'template') return [slot(fill(draw.pick(TEMPLATES), place, draw))];
  const stem = fill(draw.pick(LONG_STEMS), place, draw);
  const tail = draw.int(0, LONG_TAILS.length - 1);
  const first = slot(`${stem}${LONG_TAILS[tail] ?? ''}`);
  if (kind === 'long') return [first];
  return [first, slot(`${stem}${LONG_TAILS[(tail + 1) % LONG_TAILS.length] ?? ''}`)];
}

function fill(template: string, place: string, draw: Draw): string {
  return template
    .replaceAll('{place}', place)
    .replaceAll('{age}', String(draw.int(16, 85)))
    .replaceAll('{offence}', draw.pick(OFFENCES))
    .replaceAll('{road}', `A${draw.int(10, 699)}`)
    .replaceAll('{vehicle}', draw.pick(VEHICLES));
}
