import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { iprDisagreement, percentToNine, termRatings, thirdsDisagreement } from "./rand-ucla";
import { median } from "./percentiles";
import { DEFAULT_RUBRIC } from "../../rubric/rubric";

/** `count` copies of `rating`. */
const times = (rating: number, count: number) => Array.from({ length: count }, () => rating);

describe("the RAND/UCLA disagreement rule (IPR against IPRAS)", () => {
  it("reproduces the worked example of BMJ Open 2012;2:e001431, Table 1", () => {
    // Table 1 (criterion one, round one, n = 15): ratings 4, 5, 6 once each, 7 and 8 five times each,
    // 9 twice (the table's counts 1 1 1 5 5 2 under the scale points 4–9; the reported median and
    // percentiles fix the 7–9 counts). Reported: median 7.0, P30 7.0, P70 8.0, IPR 1.0, IPRCP 7.5,
    // AI 2.5, IPRAS 6.1, no disagreement. (The table writes "2.5 + AI × 1.5" but its 6.1 is
    // 2.35 + 2.5 × 1.5 = 6.1; 2.5 + 3.75 would be 6.25. We follow the manual's 2.35.)
    const ratings = [4, 5, 6, ...times(7, 5), ...times(8, 5), ...times(9, 2)];
    expect(median(ratings)).toBe(7);
    const r = iprDisagreement(ratings);
    expect(r).toMatchObject({ n: 15, p30: 7, p70: 8, ipr: 1, iprcp: 7.5, asymmetry: 2.5 });
    expect(r?.ipras).toBeCloseTo(6.1, 12);
    expect(r?.disagreement).toBe(false);
  });

  it("hand-worked: a symmetric, polarised panel of 9 disagrees", () => {
    // sorted 1 1 2 2 5 8 8 9 9; P30: h = 8·0.3 = 2.4 → x₂ + 0.4(x₃ − x₂) = 2; P70: h = 5.6 → 8 + 0.6·0 = 8.
    // IPR 6, IPRCP 5, AI 0, IPRAS 2.35: 6 > 2.35.
    expect(iprDisagreement([9, 1, 8, 2, 5, 9, 1, 8, 2])).toMatchObject({ p30: 2, p70: 8, ipr: 6, iprcp: 5, asymmetry: 0, ipras: 2.35, disagreement: true });
  });

  it("hand-worked: a tight, asymmetric panel of 9 agrees", () => {
    // sorted 7 7 8 8 8 8 9 9 9; P30 = 8 + 0.4·0 = 8; P70 = x₅ + 0.6(x₆ − x₅) = 8 + 0.6 = 8.6.
    // IPR 0.6, IPRCP 8.3, AI 3.3, IPRAS 2.35 + 4.95 = 7.3.
    const r = iprDisagreement([7, 7, 8, 8, 8, 8, 9, 9, 9]);
    expect(r?.p70).toBeCloseTo(8.6, 12);
    expect(r?.ipr).toBeCloseTo(0.6, 12);
    expect(r?.ipras).toBeCloseTo(7.3, 12);
    expect(r?.disagreement).toBe(false);
  });

  it("hand-worked: interpolated percentiles in a panel of 5", () => {
    // sorted 2 3 5 7 8; P30: h = 1.2 → 3 + 0.2·2 = 3.4; P70: h = 2.8 → 5 + 0.8·2 = 6.6; IPR 3.2 > 2.35.
    const r = iprDisagreement([8, 2, 7, 3, 5]);
    expect(r?.p30).toBeCloseTo(3.4, 12);
    expect(r?.p70).toBeCloseTo(6.6, 12);
    expect(r?.disagreement).toBe(true);
  });

  it("gives nothing for no ratings, and refuses ratings off the scale", () => {
    expect(iprDisagreement([])).toBeUndefined();
    expect(thirdsDisagreement([])).toBeUndefined();
    expect(() => iprDisagreement([0.5])).toThrow(RangeError);
    expect(() => thirdsDisagreement([10])).toThrow(RangeError);
  });
});

describe("the classic thirds rule", () => {
  it("uses the manual's thresholds per panel size (≥ 3 of 8–10, ≥ 4 of 11–13, ≥ 5 of 14–16)", () => {
    const thresholds = [8, 9, 10, 11, 12, 13, 14, 15, 16].map((n) => thirdsDisagreement(times(5, n))?.threshold);
    expect(thresholds).toEqual([3, 3, 3, 4, 4, 4, 5, 5, 5]);
  });

  it("flags a third in each extreme, and not one short", () => {
    // 10 panelists: 3 at 1–3 and 3 at 7–9 disagree; 2 and 3 do not.
    expect(thirdsDisagreement([1, 2, 3, 5, 5, 5, 5, 7, 8, 9])).toMatchObject({ low: 3, high: 3, threshold: 3, disagreement: true });
    expect(thirdsDisagreement([1, 2, 4, 5, 5, 5, 5, 7, 8, 9])).toMatchObject({ low: 2, high: 3, disagreement: false });
    // BMJ Open Table 1: nobody in 1–3.
    expect(thirdsDisagreement([4, 5, 6, ...times(7, 5), ...times(8, 5), ...times(9, 2)])?.disagreement).toBe(false);
  });
});

describe("the mapping onto 1–9", () => {
  it("maps percentages linearly: 0 → 1, 25 → 3, 50 → 5, 75 → 7, 100 → 9", () => {
    expect([0, 25, 50, 75, 100].map(percentToNine)).toEqual([1, 3, 5, 7, 9]);
    expect(() => percentToNine(101)).toThrow(RangeError);
  });

  it("maps the ICD 203 terms of the rubric by side of even chance: 1, 2, 3, 5, 7, 8, 9", () => {
    const ratings = termRatings(DEFAULT_RUBRIC.likelihood);
    expect(DEFAULT_RUBRIC.likelihood.map((b) => ratings.get(b.id))).toEqual([1, 2, 3, 5, 7, 8, 9]);
  });

  it("maps a secretariat's own bands the same way", () => {
    const bands = [
      { id: "no", low: 0, high: 40 },
      { id: "toss-up", low: 40, high: 60 },
      { id: "lean-yes", low: 60, high: 85 },
      { id: "yes", low: 85, high: 100 },
    ];
    expect([...termRatings(bands)]).toEqual([
      ["no", 2],
      ["toss-up", 5],
      ["lean-yes", 7],
      ["yes", 9],
    ]);
  });

  it("property: the IPR rule never flags a panel that agrees exactly", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 9, noNaN: true }), fc.integer({ min: 1, max: 20 }), (r, n) => {
        expect(iprDisagreement(times(r, n))?.disagreement).toBe(false);
      }),
    );
  });
});
