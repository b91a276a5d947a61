import { describe, expect, it } from "vitest";
import { draftRubricOf, draftToOffer, rubricDraftRecord, rubricOfDraft, sameRubric } from "./draft-rubric";
import { RubricDraftSchema } from "./records/rubric-draft.record";
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

describe("the draft the rubric editor keeps, and whether one read back is offered", () => {
  const saved: Rubric = { ...DEFAULT_RUBRIC, id: "treaty", revision: 3, title: { en: "Treaty rubric" } };

  it("builds a draft record the vault's schema accepts, its numbers without a number as null", () => {
    const draft = rubricDraftRecord("treaty", 3, "2026-11-22T10:00:00.000Z", halfTyped);
    expect(RubricDraftSchema.safeParse(draft).success).toBe(true);
    expect(draft).toMatchObject({ format: "attribution-panel/rubric-draft", version: 1, rubricId: "treaty", baseRevision: 3, savedAt: "2026-11-22T10:00:00.000Z" });
    expect(draft.rubric.sumTolerance).toBeNull();
    expect(sameRubric(rubricOfDraft(draft.rubric), halfTyped)).toBe(true);
  });

  it("offers a draft that differs from the rubric as saved, and none that says the same (whatever revision it began from)", () => {
    const edited = rubricDraftRecord("treaty", 3, "2026-11-22T10:00:00.000Z", { ...saved, sumTolerance: 7 });
    expect(draftToOffer(edited, saved)).toBe(edited);
    expect(draftToOffer(rubricDraftRecord("treaty", 3, "2026-11-22T10:00:00.000Z", saved), saved)).toBeUndefined();
    // Begun from revision 2, saying what revision 3 says: nothing to offer.
    expect(draftToOffer(rubricDraftRecord("treaty", 2, "2026-11-22T10:00:00.000Z", { ...saved, revision: 2 }), saved)).toBeUndefined();
    expect(draftToOffer(null, saved)).toBeUndefined();
    expect(draftToOffer(undefined, saved)).toBeUndefined();
  });
});
