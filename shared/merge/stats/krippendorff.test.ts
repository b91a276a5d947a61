import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ALPHA_LEVELS, krippendorffAlpha, ordinalCodes, type AlphaLevel, type AlphaOutcome } from "./krippendorff";
import { KRIPPENDORFF_2011_ALPHA, KRIPPENDORFF_2011_DATA } from "./krippendorff.testing";
import { LIKELIHOOD_TERMS } from "../../rubric/rubric";

const value = (outcome: AlphaOutcome): number => {
  if (outcome.kind !== "alpha") throw new Error(`expected an alpha, got ${outcome.kind}`);
  return outcome.value;
};

describe("Krippendorff's alpha", () => {
  // Krippendorff (2011), section C: the 4 × 12 matrix with missing values. The paper gives
  // nominal .743, ordinal .815, interval .849, ratio .797; n = 40 pairable values in 11 units
  // (unit 12 has one value and is dropped).
  // Cross-check (dev-time only, not in CI) in R 4.2.2 (Debian r-base-core; Debian has no r-cran-irr, so
  // alpha is written out in base R by the pairwise definition, not the coincidence matrix used here:
  // D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠j in u} δ², D_e = 1/(n(n − 1)) Σ_{a≠b over all pairable values} δ²):
  //   kalpha <- function(m, level) {
  //     units <- lapply(seq_len(ncol(m)), function(u) { v <- m[, u]; v[!is.na(v)] })
  //     units <- units[sapply(units, length) >= 2]; all <- unlist(units); n <- length(all)
  //     vals <- sort(unique(all)); ng <- sapply(vals, function(g) sum(all == g))
  //     d2 <- function(c, k) {
  //       if (level == "nominal") return(as.numeric(c != k)); if (level == "interval") return((c - k)^2)
  //       if (level == "ratio") return(if (c + k == 0) 0 else ((c - k) / (c + k))^2)
  //       i <- match(c, vals); j <- match(k, vals); lo <- min(i, j); hi <- max(i, j)
  //       (sum(ng[lo:hi]) - (ng[i] + ng[j]) / 2)^2 }
  //     Do <- 0; for (v in units) { s <- 0; for (i in seq_along(v)) for (j in seq_along(v)) if (i != j) s <- s + d2(v[i], v[j])
  //                                 Do <- Do + s / (length(v) - 1) }
  //     De <- 0; for (a in seq_along(all)) for (b in seq_along(all)) if (a != b) De <- De + d2(all[a], all[b])
  //     1 - (Do / n) / (De / (n * (n - 1))) }
  //   m <- rbind(c(1,2,3,3,2,1,4,1,2,NA,NA,NA), c(1,2,3,3,2,2,4,1,2,5,NA,3),
  //              c(NA,3,3,3,2,3,4,2,2,5,1,NA), c(1,2,3,3,2,4,4,1,2,5,1,NA))
  //   for (l in c("nominal", "ordinal", "interval", "ratio")) cat(l, format(kalpha(m, l), digits = 15), "\n")
  // R printed: nominal 0.743421052631579, ordinal 0.815387503754881, interval 0.849107142857143,
  //            ratio 0.797402774711613 (this module: the same to 1e-15).
  const R_ALPHA = { nominal: 0.743421052631579, ordinal: 0.815387503754881, interval: 0.849107142857143, ratio: 0.797402774711613 } as const;
  it.each(ALPHA_LEVELS)("reproduces the paper's worked example at the %s level", (level) => {
    const outcome = krippendorffAlpha(KRIPPENDORFF_2011_DATA, level);
    expect(outcome.kind).toBe("alpha");
    if (outcome.kind !== "alpha") return;
    expect(outcome.value.toFixed(3)).toBe(KRIPPENDORFF_2011_ALPHA[level].toFixed(3));
    expect(outcome.value).toBeCloseTo(R_ALPHA[level], 12);
    expect(outcome.pairableValues).toBeCloseTo(40, 12);
    expect(outcome.pairableUnits).toBe(11);
  });

  it("matches the nominal alpha worked by hand from the coincidence matrix", () => {
    // By hand: units 1, 3, 4, 5, 7, 9, 10, 11 agree fully; the disagreeing pairs are
    // unit 2 (2,2,3,2; m = 3+1 = 4): 6 ordered 2–3/3–2 pairs / 3 = 2;
    // unit 6 (1,2,3,4): 12 ordered pairs / 3 = 4; unit 8 (1,1,2,1): 6 / 3 = 2. So Σ_{c≠k} o_ck = 8.
    // Marginals n_c = (9, 13, 10, 5, 3), n = 40; Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216.
    // alpha = 1 − (n − 1) · 8 / 1216 = 1 − 312 / 1216 = 0.743421…
    expect(value(krippendorffAlpha(KRIPPENDORFF_2011_DATA, "nominal"))).toBeCloseTo(1 - 312 / 1216, 12);
  });

  it("is 1 for perfect agreement with missing values, at every level", () => {
    const data = [
      [1, 2, undefined, 4],
      [1, 2, 3, undefined],
      [undefined, 2, 3, 4],
    ];
    for (const level of ALPHA_LEVELS) expect(value(krippendorffAlpha(data, level))).toBe(1);
  });

  it("says why alpha is undefined instead of returning NaN", () => {
    expect(krippendorffAlpha([[1, undefined], [undefined, 2]], "interval")).toEqual({ kind: "no-pairable-values", level: "interval" });
    expect(krippendorffAlpha([], "nominal")).toEqual({ kind: "no-pairable-values", level: "nominal" });
    expect(krippendorffAlpha([[3, 3], [3, 3], [3, undefined]], "ordinal")).toEqual({ kind: "no-variation", level: "ordinal", pairableValues: 5, pairableUnits: 2 });
  });

  it("refuses values a level cannot measure, naming the cell", () => {
    expect(krippendorffAlpha([[1, 2], [1, Number.NaN]], "interval")).toEqual({ kind: "invalid-value", level: "interval", coder: 1, unit: 1, reason: "not-a-number" });
    expect(krippendorffAlpha([[1, 2], [-1, 2]], "ratio")).toEqual({ kind: "invalid-value", level: "ratio", coder: 1, unit: 0, reason: "negative-for-ratio" });
    expect(krippendorffAlpha([["a", "b"], ["a", "b"]], "ordinal")).toMatchObject({ kind: "invalid-value", reason: "not-a-number" });
  });

  it("takes categories as strings at the nominal level, and numbers and strings as different categories", () => {
    const words = KRIPPENDORFF_2011_DATA.map((row) => row.map((v) => (v === undefined ? undefined : `category-${v}`)));
    expect(value(krippendorffAlpha(words, "nominal"))).toBeCloseTo(value(krippendorffAlpha(KRIPPENDORFF_2011_DATA, "nominal")), 12);
    // 1 and "1" never agree.
    expect(value(krippendorffAlpha([[1, "1", 2], [1, 1, 2]], "nominal"))).toBeLessThan(1);
  });

  it("uses only the order of ordinal values: ranks and any increasing recoding give the same alpha", () => {
    const recoded = KRIPPENDORFF_2011_DATA.map((row) => row.map((v) => (v === undefined ? undefined : v ** 3 + 10)));
    expect(value(krippendorffAlpha(recoded, "ordinal"))).toBeCloseTo(value(krippendorffAlpha(KRIPPENDORFF_2011_DATA, "ordinal")), 12);
    // …which is not so at the interval level.
    expect(value(krippendorffAlpha(recoded, "interval"))).not.toBeCloseTo(value(krippendorffAlpha(KRIPPENDORFF_2011_DATA, "interval")), 3);
  });

  it("codes term ids by their rank in the rubric's order; unknown or missing ids are missing", () => {
    expect(ordinalCodes(LIKELIHOOD_TERMS, ["likely", undefined, "almost-no-chance", "made-up", null])).toEqual([5, undefined, 1, undefined, undefined]);
  });

  const cell = fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined });
  const matrix = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 6 });
  const level = fc.constantFrom<AlphaLevel>(...ALPHA_LEVELS);

  it("property: alpha is 1 whenever every coder gives each unit the same value, given variation", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 10 }), fc.array(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), { minLength: 2, maxLength: 5 }), level, (truth, present, lvl) => {
        const data = present.map((row) => truth.map((v, u) => (row[u] ? v : undefined)));
        const outcome = krippendorffAlpha(data, lvl);
        if (outcome.kind === "alpha") expect(outcome.value).toBeCloseTo(1, 12);
        else expect(["no-pairable-values", "no-variation"]).toContain(outcome.kind);
      }),
    );
  });

  it("property: invariant to the order of coders and of units; never NaN", () => {
    fc.assert(
      fc.property(matrix, level, fc.nat(), fc.nat(), (data, lvl, seedA, seedB) => {
        const width = Math.max(...data.map((r) => r.length));
        const rect = data.map((r) => Array.from({ length: width }, (_, u) => r[u]));
        const coders = shuffle(rect, seedA);
        const unitOrder = shuffle(Array.from({ length: width }, (_, u) => u), seedB);
        const permuted = coders.map((row) => unitOrder.map((u) => row[u]));
        const a = krippendorffAlpha(rect, lvl);
        const b = krippendorffAlpha(permuted, lvl);
        expect(b.kind).toBe(a.kind);
        if (a.kind === "alpha" && b.kind === "alpha") {
          expect(Number.isFinite(a.value)).toBe(true);
          expect(b.value).toBeCloseTo(a.value, 9);
        }
      }),
    );
  });
});

/** A deterministic permutation of `items` from `seed` (Fisher–Yates on a linear congruential sequence). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
