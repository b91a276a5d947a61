import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { parseCanonicalJson } from "../formats/jcs";
import type { MemoryVaultStorage } from "../vault/memory-storage";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { must, newTestVault } from "./case.testing";
import { ClaimSchema, EvidenceSchema, type Tlp } from "./model";
import { importStixIntoCase, newCase, saveCase } from "./secretariat";
import {
  CASE_MAX_CLAIMS,
  CASE_MAX_EVIDENCE,
  claimsWithCatchAll,
  importStixBundle,
  MAX_BUNDLE_OBJECTS,
  MAX_BUNDLE_VALUES,
  MAX_ORIGINALS_BYTES,
  TLP_MARKING_IDS,
  type StixError,
  type StixImport,
} from "./stix";

const SAMPLE_BYTES = new Uint8Array(readFileSync(new URL("./sample/sample-bundle.json", import.meta.url)));
type StixObject = Record<string, unknown> & { type: string; id: string };
const SAMPLE = JSON.parse(new TextDecoder().decode(SAMPLE_BYTES)) as { type: "bundle"; id: string; objects: StixObject[] };
const sampleObject = (predicate: (o: StixObject) => boolean): StixObject => {
  const found = SAMPLE.objects.find(predicate);
  if (!found) throw new Error("no such object in the sample bundle");
  return found;
};
const named = (name: string) => sampleObject((o) => o["name"] === name);

// --- small bundles built in the tests ---------------------------------------

let counter = 0;
const sid = (type: string) => `${type}--00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, "0")}`;
const T = "2025-01-01T00:00:00.000Z";
const sdo = (type: string, extra: Record<string, unknown> = {}): StixObject => ({ type, spec_version: "2.1", id: sid(type), created: T, modified: T, ...extra });
const indicator = (extra: Record<string, unknown> = {}) =>
  sdo("indicator", { name: "Staging server", pattern: "[ipv4-addr:value = '192.0.2.1']", pattern_type: "stix", valid_from: T, ...extra });
const location = (country: string) => sdo("location", { name: `Location ${country}`, country });
const relationship = (source: StixObject, type: string, target: StixObject) => sdo("relationship", { relationship_type: type, source_ref: source.id, target_ref: target.id });
const tlp1 = (word: string, id = sid("marking-definition")) => ({ type: "marking-definition", spec_version: "2.1", id, created: "2017-01-20T00:00:00.000Z", definition_type: "tlp", definition: { tlp: word } });
const tlp2 = (word: string, id = sid("marking-definition")) => ({
  type: "marking-definition",
  spec_version: "2.1",
  id,
  created: "2022-10-01T00:00:00.000Z",
  name: `TLP:${word.toUpperCase()}`,
  extensions: { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": { extension_type: "property-extension", tlp_2_0: word } },
});
const bundle = (...objects: unknown[]) => JSON.stringify({ type: "bundle", id: sid("bundle"), objects });

function imported(input: string | Uint8Array, options?: { defaultMarking?: Tlp }): StixImport {
  const result = importStixBundle(input, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
function errorsOf(input: string | Uint8Array): readonly StixError[] {
  const result = importStixBundle(input);
  if (result.ok) throw new Error("the bundle was accepted");
  return result.error;
}
const markingOfIndicator = (...markings: unknown[]) => {
  const ind = indicator({ object_marking_refs: markings.map((m) => (typeof m === "string" ? m : (m as { id: string }).id)) });
  const definitions = markings.filter((m) => typeof m !== "string");
  return imported(bundle(...definitions, ind)).evidence[0]?.marking;
};

const TLP2_ID = Object.fromEntries(Object.entries(TLP_MARKING_IDS).slice(0, 5).map(([id, tlp]) => [tlp, id])) as Record<Tlp, string>;
const TLP1_ID = { white: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", green: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", amber: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", red: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed" };

describe("the sample bundle", () => {
  const result = imported(SAMPLE_BYTES);

  it("imports its actors and campaign as claims and its evidence objects as evidence", () => {
    expect(result.bundleId).toBe(SAMPLE.id);
    expect(result.claims.length).toBeGreaterThanOrEqual(3);
    expect(result.evidence.length).toBeGreaterThanOrEqual(10);
    const evidenceTypes = new Set(["indicator", "observed-data", "malware", "report", "note"]);
    expect(result.evidence.map((e) => e.stixId).sort()).toEqual(SAMPLE.objects.filter((o) => evidenceTypes.has(o.type)).map((o) => o.id).sort());
    expect(result.claims).toHaveLength(SAMPLE.objects.filter((o) => ["campaign", "intrusion-set", "threat-actor"].includes(o.type)).length);
    expect(result.skipped).toEqual({ "ipv4-addr": 3, "domain-name": 1, "network-traffic": 2 });
  });

  it("resolves each actor's state through located-at / attributed-to a location", () => {
    const claimFor = (name: string) => result.claims.find((c) => c.source?.startsWith(`STIX ${named(name).type} ${named(name).id}`));
    expect(claimFor("Military Signals Directorate of the Federation of Boravia, Unit 7413")).toMatchObject({ attributedState: "XB", catchAll: false });
    expect(claimFor("SLUICEGATE")).toMatchObject({ attributedState: "XB", statement: "SLUICEGATE conducted the campaign." });
    expect(claimFor("Grey Heron")).toMatchObject({ attributedState: "XD" });
    // The campaign is attributed to an intrusion set, not to a location: no state.
    expect(claimFor("Operation Silent Reservoir")?.attributedState).toBeUndefined();
    expect(claimFor("SLUICEGATE")?.source).toContain("from ArvCERT - National Computer Emergency Response Team of the Republic of Arvenia");
  });

  it("maps every object's markings, the most restrictive winning", () => {
    const marking = (o: StixObject) => result.evidence.find((e) => e.stixId === o.id)?.marking;
    expect(marking(named("REEDPIPE command server domain"))).toBe("AMBER");
    expect(marking(named("SLUICEGATE staging server"))).toBe("GREEN"); // TLP 1.0
    expect(marking(named("REEDPIPE loader (SHA-256)"))).toBe("AMBER+STRICT");
    expect(marking(named("SILTWIPE download location"))).toBe("CLEAR");
    expect(marking(named("REEDPIPE YARA rule"))).toBe("AMBER"); // TLP 1.0 GREEN and TLP 2.0 AMBER
    expect(marking(sampleObject((o) => o.type === "observed-data" && o["number_observed"] === 1))).toBe("RED");
    expect(new Set(result.evidence.map((e) => e.marking))).toEqual(new Set(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]));
  });

  it("yields claims and evidence that fit the case model", () => {
    for (const [i, claim] of claimsWithCatchAll(result.claims).entries()) {
      expect(ClaimSchema.safeParse({ id: `claim-${String(i).padStart(10, "0")}`, ...claim }).error).toBeUndefined();
    }
    for (const e of result.evidence) {
      const { original: _original, ...fields } = e;
      const item = { id: "evidence-0000000001", grading: { reliability: "F", credibility: "6" }, attachments: [], custody: [], ...fields };
      expect(EvidenceSchema.safeParse(item).error).toBeUndefined();
    }
  });

  it("tidies text from other tools into what the case model accepts, keeping the original untouched", () => {
    const creator = sdo("identity", { name: `Vendor\u202E ${"x".repeat(990)}` });
    const nfd = "Cafe\u0301 Group";
    const objects = [
      creator,
      sdo("threat-actor", { name: `  ${nfd}\t(alias)  `, created_by_ref: creator.id }),
      sdo("intrusion-set", { name: "\u{1F40D}".repeat(400) }),
      sdo("campaign", { name: "   " }),
      indicator({ name: " Line one\r\nline two ", description: "First line.\r\nSecond line.\u0007\u202E" }),
      sdo("note", { abstract: "  ", content: "Only content", object_refs: [creator.id] }),
    ];
    const result = imported(bundle(...objects));
    for (const [i, claim] of result.claims.entries()) {
      expect(ClaimSchema.safeParse({ id: `claim-${String(i).padStart(10, "0")}`, ...claim }).error).toBeUndefined();
    }
    for (const e of result.evidence) {
      const { original: _original, ...fields } = e;
      expect(EvidenceSchema.safeParse({ id: "evidence-0000000001", grading: { reliability: "F", credibility: "6" }, attachments: [], custody: [], ...fields }).error).toBeUndefined();
    }
    expect(result.claims[0]?.statement).toBe("Caf\u00e9 Group (alias) conducted the campaign.");
    expect(result.evidence[0]).toMatchObject({ title: "Line one line two", description: expect.stringMatching(/^First line\.\nSecond line\.\s*\n\n\[ipv4-addr/) });
    expect(new TextDecoder().decode(result.evidence[0]?.original.bytes)).toContain("First line.\\r\\nSecond line.\\u0007\u202E");
  });

  it("keeps each original object as canonical JSON that parses back to the object", () => {
    for (const e of result.evidence) {
      expect(e.original).toMatchObject({ name: `${e.stixId}.json`, mediaType: "application/json" });
      const parsed = parseCanonicalJson(e.original.bytes);
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.value).toEqual(sampleObject((o) => o.id === e.stixId));
    }
  });
});

describe("TLP markings", () => {
  it("maps the five TLP 2.0 marking ids, with or without their definitions in the bundle", () => {
    for (const tlp of ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const) {
      expect(markingOfIndicator(TLP2_ID[tlp])).toBe(tlp);
      expect(markingOfIndicator(tlp2(tlp.toLowerCase(), TLP2_ID[tlp]))).toBe(tlp);
    }
  });

  it("maps TLP 2.0 extension definitions with custom ids, in any letter case", () => {
    expect(markingOfIndicator(tlp2("clear"))).toBe("CLEAR");
    expect(markingOfIndicator(tlp2("green"))).toBe("GREEN");
    expect(markingOfIndicator(tlp2("amber"))).toBe("AMBER");
    expect(markingOfIndicator(tlp2("amber+strict"))).toBe("AMBER+STRICT");
    expect(markingOfIndicator(tlp2("AMBER+STRICT"))).toBe("AMBER+STRICT");
    expect(markingOfIndicator(tlp2("red"))).toBe("RED");
  });

  it("maps TLP 1.0, WHITE becoming CLEAR, by fixed id or by definition", () => {
    expect(markingOfIndicator(TLP1_ID.white)).toBe("CLEAR");
    expect(markingOfIndicator(TLP1_ID.green)).toBe("GREEN");
    expect(markingOfIndicator(TLP1_ID.amber)).toBe("AMBER");
    expect(markingOfIndicator(TLP1_ID.red)).toBe("RED");
    expect(markingOfIndicator(tlp1("white"))).toBe("CLEAR");
    expect(markingOfIndicator(tlp1("green"))).toBe("GREEN");
    expect(markingOfIndicator(tlp1("amber"))).toBe("AMBER");
    expect(markingOfIndicator(tlp1("red"))).toBe("RED");
  });

  it("applies the most restrictive when several markings apply", () => {
    expect(markingOfIndicator(TLP2_ID.CLEAR, TLP2_ID.RED, TLP2_ID.GREEN)).toBe("RED");
    expect(markingOfIndicator(TLP1_ID.green, TLP2_ID["AMBER+STRICT"])).toBe("AMBER+STRICT");
    expect(markingOfIndicator(TLP1_ID.white, tlp2("amber"))).toBe("AMBER");
    expect(markingOfIndicator(tlp1("amber"), TLP2_ID.GREEN, TLP1_ID.white)).toBe("AMBER");
  });

  it("counts granular markings too: the original keeps the text they mark", () => {
    const ind = indicator({ object_marking_refs: [TLP2_ID.GREEN], granular_markings: [{ marking_ref: TLP2_ID.RED, selectors: ["description"] }], description: "Seen at the hospital." });
    expect(imported(bundle(ind)).evidence[0]?.marking).toBe("RED");
  });

  it("falls back to the default marking when no TLP marking applies", () => {
    const statement = { type: "marking-definition", spec_version: "2.1", id: sid("marking-definition"), created: T, definition_type: "statement", definition: { statement: "Copyright ArvCERT" } };
    expect(markingOfIndicator()).toBe("AMBER");
    expect(markingOfIndicator(statement)).toBe("AMBER");
    expect(markingOfIndicator(sid("marking-definition"))).toBe("AMBER"); // a definition not in the bundle
    expect(imported(bundle(indicator()), { defaultMarking: "RED" }).evidence[0]?.marking).toBe("RED");
    // A word that is a property of every JavaScript object is not a TLP level.
    expect(markingOfIndicator(tlp1("constructor"))).toBe("AMBER");
    expect(markingOfIndicator(tlp2("__proto__"))).toBe("AMBER");
  });
});

describe("claims", () => {
  it("takes the state from a located-at or attributed-to relationship to a location with a country code", () => {
    const xb = location("XB");
    const lower = location("xc");
    const region = sdo("location", { name: "Eastern Europe", region: "eastern-europe" });
    const actor = sdo("threat-actor", { name: "Unit 7413" });
    const set = sdo("intrusion-set", { name: "SLUICEGATE" });
    const other = sdo("intrusion-set", { name: "Grey Heron" });
    const unlinked = sdo("intrusion-set", { name: "Unlinked" });
    const targetsOnly = sdo("threat-actor", { name: "Targets only" });
    const result = imported(
      bundle(xb, lower, region, actor, set, other, unlinked, targetsOnly, relationship(actor, "located-at", xb), relationship(set, "attributed-to", lower), relationship(other, "located-at", region), relationship(targetsOnly, "targets", xb)),
    );
    const stateOf = (o: StixObject) => result.claims.find((c) => c.source === `STIX ${o.type} ${o.id}`)?.attributedState;
    expect(stateOf(actor)).toBe("XB");
    expect(stateOf(set)).toBe("XC");
    expect(stateOf(other)).toBeUndefined();
    expect(stateOf(unlinked)).toBeUndefined();
    expect(stateOf(targetsOnly)).toBeUndefined();
  });

  it("adds the catch-all hypothesis exactly once", () => {
    const claims = claimsWithCatchAll([...imported(SAMPLE_BYTES).claims, { statement: "x", catchAll: true }]);
    expect(claims.filter((c) => c.catchAll)).toHaveLength(1);
    expect(claims.at(-1)).toEqual({ statement: "", catchAll: true });
  });
});

describe("versions and odd objects", () => {
  it("keeps the newest version of an object that appears several times", () => {
    const v1 = indicator({ name: "First version", modified: "2025-01-01T00:00:00.000Z" });
    const v3 = { ...v1, name: "Third version", modified: "2025-03-01T00:00:00.000Z" };
    const v2 = { ...v1, name: "Second version", modified: "2025-02-01T00:00:00.000Z" };
    for (const order of [[v1, v3, v2], [v3, v2, v1], [v2, v1, v3]]) {
      const result = imported(bundle(...order));
      expect(result.evidence).toHaveLength(1);
      expect(result.evidence[0]?.title).toBe("Third version");
      expect(JSON.parse(new TextDecoder().decode(result.evidence[0]?.original.bytes))).toEqual(v3);
    }
  });

  it("compares versions as instants, whatever the precision of the timestamps", () => {
    const v1 = indicator({ name: "Whole second", modified: "2025-01-01T00:00:00Z" });
    const v2 = { ...v1, name: "Half a second later", modified: "2025-01-01T00:00:00.5Z" };
    expect(imported(bundle(v2, v1)).evidence[0]?.title).toBe("Half a second later");
    expect(imported(bundle(v1, v2)).evidence[0]?.title).toBe("Half a second later");
  });

  it("refuses the same version of an object twice", () => {
    const v1 = indicator({ modified: "2025-01-01T00:00:00.000Z" });
    const v2 = { ...v1, modified: "2025-02-01T00:00:00.000Z" };
    const errors = errorsOf(bundle(v1, v2, { ...v1, name: "Changed without a new version" }));
    expect(errors).toEqual([{ path: "$.objects[2].id", problem: { kind: "duplicate-version", previous: 0 } }]);
    expect(errorsOf(bundle(v1, { ...v1, modified: "2025-01-01T00:00:00Z" })).map((e) => e.path)).toEqual(["$.objects[1].id"]);
  });

  it("keeps every property of the original, even one named __proto__", () => {
    const text = bundle(indicator()).replace('"name":', '"__proto__":{"x_note":1},"name":');
    const result = imported(text);
    const original = parseCanonicalJson(result.evidence[0]!.original.bytes);
    expect(original.ok && Object.keys(original.value as object)).toContain("__proto__");
  });

  it("counts objects of other types, even ones named like JavaScript properties", () => {
    const odd = { type: "constructor", spec_version: "2.1", id: sid("constructor") };
    const custom = { type: "x-acme-widget", spec_version: "2.1", id: sid("x-acme-widget") };
    expect(imported(bundle(odd, custom, { ...custom, id: sid("x-acme-widget") }, indicator())).skipped).toEqual({ constructor: 1, "x-acme-widget": 2 });
  });
});

describe("invalid bundles", () => {
  it("reports every error with its JSON path, and imports nothing", () => {
    const objects = [
      sdo("identity", { name: "ArvCERT" }),
      (({ pattern: _pattern, ...rest }) => rest)(indicator()), // 1: missing required property
      indicator({ valid_from: "yesterday" }), // 2: not a timestamp
      indicator({ valid_from: "2025-02-30T12:00:00Z" }), // 3: no such day
      sdo("malware", { id: "malware--not-a-uuid", name: "REEDPIPE", is_family: true }), // 4: bad id
      sdo("note", { spec_version: "2.0", content: "Build artefacts", object_refs: [sid("malware")] }), // 5: wrong spec_version
      sdo("report", { id: sid("note"), name: "AR-2025-114", published: T, object_refs: [sid("campaign")] }), // 6: id of another type
      sdo("observed-data", { created: "2025-01-01 00:00:00", first_observed: T, last_observed: T, number_observed: 0, object_refs: [sid("ipv4-addr")] }), // 7: two errors
      "an indicator", // 8: not an object
      sdo("malware", { name: "SILTWIPE", is_family: true }), // valid
    ];
    const errors = errorsOf(bundle(...objects));
    expect(errors.map((e) => e.path)).toEqual([
      "$.objects[1].pattern",
      "$.objects[2].valid_from",
      "$.objects[3].valid_from",
      "$.objects[4].id",
      "$.objects[5].spec_version",
      "$.objects[6].id",
      "$.objects[7].created",
      "$.objects[7].number_observed",
      "$.objects[8]",
    ]);
    expect(errors.find((e) => e.path === "$.objects[3].valid_from")?.problem).toMatchObject({ kind: "issue", issue: { code: "custom", reason: "not-a-stix-timestamp" } });
    expect(errors.find((e) => e.path === "$.objects[5].spec_version")?.problem).toMatchObject({ kind: "issue", issue: { code: "invalid_value", values: ["2.1"] } });
    expect(errors.find((e) => e.path === "$.objects[6].id")?.problem).toEqual({ kind: "id-type-mismatch", type: "report" });
  });

  it("refuses what is not JSON, or not a bundle", () => {
    expect(errorsOf("{ not json")).toEqual([{ path: "$", problem: { kind: "not-json", error: { kind: "syntax", line: 1, column: 3, detail: expect.any(String) } } }]);
    expect(errorsOf(new Uint8Array([0xff, 0xfe]))[0]?.problem).toEqual({ kind: "not-json", error: { kind: "invalid-utf8" } });
    expect(errorsOf('{"type":"bundle","id":"bundle--1","objects":[],"objects":[]}')[0]?.problem).toMatchObject({ kind: "not-json", error: { kind: "duplicate-key" } });
    expect(errorsOf(JSON.stringify(indicator())).map((e) => e.path)).toEqual(["$.type", "$.id", "$.objects"]);
    expect(errorsOf(JSON.stringify({ type: "bundle", id: "bundle--x", objects: {} })).map((e) => e.path)).toEqual(["$.id", "$.objects"]);
    expect(errorsOf("[]").map((e) => e.path)).toEqual(["$"]);
  });
});

describe("property: a required property missing", () => {
  const COMMON = ["type", "spec_version", "id", "created", "modified"];
  // STIX 2.1, section 4: the properties each type requires (a malware family also needs a name).
  const REQUIRED: Readonly<Record<string, readonly string[]>> = {
    campaign: [...COMMON, "name"],
    "intrusion-set": [...COMMON, "name"],
    "threat-actor": [...COMMON, "name"],
    indicator: [...COMMON, "pattern", "pattern_type", "valid_from"],
    "observed-data": [...COMMON, "first_observed", "last_observed", "number_observed", "object_refs"],
    malware: [...COMMON, "is_family", "name"],
    report: [...COMMON, "name", "published", "object_refs"],
    note: [...COMMON, "content", "object_refs"],
  };
  const cases = SAMPLE.objects.flatMap((o, index) => (REQUIRED[o.type] ?? []).map((property) => ({ index, property })));

  it("fails the import with errors pointing at the object that lacks it", () => {
    expect(cases.length).toBeGreaterThan(80);
    fc.assert(
      fc.property(fc.constantFrom(...cases), ({ index, property }) => {
        const objects = SAMPLE.objects.map((o, i) => (i === index ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== property)) : o));
        const result = importStixBundle(JSON.stringify({ ...SAMPLE, objects }));
        if (result.ok) return false;
        const at = `$.objects[${index}]`;
        return result.error.length > 0 && result.error.every((e) => e.path === at || e.path.startsWith(`${at}.`) || e.path.startsWith(`${at}[`));
      }),
      { numRuns: 300 },
    );
  });
});

// --- limits, and what an import leaves in the vault ---------------------------

describe("importing into a case: limits checked before anything is stored, one audit entry", () => {
  const NOW = new Date("2026-11-22T10:00:00.000Z");
  beforeAll(async () => {
    expect((await loadCrypto()).ok).toBe(true);
  });
  const encode = (text: string) => new TextEncoder().encode(text);
  /** Every stored byte: rows (sorted, whatever order the maps hold them in) and the header. */
  const snapshot = (storage: MemoryVaultStorage) => ({
    header: storage.raw.header(),
    rows: storage.raw
      .rows()
      .map((r) => ({ table: r.table, id: r.id, nonce: Buffer.from(r.nonce).toString("hex"), ciphertext: Buffer.from(r.ciphertext).toString("hex") }))
      .sort((a, b) => (a.table + a.id < b.table + b.id ? -1 : 1)),
  });
  const auditCount = async (vault: UnlockedVault) => must(await vault.verifyAudit()).count;
  async function caseVault() {
    const { storage, vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Import", NOW), NOW));
    return { storage, vault, c };
  }
  const refusedLimit = (result: Awaited<ReturnType<typeof importStixIntoCase>>) => {
    if (result.ok || result.error.kind !== "case-refused" || result.error.error.kind !== "invalid-stix") throw new Error(`not a STIX refusal: ${JSON.stringify(result)}`);
    expect(result.error.error.errors).toHaveLength(1);
    return result.error.error.errors[0]?.problem;
  };

  it("a hostile bundle (51 claims, 300 indicators) is refused before any original is stored: vault and audit log unchanged", async () => {
    const { storage, vault, c } = await caseVault();
    const before = snapshot(storage);
    const count = await auditCount(vault);
    const hostile = bundle(...Array.from({ length: 51 }, (_, i) => sdo("campaign", { name: `Campaign ${i}` })), ...Array.from({ length: 300 }, () => indicator()));
    expect(refusedLimit(await importStixIntoCase(vault, c.id, encode(hostile), "Sec", NOW))).toEqual({ kind: "over-limit", limit: "claims", max: CASE_MAX_CLAIMS - 1, found: 51 });
    expect(await auditCount(vault)).toBe(count);
    expect(snapshot(storage)).toEqual(before);
  });

  it("claims the case already has count: the case-level limit names how many there would be", async () => {
    const { storage, vault, c } = await caseVault();
    const written = must(await saveCase(vault, { ...c, claims: [...Array.from({ length: 30 }, (_, i) => ({ id: `claim${String(i).padStart(18, "0")}`, statement: `State ${i} did it.`, catchAll: false })), c.claims[1]] }, NOW));
    const before = snapshot(storage);
    const result = await importStixIntoCase(vault, written.id, encode(bundle(...Array.from({ length: 25 }, (_, i) => sdo("campaign", { name: `Campaign ${i}` })), indicator())), "Sec", NOW);
    expect(refusedLimit(result)).toEqual({ kind: "over-limit", limit: "case-claims", max: CASE_MAX_CLAIMS, found: 56 });
    expect(snapshot(storage)).toEqual(before);
  });

  it("evidence the case already has counts too", async () => {
    const { storage, vault, c } = await caseVault();
    const item = (i: number) => ({ id: `ev${String(i).padStart(20, "0")}`, kind: "other", title: `Item ${i}`, description: "", sourceDescription: "", grading: { reliability: "F", credibility: "6" }, marking: "AMBER", attachments: [], custody: [] });
    const full = must(await saveCase(vault, { ...c, evidence: Array.from({ length: CASE_MAX_EVIDENCE - 1 }, (_, i) => item(i)) }, NOW));
    const before = snapshot(storage);
    expect(refusedLimit(await importStixIntoCase(vault, full.id, encode(bundle(indicator(), indicator())), "Sec", NOW))).toEqual({ kind: "over-limit", limit: "case-evidence", max: CASE_MAX_EVIDENCE, found: CASE_MAX_EVIDENCE + 1 });
    expect(snapshot(storage)).toEqual(before);
  }, 60_000);

  it("more objects, or more JSON values, than a bundle may hold are refused by counting, before parsing", () => {
    const many = `{"type":"bundle","id":"${sid("bundle")}","objects":[${Array.from({ length: MAX_BUNDLE_OBJECTS + 1 }, () => "{}").join(",")}]}`;
    expect(errorsOf(many)).toEqual([{ path: "$", problem: { kind: "over-limit", limit: "objects", max: MAX_BUNDLE_OBJECTS } }]);
    // Exactly the limit is counted, not refused for it (each empty object is then invalid on its own).
    const limit = `{"type":"bundle","id":"${sid("bundle")}","objects":[${Array.from({ length: MAX_BUNDLE_OBJECTS }, () => "{}").join(",")}]}`;
    expect(errorsOf(limit)[0]?.problem.kind).toBe("issue");
    // Brackets, commas and quotes inside strings are text, not structure.
    expect(imported(bundle(indicator({ description: `"],[{},{}]`.repeat(MAX_BUNDLE_OBJECTS) }))).evidence).toHaveLength(1);
    const values = bundle(indicator({ x_numbers: Array.from({ length: MAX_BUNDLE_VALUES }, () => 0) }));
    expect(errorsOf(values)).toEqual([{ path: "$", problem: { kind: "over-limit", limit: "values", max: MAX_BUNDLE_VALUES } }]);
  });

  it("originals whose canonical form outgrows the limit are refused before any is stored", async () => {
    const { storage, vault, c } = await caseVault();
    const before = snapshot(storage);
    // "1e20" is written out in full in canonical JSON (21 bytes): the originals are larger than the bundle.
    const numbers = Array.from({ length: 120_000 }, () => "1e20").join(",");
    const text = bundle(indicator({ x_numbers: [], x_text: "a".repeat(MAX_ORIGINALS_BYTES - 1024 * 1024) })).replace('"x_numbers":[]', `"x_numbers":[${numbers}]`);
    expect(refusedLimit(await importStixIntoCase(vault, c.id, encode(text), "Sec", NOW))).toEqual({ kind: "over-limit", limit: "originals", max: MAX_ORIGINALS_BYTES });
    expect(snapshot(storage)).toEqual(before);
  }, 60_000);

  it("an accepted import stores every original in one transaction with exactly one audit entry", async () => {
    const { vault, c } = await caseVault();
    const count = await auditCount(vault);
    const attachments = must(await vault.attachments.list()).length;
    const result = must(await importStixIntoCase(vault, c.id, encode(bundle(sdo("campaign", { name: "Campaign" }), ...Array.from({ length: 40 }, () => indicator()))), "Sec", NOW));
    expect(result.evidence).toBe(40);
    const log = must(await vault.verifyAudit());
    expect(log.count).toBe(count + 1);
    expect(log.entries.at(-1)).toMatchObject({ event: "case-saved", detail: { case: c.id, attachments: 40 } });
    expect(must(await vault.attachments.list())).toHaveLength(attachments + 40);
  });

  it("a cancelled import leaves nothing, and reports how far it got", async () => {
    const { storage, vault, c } = await caseVault();
    const before = snapshot(storage);
    const count = await auditCount(vault);
    const abort = new AbortController();
    const progress: [number, number][] = [];
    const big = bundle(...Array.from({ length: 10 }, () => indicator({ description: "x".repeat(90_000) })));
    const result = await importStixIntoCase(vault, c.id, encode(big), "Sec", NOW, {
      signal: abort.signal,
      onProgress: (done, total) => {
        progress.push([done, total]);
        abort.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { kind: "cancelled" } });
    expect(progress).toHaveLength(1);
    expect(progress[0]?.[0]).toBeLessThan(progress[0]?.[1] ?? 0);
    expect(await auditCount(vault)).toBe(count);
    expect(snapshot(storage)).toEqual(before);
  });
});
