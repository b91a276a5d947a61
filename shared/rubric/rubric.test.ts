import { describe, expect, it } from "vitest";
import { issuesOf } from "../validation/issues";
import { CATALOG_TERMS, DEFAULT_ASKS, DEFAULT_RUBRIC, DEFAULT_RUBRIC_ID, DEFAULT_SUM_TOLERANCE, localizedText, readLegacyRubric, REQUIREMENTS, RUBRIC_QUESTIONS, RUBRIC_SCALES, RubricSchema, type Rubric } from "./rubric";

/** The default rubric as version 0.x wrote it into packets and vaults: English labels and title. */
const LEGACY_DEFAULT = {
  format: "attribution-panel/rubric",
  version: 1,
  id: "default-v1",
  title: "Default rubric: ICD 203 likelihood, analytic confidence, Healey's spectrum, Tallinn Manual 2.0, ACH, Admiralty",
  likelihood: [
    { id: "almost-no-chance", label: "Almost no chance", low: 1, high: 5 },
    { id: "very-unlikely", label: "Very unlikely", low: 5, high: 20 },
    { id: "unlikely", label: "Unlikely", low: 20, high: 45 },
    { id: "roughly-even-chance", label: "Roughly even chance", low: 45, high: 55 },
    { id: "likely", label: "Likely", low: 55, high: 80 },
    { id: "very-likely", label: "Very likely", low: 80, high: 95 },
    { id: "almost-certain", label: "Almost certain", low: 95, high: 99 },
  ],
  confidence: [
    { id: "low", label: "Low" },
    { id: "moderate", label: "Moderate" },
    { id: "high", label: "High" },
  ],
  evidenceBasis: [
    { id: "limited", label: "Limited" },
    { id: "medium", label: "Medium" },
    { id: "robust", label: "Robust" },
  ],
  agreement: [
    { id: "low", label: "Low" },
    { id: "medium", label: "Medium" },
    { id: "high", label: "High" },
  ],
  stateResponsibility: CATALOG_TERMS.stateResponsibility.map((id) => ({ id, label: id })),
  legalBasis: CATALOG_TERMS.legalBasis.map((id) => ({ id, label: id })),
  consistency: [
    { id: "very-consistent", code: "CC", label: "Very consistent" },
    { id: "consistent", code: "C", label: "Consistent" },
    { id: "neutral", code: "N", label: "Neutral" },
    { id: "inconsistent", code: "I", label: "Inconsistent" },
    { id: "very-inconsistent", code: "II", label: "Very inconsistent" },
    { id: "not-applicable", code: "NA", label: "Not applicable" },
  ],
};

/** A secretariat's own rubric: catalog terms reused by id, one term of its own, labels in two languages. */
const custom = (): Rubric => ({
  ...DEFAULT_RUBRIC,
  id: "secretariat-2026",
  title: { en: "Secretariat rubric 2026", fr: "Grille du secrétariat 2026" },
  confidence: [{ id: "low" }, { id: "high" }, { id: "very-high", label: { en: "Very high", fr: "Très élevée" } }],
});

const reasons = (value: unknown): (string | undefined)[] => {
  const parsed = RubricSchema.safeParse(value);
  return parsed.success ? [] : issuesOf(parsed.error).map((i) => i.reason);
};

describe("rubric", () => {
  it("the default rubric is valid and has the scales the design names", () => {
    expect(RubricSchema.parse(DEFAULT_RUBRIC)).toEqual(DEFAULT_RUBRIC);
    expect(DEFAULT_RUBRIC.likelihood.map((t) => [t.id, t.low, t.high])).toContainEqual(["roughly-even-chance", 45, 55]);
    expect(DEFAULT_RUBRIC.stateResponsibility).toHaveLength(10);
    expect(DEFAULT_RUBRIC.consistency.map((t) => t.code)).toEqual(["CC", "C", "N", "I", "II", "NA"]);
  });

  it("the default rubric carries ids only: no title, no label, every term from the catalog", () => {
    const json = JSON.stringify(DEFAULT_RUBRIC);
    expect(json).not.toContain('"label"');
    expect(json).not.toContain('"title"');
    expect(json).not.toMatch(/Likely|Moderate|Tallinn|Healey/);
    for (const scale of RUBRIC_SCALES) expect(DEFAULT_RUBRIC[scale].map((t) => t.id)).toEqual([...CATALOG_TERMS[scale]]);
  });

  it("refuses likelihood terms out of order or with inverted ranges, naming the reason", () => {
    const swapped = { ...DEFAULT_RUBRIC, likelihood: [DEFAULT_RUBRIC.likelihood[1], DEFAULT_RUBRIC.likelihood[0], ...DEFAULT_RUBRIC.likelihood.slice(2)] };
    expect(reasons(swapped)).toContain("rubric-likelihood-order");
    const inverted = { ...DEFAULT_RUBRIC, likelihood: [{ id: "x", label: { en: "X" }, low: 50, high: 10 }, ...DEFAULT_RUBRIC.likelihood] };
    expect(reasons(inverted)).toContain("rubric-range-inverted");
  });

  it("accepts a secretariat's rubric with its own labels per language", () => {
    expect(RubricSchema.parse(custom())).toEqual(custom());
  });

  it("refuses a term of the secretariat's own without a label, and a label in no language", () => {
    const unlabelled = { ...custom(), confidence: [{ id: "low" }, { id: "very-high" }] };
    expect(reasons(unlabelled)).toEqual(["rubric-label-required"]);
    // A catalog id of another scale is not a catalog term here ("limited" is evidence basis, not confidence).
    expect(reasons({ ...custom(), confidence: [{ id: "low" }, { id: "limited" }] })).toEqual(["rubric-label-required"]);
    expect(reasons({ ...custom(), confidence: [{ id: "low" }, { id: "very-high", label: {} }] })).toEqual(["rubric-no-language"]);
    expect(reasons({ ...custom(), confidence: [{ id: "low" }, { id: "very-high", label: { en: "   " } }] })).not.toEqual([]);
  });

  it("accepts the six UN languages only, any one of them alone", () => {
    expect(reasons({ ...custom(), title: { es: "Rúbrica" } })).toEqual([]);
    expect(reasons({ ...custom(), title: { de: "Bewertung" } })).not.toEqual([]);
  });

  it("requires a title of any rubric but the default, and distinct ids per scale", () => {
    const { title: _untitled, ...rest } = custom();
    expect(reasons(rest)).toEqual(["rubric-title-required"]);
    expect(reasons({ ...custom(), confidence: [{ id: "low" }, { id: "low" }] })).toEqual(["rubric-duplicate-term"]);
  });

  it("shows a label in the current language, else English, else the first in the UN's order", () => {
    const text = { ru: "Высокая", fr: "Élevée", en: "High" };
    expect(localizedText(text, "fr")).toEqual({ text: "Élevée", language: "fr" });
    expect(localizedText(text, "ar")).toEqual({ text: "High", language: "en" });
    expect(localizedText({ ru: "Высокая", fr: "Élevée" }, "zh")).toEqual({ text: "Élevée", language: "fr" });
    expect(localizedText({ es: "Alta", ar: "عالية" }, "pseudo")).toEqual({ text: "عالية", language: "ar" });
  });

  it("reads the default rubric an earlier version stored, English labels and all, as the ids-only default", () => {
    expect(RubricSchema.parse(LEGACY_DEFAULT)).toEqual(DEFAULT_RUBRIC);
    expect(DEFAULT_RUBRIC.id).toBe(DEFAULT_RUBRIC_ID);
  });

  it("reads an earlier version's labels of another rubric as English", () => {
    const legacy = { ...LEGACY_DEFAULT, id: "other", title: "Other rubric", confidence: [{ id: "low", label: "Low" }, { id: "very-high", label: "Very high" }] };
    const read = RubricSchema.parse(legacy);
    expect(read.title).toEqual({ en: "Other rubric" });
    expect(read.confidence).toEqual([
      { id: "low", label: { en: "Low" } },
      { id: "very-high", label: { en: "Very high" } },
    ]);
    // Values already in this version's form pass through unchanged.
    expect(readLegacyRubric(custom())).toEqual(custom());
  });
});

describe("rubric format version 2: what a rubric asks", () => {
  it("reads a version 1 rubric as its first revision asking what the default asks", () => {
    const read = RubricSchema.parse(LEGACY_DEFAULT);
    expect(read).toEqual(DEFAULT_RUBRIC);
    expect(read.revision).toBe(1);
    expect(read.asks).toEqual(DEFAULT_ASKS);
    expect(read.sumTolerance).toBe(DEFAULT_SUM_TOLERANCE);
    const v1Custom = { ...custom(), version: 1, revision: undefined, asks: undefined, sumTolerance: undefined };
    const v1 = JSON.parse(JSON.stringify(v1Custom)) as Record<string, unknown>;
    expect(RubricSchema.parse(v1)).toEqual(custom());
  });

  it("refuses an unknown question, an unknown requirement, a missing question and a tolerance out of range", () => {
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, mood: "optional" } }).success).toBe(false);
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, range: "sometimes" } }).success).toBe(false);
    const { ach: _ach, ...withoutAch } = DEFAULT_ASKS;
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, asks: withoutAch }).success).toBe(false);
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, sumTolerance: 51 }).success).toBe(false);
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, sumTolerance: -1 }).success).toBe(false);
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, revision: 0 }).success).toBe(false);
    expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, version: 3 }).success).toBe(false);
  });

  it("every question can be turned off, made optional or required", () => {
    for (const q of RUBRIC_QUESTIONS) for (const r of REQUIREMENTS) expect(RubricSchema.safeParse({ ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, [q]: r } }).success).toBe(true);
  });
});
