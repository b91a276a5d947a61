import { describe, expect, it } from "vitest";
import { draftRubricOf, rubricOfDraft, sameRubric } from "./draft-rubric";
import { DEFAULT_RUBRIC, type Rubric } from "./rubric";

/** A rubric half typed: a bound and the tolerance emptied (NaN), a label blank. */
const halfTyped: Rubric = {
  ...DEFAULT_RUBRIC,
  id: "treaty",
  title: { en: "" },
  sumTolerance: Number.NaN,
  likelihood: [{ ...DEFAULT_RUBRIC.likelihood[0]!, low: Number.NaN }, ...DEFAULT_RUBRIC.likelihood.slice(1)],
};

describe("a rubric as the editor holds it, and as its draft is kept", () => {
  it("keeps a number field without a number as null, and reads it back as NaN", () => {
    const draft = draftRubricOf(halfTyped);
    expect(draft.sumTolerance).toBeNull();
    expect(draft.likelihood[0]).toEqual({ ...DEFAULT_RUBRIC.likelihood[0], low: null });
    // What the vault stores is JSON: the round trip through it gives back what the person typed.
    const back = rubricOfDraft(JSON.parse(JSON.stringify(draft)));
    expect(Number.isNaN(back.sumTolerance)).toBe(true);
    expect(Number.isNaN(back.likelihood[0]!.low)).toBe(true);
    expect(back.title).toEqual({ en: "" });
    expect(sameRubric(back, halfTyped)).toBe(true);
  });

  it("leaves a well-formed rubric as it is, and tells changes apart", () => {
    expect(rubricOfDraft(draftRubricOf(DEFAULT_RUBRIC))).toEqual(DEFAULT_RUBRIC);
    expect(draftRubricOf(DEFAULT_RUBRIC).consistency).toEqual(DEFAULT_RUBRIC.consistency);
    expect(sameRubric(DEFAULT_RUBRIC, { ...DEFAULT_RUBRIC })).toBe(true);
    expect(sameRubric(DEFAULT_RUBRIC, { ...DEFAULT_RUBRIC, sumTolerance: 6 })).toBe(false);
    expect(sameRubric(DEFAULT_RUBRIC, halfTyped)).toBe(false);
  });
});
