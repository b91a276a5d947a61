import { beforeAll, describe, expect, it } from "vitest";
import type { Tlp } from "../case/model";
import { loadCrypto } from "../crypto/sodium";
import { pointerOf, resolvePointer } from "../formats/json-pointer";
import { concealPayload, cryptoRandom, revealPayload } from "../formats/selective-disclosure";
import { draftFromStatistics, type Opinion } from "./opinion";
import { FIXTURE_NOW, opinionFixture, type OpinionFixture } from "./opinion.testing";
import {
  DEFAULT_EVIDENCE_REASON,
  checkMarks,
  defaultMarks,
  estimateRegionPointers,
  rosterDetailPointer,
  type WithholdingMark,
} from "./withholding";

let f: OpinionFixture;
let doc: Opinion;
let withRegions: Opinion;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  f = opinionFixture();
  const make = (regions: boolean) => {
    const d = draftFromStatistics(f.received, f.statistics, { aggregate: "median", regions, reasoning: "First.\n\nSecond.", draftedAt: FIXTURE_NOW }, (x) => [...x]);
    if (!d.ok) throw new Error(JSON.stringify(d.error));
    return d.value;
  };
  doc = make(false);
  withRegions = make(true);
});

describe("evidence withholdable by default", () => {
  it("marks exactly the TLP:RED and TLP:AMBER+STRICT items, by their place in the opinion", () => {
    const restricted = new Set<Tlp>(["RED", "AMBER+STRICT"]);
    const expected = doc.evidence.flatMap((e, i) => (restricted.has(e.marking) ? [`/evidence/${i}`] : []));
    // The sample case holds three RED items and two AMBER+STRICT ones.
    expect(expected).toHaveLength(5);
    const marks = defaultMarks(doc, f.received.case);
    expect(marks.map((m) => m.pointer)).toEqual(expected);
    for (const m of marks) expect(m.reason).toBe(DEFAULT_EVIDENCE_REASON);
    expect(marks.map((m) => (resolvePointer(doc, m.pointer)?.value as { marking: Tlp }).marking).sort()).toEqual(["AMBER+STRICT", "AMBER+STRICT", "RED", "RED", "RED"]);
    expect(checkMarks(doc, marks)).toEqual({ ok: true, value: marks });
  });

  it("follows the case's marking too, where the opinion's copy says less", () => {
    const relaxed = { ...doc, evidence: doc.evidence.map((e) => ({ ...e, marking: "CLEAR" as const })) };
    expect(defaultMarks(relaxed, f.received.case)).toEqual(defaultMarks(doc, f.received.case));
    expect(defaultMarks(relaxed, { evidence: [] })).toEqual([]);
  });

  it("follows the opinion's evidence list, not the case's, when the chair relied on fewer items", () => {
    const red = f.received.case.evidence.filter((e) => e.marking === "RED").map((e) => e.id);
    const clear = f.received.case.evidence.filter((e) => e.marking === "CLEAR").map((e) => e.id);
    const d = draftFromStatistics(f.received, f.statistics, { aggregate: "median", regions: false, evidence: [...clear, red[0]!], draftedAt: FIXTURE_NOW }, (x) => [...x]);
    expect(d.ok && defaultMarks(d.value, f.received.case)).toEqual([{ pointer: pointerOf(["evidence", d.ok ? d.value.evidence.findIndex((e) => e.id === red[0]) : -1]), reason: DEFAULT_EVIDENCE_REASON }]);
  });
});

describe("marks the chair makes", () => {
  it("accepts a field, a paragraph, an evidence item, roster details and the region of an estimate, nested or not", () => {
    const seat = withRegions.roster[2]!.seat;
    const marks: WithholdingMark[] = [
      { pointer: "/reasoning/1", reason: "ongoing-proceedings" },
      { pointer: "/findings/1/legalBasis", reason: "ongoing-proceedings" },
      { pointer: "/findings/1/stateResponsibility", reason: "ongoing-proceedings" },
      { pointer: "/evidence/0", reason: "sources-and-methods" },
      { pointer: "/evidence/0/sha256/0", reason: "sources-and-methods" },
      { pointer: rosterDetailPointer(withRegions, seat, "affiliation")!, reason: "personal-data" },
      { pointer: rosterDetailPointer(withRegions, seat, "name")!, reason: "personal-data" },
      { pointer: "/roster/2", reason: "personal-data" },
      { pointer: estimateRegionPointers(withRegions)[0]!, reason: "personal-data" },
      { pointer: "/caseTitle", reason: "third-party-confidentiality" },
    ];
    expect(marks.find((m) => m.pointer.endsWith("affiliation"))?.pointer).toBe("/roster/2/affiliation");
    expect(resolvePointer(withRegions, "/roster/2/affiliation")?.value).toBe(f.received.roster[2]?.affiliation);
    expect(checkMarks(withRegions, marks)).toEqual({ ok: true, value: marks });
  });

  it("finds a region to mark on every released estimate only when regions are released", () => {
    expect(estimateRegionPointers(doc)).toEqual([]);
    const pointers = estimateRegionPointers(withRegions);
    expect(pointers).toHaveLength(withRegions.estimates.reduce((n, e) => n + e.values.length, 0));
    expect(pointers[0]).toBe("/estimates/0/values/0/region");
    for (const p of pointers) expect(typeof resolvePointer(withRegions, p)?.value).toBe("string");
    expect(rosterDetailPointer(doc, "SHA256:nobody", "region")).toBeUndefined();
  });

  it("refuses, as values, every mark that names nothing or what cannot be withheld, and a mark made twice", () => {
    const marks: unknown[] = [
      { pointer: "/reasoning/2", reason: "personal-data" }, // two paragraphs: 0 and 1
      { pointer: "/reasoning/-", reason: "personal-data" }, // "-" names the place after the last element
      { pointer: "/reasoning/01", reason: "personal-data" }, // a leading zero is no index
      { pointer: "/findings/0/legalBasis", reason: "personal-data" }, // a tie: no legal basis found
      { pointer: "/estimates/0/values/0/region", reason: "personal-data" }, // regions not released
      { pointer: "/roster/0/affiliation/x", reason: "personal-data" }, // inside a string
      { pointer: "", reason: "personal-data" },
      { pointer: "/format", reason: "personal-data" },
      { pointer: "/caseId", reason: "personal-data" },
      { pointer: "/evidence/0", reason: "personal-data" },
      { pointer: "/evidence/0", reason: "sources-and-methods" },
      { pointer: "evidence/0", reason: "personal-data" }, // not a pointer
      { pointer: "/evidence/~2", reason: "personal-data" }, // a bad escape
      { pointer: "/evidence/1", reason: "embarrassment" },
      "/evidence/1",
    ];
    expect(checkMarks(doc, marks)).toEqual({
      ok: false,
      error: [
        { kind: "nothing-there", pointer: "/reasoning/2" },
        { kind: "nothing-there", pointer: "/reasoning/-" },
        { kind: "nothing-there", pointer: "/reasoning/01" },
        { kind: "nothing-there", pointer: "/findings/0/legalBasis" },
        { kind: "nothing-there", pointer: "/estimates/0/values/0/region" },
        { kind: "nothing-there", pointer: "/roster/0/affiliation/x" },
        { kind: "not-withholdable", pointer: "" },
        { kind: "not-withholdable", pointer: "/format" },
        { kind: "not-withholdable", pointer: "/caseId" },
        { kind: "marked-twice", pointer: "/evidence/0" },
        { kind: "not-a-mark", index: 11 },
        { kind: "not-a-mark", index: 12 },
        { kind: "not-a-mark", index: 13 },
        { kind: "not-a-mark", index: 14 },
      ],
    });
  });

  it("does not reach inherited properties", () => {
    expect(resolvePointer(doc, "/toString")).toBeUndefined();
    expect(resolvePointer(doc, "/findings/length")).toBeUndefined();
    expect(resolvePointer(doc, "/__proto__")).toBeUndefined();
  });
});

describe("marks and the selective-disclosure payload", () => {
  it("conceals exactly the checked marks, nested ones included, and every disclosure reveals the same opinion", () => {
    const seat = withRegions.roster[1]!.seat;
    const marks = [
      ...defaultMarks(withRegions, f.received.case),
      { pointer: rosterDetailPointer(withRegions, seat, "affiliation")!, reason: "personal-data" as const },
      { pointer: "/roster/1", reason: "personal-data" as const },
      ...estimateRegionPointers(withRegions).map((pointer) => ({ pointer, reason: "personal-data" as const })),
      { pointer: "/reasoning/0", reason: "ongoing-proceedings" as const },
    ];
    const checked = checkMarks(withRegions, marks);
    if (!checked.ok) throw new Error(JSON.stringify(checked.error));
    const concealed = concealPayload(withRegions, checked.value.map((m) => m.pointer), { random: cryptoRandom });
    if (!concealed.ok) throw new Error(JSON.stringify(concealed.error));
    expect(concealed.value.disclosures.map((d) => d.pointer).sort()).toEqual(marks.map((m) => m.pointer).sort());
    expect(JSON.stringify(concealed.value.payload)).not.toContain(f.received.roster[1]!.affiliation);
    const all = revealPayload(concealed.value.payload, concealed.value.disclosures.map((d) => d.encoded));
    expect(all.ok && all.value).toEqual(withRegions);
    // Withholding the default marks removes those evidence items, and only them.
    const defaults = new Set(defaultMarks(withRegions, f.received.case).map((m) => m.pointer));
    const released = revealPayload(concealed.value.payload, concealed.value.disclosures.filter((d) => !defaults.has(d.pointer)).map((d) => d.encoded));
    expect(released.ok && (released.value["evidence"] as unknown[]).length).toBe(withRegions.evidence.length - defaults.size);
  });
});

describe("pointers into the opinion", () => {
  it("resolve every value of the opinion to that value", () => {
    const walk = (value: unknown, tokens: (string | number)[]): void => {
      expect(resolvePointer(doc, pointerOf(tokens))).toEqual({ value });
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...tokens, i]));
      else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...tokens, k]);
    };
    walk(doc, []);
  });
});
