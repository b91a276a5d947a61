import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { unknownCaseCountries } from "./case-countries";
import { CASES_TABLE } from "./case-records";
import { loadCase } from "./case-store";
import { must, newTestVault } from "./case.testing";
import { importStixIntoCase, newCase, saveCase } from "./secretariat";
import { testClaimId } from "./ids.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const now = new Date("2026-11-22T10:00:00.000Z");

describe("country codes in a case", () => {
  it("names each field with codes no country has: parties by role, claims by position", () => {
    const c = newCase("Test", now);
    const [first, catchAll] = c.claims;
    expect(unknownCaseCountries(c)).toEqual([]);
    const claims = [{ ...first!, attributedState: "FR" }, { id: testClaimId(2), statement: "State B did it.", catchAll: false, attributedState: "UK" }, catchAll!];
    const named = { ...c, parties: { accusing: ["FR", "SW", "XA"], accused: ["RU"], affected: ["EU", "EU", "CH"] }, claims };
    expect(unknownCaseCountries(named)).toEqual([
      { field: "parties", role: "accusing", codes: ["SW"] },
      { field: "parties", role: "affected", codes: ["EU"] },
      { field: "attributed-state", claimId: testClaimId(2), position: 2, codes: ["UK"] },
    ]);
    // User-assigned codes (exercises' fictional states) and Kosovo's XK are countries here.
    expect(unknownCaseCountries({ ...c, parties: { accusing: ["XA", "XK", "ZZ"], accused: ["QM"], affected: [] } })).toEqual([]);
  });

  it("saveCase refuses an unknown code as a value naming the field; a stored older case stays readable and saves once corrected", async () => {
    const { vault } = await newTestVault(now);
    const c = must(await saveCase(vault, newCase("Old case", now), now));
    const refused = await saveCase(vault, { ...c, parties: { ...c.parties, accused: ["SW"] } }, now);
    expect(refused).toEqual({ ok: false, error: { kind: "unknown-country-codes", fields: [{ field: "parties", role: "accused", codes: ["SW"] }] } });
    expect(must(await loadCase(vault, c.id)).parties.accused).toEqual([]);

    // An earlier version stored "SW" (the shape was all it checked): the case is read back as it is.
    const old = { ...c, parties: { ...c.parties, accused: ["SW"] }, claims: c.claims.map((x, i) => (i === 0 ? { ...x, attributedState: "SW" } : x)) };
    must(await vault.write({ put: [{ table: CASES_TABLE, id: c.id, value: old }] }, { event: "case-saved", detail: { case: c.id } }));
    const read = must(await loadCase(vault, c.id));
    expect(read.parties.accused).toEqual(["SW"]);
    const again = await saveCase(vault, { ...read, title: "Old case, renamed" }, now);
    expect(again.ok ? [] : again.error.kind === "unknown-country-codes" ? again.error.fields.map((f) => f.field) : again.error.kind).toEqual(["parties", "attributed-state"]);
    const corrected = { ...read, parties: { ...read.parties, accused: ["CH"] }, claims: read.claims.map((x, i) => (i === 0 ? { ...x, attributedState: "CH" } : x)) };
    expect(must(await saveCase(vault, corrected, now)).parties.accused).toEqual(["CH"]);
  });

  it("a STIX bundle attributing a claim to a code no country has: the claim comes in without it, the code is reported, the rest is imported", async () => {
    const bundle = readFileSync(new URL("./sample/sample-bundle.json", import.meta.url), "utf8");
    expect(bundle).toContain('"country": "XB"');
    const { vault } = await newTestVault(now);
    const c = must(await saveCase(vault, newCase("STIX", now), now));
    const imported = must(await importStixIntoCase(vault, c.id, new TextEncoder().encode(bundle.replaceAll('"country": "XB"', '"country": "SW"')), "Sec", now));
    expect(imported.unknownStates).toEqual(["SW"]);
    expect(imported.claims).toBe(4);
    expect(imported.case.claims.map((x) => x.attributedState).filter((s) => s !== undefined)).not.toContain("SW");
    // Control: the bundle as published keeps its (user-assigned) codes.
    const { vault: other } = await newTestVault(now);
    const d = must(await saveCase(other, newCase("STIX", now), now));
    const plain = must(await importStixIntoCase(other, d.id, new TextEncoder().encode(bundle), "Sec", now));
    expect(plain.unknownStates).toEqual([]);
    expect(plain.case.claims.map((x) => x.attributedState)).toContain("XB");
  });
});
