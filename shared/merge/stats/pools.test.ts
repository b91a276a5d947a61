import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { linearPool, logOddsPool, normaliseAcrossClaims } from "./pools";
import { termOfValue } from "./likelihood-term";
import { DEFAULT_RUBRIC } from "../../rubric/rubric";

describe("pooling a claim's estimates", () => {
  it("linear pool: the mean", () => {
    expect(linearPool([10, 20, 90])).toBe(40);
    expect(linearPool([0, 0])).toBe(0);
    expect(linearPool([])).toBeUndefined();
  });

  it("log-odds pool: mean of the logits, back through the logistic (worked by hand)", () => {
    // logit(10%) + logit(20%) + logit(90%) = ln(1/9) + ln(1/4) + ln 9 = ln(1/4); the mean is ln(4^(−1/3)),
    // so the pooled odds are 4^(−1/3) and the pool is 100 · 4^(−1/3) / (1 + 4^(−1/3)) = 38.6488…%.
    // R 4.2.2: p <- c(.1, .2, .9); 100 * plogis(mean(qlogis(p)))  →  38.64882
    const odds = 4 ** (-1 / 3);
    expect(logOddsPool([10, 20, 90])).toBeCloseTo((100 * odds) / (1 + odds), 12);
    expect(logOddsPool([10, 20, 90])).toBeCloseTo(38.64882, 5);
  });

  it("log-odds pool clamps its inputs to 1–99%, so 0 or 100 cannot decide it alone", () => {
    expect(logOddsPool([0, 100])).toBeCloseTo(50, 12);
    expect(logOddsPool([0, 0, 0])).toBeCloseTo(1, 12);
    expect(logOddsPool([100])).toBeCloseTo(99, 12);
    expect(logOddsPool([])).toBeUndefined();
  });

  it("refuses what is not a percentage", () => {
    expect(() => linearPool([101])).toThrow(RangeError);
    expect(() => logOddsPool([Number.NaN])).toThrow(RangeError);
  });

  it("normalises exhaustive, exclusive claims to sum to 100", () => {
    expect(normaliseAcrossClaims([40, 20, 20])).toEqual([50, 25, 25]);
    expect(normaliseAcrossClaims([0, 0])).toBeUndefined();
    expect(normaliseAcrossClaims([40, undefined])).toBeUndefined();
    expect(normaliseAcrossClaims([])).toBeUndefined();
  });

  const percents = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 });
  it("property: the linear pool lies within the inputs' range, the log-odds pool within the clamped inputs' range", () => {
    fc.assert(
      fc.property(percents, (p) => {
        const lin = linearPool(p) as number;
        expect(lin).toBeGreaterThanOrEqual(Math.min(...p));
        expect(lin).toBeLessThanOrEqual(Math.max(...p));
        const clamped = p.map((v) => Math.min(Math.max(v, 1), 99));
        const lo = logOddsPool(p) as number;
        expect(lo).toBeGreaterThanOrEqual(Math.min(...clamped));
        expect(lo).toBeLessThanOrEqual(Math.max(...clamped));
      }),
    );
  });

  it("property: normalised pools sum to 100 and keep each claim's share", () => {
    fc.assert(
      fc.property(fc.array(percents, { minLength: 2, maxLength: 12 }), (claims) => {
        for (const pool of [linearPool, logOddsPool]) {
          const pooled = claims.map(pool);
          const normalised = normaliseAcrossClaims(pooled);
          const total = (pooled as number[]).reduce((a, b) => a + b, 0);
          if (total === 0) {
            expect(normalised).toBeUndefined();
            continue;
          }
          expect(normalised?.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
          normalised?.forEach((v, i) => expect(v).toBeCloseTo((100 * (pooled[i] as number)) / total, 9));
        }
      }),
    );
  });
});

describe("the likelihood term of a pooled value", () => {
  const bands = DEFAULT_RUBRIC.likelihood;
  it("names the rubric's band that holds it", () => {
    expect(termOfValue(bands, 38.6)).toEqual({ kind: "within", term: "unlikely" });
    expect(termOfValue(bands, 50)).toEqual({ kind: "within", term: "roughly-even-chance" });
    expect(termOfValue(bands, 97)).toEqual({ kind: "within", term: "almost-certain" });
  });

  it("names both terms at a shared end, and the nearest off the scale", () => {
    expect(termOfValue(bands, 5)).toEqual({ kind: "boundary", lower: "almost-no-chance", upper: "very-unlikely" });
    expect(termOfValue(bands, 80)).toEqual({ kind: "boundary", lower: "likely", upper: "very-likely" });
    expect(termOfValue(bands, 0.5)).toEqual({ kind: "below-scale", nearest: "almost-no-chance" });
    expect(termOfValue(bands, 99.5)).toEqual({ kind: "above-scale", nearest: "almost-certain" });
  });

  it("names both neighbours in a gap of a secretariat's bands", () => {
    const gappy = [
      { id: "low", low: 0, high: 30 },
      { id: "high", low: 70, high: 100 },
    ];
    expect(termOfValue(gappy, 50)).toEqual({ kind: "between-bands", lower: "low", upper: "high" });
  });
});
