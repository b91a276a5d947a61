import { describe, expect, it } from "vitest";
import type { ReceivedCase } from "../case/case-records";
import { CaseIdSchema, SeatIdSchema, type SeatId } from "../case/model";
import type { UnRegion } from "../identity/un-regions";
import { DEFAULT_RUBRIC } from "../rubric/rubric";
import type { Answers, ClaimAnswer, Scoresheet } from "../scoring/scoresheet";
import { claimId, completeAnswers, evidenceId, testScoresheet } from "../scoring/scoring.testing";
import type { HeldSheet } from "./check-incoming";
import { panelStatistics, statisticsOf, type StatisticsInput, type StatisticsSeat } from "./statistics";
import { krippendorffAlpha } from "./stats/krippendorff";

// A small panel whose every number below is worked out by hand in the comments.
// Claims 1–3, evidence items 1–2; completeAnswers() gives each claim 70 / 20 / 10 ("likely", "unlikely", "very-unlikely"),
// confidence moderate on evidence medium × agreement medium, Healey state-coordinated, legal basis instructions-direction-control,
// and ACH: C (consistent, +1) on claim 1 and N (neutral, 0) on the others, for both evidence items.
const [c1, c2, c3] = [claimId(1), claimId(2), claimId(3)];
const [e1, e2] = [evidenceId(1), evidenceId(2)];
const fp = (c: string): SeatId => SeatIdSchema.parse(`SHA256:${c.repeat(43)}`);
const seat = (c: string, region?: UnRegion): StatisticsSeat => ({ fingerprint: fp(c), displayName: `Person ${c}`, ...(region ? { region } : {}) });
const SEATS = [seat("A", "african-states"), seat("B", "asia-pacific-states"), seat("C", "eastern-european-states"), seat("D", "latin-american-and-caribbean-states"), seat("E", "asia-pacific-states"), seat("F", "western-european-and-others-states")];
const SIGNED = new Date("2026-12-01T10:00:00.000Z");

/** completeAnswers() with some claims' answers changed, some ACH cells changed, and optionally claims left out. */
function answers(claims: Partial<Record<1 | 2 | 3, Partial<ClaimAnswer>>>, ach: Partial<Record<1 | 2, Record<string, string>>> = {}, leaveOut: readonly string[] = []): Answers {
  const base = completeAnswers();
  return {
    ...base,
    claims: base.claims.filter((a) => !leaveOut.includes(a.claim)).map((a, i) => ({ ...a, ...claims[(i + 1) as 1 | 2 | 3] })),
    ach: base.ach.map((row, i) => {
      const cells: Record<string, string> = { ...row.cells, ...ach[(i + 1) as 1 | 2] };
      for (const c of leaveOut) delete cells[c];
      return { ...row, cells } as typeof row;
    }),
  };
}
const sheet = (c: string, a: Answers, more: Partial<Scoresheet> = {}): Scoresheet => testScoresheet(fp(c), SIGNED, { answers: a, ...more });

const SHEETS: Scoresheet[] = [
  sheet("A", answers({ 1: { lowest: 60, highest: 80 } })),
  sheet("B", answers({ 1: { best: 60, lowest: 50, highest: 70 }, 2: { best: 30 } }, { 1: { [c1]: "very-consistent" } })),
  sheet("C", answers({ 1: { best: 30, likelihood: "unlikely", stateResponsibility: "state-ordered", legalBasis: "state-organ", confidence: "low" }, 2: { best: 60, likelihood: "likely" } }, { 1: { [c1]: "very-inconsistent", [c2]: "very-consistent" } })),
  // D: revision 1 (90), then revision 2 (80), which counts; and a round-2 sheet, which does not.
  sheet("D", answers({ 1: { best: 90, likelihood: "very-likely" }, 2: { best: 10 } })),
  sheet("D", answers({ 1: { best: 80 }, 2: { best: 10, likelihood: "very-unlikely" } }, { 1: { [c1]: "neutral" }, 2: { [c3]: "not-applicable" } }), { revision: 2 }),
  sheet("D", answers({ 1: { best: 5, likelihood: "almost-no-chance" } }), { round: 2 }),
  // E answered nothing for claim 3 (neither the claim nor its ACH cells).
  sheet("E", answers({ 2: { best: 30 } }, {}, [c3])),
  // F holds a seat but sent nothing; G holds no seat at all.
  sheet("G", answers({ 1: { best: 1, likelihood: "almost-no-chance" } })),
];

const input = (over: Partial<StatisticsInput> = {}): StatisticsInput => ({
  caseId: CaseIdSchema.parse("case-0000000000000001"),
  round: 1,
  rubric: DEFAULT_RUBRIC,
  claims: [
    { id: c1, statement: "State A's armed forces.", catchAll: false },
    { id: c2, statement: "A group State A directed.", catchAll: false },
    { id: c3, statement: "", catchAll: true },
  ],
  evidence: [
    { id: e1, title: "Malware sample", grading: { reliability: "B", credibility: "2" } },
    { id: e2, title: "Press report" },
  ],
  seats: SEATS,
  sheets: SHEETS,
  ...over,
});

describe("the chair's statistics of one round, checked by hand", () => {
  const s = panelStatistics(input());
  const [s1, s2, s3] = s.claims;

  it("counts the latest revision of each seat in the round, and nothing from outside the roster", () => {
    expect(s.counted).toBe(5);
    expect(s.seats.map((x) => [x.displayName, x.revision])).toEqual([
      ["Person A", 1],
      ["Person B", 1],
      ["Person C", 1],
      ["Person D", 2],
      ["Person E", 1],
      ["Person F", undefined],
    ]);
    expect([s1?.answered, s2?.answered, s3?.answered]).toEqual([5, 5, 4]);
    expect(s1).toMatchObject({ claim: c1, statement: "State A's armed forces.", catchAll: false });
    expect(s3).toMatchObject({ claim: c3, statement: "", catchAll: true });
  });

  it("summarises claim 1: n, median, IQR, pools normalised across the claims, and the IDEA range", () => {
    // Claim 1: A 70, B 60, C 30, D 80 (revision 2), E 70 → sorted 30 60 70 70 80: median 70; P25 at h = 1 → 60; P75 at h = 3 → 70.
    expect(s1?.summary.best).toEqual({ n: 5, median: 70, p25: 60, p75: 70, iqr: 10, min: 30, max: 80 });
    // Linear pools: claim 1 310/5 = 62; claim 2 (20 30 60 10 30) 150/5 = 30; claim 3 (10 10 10 10, E left it) 10. Sum 102.
    expect(s1?.summary.linearPool?.value).toBe(62);
    expect(s2?.summary.linearPool?.value).toBe(30);
    expect(s3?.summary.best?.n).toBe(4);
    expect(s1?.summary.linearPool?.normalised).toBeCloseTo((100 * 62) / 102, 12);
    expect(s1?.summary.linearPool?.term).toEqual({ kind: "within", term: "likely" });
    expect(s2?.summary.linearPool?.term).toEqual({ kind: "within", term: "unlikely" });
    // Log-odds pool of claim 1: logistic(mean of logit(0.7, 0.6, 0.3, 0.8, 0.7)).
    const logit = (p: number) => Math.log(p / (1 - p));
    const mean = [0.7, 0.6, 0.3, 0.8, 0.7].map(logit).reduce((a, b) => a + b, 0) / 5;
    expect(s1?.summary.logOddsPool?.value).toBeCloseTo(100 / (1 + Math.exp(-mean)), 10);
    // A gave 60–80 and B 50–70: pooled lowest 55, highest 75.
    expect(s1?.summary.range).toEqual({ n: 2, lowest: 55, highest: 75 });
    expect(s2?.summary.range).toBeUndefined();
  });

  it("applies RAND/UCLA to the terms and the estimates of claim 1", () => {
    // Terms likely 7, likely 7, unlikely 3, likely 7, likely 7 → P30 = P70 = 7: IPR 0, no disagreement; thirds needs round(5/3) = 2 low: only 1.
    expect(s1?.summary.disagreement.terms.ipr).toMatchObject({ n: 5, p30: 7, p70: 7, ipr: 0, disagreement: false });
    expect(s1?.summary.disagreement.terms.thirds).toEqual({ n: 5, low: 1, high: 4, threshold: 2, disagreement: false });
    // Estimates 30 60 70 70 80 → 1 + 8p/100: 3.4 5.8 6.6 6.6 7.4; one ≥ 7 and none ≤ 3.
    expect(s1?.summary.disagreement.estimates.thirds).toEqual({ n: 5, low: 0, high: 1, threshold: 2, disagreement: false });
  });

  it("gives the regional medians, and a strip plot sorted by value that names no seat", () => {
    // Asia-Pacific: B 60 and E 70 → 65; Western European: F sent nothing.
    expect(s1?.regional).toEqual([
      { region: "african-states", n: 1, median: 70 },
      { region: "asia-pacific-states", n: 2, median: 65 },
      { region: "eastern-european-states", n: 1, median: 30 },
      { region: "latin-american-and-caribbean-states", n: 1, median: 80 },
      { region: "western-european-and-others-states", n: 0, median: undefined },
    ]);
    expect(s1?.strip).toEqual([
      { region: "eastern-european-states", value: 30 },
      { region: "asia-pacific-states", value: 60 },
      { region: "african-states", value: 70 },
      { region: "asia-pacific-states", value: 70 },
      { region: "latin-american-and-caribbean-states", value: 80 },
    ]);
    for (const c of s.claims) for (const point of c.strip) expect(Object.keys(point).sort()).toEqual(["region", "value"]);
    // The roster's order does not show through: the seats reversed give the same points in the same order.
    expect(panelStatistics(input({ seats: [...SEATS].reverse() })).claims.map((c) => c.strip)).toEqual(s.claims.map((c) => c.strip));
  });

  it("names the dissenters by seat: outside the IQR, or across 50% from the median", () => {
    // Claim 1 (P25 60, P75 70, median 70): C 30 below the IQR and below 50; D 80 above the IQR.
    expect(s1?.dissenters).toEqual([
      { seat: fp("C"), value: 30, outsideIqr: "below", otherSideOfHalf: true },
      { seat: fp("D"), value: 80, outsideIqr: "above", otherSideOfHalf: false },
    ]);
    // Claim 2: 20 30 60 10 30 → P25 20, median 30, P75 30: D 10 below, C 60 above and across 50%.
    expect(s2?.dissenters.map((d) => [d.seat, d.outsideIqr, d.otherSideOfHalf])).toEqual([
      [fp("C"), "above", true],
      [fp("D"), "below", false],
    ]);
  });

  it("counts Healey's levels, legal bases, confidence and its basis; a seat that left a claim is missing there", () => {
    expect(s1?.stateResponsibility.counts.filter((c) => c.count > 0)).toEqual([
      { term: "state-coordinated", count: 4 },
      { term: "state-ordered", count: 1 },
    ]);
    expect(s1?.stateResponsibility.counts).toHaveLength(DEFAULT_RUBRIC.stateResponsibility.length);
    expect(s1?.legalBasis.counts.filter((c) => c.count > 0)).toEqual([
      { term: "state-organ", count: 1 },
      { term: "instructions-direction-control", count: 4 },
    ]);
    expect(s1?.confidence.counts).toEqual([
      { term: "low", count: 1 },
      { term: "moderate", count: 4 },
      { term: "high", count: 0 },
    ]);
    expect(s3?.stateResponsibility).toMatchObject({ missing: 1, answered: 4 });
    // Everyone said evidence medium × agreement medium (row 1, column 1); E is incomplete on claim 3.
    expect(s1?.confidenceBasis).toEqual({ evidence: ["limited", "medium", "robust"], agreement: ["low", "medium", "high"], cells: [[0, 0, 0], [0, 5, 0], [0, 0, 0]], incomplete: 0 });
    expect(s3?.confidenceBasis.cells[1]).toEqual([0, 4, 0]);
    expect(s3?.confidenceBasis.incomplete).toBe(1);
  });

  it("computes the four alphas over the counted sheets, panelists as coders and claims as units", () => {
    // Likelihood ranks (1 = almost no chance): A 5 3 2; B 5 3 2; C 3 5 2; D 5 2 2; E 5 3 –.
    expect(s.agreement.likelihood).toEqual(krippendorffAlpha([[5, 3, 2], [5, 3, 2], [3, 5, 2], [5, 2, 2], [5, 3, undefined]], "ordinal"));
    expect(s.agreement.best).toEqual(krippendorffAlpha([[70, 20, 10], [60, 30, 10], [30, 60, 10], [80, 10, 10], [70, 30, undefined]], "interval"));
    // Healey: state-coordinated is level 6, state-ordered 7.
    expect(s.agreement.stateResponsibility).toEqual(krippendorffAlpha([[6, 6, 6], [6, 6, 6], [7, 6, 6], [6, 6, 6], [6, 6, undefined]], "ordinal"));
    expect(s.agreement.legalBasis.kind).toBe("alpha");
    expect(s.agreement.likelihood.kind).toBe("alpha");
  });

  it("builds the group ACH matrix with titles, gradings, diagnosticity and inconsistency", () => {
    const [r1, r2] = s.ach.rows;
    expect(r1).toMatchObject({ evidence: e1, title: "Malware sample", grading: { reliability: "B", credibility: "2" } });
    // B2 weighs 0.8 × 0.8; an item without a grading weighs 1.
    expect(r1?.weight).toBeCloseTo(0.64, 12);
    expect(r2).toMatchObject({ evidence: e2, title: "Press report", grading: undefined, weight: 1 });
    // e1 × claim 1: A +1, B +2, C −2, D 0, E +1 → sorted −2 0 1 1 2: median 1, P25 0, P75 1.
    expect(r1?.cells[0]).toEqual({ claim: c1, n: 5, notApplicable: 0, median: 1, p25: 0, p75: 1, iqr: 1 });
    // e1 × claim 2: 0 0 +2 0 0 → median 0; claim 3: four neutral (E left it) → 0. Diagnosticity 1 − 0.
    expect(r1?.cells[2]).toMatchObject({ n: 4, median: 0 });
    expect(r1?.diagnosticity).toBe(1);
    // e2 × claim 3: D said NA.
    expect(r2?.cells[2]).toMatchObject({ n: 3, notApplicable: 1 });
    // Claim 1: only C's II on e1 is inconsistent: 2, weighted 2 × 0.64; the median over five seats is 0.
    const i1 = s.ach.claims[0];
    const c = i1?.perSeat.find((p) => p.seat === fp("C"));
    expect(c?.score).toBe(2);
    expect(c?.weighted).toBeCloseTo(2 * 0.64, 12);
    expect(i1?.median).toBe(0);
    // E scored nothing on claim 3, so is not among its seats.
    expect(s.ach.claims[2]?.perSeat.map((p) => p.seat)).toEqual([fp("A"), fp("B"), fp("C"), fp("D")]);
  });
});

describe("the statistics at the edges", () => {
  it("a panel of one: every statistic is there, spreads are zero, the alphas say there is nothing to compare", () => {
    const s = panelStatistics(input({ seats: [SEATS[0] as StatisticsSeat] }));
    expect(s.counted).toBe(1);
    expect(s.claims[0]?.summary.best).toEqual({ n: 1, median: 70, p25: 70, p75: 70, iqr: 0, min: 70, max: 70 });
    expect(s.claims[0]?.dissenters).toEqual([]);
    expect(s.agreement.likelihood).toEqual({ kind: "no-pairable-values", level: "ordinal" });
    expect(s.agreement.best).toEqual({ kind: "no-pairable-values", level: "interval" });
    expect(s.ach.rows[0]?.cells[0]).toMatchObject({ n: 1, median: 1, iqr: 0 });
  });

  it("without regions everything is computed, the regional medians are empty and the strip points have no region", () => {
    const withRegions = panelStatistics(input());
    const s = panelStatistics(input({ seats: SEATS.map(({ fingerprint, displayName }) => ({ fingerprint, displayName })) }));
    expect(s.claims.map((c) => c.summary)).toEqual(withRegions.claims.map((c) => c.summary));
    expect(s.agreement).toEqual(withRegions.agreement);
    expect(s.claims[0]?.regional.every((r) => r.n === 0 && r.median === undefined)).toBe(true);
    expect(s.claims[0]?.strip).toEqual([30, 60, 70, 70, 80].map((value) => ({ region: undefined, value })));
    expect(s.claims[0]?.dissenters.map((d) => d.seat)).toEqual([fp("C"), fp("D")]);
  });

  it("nothing held for the round: no seat counted and nothing to pool", () => {
    const s = panelStatistics(input({ round: 3 }));
    expect(s.counted).toBe(0);
    expect(s.claims[0]).toMatchObject({ answered: 0, strip: [], dissenters: [], summary: { best: undefined, linearPool: undefined } });
    expect(s.agreement.best.kind).toBe("no-pairable-values");
  });

  it("from what the chair holds: the roster, the case and its rubric; refused as nothing-submitted for a round with no scoresheet", () => {
    const roster = SEATS.map((x) => ({ role: "member", displayName: x.displayName, region: x.region, nationality: "CH", affiliation: "", fingerprint: x.fingerprint, cardFile: "" }));
    const { claims, evidence } = input();
    const received = { case: { id: input().caseId, claims, evidence }, roster, rubric: DEFAULT_RUBRIC } as unknown as ReceivedCase;
    const held: HeldSheet[] = SHEETS.map((sheet, i) => ({ sheet, sha256: String(i).repeat(64), receivedAt: SIGNED.toISOString() }));
    const r = statisticsOf(received, held, 1);
    expect(r.ok && r.value).toEqual(panelStatistics(input()));
    expect(statisticsOf(received, held, 3)).toEqual({ ok: false, error: { kind: "nothing-submitted" } });
    expect(statisticsOf(received, [], 1)).toEqual({ ok: false, error: { kind: "nothing-submitted" } });
  });
});
