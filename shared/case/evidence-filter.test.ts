import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterEvidence, foldText, matchesEvidence, stepThrough } from "./evidence-filter";
import { EVIDENCE_KINDS, TLP_MARKINGS, type Evidence } from "./model";
import { EvidenceIdSchema } from "./model";

const item = (over: Partial<Evidence>): Pick<Evidence, "title" | "description" | "sourceDescription" | "kind" | "marking"> & { id: string } => ({
  id: "x",
  title: "",
  description: "",
  sourceDescription: "",
  kind: "other",
  marking: "AMBER",
  ...over,
});

const [A, B, C] = ["a", "b", "c"].map((x) => EvidenceIdSchema.parse(`evidence-item-${x}-0000000`));
const items = [
  item({ id: A, title: "VPN log of the Eastwater HMI", description: "Sessions from 2025-09-02.", kind: "log-extract", marking: "AMBER+STRICT" }),
  item({ id: B, title: "Malware sample WIPERLITE", description: "Overwrites the pump controllers' firmware.", kind: "malware-sample", marking: "RED" }),
  item({ id: C, title: "Rapport de l'Agence nationale", description: "Analyse de la société d'énergie.", sourceDescription: "CERT-FR", kind: "technical-report", marking: "GREEN" }),
];
const ids = (list: readonly { id: string }[]) => list.map((e) => e.id);

describe("evidence search and filters", () => {
  it("an empty query lists every item, in the case's order", () => {
    expect(ids(filterEvidence(items, { text: "" }))).toEqual([A, B, C]);
    expect(ids(filterEvidence(items, { text: "   ", kinds: [], markings: [] }))).toEqual([A, B, C]);
  });

  it("every word must appear in the title, description or source, in any case and without accents", () => {
    expect(ids(filterEvidence(items, { text: "eastwater" }))).toEqual([A]);
    expect(ids(filterEvidence(items, { text: "PUMP firmware" }))).toEqual([B]);
    expect(ids(filterEvidence(items, { text: "pump eastwater" }))).toEqual([]);
    expect(ids(filterEvidence(items, { text: "energie societe" }))).toEqual([C]);
    expect(ids(filterEvidence(items, { text: "cert-fr" }))).toEqual([C]);
  });

  it("filters by kind and by marking, combined with the search", () => {
    expect(ids(filterEvidence(items, { text: "", kinds: ["malware-sample", "log-extract"] }))).toEqual([A, B]);
    expect(ids(filterEvidence(items, { text: "", markings: ["RED"] }))).toEqual([B]);
    expect(ids(filterEvidence(items, { text: "", kinds: ["log-extract"], markings: ["RED"] }))).toEqual([]);
    expect(ids(filterEvidence(items, { text: "firmware", markings: ["RED", "GREEN"] }))).toEqual([B]);
  });

  it("a filtered list only ever holds matching items (property)", () => {
    const arbItem = fc.record({
      id: fc.string(),
      title: fc.string(),
      description: fc.string(),
      sourceDescription: fc.string(),
      kind: fc.constantFrom(...EVIDENCE_KINDS),
      marking: fc.constantFrom(...TLP_MARKINGS),
    });
    fc.assert(
      fc.property(fc.array(arbItem), fc.string(), fc.subarray([...EVIDENCE_KINDS]), (list, text, kinds) => {
        const out = filterEvidence(list, { text, kinds });
        for (const e of out) expect(matchesEvidence(e, { text, kinds })).toBe(true);
        expect(out.length).toBeLessThanOrEqual(list.length);
        // A word taken from an item's title always finds that item.
        for (const e of list) {
          const word = foldText(e.title).split(/\s+/u).find((w) => w !== "");
          if (word) expect(filterEvidence([e], { text: word })).toHaveLength(1);
        }
      }),
    );
  });
});

describe("moving between items", () => {
  const list = ["a", "b", "c"];
  it("steps forward and back, stopping at either end", () => {
    expect(stepThrough(list, "a", 1)).toBe("b");
    expect(stepThrough(list, "c", 1)).toBe("c");
    expect(stepThrough(list, "b", -1)).toBe("a");
    expect(stepThrough(list, "a", -1)).toBe("a");
  });
  it("with nothing open, or the open item filtered out, opens the first (or the last going back)", () => {
    expect(stepThrough(list, undefined, 1)).toBe("a");
    expect(stepThrough(list, "z", -1)).toBe("c");
    expect(stepThrough([], "a", 1)).toBeUndefined();
  });
});
