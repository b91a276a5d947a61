/**
 * The likelihood term (ICD 203 in the default rubric) a pooled value falls
 * in. The bands are the rubric's (`rubric.likelihood`: id, low, high in
 * percent, in increasing order; shared/rubric/rubric.ts), passed in, so a
 * secretariat's own rubric is read the same way and no second copy of the
 * ICD 203 table exists.
 *
 * ICD 203's bands share their ends (5% closes "almost no chance" and opens
 * "very unlikely"); a value exactly on a shared end is reported as such with
 * both terms, as scoring does (shared/scoring/completeness.ts `termsFor`),
 * rather than silently picking one. A value outside every band (a linear
 * pool of 0.5% under a scale that starts at 1%) names the nearest band;
 * a value in a gap between two bands of a secretariat's rubric names both.
 */
import type { Rubric } from "../../rubric/rubric";
import { termsFor } from "../../scoring/completeness";

/** The likelihood bands of a rubric: id, low and high in percent. */
export type LikelihoodBands = Rubric["likelihood"];

export type TermOfValue =
  | { readonly kind: "within"; readonly term: string }
  | { readonly kind: "boundary"; readonly lower: string; readonly upper: string }
  | { readonly kind: "below-scale"; readonly nearest: string }
  | { readonly kind: "above-scale"; readonly nearest: string }
  | { readonly kind: "between-bands"; readonly lower: string; readonly upper: string };

/** Which band of `bands` holds `percent` (see the module comment for shared ends, gaps and values off the scale). */
export function termOfValue(bands: LikelihoodBands, percent: number): TermOfValue {
  if (!Number.isFinite(percent)) throw new RangeError(`not a finite number: ${percent}`);
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first === undefined || last === undefined) throw new RangeError("a rubric has at least two likelihood bands");
  const holding = termsFor({ likelihood: bands }, percent);
  if (holding.length === 1) return { kind: "within", term: holding[0] as string };
  if (holding.length >= 2) return { kind: "boundary", lower: holding[0] as string, upper: holding[holding.length - 1] as string };
  if (percent < first.low) return { kind: "below-scale", nearest: first.id };
  if (percent > last.high) return { kind: "above-scale", nearest: last.id };
  const lowerIndex = bands.findLastIndex((b) => b.high < percent);
  return { kind: "between-bands", lower: (bands[lowerIndex] as LikelihoodBands[number]).id, upper: (bands[lowerIndex + 1] as LikelihoodBands[number]).id };
}
