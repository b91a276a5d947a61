import { describe, expect, it } from "vitest";
import { blankEvidence, evidenceEditState, withClaimState, withClaimStatement, withEvidenceEdit, withNewClaim, withNewEvidence, withoutClaim, withoutEvidence, withParties, withSector } from "./case-edit";
import { CaseFieldsSchema, type Case } from "./model";
import { testCaseId, testClaimId, testEvidenceId } from "./ids.testing";

const T = "2026-11-22T10:00:00.000Z";
const fixture = (): Case => ({
  format: "attribution-panel/case",
  version: 1,
  id: testCaseId(0),
  title: "Case",
  summary: "",
  incidentWindow: { start: T, end: T },
  sectors: ["water"],
  civilianImpact: "",
  parties: { accusing: ["XA"], accused: [], affected: [] },
  marking: "AMBER",
  deadline: T,
  claims: [
    { id: testClaimId(1), statement: "State A did it.", catchAll: false, attributedState: "XA" },
    { id: testClaimId(2), statement: "", catchAll: false },
    { id: testClaimId(3), statement: "", catchAll: true },
  ],
  evidence: [blankEvidence(testEvidenceId(4)), { ...blankEvidence(testEvidenceId(5)), title: "Log" }, blankEvidence(testEvidenceId(6))],
  composition: { minRegions: 3, maxRegionShare: 0.4 },
  created: T,
  updated: T,
});

describe("claims", () => {
  it("a new claim goes before the catch-all, which stays last", () => {
    const c = withNewClaim(fixture(), testClaimId(9));
    expect(c.claims.map((x) => x.id)).toEqual([testClaimId(1), testClaimId(2), testClaimId(9), testClaimId(3)]);
    expect(c.claims[2]).toEqual({ id: testClaimId(9), statement: "", catchAll: false });
    expect(c.claims.at(-1)?.catchAll).toBe(true);
  });

  it("edits one claim's statement and state, and leaves the others and the input alone", () => {
    const before = fixture();
    const c = withClaimStatement(before, testClaimId(2), "State B did it.");
    expect(c.claims[1]?.statement).toBe("State B did it.");
    expect(c.claims[0]).toBe(before.claims[0]);
    expect(before.claims[1]?.statement).toBe("");
    const attributed = withClaimState(c, testClaimId(2), "XB");
    expect(attributed.claims[1]?.attributedState).toBe("XB");
    // "" attributes the claim to no state: the field goes (not an empty code).
    const cleared = withClaimState(attributed, testClaimId(1), "");
    expect(cleared.claims[0]).toEqual({ id: testClaimId(1), statement: "State A did it.", catchAll: false });
    expect("attributedState" in (cleared.claims[0] ?? {})).toBe(false);
  });

  it("removes a claim, never the catch-all", () => {
    expect(withoutClaim(fixture(), testClaimId(1)).claims.map((x) => x.id)).toEqual([testClaimId(2), testClaimId(3)]);
    expect(withoutClaim(fixture(), testClaimId(3)).claims.map((x) => x.id)).toEqual([testClaimId(1), testClaimId(2), testClaimId(3)]);
  });
});

describe("details", () => {
  it("adds a sector once and removes it", () => {
    const c = withSector(withSector(fixture(), "health", true), "health", true);
    expect(c.sectors).toEqual(["water", "health"]);
    expect(withSector(c, "water", false).sectors).toEqual(["health"]);
  });

  it("replaces one party role's states, each once", () => {
    const c = withParties(fixture(), "accused", ["XB", "XC", "XB"]);
    expect(c.parties).toEqual({ accusing: ["XA"], accused: ["XB", "XC"], affected: [] });
  });
});

describe("evidence", () => {
  it("a new item is blank, graded F6 and marked AMBER, and is a valid item of a case", () => {
    const c = withNewEvidence(fixture(), testEvidenceId(9));
    expect(c.evidence.at(-1)).toEqual({ id: testEvidenceId(9), kind: "other", title: "", description: "", sourceDescription: "", grading: { reliability: "F", credibility: "6" }, marking: "AMBER", attachments: [], custody: [] });
    expect(CaseFieldsSchema.safeParse({ ...c, evidence: [{ ...blankEvidence(testEvidenceId(9)), title: "Named" }] }).success).toBe(true);
  });

  it("edits one item, whose id stays", () => {
    const c = withEvidenceEdit(fixture(), testEvidenceId(5), (e) => ({ ...e, id: testEvidenceId(8), title: `VPN ${e.title.toLowerCase()}`, marking: "RED" }));
    expect(c.evidence.map((e) => e.id)).toEqual([testEvidenceId(4), testEvidenceId(5), testEvidenceId(6)]);
    expect(c.evidence.map((e) => [e.title, e.marking])).toEqual([
      ["", "AMBER"],
      ["VPN log", "RED"],
      ["", "AMBER"],
    ]);
  });

  it("removing an item opens the one that took its place, or the one before when it was last", () => {
    const middle = withoutEvidence(fixture(), testEvidenceId(5));
    expect(middle.case.evidence.map((e) => e.id)).toEqual([testEvidenceId(4), testEvidenceId(6)]);
    expect(middle.open).toBe(testEvidenceId(6));
    expect(withoutEvidence(fixture(), testEvidenceId(6)).open).toBe(testEvidenceId(5));
    const only = withoutEvidence({ ...fixture(), evidence: [blankEvidence(testEvidenceId(4))] }, testEvidenceId(4));
    expect(only).toEqual({ case: expect.objectContaining({ evidence: [] }), open: undefined });
    expect(withoutEvidence(fixture(), testEvidenceId(8)).open).toBeUndefined();
  });

  it("says whether an item is new, edited or as saved", () => {
    const saved = fixture().evidence;
    expect(evidenceEditState(blankEvidence(testEvidenceId(9)), saved)).toBe("new");
    expect(evidenceEditState({ ...blankEvidence(testEvidenceId(4)) }, saved)).toBe("unchanged");
    expect(evidenceEditState({ ...blankEvidence(testEvidenceId(4)), description: "x" }, saved)).toBe("edited");
  });
});
