import { describe, expect, it } from "vitest";
import { issuesOf } from "../validation/issues";
import { DEFAULT_RUBRIC, RubricSchema } from "./rubric";
import { addCatalogTerm, addOwnTerm, changeTerm, issuePlace, issuesByPlace, missingCatalogTerms, moveTerm, newRubric, ownTermIdProblem, removeTerm, termsOf, withLabel } from "./rubric-edit";

const base = newRubric("treaty", { en: "Treaty rubric" });

describe("editing a rubric", () => {
  it("starts from scratch with the default's scales and questions, its own id and title, and is valid", () => {
    expect(RubricSchema.parse(base)).toEqual({ ...DEFAULT_RUBRIC, id: "treaty", title: { en: "Treaty rubric" } });
  });

  it("adds a catalog term back with the default's band or code, and lists the catalog terms missing", () => {
    const without = removeTerm(removeTerm(base, "likelihood", 4), "consistency", 0);
    expect(missingCatalogTerms(without, "likelihood")).toEqual(["likely"]);
    expect(missingCatalogTerms(without, "consistency")).toEqual(["very-consistent"]);
    const back = addCatalogTerm(without, "consistency", "very-consistent");
    expect(termsOf(back, "consistency").at(-1)).toEqual({ id: "very-consistent", code: "CC" });
    expect(termsOf(addCatalogTerm(without, "likelihood", "likely"), "likelihood").at(-1)).toEqual({ id: "likely", low: 55, high: 80 });
    expect(missingCatalogTerms(back, "consistency")).toEqual([]);
    expect(() => addCatalogTerm(base, "confidence", "remote")).toThrow(RangeError);
  });

  it("adds an own term that needs labels, whose id must be new and not the catalog's", () => {
    expect(ownTermIdProblem(base, "likelihood", "Remote")).toBe("format");
    expect(ownTermIdProblem(base, "likelihood", "")).toBe("format");
    expect(ownTermIdProblem(base, "likelihood", "likely")).toBe("catalog");
    expect(ownTermIdProblem(base, "likelihood", "remote")).toBeUndefined();
    const added = addOwnTerm(base, "likelihood", "remote");
    expect(ownTermIdProblem(added, "likelihood", "remote")).toBe("taken");
    expect(termsOf(added, "likelihood").at(-1)).toEqual({ id: "remote", label: {}, low: 99, high: 100 });
    // Without a label it is refused, at that term.
    const parsed = RubricSchema.safeParse(added);
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : issuesOf(parsed.error);
    expect(issues.map(issuePlace)).toEqual(["likelihood.7"]);
    const labelled = changeTerm(added, "likelihood", 7, { label: withLabel(withLabel(undefined, "en", "Remote"), "fr", "Lointaine") });
    expect(RubricSchema.parse(labelled).likelihood.at(-1)).toEqual({ id: "remote", label: { en: "Remote", fr: "Lointaine" }, low: 99, high: 100 });
    expect(termsOf(addOwnTerm(base, "consistency", "irrelevant"), "consistency").at(-1)).toEqual({ id: "irrelevant", label: {}, code: "" });
  });

  it("moves terms within their scale, never past its ends", () => {
    const moved = moveTerm(base, "confidence", 0, 1);
    expect(termsOf(moved, "confidence").map((t) => t.id)).toEqual(["moderate", "low", "high"]);
    expect(moveTerm(base, "confidence", 0, -1)).toBe(base);
    expect(moveTerm(base, "confidence", 2, 1)).toBe(base);
    // Out of order likelihood terms are refused where the order breaks.
    const parsed = RubricSchema.safeParse(moveTerm(base, "likelihood", 0, 1));
    expect(parsed.success ? [] : issuesOf(parsed.error).map((i) => [issuePlace(i), i.reason])).toEqual([["likelihood.1", "rubric-likelihood-order"]]);
  });

  it("sets and clears a label per language, keeping the others", () => {
    const text = withLabel({ en: "Remote", ar: "بعيد" }, "fr", "Lointaine");
    expect(text).toEqual({ ar: "بعيد", en: "Remote", fr: "Lointaine" });
    expect(withLabel(text, "en", "")).toEqual({ ar: "بعيد", fr: "Lointaine" });
  });

  it("places each issue on the field it is about, and the rest above the form", () => {
    const placesOf = (candidate: unknown) => {
      const parsed = RubricSchema.safeParse(candidate);
      return issuesByPlace(parsed.success ? [] : issuesOf(parsed.error));
    };
    const places = placesOf({ ...base, title: {}, sumTolerance: 70, asks: { ...base.asks, range: "sometimes" }, confidence: [{ id: "low" }] });
    expect([...places.keys()].sort()).toEqual(["asks.range", "confidence", "sumTolerance", "title"]);
    // The checks across terms run once every field is well formed.
    const duplicate = placesOf({ ...base, consistency: [...base.consistency, { id: "very-consistent", code: "CC" }] });
    expect([...duplicate.keys()]).toEqual(["consistency"]);
    expect(duplicate.get("consistency")?.[0]?.reason).toBe("rubric-duplicate-term");
    expect(issuePlace({ code: "unrecognized_keys", path: [], keys: ["x"] })).toBe("form");
  });
});
