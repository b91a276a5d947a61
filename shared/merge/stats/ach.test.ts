import { describe, expect, it } from "vitest";
import { admiraltyWeight, groupAch } from "./ach";
import { claimId, evidenceId } from "../../scoring/scoring.testing";
import type { AchRow } from "../../scoring/scoresheet";

const [c1, c2, c3] = [claimId(1), claimId(2), claimId(3)];
const [e1, e2] = [evidenceId(1), evidenceId(2)];
const row = (evidence: typeof e1, cells: Record<string, string>): AchRow => ({ evidence, cells }) as AchRow;

describe("the group ACH matrix", () => {
  // Three panelists, two evidence items, three claims.
  // e1: claim 1 CC, CC, C (scores 2 2 1: median 2, P25 1.5, P75 2); claim 2 II, I, II (−2 −1 −2: median −2);
  //     claim 3 N, N, NA (0 0: median 0, one NA). Diagnosticity 2 − (−2) = 4.
  // e2: C on every claim from everyone: diagnosticity 0.
  const sheets = [
    { seat: "a", ach: [row(e1, { [c1]: "very-consistent", [c2]: "very-inconsistent", [c3]: "neutral" }), row(e2, { [c1]: "consistent", [c2]: "consistent", [c3]: "consistent" })] },
    { seat: "b", ach: [row(e1, { [c1]: "very-consistent", [c2]: "inconsistent", [c3]: "neutral" }), row(e2, { [c1]: "consistent", [c2]: "consistent", [c3]: "consistent" })] },
    { seat: "c", ach: [row(e1, { [c1]: "consistent", [c2]: "very-inconsistent", [c3]: "not-applicable" }), row(e2, { [c1]: "consistent", [c2]: "consistent", [c3]: "consistent" })] },
  ];
  const ach = groupAch({ claims: [c1, c2, c3], evidence: [{ id: e1, grading: { reliability: "B", credibility: "2" } }, { id: e2 }], sheets });

  it("gives each cell's median score and spread, NA left out", () => {
    const [r1] = ach.rows;
    expect(r1?.cells[0]).toEqual({ claim: c1, n: 3, notApplicable: 0, median: 2, p25: 1.5, p75: 2, iqr: 0.5 });
    expect(r1?.cells[1]).toMatchObject({ claim: c2, n: 3, median: -2 });
    expect(r1?.cells[2]).toEqual({ claim: c3, n: 2, notApplicable: 1, median: 0, p25: 0, p75: 0, iqr: 0 });
  });

  it("rates an item diagnostic by the range of its medians across the claims", () => {
    expect(ach.rows.map((r) => r.diagnosticity)).toEqual([4, 0]);
  });

  it("scores each claim's inconsistency per panelist (I = 1, II = 2), weighted by the Admiralty grading", () => {
    // Claim 2: a II (2), b I (1), c II (2) on e1, graded B2: weight 0.8 × 0.8 = 0.64.
    const claim2 = ach.claims[1];
    expect(claim2?.perSeat.map((p) => p.score)).toEqual([2, 1, 2]);
    expect(claim2?.median).toBe(2);
    expect(claim2?.weightedMedian).toBeCloseTo(1.28, 12);
    expect(ach.claims[0]?.median).toBe(0);
  });

  it("weighs an ungraded item 1, and F/6 (cannot be judged) a half each", () => {
    expect(admiraltyWeight(undefined)).toBe(1);
    expect(admiraltyWeight({ reliability: "A", credibility: "1" })).toBe(1);
    expect(admiraltyWeight({ reliability: "F", credibility: "6" })).toBe(0.25);
  });

  it("leaves out panelists who answered nothing for a claim, and has no medians without answers", () => {
    const empty = groupAch({ claims: [c1], evidence: [{ id: e1 }], sheets: [{ seat: "x", ach: [] }] });
    expect(empty.claims[0]).toEqual({ claim: c1, perSeat: [], median: undefined, weightedMedian: undefined });
    expect(empty.rows[0]?.cells[0]).toMatchObject({ n: 0, median: undefined });
    expect(empty.rows[0]?.diagnosticity).toBeUndefined();
  });
});
