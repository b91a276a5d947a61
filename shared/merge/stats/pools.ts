/**
 * Pooling the panel's probabilities for one claim, and across the claims.
 *
 * Probabilities are in percent (0–100), as scoresheets hold them.
 *
 * - Linear pool: the arithmetic mean of the estimates (Stone 1961, "The
 *   opinion pool"; Clemen & Winkler 1999, "Combining probability
 *   distributions from experts in risk analysis", Risk Analysis 19(2)).
 * - Log-odds pool: the mean of the log-odds, back through the logistic
 *   function: logistic(mean(logit(pᵢ))), i.e. the normalised geometric mean
 *   of the odds (Genest & Zidek 1986 "Combining probability distributions";
 *   Satopää et al. 2014 without extremising: the panel shares one evidence
 *   file, so no extremising factor is applied). Each input is first clamped to
 *   [1, 99] %, the range of the ICD 203 scale, so that 0 or 100 (an infinite
 *   log-odds) cannot decide the pool alone.
 * - Normalised: the claims are exhaustive and exclusive (exactly one, the
 *   catch-all "another or unknown actor" included, is true), so each claim's
 *   pooled value is divided by the sum over the claims and multiplied by
 *   100; the normalised values sum to 100.
 */
import { sortedInRange } from "./percentiles";

/** The log-odds pool clamps its inputs to this range, in percent (ICD 203 runs 1–99%). */
export const LOG_ODDS_CLAMP = { low: 1, high: 99 } as const;

const checkedPercents = (values: readonly number[]): number[] => sortedInRange(values, 0, 100, "a percentage between 0 and 100");

/** Sum in ascending order (the values come sorted), so the result does not depend on the panelists' order. */
const sum = (sorted: readonly number[]) => sorted.reduce((a, b) => a + b, 0);

/** The linear pool (mean) of estimates in percent; `undefined` for none. */
export function linearPool(percents: readonly number[]): number | undefined {
  const sorted = checkedPercents(percents);
  if (sorted.length === 0) return undefined;
  // Clamped into the inputs' range: rounding of the sum must not put a mean outside [min, max].
  return Math.min(Math.max(sum(sorted) / sorted.length, sorted[0] as number), sorted[sorted.length - 1] as number);
}

/** ln(p / (1 − p)) of a percentage. */
export const logit = (percent: number): number => Math.log(percent / (100 - percent));
/** The inverse of `logit`: a log-odds back to a percentage. */
export const logistic = (logOdds: number): number => 100 / (1 + Math.exp(-logOdds));

/** The estimate clamped to LOG_ODDS_CLAMP. */
export const clampPercent = (percent: number): number => Math.min(Math.max(percent, LOG_ODDS_CLAMP.low), LOG_ODDS_CLAMP.high);

/** The log-odds pool of estimates in percent (inputs clamped to [1, 99]); `undefined` for none. */
export function logOddsPool(percents: readonly number[]): number | undefined {
  const sorted = checkedPercents(percents).map(clampPercent);
  if (sorted.length === 0) return undefined;
  const pooled = logistic(sum(sorted.map(logit)) / sorted.length);
  // Within the clamped inputs' range despite rounding (the logistic of a mean of logits lies between them).
  return Math.min(Math.max(pooled, sorted[0] as number), sorted[sorted.length - 1] as number);
}

/**
 * Pooled values of exhaustive and exclusive claims scaled to sum to 100, in
 * the same order; `undefined` when a claim has no pooled value or they sum
 * to 0 (nothing to scale).
 */
export function normaliseAcrossClaims(pooled: readonly (number | undefined)[]): number[] | undefined {
  if (pooled.length === 0 || pooled.some((v) => v === undefined)) return undefined;
  const values = pooled as number[];
  for (const v of values) if (!Number.isFinite(v) || v < 0) throw new RangeError(`a pooled percentage was expected, not ${v}`);
  const total = sum([...values].sort((a, b) => a - b));
  if (total === 0) return undefined;
  return values.map((v) => (100 * v) / total);
}
