import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseIdSchema, EvidenceIdSchema, type ClaimId } from "../case/model";
import { loadCrypto } from "../crypto/sodium";
import { mustCanonicalJson, parseCanonicalJson } from "../formats/jcs";
import { UN_REGION_IDS } from "../identity/un-regions";
import { draftFromStatistics, joinReasoning, MAX_PARAGRAPH, modalBasis, modalTerm, OpinionSchema, reasoningParagraphs, type DraftChoices, type Opinion, type Shuffle } from "./opinion";
import { CLAIM_1_BESTS, FIXTURE_NOW, memberSheets, opinionFixture, statisticsOver, type OpinionFixture } from "./opinion.testing";

let f: OpinionFixture;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  f = opinionFixture();
});

const keep: Shuffle = (items) => [...items];
const reverse: Shuffle = (items) => [...items].reverse();
const choices = (over: Partial<DraftChoices> = {}): DraftChoices => ({ aggregate: "median", regions: false, draftedAt: FIXTURE_NOW, ...over });
const draft = (over: Partial<DraftChoices> = {}, shuffle: Shuffle = keep): Opinion => {
  const d = draftFromStatistics(f.received, f.statistics, choices(over), shuffle);
  if (!d.ok) throw new Error(`no draft: ${JSON.stringify(d.error)}`);
  return d.value;
};
const claimIds = (): ClaimId[] => f.received.case.claims.map((c) => c.id);

describe("the first draft from the chair's statistics", () => {
  it("reports claim 1's median with its IQR and its likelihood term, worked out by hand", () => {
    const [first] = draft().findings;
    // 30, 60, 70, 80 by R type 7: median 65, P25 30 + 0.75 × 30 = 52.5, P75 70 + 0.25 × 10 = 72.5.
    expect([...CLAIM_1_BESTS].sort((a, b) => a - b)).toEqual([30, 60, 70, 80]);
    expect(first?.aggregate).toEqual({ method: "median", n: 4, value: 65, p25: 52.5, p75: 72.5, iqr: 20, term: { kind: "within", term: "likely" } });
    expect(first?.answered).toBe(4);
  });

  it("reports the pool the chair chose, per claim, with the normalised pool beside it", () => {
    const [c1, c2] = claimIds();
    const d = draft({ aggregate: "linear-pool", claims: new Map([[c2 as ClaimId, { aggregate: "log-odds-pool" }]]) });
    const s = f.statistics.claims;
    expect(d.findings[0]?.aggregate).toEqual({
      method: "linear-pool",
      n: 4,
      value: 60, // (70 + 60 + 30 + 80) / 4
      term: { kind: "within", term: "likely" },
      normalised: { value: s[0]?.summary.linearPool?.normalised, term: s[0]?.summary.linearPool?.normalisedTerm },
    });
    expect(d.findings[1]?.aggregate.method).toBe("log-odds-pool");
    expect(d.findings[1]?.aggregate.value).toBe(s[1]?.summary.logOddsPool?.value);
    expect(d.findings.map((x) => x.claim)).toEqual(claimIds());
    expect(c1).toBe(d.findings[0]?.claim);
  });

  it("takes each finding the chair did not choose from the panel's mode, and none on a tie", () => {
    const [first, second] = draft().findings;
    expect(first?.stateResponsibility).toBe("state-ordered"); // three of four
    expect(first).not.toHaveProperty("legalBasis"); // two against two
    expect(second?.legalBasis).toBe(f.received.rubric.legalBasis[0]?.id);
    expect(first?.confidence).toBe(f.received.rubric.confidence[0]?.id);
    expect(first?.confidenceBasis).toEqual({ evidence: f.received.rubric.evidenceBasis[0]?.id, agreement: f.received.rubric.agreement[0]?.id });
  });

  it("takes the chair's own findings, and none where the chair says none", () => {
    const [c1] = claimIds();
    const d = draft({ claims: new Map([[c1 as ClaimId, { legalBasis: "due-diligence", stateResponsibility: null, confidence: "high", confidenceBasis: { evidence: "robust", agreement: "medium" } }]]) });
    expect(d.findings[0]).toMatchObject({ legalBasis: "due-diligence", confidence: "high", confidenceBasis: { evidence: "robust", agreement: "medium" } });
    expect(d.findings[0]).not.toHaveProperty("stateResponsibility");
  });

  it("gives the median of every UN regional group, the chair's own group with nobody counted", () => {
    const regional = draft().findings[0]?.regional ?? [];
    expect(regional.map((r) => r.region)).toEqual([...UN_REGION_IDS]);
    expect(regional[0]).toEqual({ region: "african-states", n: 0 });
    // Each member sits for one other group, in the roster's order: Tanaka 70, Kowalska 60, Silva 30, Okafor 80.
    expect(regional.slice(1).map((r) => r.median)).toEqual([70, 60, 30, 80]);
  });

  it("lists the evidence relied on with its grading, marking and the SHA-256 of each attachment", () => {
    const d = draft();
    expect(d.evidence).toEqual(f.received.case.evidence.map((e) => ({ id: e.id, title: e.title, kind: e.kind, grading: e.grading, marking: e.marking, sha256: e.attachments.map((a) => a.sha256) })));
    expect(d.evidence.filter((e) => e.sha256.length > 0)).toHaveLength(4);
    const two = [f.received.case.evidence[3]?.id, f.received.case.evidence[0]?.id].map((id) => EvidenceIdSchema.parse(id));
    const chosen = draft({ evidence: two });
    expect(chosen.evidence.map((e) => e.id)).toEqual([two[1], two[0]]); // the case's order
    expect(chosen.ach.evidence.map((e) => e.evidence)).toEqual([two[1], two[0]]);
  });

  it("summarises the group ACH without any seat", () => {
    const d = draft();
    expect(d.ach.evidence).toHaveLength(f.received.case.evidence.length);
    // answersFor scores every cell neutral: no evidence item tells the claims apart, none is inconsistent.
    for (const e of d.ach.evidence) expect(e.diagnosticity).toBe(0);
    expect(d.ach.claims).toEqual(claimIds().map((claim) => ({ claim, inconsistency: 0, weightedInconsistency: 0 })));
    expect(JSON.stringify(d.ach)).not.toContain("SHA256:");
  });

  it("lists the roster with role, name, region and affiliation", () => {
    expect(draft().roster).toEqual(f.received.roster.map((p) => ({ seat: p.fingerprint, role: p.role, name: p.displayName, region: p.region, affiliation: p.affiliation })));
    expect(draft().roster.filter((s) => s.role === "chair")).toHaveLength(1);
  });

  it("releases every counted estimate per claim in the order the shuffle gives, regions only when released", () => {
    const plain = draft({}, keep);
    const shuffled = draft({}, reverse);
    expect(plain.estimates[0]?.values).toEqual([30, 60, 70, 80].map((value) => ({ value })));
    expect(shuffled.estimates[0]?.values.map((v) => v.value)).toEqual([80, 70, 60, 30]);
    const withRegions = draft({ regions: true });
    expect(withRegions.estimates[0]?.values).toEqual([
      { value: 30, region: "latin-american-and-caribbean-states" },
      { value: 60, region: "eastern-european-states" },
      { value: 70, region: "asia-pacific-states" },
      { value: 80, region: "western-european-and-others-states" },
    ]);
    for (const e of plain.estimates) expect(e.values).toHaveLength(4);
  });

  it("splits the reasoning into paragraphs the schema accepts", () => {
    const d = draft({ reasoning: "The panel finds…\n\nA second paragraph.\r\n\r\n```\ncode\n\nstill code\n```" });
    expect(d.reasoning).toEqual(["The panel finds…", "A second paragraph.", "```\ncode\n\nstill code\n```"]);
  });

  it("is canonical JSON that reads back as the same opinion", () => {
    const d = draft({ regions: true, reasoning: "Reasons." });
    const bytes = mustCanonicalJson(d, "the draft");
    const back = parseCanonicalJson(bytes);
    expect(back.ok && OpinionSchema.parse(back.value)).toEqual(d);
  });
});

describe("the panel's mode", () => {
  const counts = (...c: number[]) => ({ counts: c.map((count, i) => ({ term: `t${i}`, count })), unknown: [], missing: 0, answered: c.reduce((a, b) => a + b, 0) });
  const basis = (cells: number[][]) => ({ evidence: ["limited", "medium", "robust"], agreement: ["low", "medium", "high"], cells, incomplete: 0 });

  it("is the one term chosen most often; none on a tie or without answers", () => {
    expect(modalTerm(counts(1, 3, 2))).toBe("t1");
    expect(modalTerm(counts(2, 0, 2))).toBeUndefined();
    expect(modalTerm(counts(0, 0, 0))).toBeUndefined();
  });

  it("is the one evidence × agreement pair chosen most often; none on a tie or without answers", () => {
    expect(modalBasis(basis([[0, 0, 0], [0, 2, 1], [1, 0, 0]]))).toEqual({ evidence: "medium", agreement: "medium" });
    expect(modalBasis(basis([[2, 0, 0], [0, 0, 0], [0, 0, 2]]))).toBeUndefined();
    expect(modalBasis(basis([[0, 0, 0], [0, 0, 0], [0, 0, 0]]))).toBeUndefined();
  });
});

describe("what the draft refuses, as values", () => {
  it("statistics of another case", () => {
    const other = { ...f.statistics, caseId: CaseIdSchema.parse("case-0000000000000099") };
    expect(draftFromStatistics(f.received, other, choices(), keep)).toEqual({ ok: false, error: { kind: "other-case", expected: f.received.case.id, actual: other.caseId } });
  });

  it("a term outside the rubric, a claim or evidence item outside the case", () => {
    const [c1] = claimIds();
    expect(draftFromStatistics(f.received, f.statistics, choices({ claims: new Map([[c1 as ClaimId, { legalBasis: "self-defence" }]]) }), keep)).toEqual({
      ok: false,
      error: { kind: "unknown-term", claim: c1, scale: "legalBasis", term: "self-defence" },
    });
    expect(draftFromStatistics(f.received, f.statistics, choices({ claims: new Map([[c1 as ClaimId, { confidenceBasis: { evidence: "robust", agreement: "total" } }]]) }), keep)).toMatchObject({
      ok: false,
      error: { kind: "unknown-term", scale: "agreement", term: "total" },
    });
    const stranger = "claim-9999999999999999" as ClaimId;
    expect(draftFromStatistics(f.received, f.statistics, choices({ claims: new Map([[stranger, { aggregate: "median" }]]) }), keep)).toEqual({ ok: false, error: { kind: "unknown-claim", claim: stranger } });
    const evidence = EvidenceIdSchema.parse("evidence-9999999999999999");
    expect(draftFromStatistics(f.received, f.statistics, choices({ evidence: [evidence] }), keep)).toEqual({ ok: false, error: { kind: "unknown-evidence", evidence } });
  });

  it("a claim nobody estimated", () => {
    const sheets = memberSheets(f.received, (_m, c, a) => (c === 3 ? (({ best: _, ...rest }) => rest)(a) : a));
    const statistics = statisticsOver(f.received, sheets);
    expect(draftFromStatistics(f.received, statistics, choices(), keep)).toEqual({ ok: false, error: { kind: "no-estimates", claim: claimIds()[3], method: "median" } });
  });

  it("a paragraph longer than the opinion allows", () => {
    const d = draftFromStatistics(f.received, f.statistics, choices({ reasoning: "x".repeat(MAX_PARAGRAPH + 1) }), keep);
    expect(d).toMatchObject({ ok: false, error: { kind: "invalid-draft", issues: [{ code: "too_big", path: ["reasoning", 0] }] } });
  });
});

describe("the opinion's schema", () => {
  it.each<[string, (o: Opinion) => unknown]>([
    ["a claim found twice", (o) => ({ ...o, findings: [...o.findings, o.findings[0]] })],
    ["an ACH row for evidence not in the list", (o) => ({ ...o, evidence: o.evidence.slice(1) })],
    ["estimates of a claim without a finding", (o) => ({ ...o, findings: o.findings.slice(1) })],
    ["an unknown field", (o) => ({ ...o, note: "x" })],
    ["an aggregate of an unknown method", (o) => ({ ...o, findings: o.findings.map((x) => ({ ...x, aggregate: { ...x.aggregate, method: "mean" } })) })],
    ["a blank paragraph", (o) => ({ ...o, reasoning: [" \n"] })],
    ["a direction override in a paragraph", (o) => ({ ...o, reasoning: ["abc\u202Edef"] })],
  ])("refuses %s", (_, change) => {
    expect(OpinionSchema.safeParse(change(draft())).success).toBe(false);
  });

  it("never throws on junk", () => {
    fc.assert(fc.property(fc.anything(), (junk) => OpinionSchema.safeParse(junk).success === false));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom("format", "version", "findings", "roster", "reasoning", "evidence"), fc.anything()), (junk) => OpinionSchema.safeParse(junk).success === false));
  });
});

describe("the reasoning's paragraphs", () => {
  it("splits at blank lines outside code fences and joins back", () => {
    const text = "# Finding\n\nFirst line\nsecond line  \n\n\n    indented code\n\n~~~\na\n\n~~~\nafter";
    const ps = reasoningParagraphs(text);
    expect(ps).toEqual(["# Finding", "First line\nsecond line", "    indented code", "~~~\na\n\n~~~\nafter"]);
    expect(reasoningParagraphs(joinReasoning(ps))).toEqual(ps);
    expect(reasoningParagraphs("")).toEqual([]);
  });

  it("is stable: splitting what it joins gives the same paragraphs", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\n", "`", "~", "#") }), (text) => {
        const ps = reasoningParagraphs(text);
        return JSON.stringify(reasoningParagraphs(joinReasoning(ps))) === JSON.stringify(ps) && ps.every((p) => p.trim() !== "");
      }),
    );
  });
});
