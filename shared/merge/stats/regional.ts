/**
 * Where the panel's estimates of one claim come from and who stands apart:
 * the median per UN regional group (shared/identity/un-regions.ts), and the
 * dissenters.
 *
 * A dissenter (the chair's view, by seat) is a panelist whose estimate
 * - lies outside the interquartile range: below P25 or above P75 (R type 7,
 *   percentiles.ts; a value on P25 or P75 is inside), or
 * - lies on the other side of 50% from the median: below 50 while the median
 *   is above 50, or above 50 while it is below (nobody, when the median is
 *   exactly 50; an estimate of exactly 50 is on neither side).
 */
import { UN_REGION_IDS, type UnRegion } from "../../identity/un-regions";
import { median, spread } from "./percentiles";

export interface RegionalMedian {
  readonly region: UnRegion;
  readonly n: number;
  /** `undefined` when nobody from the region estimated this claim. */
  readonly median: number | undefined;
}

/** The median estimate per UN regional group, every group in the UN's order (n = 0 where none). */
export function regionalMedians(estimates: readonly { readonly region: UnRegion; readonly value: number }[]): RegionalMedian[] {
  return UN_REGION_IDS.map((region) => {
    const values = estimates.filter((e) => e.region === region).map((e) => e.value);
    return { region, n: values.length, median: median(values) };
  });
}

export interface Dissent<K> {
  readonly seat: K;
  readonly value: number;
  /** Below P25 or above P75. */
  readonly outsideIqr: "below" | "above" | undefined;
  /** On the other side of 50% from the median. */
  readonly otherSideOfHalf: boolean;
}

/** The panelists who dissent on one claim, in the order given, each with why; none for no estimates. */
export function dissenters<K>(estimates: readonly { readonly seat: K; readonly value: number }[]): Dissent<K>[] {
  const s = spread(estimates.map((e) => e.value));
  if (s === undefined) return [];
  const out: Dissent<K>[] = [];
  for (const { seat, value } of estimates) {
    const outsideIqr = value < s.p25 ? "below" : value > s.p75 ? "above" : undefined;
    const otherSideOfHalf = (s.median > 50 && value < 50) || (s.median < 50 && value > 50);
    if (outsideIqr !== undefined || otherSideOfHalf) out.push({ seat, value, outsideIqr, otherSideOfHalf });
  }
  return out;
}
