import { describe, expect, it } from "vitest";
import type { ClaimId } from "../../../../shared/case/model";
import type { DraftState } from "../../../../shared/worker/contract";
import { choiceOf, markOf, setChoice, setMark } from "./draft-edit";

const A = "claim-aaaaaaaaaaaaaaaa" as ClaimId;
const B = "claim-bbbbbbbbbbbbbbbb" as ClaimId;
const base: DraftState = {
  choices: { aggregate: "median", claims: [], regions: true },
  reasoning: "",
  marks: [
    { pointer: "/evidence/1", reason: "third-party-confidentiality" },
    { pointer: "/evidence/3", reason: "third-party-confidentiality" },
  ],
  regionsWithheld: null,
};

describe("marks", () => {
  it("adds a mark at the end, changes one in place, removes one, and leaves the draft as it was", () => {
    const added = setMark(base, "/roster/2/name", "personal-data");
    expect(added.marks.map((m) => m.pointer)).toEqual(["/evidence/1", "/evidence/3", "/roster/2/name"]);
    const changed = setMark(added, "/evidence/1", "sources-and-methods");
    expect(changed.marks[0]).toEqual({ pointer: "/evidence/1", reason: "sources-and-methods" });
    expect(changed.marks).toHaveLength(3);
    const removed = setMark(changed, "/evidence/3", null);
    expect(removed.marks.map((m) => m.pointer)).toEqual(["/evidence/1", "/roster/2/name"]);
    expect(markOf(removed, "/evidence/3")).toBeUndefined();
    expect(setMark(base, "/evidence/9", null)).toBe(base);
    expect(base.marks).toHaveLength(2);
  });
});

describe("claim choices", () => {
  it("sets and changes a claim's choice, keeps the others, and drops a choice that follows the panel again", () => {
    const one = setChoice(base, A, { aggregate: "linear-pool" });
    expect(one.choices.claims).toEqual([{ claim: A, aggregate: "linear-pool" }]);
    const two = setChoice(setChoice(one, B, { legalBasis: null }), A, { stateResponsibility: "state-ordered" });
    expect(two.choices.claims).toEqual([
      { claim: A, aggregate: "linear-pool", stateResponsibility: "state-ordered" },
      { claim: B, legalBasis: null },
    ]);
    expect(choiceOf(two, B)).toEqual({ claim: B, legalBasis: null });
    const back = setChoice(setChoice(two, A, { aggregate: undefined, stateResponsibility: undefined }), B, { legalBasis: undefined });
    expect(back.choices.claims).toEqual([]);
    expect(choiceOf(back, A)).toEqual({ claim: A });
  });
});
