/**
 * Disagreement in the panel on one claim, by the RAND/UCLA Appropriateness
 * Method (K. Fitch, S. J. Bernstein et al., "The RAND/UCLA Appropriateness
 * Method User's Manual", RAND MR-1269-DG-XII/RE, 2001, chapter 8), on its
 * 1–9 scale (1–3 inappropriate, 4–6 uncertain, 7–9 appropriate; here 1–3
 * the claim is unlikely, 7–9 likely).
 *
 * 1. The interpercentile range rule (IPRAS), the manual's own for panels of
 *    any size: IPR = P70 − P30, IPRAS = 2.35 + 1.5 · |5 − (P30 + P70) / 2|
 *    (2.35 the IPR that means disagreement for symmetric ratings, 1.5 the
 *    correction for asymmetry); the panel disagrees when IPR > IPRAS.
 *    Percentiles are R type 7 (percentiles.ts), as the issue fixes one
 *    method for every percentile the chair sees. Worked example: BMJ Open
 *    2012;2:e001431, Table 1 (rand-ucla.test.ts).
 * 2. The classic "thirds" rule beside it: the panel disagrees when at least
 *    a third of the ratings lie in 1–3 and at least a third in 7–9. The
 *    manual states it per panel size (8–10 panelists: ≥ 3 in each extreme;
 *    11–13: ≥ 4; 14–16: ≥ 5), which is "at least the nearest whole number
 *    to n/3" (round(n/3)); that is the threshold implemented, for any n.
 *    With continuous ratings (from percentages), "1–3" is a rating ≤ 3 and
 *    "7–9" a rating ≥ 7 (the same as the integer rule on integer ratings).
 *
 * Mapping onto 1–9 (a project convention, documented here and in README):
 * - A percentage p (0–100) maps linearly: rating = 1 + 8·p/100, so 0% → 1,
 *   50% → 5, 100% → 9; "1–3" is p ≤ 25% and "7–9" is p ≥ 75%.
 * - A likelihood term maps by which side of even chance its rubric band lies:
 *   bands wholly below 50% (high ≤ 50) are the unlikely side, spread over
 *   1–3 least likely first; bands wholly above 50% (low ≥ 50) the likely
 *   side, over 7–9; bands holding 50% the middle, over 4–6 (one alone → 5).
 *   A side with one term takes its middle (2, 5 or 8). For ICD 203:
 *   almost no chance 1, very unlikely 2, unlikely 3, roughly even chance 5,
 *   likely 7, very likely 8, almost certain 9 — so "unlikely" against
 *   "likely" is a disagreement in the RAND sense, as it should be.
 */
import type { LikelihoodBands } from "./likelihood-term";
import { quantileSorted, sortedInRange } from "./percentiles";

/** The IPRAS constants of the manual: the IPR required for disagreement when perfectly symmetric, and the correction factor for asymmetry. */
export const IPR_REQUIRED_SYMMETRIC = 2.35;
export const ASYMMETRY_CORRECTION = 1.5;

/** A percentage (0–100) on the 1–9 scale: 1 + 8·p/100. */
export function percentToNine(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`a percentage between 0 and 100 was expected, not ${percent}`);
  return 1 + (8 * percent) / 100;
}

/** Spread `count` points evenly over [from, to]; one point alone sits in the middle. */
const spreadOver = (count: number, from: number, to: number): number[] =>
  count === 1 ? [(from + to) / 2] : Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));

/** Each likelihood term's rating on the 1–9 scale, by the side of 50% its band lies on (see the module comment). */
export function termRatings(bands: LikelihoodBands): ReadonlyMap<string, number> {
  const low = bands.filter((b) => b.high <= 50);
  const high = bands.filter((b) => b.low >= 50 && b.high > 50);
  const middle = bands.filter((b) => !low.includes(b) && !high.includes(b));
  const out = new Map<string, number>();
  const place = (side: typeof bands, from: number, to: number) => spreadOver(side.length, from, to).forEach((r, i) => out.set((side[i] as (typeof bands)[number]).id, r));
  place(low, 1, 3);
  place(middle, 4, 6);
  place(high, 7, 9);
  return out;
}

export interface IprResult {
  readonly n: number;
  readonly p30: number;
  readonly p70: number;
  /** P70 − P30. */
  readonly ipr: number;
  /** (P30 + P70) / 2, the IPR's central point. */
  readonly iprcp: number;
  /** |5 − IPRCP|. */
  readonly asymmetry: number;
  /** 2.35 + 1.5 · asymmetry. */
  readonly ipras: number;
  /** IPR > IPRAS. */
  readonly disagreement: boolean;
}

const checkedRatings = (ratings: readonly number[]): number[] => sortedInRange(ratings, 1, 9, "a rating on the 1–9 scale");

/** The RAND/UCLA IPRAS rule on ratings 1–9; `undefined` for no ratings. */
export function iprDisagreement(ratings: readonly number[]): IprResult | undefined {
  const sorted = checkedRatings(ratings);
  if (sorted.length === 0) return undefined;
  const p30 = quantileSorted(sorted, 0.3) as number;
  const p70 = quantileSorted(sorted, 0.7) as number;
  const ipr = p70 - p30;
  const iprcp = (p30 + p70) / 2;
  const asymmetry = Math.abs(5 - iprcp);
  const ipras = IPR_REQUIRED_SYMMETRIC + ASYMMETRY_CORRECTION * asymmetry;
  return { n: sorted.length, p30, p70, ipr, iprcp, asymmetry, ipras, disagreement: ipr > ipras };
}

export interface ThirdsResult {
  readonly n: number;
  /** Ratings ≤ 3 and ≥ 7. */
  readonly low: number;
  readonly high: number;
  /** The count each extreme needs: round(n / 3), the manual's table (≥ 3 of 8–10, ≥ 4 of 11–13, ≥ 5 of 14–16). */
  readonly threshold: number;
  readonly disagreement: boolean;
}

/** The classic thirds rule on ratings 1–9; `undefined` for no ratings. */
export function thirdsDisagreement(ratings: readonly number[]): ThirdsResult | undefined {
  const sorted = checkedRatings(ratings);
  const n = sorted.length;
  if (n === 0) return undefined;
  const low = sorted.filter((r) => r <= 3).length;
  const high = sorted.filter((r) => r >= 7).length;
  const threshold = Math.max(1, Math.round(n / 3));
  return { n, low, high, threshold, disagreement: low >= threshold && high >= threshold };
}
