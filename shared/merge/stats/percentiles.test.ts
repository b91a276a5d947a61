import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { median, quantile, spread } from "./percentiles";

describe("percentiles by R's type 7", () => {
  // By hand, h = (n − 1)·p (0-based): for 1…10, P25 at h = 2.25 → 3 + 0.25·1 = 3.25; P30 at 2.7 → 3.7;
  // P50 at 4.5 → 5.5; P75 at 6.75 → 7.75.
  // R 4.2.2: quantile(1:10, c(.25, .3, .5, .75), type = 7)  →  3.25 3.70 5.50 7.75
  it("matches values worked by hand (and by R) for 1…10", () => {
    const x = [10, 3, 7, 1, 5, 2, 9, 4, 8, 6];
    expect(quantile(x, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(x, 0.3)).toBeCloseTo(3.7, 12);
    expect(median(x)).toBe(5.5);
    expect(quantile(x, 0.75)).toBeCloseTo(7.75, 12);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
  });

  // For 10, 20, 90: P25 at h = 0.5 → 15; P75 at h = 1.5 → 20 + 0.5·70 = 55.
  // R 4.2.2: quantile(c(10, 20, 90), c(.25, .5, .75), type = 7)  →  15 20 55
  it("interpolates between unequal neighbours: 10, 20, 90", () => {
    expect(spread([90, 10, 20])).toEqual({ n: 3, median: 20, p25: 15, p75: 55, iqr: 40, min: 10, max: 90 });
  });

  it("gives one value for all percentiles of one value, and nothing for none", () => {
    expect(spread([42])).toEqual({ n: 1, median: 42, p25: 42, p75: 42, iqr: 0, min: 42, max: 42 });
    expect(spread([])).toBeUndefined();
    expect(median([])).toBeUndefined();
  });

  it("refuses what is not a finite number or a probability", () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
  });

  const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 });
  it("property: monotone in p, between the minimum and maximum, independent of order", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const qlo = quantile(x, lo) as number;
        const qhi = quantile(x, hi) as number;
        expect(qlo).toBeLessThanOrEqual(qhi);
        expect(qlo).toBeGreaterThanOrEqual(Math.min(...x));
        expect(qhi).toBeLessThanOrEqual(Math.max(...x));
        expect(quantile([...x].reverse(), lo)).toBe(qlo);
      }),
    );
  });
});
