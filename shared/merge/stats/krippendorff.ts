/**
 * Krippendorff's alpha, the agreement among coders (here: panelists) on
 * units (here: claims), for nominal, ordinal, interval and ratio data with
 * missing values.
 *
 * Method and source: K. Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability", Annenberg School for Communication, University of
 * Pennsylvania (https://repository.upenn.edu/asc_papers/43), section C
 * ("multiple observers, any metric, missing data"):
 *
 * - The reliability data are a coders × units matrix; an absent value
 *   (`undefined` or `null`) is missing. m_u is the number of values in unit u.
 *   Units with m_u < 2 are not pairable and are dropped.
 * - Coincidences: o_ck = Σ_u (number of ordered pairs of values c, k from
 *   different coders in unit u) / (m_u − 1); n_c = Σ_k o_ck; n = Σ_c n_c
 *   (the number of pairable values).
 * - α = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck.
 * - Difference functions δ²_ck:
 *   nominal  0 if c = k, else 1;
 *   ordinal  (Σ_{g = c … k} n_g − (n_c + n_k) / 2)², over the values in rank
 *            order, with the marginal frequencies n_g (so only the order of
 *            the values matters, not their spacing);
 *   interval (c − k)²;
 *   ratio    ((c − k) / (c + k))² (0 when c = k = 0; values must be ≥ 0).
 *
 * Where alpha is undefined (0/0), a typed value says why, never NaN: no
 * pairable values (no unit has two values), or no variation (every
 * pairable value is the same, so D_e = 0). The paper's worked example
 * (4 coders × 12 units) is reproduced in krippendorff.test.ts.
 */

export const ALPHA_LEVELS = ["nominal", "ordinal", "interval", "ratio"] as const;
export type AlphaLevel = (typeof ALPHA_LEVELS)[number];

/** One cell of the reliability data: a value, or missing. */
export type Cell<V> = V | undefined | null;
/** Reliability data: one row per coder, one column per unit. Rows shorter than the longest are missing at their end. */
export type ReliabilityData<V> = readonly (readonly Cell<V>[])[];

export type AlphaOutcome =
  | {
      readonly kind: "alpha";
      readonly value: number;
      readonly level: AlphaLevel;
      /** n: the number of pairable values. */
      readonly pairableValues: number;
      /** Units with at least two values (the others are dropped). */
      readonly pairableUnits: number;
      /** Observed and expected disagreement (D_o, D_e); α = 1 − D_o / D_e. */
      readonly observed: number;
      readonly expected: number;
    }
  /** No unit holds two values: nothing to compare. */
  | { readonly kind: "no-pairable-values"; readonly level: AlphaLevel }
  /** Every pairable value is the same (D_e = 0): agreement cannot be told from chance. */
  | { readonly kind: "no-variation"; readonly level: AlphaLevel; readonly pairableValues: number; readonly pairableUnits: number }
  /** A value the level cannot measure: not a finite number (ordinal, interval, ratio), or negative for ratio. */
  | { readonly kind: "invalid-value"; readonly level: AlphaLevel; readonly coder: number; readonly unit: number; readonly reason: "not-a-number" | "negative-for-ratio" };

type Value = string | number;

/** A key for a value that keeps 1 and "1" apart (nominal data may mix them). */
const keyOf = (v: Value): string => (typeof v === "number" ? `n:${v}` : `s:${v}`);

/**
 * Krippendorff's alpha of `data` at `level`. Nominal data may be strings or
 * numbers (categories); the other levels take numbers, and a string there is
 * an `invalid-value`.
 */
export function krippendorffAlpha(data: ReliabilityData<Value>, level: AlphaLevel): AlphaOutcome {
  const unitCount = Math.max(0, ...data.map((row) => row.length));
  // Check every value first, so a bad value is reported wherever it is.
  for (let coder = 0; coder < data.length; coder++) {
    const row = data[coder] as readonly Cell<Value>[];
    for (let unit = 0; unit < row.length; unit++) {
      const v = row[unit];
      if (v === undefined || v === null) continue;
      if (typeof v === "number" ? !Number.isFinite(v) : level !== "nominal") return { kind: "invalid-value", level, coder, unit, reason: "not-a-number" };
      if (level === "ratio" && (v as number) < 0) return { kind: "invalid-value", level, coder, unit, reason: "negative-for-ratio" };
    }
  }

  // The distinct values, indexed; for ordinal, interval and ratio in numeric order.
  const index = new Map<string, number>();
  const values: Value[] = [];
  const pairableUnits: number[][] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    const present: Value[] = [];
    for (const row of data) {
      const v = row[unit];
      if (v !== undefined && v !== null) present.push(v);
    }
    if (present.length < 2) continue;
    pairableUnits.push(
      present.map((v) => {
        const key = keyOf(v);
        let i = index.get(key);
        if (i === undefined) {
          i = values.length;
          index.set(key, i);
          values.push(v);
        }
        return i;
      }),
    );
  }
  if (pairableUnits.length === 0) return { kind: "no-pairable-values", level };

  // Renumber the values in rank order (numbers ascending; nominal strings in any fixed order).
  const order = values.map((_, i) => i).sort((a, b) => compareValues(values[a] as Value, values[b] as Value));
  const rankOf = new Array<number>(values.length);
  order.forEach((original, rank) => (rankOf[original] = rank));
  const sortedValues = order.map((i) => values[i] as Value);
  const k = sortedValues.length;

  // Coincidence matrix o[c][k] and marginals n_c.
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const unit of pairableUnits) {
    const m = unit.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        (o[rankOf[unit[i] as number] as number] as number[])[rankOf[unit[j] as number] as number]! += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);

  const delta2 = differenceFunction(level, sortedValues, nc);
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const dd = delta2(c, d);
      observedSum += (o[c] as number[])[d]! * dd;
      expectedSum += (nc[c] as number) * (nc[d] as number) * dd;
    }
  }
  if (expectedSum === 0) return { kind: "no-variation", level, pairableValues: n, pairableUnits: pairableUnits.length };
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  return { kind: "alpha", value: 1 - observed / expected, level, pairableValues: n, pairableUnits: pairableUnits.length, observed, expected };
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** δ²(c, k) over the values' ranks c, k (see the module comment). */
function differenceFunction(level: AlphaLevel, sorted: readonly Value[], nc: readonly number[]): (c: number, k: number) => number {
  const num = (i: number) => sorted[i] as number;
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => (num(c) - num(k)) ** 2;
    case "ratio":
      return (c, k) => {
        const s = num(c) + num(k);
        return s === 0 ? 0 : ((num(c) - num(k)) / s) ** 2;
      };
    case "ordinal": {
      // Cumulative marginals: cum[i] = n_0 + … + n_{i−1}.
      const cum = [0];
      for (const x of nc) cum.push((cum[cum.length - 1] as number) + x);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = (cum[hi + 1] as number) - (cum[lo] as number);
        return (between - ((nc[c] as number) + (nc[k] as number)) / 2) ** 2;
      };
    }
  }
}

/**
 * Ordinal codes for term ids: the 1-based rank of each id in `order` (e.g. a
 * rubric's likelihood terms, least to most likely), `undefined` for a
 * missing answer or an id not in `order` (not on the scale, so not rated).
 */
export function ordinalCodes(order: readonly string[], answers: readonly Cell<string>[]): (number | undefined)[] {
  return answers.map((a) => {
    if (a === undefined || a === null) return undefined;
    const i = order.indexOf(a);
    return i < 0 ? undefined : i + 1;
  });
}
