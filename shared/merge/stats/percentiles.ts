/**
 * Percentiles, median and interquartile range, by one documented method:
 * R's `quantile(x, p, type = 7)` (Hyndman & Fan 1996, "Sample quantiles in
 * statistical packages", The American Statistician 50(4), definition 7; the
 * default of R, NumPy's `percentile` and spreadsheets' PERCENTILE.INC).
 *
 * For n sorted values x[1] ≤ … ≤ x[n] and 0 ≤ p ≤ 1:
 *   h = (n − 1)·p + 1,  Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * So Q(0) is the minimum, Q(1) the maximum and Q(0.5) the usual median.
 *
 * No values is an answer the chair can meet (a claim nobody estimated), so
 * it gives `undefined`; a value that is not a finite number is a bug in the
 * caller (answers are validated at the boundary) and throws.
 */

/** The values sorted ascending, after checking each is a finite number. */
export function sortedFinite(values: readonly number[]): number[] {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return [...values].sort((a, b) => a - b);
}

/** The values sorted ascending, after checking each is a finite number in [low, high] (`expected` names the scale in the error). */
export function sortedInRange(values: readonly number[], low: number, high: number, expected: string): number[] {
  const sorted = sortedFinite(values);
  for (const v of sorted) if (v < low || v > high) throw new RangeError(`${expected} was expected, not ${v}`);
  return sorted;
}

/** R type 7 quantile of already sorted finite values; `undefined` when there are none. */
export function quantileSorted(sorted: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability between 0 and 1 was expected, not ${p}`);
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * p; // 0-based position of Q(p)
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, n - 1)] as number;
  // below + fraction·(above − below), written so that equal neighbours give exactly that value.
  return below === above ? below : below + (h - lo) * (above - below);
}

/** R type 7 quantile (`quantile(values, p, type = 7)`) of `values`, in any order. */
export function quantile(values: readonly number[], p: number): number | undefined {
  return quantileSorted(sortedFinite(values), p);
}

/** The median (the type 7 quantile at 0.5, the middle value or the mean of the two middle values). */
export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

/** Count, median and interquartile range (P25 to P75, type 7) of a sample. */
export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  /** P75 − P25. */
  readonly iqr: number;
  readonly min: number;
  readonly max: number;
}

/** n, median, P25, P75, IQR, minimum and maximum by R type 7; `undefined` for no values. */
export function spread(values: readonly number[]): Spread | undefined {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  if (n === 0) return undefined;
  const q = (p: number) => quantileSorted(sorted, p) as number;
  const p25 = q(0.25);
  const p75 = q(0.75);
  return { n, median: q(0.5), p25, p75, iqr: p75 - p25, min: sorted[0] as number, max: sorted[n - 1] as number };
}
