/**
 * Layout of the statistics charts, pure (no React), so it can be tested and
 * reused for the publication's static SVG:
 *
 * - the value axis: a linear scale over the plot area, mirrored in a
 *   right-to-left language (0 % on the right in Arabic, as its number line
 *   and its bar charts run), and the side the row labels stand on;
 * - the strip plot's dodge: points of equal (or nearly equal) value are
 *   stacked into lanes so none hides another;
 * - the styles of the groups (UN regional groups): a colour from the
 *   Okabe–Ito palette, distinguishable by readers with colour-vision
 *   deficiencies, AND a shape, so colour never carries the meaning alone;
 * - the heat map's diverging colour (purple–orange, also readable by
 *   colour-blind readers) and a text colour that keeps contrast on it.
 */
import { scaleLinear } from "@visx/scale";

export type Direction = "ltr" | "rtl";

/** The horizontal layout of a chart whose rows are labelled on the inline-start side and whose values run along x. */
export interface RowLayout {
  readonly width: number;
  /** Where the plot area starts and ends in x (in the SVG's own coordinates, whatever the direction). */
  readonly plotStart: number;
  readonly plotEnd: number;
  /** The x of the row labels, and their text anchor (logical: "end" puts the label's end next to the plot). */
  readonly labelX: number;
  /** x of a value (the scale, mirrored in rtl). */
  readonly x: (value: number) => number;
  /** The same as a visx scale, for @visx/axis. */
  readonly scale: ReturnType<typeof scaleLinear<number>>;
}

/**
 * A row layout `width` wide: labels take `labelWidth` on the inline-start
 * side (the left in ltr, the right in rtl), the plot the rest less `gap` and
 * `pad` at the far end; values in `domain` map onto the plot, increasing
 * towards the inline end (rightwards in ltr, leftwards in rtl).
 */
export function rowLayout(input: { width: number; labelWidth: number; domain: readonly [number, number]; dir: Direction; gap?: number; pad?: number }): RowLayout {
  const { width, labelWidth, domain, dir } = input;
  const gap = input.gap ?? 12;
  const pad = input.pad ?? 16;
  const rtl = dir === "rtl";
  const plotStart = rtl ? pad : labelWidth + gap;
  const plotEnd = rtl ? width - labelWidth - gap : width - pad;
  const scale = scaleLinear<number>({ domain: [domain[0], domain[1]], range: rtl ? [plotEnd, plotStart] : [plotStart, plotEnd] });
  return { width, plotStart, plotEnd, labelX: rtl ? width - labelWidth : labelWidth, x: (v) => scale(v), scale };
}

/** Tick values from `low` to `high` every `step` (both ends included when they fall on a step). */
export function ticks(low: number, high: number, step: number): number[] {
  if (!(step > 0) || high < low) throw new Error(`no ticks from ${low} to ${high} by ${step}`);
  const out: number[] = [];
  for (let i = 0; low + i * step <= high + 1e-9; i++) out.push(Math.round((low + i * step) * 1e9) / 1e9);
  return out;
}

/**
 * The lane of each point of a strip plot (0, 1, −1, 2, −2 … away from the
 * row's centre line), so that two points closer than `minDistance` in x never
 * share a lane. `xs` in any order; the lanes come back in the same order.
 * Points are placed in increasing x, each in the first lane (by distance
 * from the centre) whose last point is far enough.
 */
export function dodgeLanes(xs: readonly number[], minDistance: number): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const lastInLane = new Map<number, number>();
  const lanes = new Array<number>(xs.length).fill(0);
  for (const { x, i } of order) {
    for (let k = 0; ; k++) {
      const lane = k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : -k / 2;
      const last = lastInLane.get(lane);
      if (last === undefined || Math.abs(x - last) >= minDistance) {
        lastInLane.set(lane, x);
        lanes[i] = lane;
        break;
      }
    }
  }
  return lanes;
}

export type GlyphShape = "circle" | "square" | "triangle" | "diamond" | "star" | "cross" | "wye";

export interface GroupStyle {
  readonly colour: string;
  readonly shape: GlyphShape;
}

/**
 * Okabe & Ito (2008), "Color Universal Design": vermillion, blue, bluish
 * green, orange, reddish purple, sky blue, yellow; each with its own shape.
 * The five UN regional groups take the first five.
 */
const GROUP_STYLES: readonly GroupStyle[] = [
  { colour: "#D55E00", shape: "circle" },
  { colour: "#0072B2", shape: "square" },
  { colour: "#009E73", shape: "triangle" },
  { colour: "#E69F00", shape: "diamond" },
  { colour: "#CC79A7", shape: "star" },
  { colour: "#56B4E9", shape: "cross" },
  { colour: "#F0E442", shape: "wye" },
];

/** The style of the `index`th group of a legend (the styles repeat after seven, with the index in the data table). */
export const groupStyle = (index: number): GroupStyle => GROUP_STYLES[((index % GROUP_STYLES.length) + GROUP_STYLES.length) % GROUP_STYLES.length] as GroupStyle;

/** Purple (negative, inconsistent) through near-white (0) to orange (positive, consistent): ColorBrewer PuOr, reversed. */
const DIVERGING = ["#542788", "#998ec3", "#f7f7f7", "#f1a340", "#b35806"] as const;

/** The heat map's fill for `value` in the symmetric `domain` [−m, m]; grey for no value. */
export function divergingFill(value: number | undefined, max: number): string {
  if (value === undefined) return "#d6d8dc";
  const scale = scaleLinear<string>({ domain: [-max, -max / 2, 0, max / 2, max], range: [...DIVERGING], clamp: true });
  return scale(value);
}

/** Black or white text, whichever contrasts more with the fill `hex` (#rrggbb), by WCAG relative luminance. */
export function textOn(hex: string): "#000000" | "#ffffff" {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim()) ?? /^rgb\((\d+), ?(\d+), ?(\d+)\)$/.exec(hex.trim());
  if (!m) throw new Error(`not a colour: ${hex}`);
  const channels = hex.startsWith("rgb") ? [m[1], m[2], m[3]].map(Number) : [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16));
  const [r, g, b] = channels.map((c) => {
    const s = (c as number) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black (L + 0.05) / 0.05 against with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
}

/** A label cut to `max` characters (whole code points) with an ellipsis; the full text stays in the data table. */
export function shortLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("").trimEnd()}…`;
}

/**
 * Text someone typed (a claim, an evidence title) isolated for a chart: its
 * direction is that of its first strong letter (Unicode FSI … PDI), so an
 * English title in the Arabic interface keeps its ellipsis at its end.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
