import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { unlockVault } from "../vault/vault";
import { CASE_DRAFTS_TABLE, OUTBOX_TABLE } from "./case-records";
import { discardCaseDraft, keepCaseDraft, loadCaseDraft, type CaseDraft } from "./case-draft";
import { FIXTURE_PASSPHRASE, must, newTestVault, secretariatWithPanel } from "./case.testing";
import { loadCase } from "./case-store";
import type { Case } from "./model";
import { exportPacket } from "./packet-export";
import { deleteCase, importStixIntoCase, newCase, saveCase } from "./secretariat";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T10:05:00.000Z");
const BUNDLE = new Uint8Array(readFileSync(new URL("./sample/sample-bundle.json", import.meta.url)));
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
});

const draftOf = (c: Case, over: Partial<CaseDraft> = {}): CaseDraft => ({ format: "attribution-panel/case-draft", version: 1, caseId: c.id, savedAt: LATER.toISOString(), case: c, ...over });

describe("case drafts", () => {
  it("keeps what was typed, even what a save would refuse, encrypted in the vault, and reads it back after unlocking again", async () => {
    const { storage, vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Case", NOW), NOW));
    expect(must(await loadCaseDraft(vault, c.id))).toBeUndefined();
    // An empty title and a half-typed state code: no case, but a fine draft.
    const typed = { ...c, title: "", parties: { ...c.parties, accused: ["R"] }, claims: [{ ...c.claims[0]!, statement: "State A did it " }, c.claims[1]!] };
    expect(must(await keepCaseDraft(vault, draftOf(typed)))).toMatchObject({ savedAt: LATER.toISOString() });
    expect((await saveCase(vault, typed, NOW)).ok).toBe(false);
    // Stored encrypted: the typed statement is not in any stored row.
    const row = storage.raw.row(CASE_DRAFTS_TABLE, c.id);
    expect(row).toBeDefined();
    expect(Buffer.from(row?.ciphertext ?? []).toString("latin1")).not.toContain("State A did it");

    await vault.lock();
    const again = must(await unlockVault(storage, FIXTURE_PASSPHRASE, { clock: () => NOW }));
    const read = must(await loadCaseDraft(again, c.id));
    expect(read?.case?.title).toBe("");
    expect(read?.case?.claims[0]?.statement).toBe("State A did it ");
  });

  it("refuses a malformed draft or one whose content belongs to another case", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Case", NOW), NOW));
    expect(await keepCaseDraft(vault, { ...draftOf(c), savedAt: "yesterday" })).toMatchObject({ ok: false, error: { kind: "draft-invalid" } });
    const other = newCase("Other", NOW);
    expect(await keepCaseDraft(vault, draftOf(c, { case: other }))).toMatchObject({ ok: false, error: { kind: "draft-for-another-case" } });
    expect(must(await vault.list(CASE_DRAFTS_TABLE))).toEqual([]);
  });

  it("keeps a custody event being typed, even alone (the case itself unchanged); a malformed one is refused", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Case", NOW), NOW));
    const evidenceId = "e".repeat(22);
    const typing = { action: "verified" as const, actor: "Field officer", place: "", note: "Seal intact", sha256: "ab12" };
    const { case: _unchanged, ...onlyCustody } = draftOf(c, { custody: { [evidenceId]: typing } });
    must(await keepCaseDraft(vault, onlyCustody));
    expect(must(await loadCaseDraft(vault, c.id))).toEqual({ format: "attribution-panel/case-draft", version: 1, caseId: c.id, savedAt: LATER.toISOString(), custody: { [evidenceId]: typing } });
    expect(await keepCaseDraft(vault, { ...onlyCustody, custody: { [evidenceId]: { ...typing, action: "stolen" } } })).toMatchObject({ ok: false, error: { kind: "draft-invalid" } });
    expect(await keepCaseDraft(vault, { ...onlyCustody, custody: { "not an id": typing } })).toMatchObject({ ok: false, error: { kind: "draft-invalid" } });
    // Nothing typed any more: the draft goes.
    const { custody: _gone, ...empty } = onlyCustody;
    expect(must(await keepCaseDraft(vault, empty))).toBeUndefined();
    expect(must(await vault.list(CASE_DRAFTS_TABLE))).toEqual([]);
  });

  it("a draft with nothing unsaved deletes the stored one; discarding twice is harmless", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Case", NOW), NOW));
    must(await keepCaseDraft(vault, draftOf(c)));
    expect(must(await vault.list(CASE_DRAFTS_TABLE))).toEqual([c.id]);
    const { case: _drop, ...empty } = draftOf(c);
    expect(must(await keepCaseDraft(vault, empty))).toBeUndefined();
    expect(must(await vault.list(CASE_DRAFTS_TABLE))).toEqual([]);
    must(await keepCaseDraft(vault, draftOf(c)));
    must(await discardCaseDraft(vault, c.id));
    must(await discardCaseDraft(vault, c.id));
    expect(must(await loadCaseDraft(vault, c.id))).toBeUndefined();
  });

  it("saving the case deletes its draft; deleting the case deletes it too", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Case", NOW), NOW));
    must(await keepCaseDraft(vault, draftOf({ ...c, title: "Renamed" })));
    must(await saveCase(vault, { ...c, title: "Renamed" }, LATER));
    expect(must(await loadCaseDraft(vault, c.id))).toBeUndefined();
    must(await keepCaseDraft(vault, draftOf(c)));
    must(await deleteCase(vault, c.id));
    expect(must(await vault.list(CASE_DRAFTS_TABLE))).toEqual([]);
  });
});

describe("no template claim leaves the editor", () => {
  it("a STIX import into a new case drops the untouched empty claim", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("STIX intake", NOW), NOW));
    const imported = must(await importStixIntoCase(vault, c.id, BUNDLE, "Case Secretariat", NOW));
    expect(imported.claims).toBe(4);
    expect(imported.case.claims).toHaveLength(5);
    expect(imported.case.claims.every((x) => x.catchAll || x.statement.trim() !== "")).toBe(true);
    expect(imported.case.claims.at(-1)?.catchAll).toBe(true);
  });

  it("template text stored by an earlier version is dropped the same way; a written claim is kept", async () => {
    const { vault } = await newTestVault(NOW);
    const base = newCase("Old", NOW);
    const c = must(await saveCase(vault, { ...base, claims: [{ ...base.claims[0]!, statement: "(state the first hypothesis)" }, { ...base.claims[0]!, id: "written-claim-00000001", statement: "State B did it." }, base.claims[1]!] }, NOW));
    const imported = must(await importStixIntoCase(vault, c.id, BUNDLE, "Case Secretariat", NOW));
    const statements = imported.case.claims.map((x) => x.statement);
    expect(statements).not.toContain("(state the first hypothesis)");
    expect(statements[0]).toBe("State B did it.");
  });

  it("a bundle without claims keeps the blank claim (a case keeps two claims), which export then refuses", async () => {
    const { vault } = await newTestVault(NOW);
    const c = must(await saveCase(vault, newCase("Evidence only", NOW), NOW));
    const bundle = JSON.parse(new TextDecoder().decode(BUNDLE)) as { objects: { type: string }[] };
    bundle.objects = bundle.objects.filter((o) => !["campaign", "intrusion-set", "threat-actor"].includes(o.type));
    const imported = must(await importStixIntoCase(vault, c.id, new TextEncoder().encode(JSON.stringify(bundle)), "Case Secretariat", NOW));
    expect(imported.claims).toBe(0);
    expect(imported.case.claims[0]?.statement).toBe("");
  });

  it("export refuses a case with a blank claim, naming it, before anything is numbered or logged", async () => {
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
    const stored = must(await loadCase(vault, c.id));
    must(await saveCase(vault, { ...stored, claims: [stored.claims[0]!, { ...stored.claims[1]!, statement: "" }, ...stored.claims.slice(2)] }, NOW));
    const refused = await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW });
    expect(refused).toEqual({ ok: false, error: { kind: "blank-claim", claimId: stored.claims[1]!.id, position: 2 } });
    expect(must(await vault.list(OUTBOX_TABLE))).toEqual([]);
    // Template text counts as blank.
    must(await saveCase(vault, { ...stored, claims: [stored.claims[0]!, { ...stored.claims[1]!, statement: "New claim" }, ...stored.claims.slice(2)] }, NOW));
    expect(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW })).toMatchObject({ ok: false, error: { kind: "blank-claim", position: 2 } });
    // Written, it goes.
    must(await saveCase(vault, stored, NOW));
    expect((await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW })).ok).toBe(true);
  });
});
