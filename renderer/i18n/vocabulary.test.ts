import { i18n, type MessageDescriptor } from "@lingui/core";
import { beforeEach, describe, expect, it } from "vitest";
import { CREDIBILITY_GRADES, CUSTODY_ACTIONS, EVIDENCE_KINDS, RELIABILITY_GRADES, SECTORS, TLP_MARKINGS } from "../../shared/case/model";
import { UN_REGION_IDS } from "../../shared/identity/un-regions";
import { CATALOG_TERMS, DEFAULT_RUBRIC, RUBRIC_SCALES, type Rubric } from "../../shared/rubric/rubric";
import {
  AGREEMENT_LABEL,
  CATCH_ALL_STATEMENT,
  claimStatement,
  CONFIDENCE_LABEL,
  CREDIBILITY_LABEL,
  CUSTODY_ACTION_LABEL,
  EVIDENCE_KIND_LABEL,
  regionLabel,
  regionName,
  RELIABILITY_LABEL,
  RUBRIC_SCALE_LABEL,
  RUBRIC_TERM_LABEL,
  rubricTermLabel,
  rubricTitle,
  SECTOR_LABEL,
  TLP_RULE,
  tlpLabel,
  UN_REGION_ABBREVIATION,
  UN_REGION_NAME,
} from "./vocabulary";

beforeEach(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

/** Every id of `ids` has a descriptor in `table` with English text, and the table has no other key. */
function covers(table: Readonly<Record<string, MessageDescriptor>>, ids: readonly string[]) {
  expect(Object.keys(table).sort()).toEqual([...ids].sort());
  for (const id of ids) expect(i18n._(table[id]!).trim()).not.toBe("");
}

describe("domain vocabularies", () => {
  it("name every id the code stores", () => {
    covers(TLP_RULE, TLP_MARKINGS);
    covers(RELIABILITY_LABEL, RELIABILITY_GRADES);
    covers(CREDIBILITY_LABEL, CREDIBILITY_GRADES);
    covers(EVIDENCE_KIND_LABEL, EVIDENCE_KINDS);
    covers(CUSTODY_ACTION_LABEL, CUSTODY_ACTIONS);
    covers(SECTOR_LABEL, SECTORS);
    covers(UN_REGION_NAME, UN_REGION_IDS);
    covers(UN_REGION_ABBREVIATION, UN_REGION_IDS);
    covers(RUBRIC_SCALE_LABEL, RUBRIC_SCALES);
    for (const scale of RUBRIC_SCALES) covers(RUBRIC_TERM_LABEL[scale], CATALOG_TERMS[scale]);
  });

  it("give a word used in two scales two messages, so each language can word it apart", () => {
    expect(i18n._(CONFIDENCE_LABEL.low)).toBe(i18n._(AGREEMENT_LABEL.low));
    expect(CONFIDENCE_LABEL.low.id).not.toBe(AGREEMENT_LABEL.low.id);
    expect(SECTOR_LABEL.other.id).not.toBe(EVIDENCE_KIND_LABEL.other.id);
  });

  it("word them in the current language", () => {
    expect(i18n._(RELIABILITY_LABEL.B)).toBe("Usually reliable");
    expect(i18n._(EVIDENCE_KIND_LABEL["open-source"])).toBe("Open source");
    i18n.loadAndActivate({ locale: "fr", messages: { [RELIABILITY_LABEL.B.id]: "Habituellement fiable" } });
    expect(i18n._(RELIABILITY_LABEL.B)).toBe("Habituellement fiable");
  });

  it("keep the TLP label as FIRST writes it, whatever the language", () => {
    i18n.loadAndActivate({ locale: "ar", messages: {} });
    expect(tlpLabel("AMBER+STRICT")).toBe("TLP:AMBER+STRICT");
  });

  it("name the UN regional groups officially, with their abbreviation; an unknown id as it is", () => {
    expect(regionLabel(i18n, "latin-american-and-caribbean-states")).toBe("Latin American and Caribbean States (GRULAC)");
    expect(regionLabel(i18n, "western-european-and-others-states")).toBe("Western European and other States (WEOG)");
    expect(regionName(i18n, "african-states")).toBe("African States");
    expect(regionLabel(i18n, "atlantis")).toBe("atlantis");
  });
});

describe("the catch-all claim", () => {
  it("is worded from the catalog, never from the stored statement", () => {
    expect(claimStatement(i18n, { catchAll: true, statement: "" })).toBe(i18n._(CATCH_ALL_STATEMENT));
    expect(claimStatement(i18n, { catchAll: true, statement: "" })).toMatch(/^Another actor/);
    expect(claimStatement(i18n, { catchAll: false, statement: "State A did it." })).toBe("State A did it.");
    i18n.loadAndActivate({ locale: "es", messages: { [CATCH_ALL_STATEMENT.id]: "Otro actor, o un actor que no puede identificarse, llevó a cabo la campaña." } });
    expect(claimStatement(i18n, { catchAll: true, statement: "" })).toMatch(/^Otro actor/);
  });
});

describe("rubric text", () => {
  const custom: Rubric = {
    ...DEFAULT_RUBRIC,
    id: "secretariat-2026",
    title: { fr: "Grille du secrétariat" },
    confidence: [{ id: "low" }, { id: "very-high", label: { en: "Very high", fr: "Très élevée" } }],
  };

  it("names the default rubric's terms and title from the catalog", () => {
    expect(DEFAULT_RUBRIC.likelihood.map((t) => rubricTermLabel(i18n, "likelihood", t).text)).toContain("Roughly even chance");
    expect(rubricTermLabel(i18n, "consistency", DEFAULT_RUBRIC.consistency[0]!)).toEqual({ text: "Very consistent" });
    expect(rubricTitle(i18n, DEFAULT_RUBRIC).text).toMatch(/^Default rubric/);
  });

  it("shows a secretariat's own labels in the current language, else another one, marked with its language", () => {
    const [low, veryHigh] = custom.confidence as [Rubric["confidence"][number], Rubric["confidence"][number]];
    expect(rubricTermLabel(i18n, "confidence", low)).toEqual({ text: "Low" });
    expect(rubricTermLabel(i18n, "confidence", veryHigh)).toEqual({ text: "Very high" });
    expect(rubricTitle(i18n, custom)).toEqual({ text: "Grille du secrétariat", lang: "fr" });
    i18n.loadAndActivate({ locale: "fr", messages: {} });
    expect(rubricTermLabel(i18n, "confidence", veryHigh)).toEqual({ text: "Très élevée" });
    expect(rubricTitle(i18n, custom)).toEqual({ text: "Grille du secrétariat" });
    i18n.loadAndActivate({ locale: "ru", messages: {} });
    expect(rubricTermLabel(i18n, "confidence", veryHigh)).toEqual({ text: "Very high", lang: "en" });
  });
});
