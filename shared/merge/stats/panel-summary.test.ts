import { describe, expect, it } from "vitest";
import { claimSummaries, panelAgreement, type PanelSheet } from "./panel-summary";
import { krippendorffAlpha } from "./krippendorff";
import { claimId } from "../../scoring/scoring.testing";
import { DEFAULT_RUBRIC } from "../../rubric/rubric";
import type { ClaimAnswer } from "../../scoring/scoresheet";

const [c1, c2] = [claimId(1), claimId(2)];
const answer = (claim: typeof c1, likelihood: string, best: number, more: Partial<ClaimAnswer> = {}): ClaimAnswer => ({ claim, likelihood, best, ...more });
const sheets: PanelSheet<string>[] = [
  { seat: "a", claims: [answer(c1, "likely", 70, { lowest: 60, highest: 80, stateResponsibility: "state-shaped", legalBasis: "state-organ" }), answer(c2, "unlikely", 30, { stateResponsibility: "state-encouraged", legalBasis: "due-diligence" })] },
  { seat: "b", claims: [answer(c1, "likely", 60, { stateResponsibility: "state-shaped", legalBasis: "state-organ" }), answer(c2, "unlikely", 40, { stateResponsibility: "state-ignored", legalBasis: "due-diligence" })] },
  { seat: "c", claims: [answer(c1, "very-likely", 90, { lowest: 80, highest: 95, stateResponsibility: "state-ordered", legalBasis: "state-organ" }), answer(c2, "very-unlikely", 10, { legalBasis: "retired-basis" })] },
  { seat: "d", claims: [answer(c1, "unlikely", 30, { stateResponsibility: "state-encouraged", legalBasis: "due-diligence" }), answer(c2, "likely", 70, { stateResponsibility: "state-shaped" })] },
];

describe("what the chair sees per claim", () => {
  const [s1, s2] = claimSummaries([c1, c2], sheets, DEFAULT_RUBRIC);

  it("summarises the best estimates and pools them, normalised and named", () => {
    // Claim 1: 30 60 70 90: median 65, P25 at h = 0.75 → 52.5, P75 at h = 2.25 → 75; mean 62.5.
    expect(s1?.best).toEqual({ n: 4, median: 65, p25: 52.5, p75: 75, iqr: 22.5, min: 30, max: 90 });
    expect(s1?.linearPool).toEqual({ value: 62.5, term: { kind: "within", term: "likely" }, normalised: 62.5, normalisedTerm: { kind: "within", term: "likely" } });
    // Claim 2: 10 30 40 70: mean 37.5; the linear pools already sum to 100.
    expect(s2?.linearPool?.normalised).toBe(37.5);
    expect((s1?.logOddsPool?.normalised ?? 0) + (s2?.logOddsPool?.normalised ?? 0)).toBeCloseTo(100, 12);
  });

  it("pools the plausible ranges over those who gave one", () => {
    expect(s1?.range).toEqual({ n: 2, lowest: 70, highest: 87.5 });
    expect(s2?.range).toBeUndefined();
  });

  it("flags disagreement on the terms by both rules, which can differ", () => {
    // Claim 1 terms → 7, 7, 8, 3: P30 at h = 0.9 → 6.6, P70 at h = 2.1 → 7.1; IPR 0.5 < IPRAS 2.35 + 1.5·1.85 = 5.125.
    // Thirds: n = 4 needs round(4/3) = 1 in each extreme: one at 3, three at 7–9: disagreement.
    expect(s1?.disagreement.terms.ipr?.p30).toBeCloseTo(6.6, 12);
    expect(s1?.disagreement.terms.ipr?.ipras).toBeCloseTo(5.125, 12);
    expect(s1?.disagreement.terms.ipr?.disagreement).toBe(false);
    expect(s1?.disagreement.terms.thirds).toEqual({ n: 4, low: 1, high: 3, threshold: 1, disagreement: true });
    // Estimates 30 60 70 90 → 3.4 5.8 6.6 8.2: one ≤ 3? no (3.4); so the thirds rule does not flag them.
    expect(s1?.disagreement.estimates.thirds?.disagreement).toBe(false);
  });

  it("gives nothing to pool for a claim nobody estimated", () => {
    const [empty] = claimSummaries([claimId(9)], sheets, DEFAULT_RUBRIC);
    expect(empty).toMatchObject({ best: undefined, linearPool: undefined, logOddsPool: undefined, range: undefined });
    expect(empty?.disagreement.terms.ipr).toBeUndefined();
  });
});

describe("the panel's agreement", () => {
  it("builds each reliability matrix from the answers, panelists as coders and claims as units", () => {
    const agreement = panelAgreement([c1, c2], sheets, DEFAULT_RUBRIC);
    // Likelihood ranks (ICD 203 order, 1 = almost no chance): a 5,3; b 5,3; c 6,2; d 3,5.
    expect(agreement.likelihood).toEqual(krippendorffAlpha([[5, 3], [5, 3], [6, 2], [3, 5]], "ordinal"));
    expect(agreement.best).toEqual(krippendorffAlpha([[70, 30], [60, 40], [90, 10], [30, 70]], "interval"));
    // Healey ranks (1 = state-prohibited): shaped 5, encouraged 4, ignored 3, ordered 7; c left claim 2 blank.
    expect(agreement.stateResponsibility).toEqual(krippendorffAlpha([[5, 4], [5, 3], [7, undefined], [4, 5]], "ordinal"));
    // A legal basis the rubric does not hold is missing.
    expect(agreement.legalBasis).toEqual(krippendorffAlpha([["state-organ", "due-diligence"], ["state-organ", "due-diligence"], ["state-organ", undefined], ["due-diligence", undefined]], "nominal"));
    expect(agreement.likelihood.kind).toBe("alpha");
  });
});
