import { plural } from '../diagnostics/plural.ts';
import type { ChartBar, ChartView } from './view-types.ts';

/**
 * Lays out bar charts as static SVG geometry: columns over time (months or
 * years) or rows by category (areas). Plain arithmetic; a bar chart needs no
 * scale library. Coordinates are in the SVG's own units, and the picture
 * scales to the width it is given.
 */

/** One bar before layout: what it counts, its label and where it leads (null for no page). */
export interface ChartDatum {
  /** Full label, for the table and the bar's tooltip: `January 2022`, `Ashwick Vale`. */
  readonly label: string;
  /** What the axis prints under a column, or `''` for none. */
  readonly tick: string;
  readonly count: number;
  readonly url: string | null;
}

/** What a chart is about, for its caption, table and summary. */
export interface ChartText {
  readonly id: string;
  readonly title: string;
  /** The first column's heading in the table of numbers: `Month`, `Area`. */
  readonly noun: string;
  readonly summary: string;
}

const WIDTH = 640;
const COLUMN_HEIGHT = 180;
const TOP = 12;
const LEFT = 36;
const BOTTOM = 22;
const ROW_HEIGHT = 22;
const LABEL_WIDTH = 172;
const COUNT_ROOM = 40;
const MAX_COLUMN = 56;
// The least room between two axis labels' middles: a year, drawn at a phone's larger size.
const MIN_TICK_GAP = 48;

/** Columns along a time axis, oldest first, with a scale of counts at the left. */
export function columnChart(text: ChartText, data: readonly ChartDatum[]): ChartView {
  const max = niceMax(data);
  const plot = COLUMN_HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, data.length);
  // Thin slots touch; wide ones are capped, so three years do not read as three walls.
  const width = Math.max(1, round(Math.min(MAX_COLUMN, slot * (data.length > 60 ? 1 : 0.8))));
  let lastTick = -Infinity;
  const bars = data.map((datum, i): ChartBar => {
    const height = round((datum.count / max) * plot);
    const x = round(LEFT + i * slot + (slot - width) / 2);
    // Labels that would crowd the one before are left out: the table has every bar's name.
    const middle = LEFT + (i + 0.5) * slot;
    const tick = datum.tick !== '' && middle - lastTick >= MIN_TICK_GAP ? datum.tick : '';
    if (tick !== '') lastTick = middle;
    return {
      ...barText(datum),
      x,
      y: round(TOP + plot - height),
      width,
      height,
      labelX: round(x + width / 2),
      labelY: COLUMN_HEIGHT - 6,
      tick,
    };
  });
  const scale = [0, max / 2, max].map((value) => ({
    value: String(value),
    y: round(TOP + plot - (value / max) * plot),
  }));
  return {
    ...text,
    layout: 'columns',
    width: WIDTH,
    height: COLUMN_HEIGHT,
    bars,
    scale,
    left: LEFT,
  };
}

/** Rows, one per category, each labelled at the left and counted at its end. */
export function rowChart(text: ChartText, data: readonly ChartDatum[]): ChartView {
  const max = Math.max(1, ...data.map((d) => d.count));
  const room = WIDTH - LABEL_WIDTH - COUNT_ROOM;
  const bars = data.map((datum, i): ChartBar => {
    const width = round((datum.count / max) * room);
    const y = i * ROW_HEIGHT + 4;
    return {
      ...barText(datum),
      x: LABEL_WIDTH,
      y,
      width,
      height: ROW_HEIGHT - 6,
      labelX: LABEL_WIDTH - 8,
      labelY: y + ROW_HEIGHT / 2 + 1,
      tick: shorten(datum.label, 26),
      countX: LABEL_WIDTH + width + 6,
    };
  });
  const height = data.length * ROW_HEIGHT + 4;
  return { ...text, layout: 'rows', width: WIDTH, height, bars, scale: [], left: LABEL_WIDTH };
}

/** The label a bar is read by: `January 2022: 3 releases`. */
function barText(datum: ChartDatum): Pick<ChartBar, 'label' | 'count' | 'url' | 'title'> {
  return {
    label: datum.label,
    count: datum.count,
    url: datum.url,
    title: `${datum.label}: ${plural(datum.count, 'release')}`,
  };
}

/** A top for the scale that halves into whole numbers: 1, 2, 4, 6, 8, 10, 20, 40, … */
export function niceMax(data: readonly ChartDatum[]): number {
  const max = Math.max(1, ...data.map((d) => d.count));
  if (max <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(max));
  // Below 10, only even tops: the middle of the scale must be a whole number too.
  const steps = power === 1 ? [2, 4, 6, 8, 10] : [1, 2, 4, 5, 6, 8, 10];
  return (steps.find((s) => s * power >= max) ?? 10) * power;
}

function shorten(label: string, most: number): string {
  return label.length <= most ? label : `${label.slice(0, most - 1).trimEnd()}…`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
