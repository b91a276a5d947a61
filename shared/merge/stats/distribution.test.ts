import { describe, expect, it } from "vitest";
import { confidenceBasisTable, distribution } from "./distribution";
import { AGREEMENT_LEVELS, EVIDENCE_BASIS_LEVELS, LEGAL_BASES, STATE_RESPONSIBILITY_LEVELS } from "../../rubric/rubric";

describe("distributions of categorical answers", () => {
  it("counts every term of the scale in order, with the unknown and the missing apart", () => {
    const d = distribution(LEGAL_BASES, ["state-organ", "due-diligence", undefined, "state-organ", "retired-term"]);
    expect(d.counts).toEqual([
      { term: "state-organ", count: 2 },
      { term: "instructions-direction-control", count: 0 },
      { term: "acknowledged-adopted", count: 0 },
      { term: "due-diligence", count: 1 },
      { term: "not-attributable", count: 0 },
    ]);
    expect(d.unknown).toEqual([{ term: "retired-term", count: 1 }]);
    expect(d.missing).toBe(1);
    expect(d.answered).toBe(3);
  });

  it("counts Healey's ten levels", () => {
    const d = distribution(STATE_RESPONSIBILITY_LEVELS, ["state-shaped", "state-shaped", "state-ordered"]);
    expect(d.counts.map((c) => c.count)).toEqual([0, 0, 0, 0, 2, 0, 1, 0, 0, 0]);
  });

  it("tabulates the basis of the confidence: evidence by agreement", () => {
    const t = confidenceBasisTable(EVIDENCE_BASIS_LEVELS, AGREEMENT_LEVELS, [
      { evidenceBasis: "robust", agreement: "high" },
      { evidenceBasis: "robust", agreement: "high" },
      { evidenceBasis: "limited", agreement: "medium" },
      { evidenceBasis: "medium" },
      { evidenceBasis: "odd", agreement: "low" },
    ]);
    expect(t.cells).toEqual([
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 2],
    ]);
    expect(t.incomplete).toBe(2);
  });
});
