import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { decryptBytes, parseIdentity } from "../formats/age/age";
import { exportIdentityCard } from "../identity/identity-card";
import { testIdentity } from "../identity/identity.testing";
import { KDF_FLOOR, type KdfParams } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { WorkerMethod, WorkerRequestOf, WorkerResponseOf } from "./contract";
import { dispatchWorkerCall } from "./dispatch";
import { createWorkerService } from "./worker-service";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
let clockMs = Date.parse("2026-11-22T10:00:00Z");

function service(storage = new MemoryVaultStorage(), prepared: KdfParams[] = []) {
  const handlers = createWorkerService({ storage, kdfCost: () => KDF_FLOOR, clock: () => new Date(clockMs), backupWorkFactor: 10, prepareDerive: (params) => prepared.push(params) });
  const progress: [number, number | undefined][] = [];
  async function call<M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>): Promise<WorkerResponseOf<M>> {
    const result = await dispatchWorkerCall(handlers, method, request, { signal: new AbortController().signal, progress: (done, total) => progress.push([done, total]) });
    if (!result.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(result.error)}`), { error: result.error });
    return result.value as WorkerResponseOf<M>;
  }
  async function refusal(method: WorkerMethod, request: unknown) {
    const result = await dispatchWorkerCall(handlers, method, request, { signal: new AbortController().signal, progress: () => undefined });
    if (result.ok) throw new Error(`${method} was expected to fail`);
    return result.error;
  }
  return { storage, handlers, call, refusal, progress };
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("vault service (the crypto worker's handlers)", () => {
  it("walks a person through create → data → lock → wrong passphrase → unlock, with everything intact", async () => {
    const { call, refusal, storage } = service();
    expect(await call("vault:status", {})).toEqual({ state: "none", interruptedRestore: false });
    expect(await refusal("vault:create", { passphrase: "password" })).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "passphrase-weak" } } });
    const created = await call("vault:create", { passphrase: PASS });
    expect(created.audit).toEqual({ ok: true, count: 1 });

    const me = await call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    expect(me.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(me.fingerprintGroups.join("")).toBe(me.fingerprint.slice(7));
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const attachment = await call("attachment:import", { file: new File([bytes], "log-extract.txt", { type: "text/plain" }) });
    expect(attachment).toMatchObject({ name: "log-extract.txt", mediaType: "text/plain", size: bytes.length, sha256: sha(bytes) });

    // Nothing readable in storage: no name, no affiliation.
    for (const row of storage.raw.rows()) {
      expect(Buffer.from(row.ciphertext).includes(Buffer.from("Okafor"))).toBe(false);
      expect(Buffer.from(row.ciphertext).includes(Buffer.from("log-extract"))).toBe(false);
    }

    await call("vault:lock", {});
    expect(await call("vault:status", {})).toEqual({ state: "locked", failedAttempts: 0, retryAfterMs: 0 });
    expect(await refusal("identity:list", {})).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "locked" } } });
    expect(await refusal("vault:unlock", { passphrase: "not my passphrase at all" })).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "wrong-passphrase" } } });
    clockMs += 60_000;
    const unlocked = await call("vault:unlock", { passphrase: PASS });
    expect(unlocked.audit.ok).toBe(true);
    expect(await call("identity:list", {})).toEqual([me]);
    expect(await call("attachment:list", {})).toEqual([attachment]);
    expect(await call("attachment:verify", { id: attachment.id })).toEqual(attachment);
    const exported = await call("attachment:export", { id: attachment.id });
    expect(sha(new Uint8Array(await exported.blob.arrayBuffer()))).toBe(sha(bytes));

    const log = await call("audit:list", {});
    expect(log.status.ok).toBe(true);
    expect(log.entries.map((e) => e.event)).toEqual(["vault-created", "identity-created", "attachment-imported", "locked", "unlock-failed", "unlocked"]);
  });

  it("readies the key derivation for the stored parameters once typing starts, only while locked", async () => {
    const prepared: KdfParams[] = [];
    const { call } = service(new MemoryVaultStorage(), prepared);
    await call("vault:prepare-unlock", {});
    expect(prepared).toEqual([]); // no vault yet: nothing to prepare for
    await call("vault:create", { passphrase: PASS });
    await call("vault:prepare-unlock", {});
    expect(prepared).toEqual([]); // open already
    await call("vault:lock", {});
    await call("vault:prepare-unlock", {});
    expect(prepared).toEqual([expect.objectContaining({ algorithm: "argon2id13", opsLimit: KDF_FLOOR.opsLimit, memLimitBytes: KDF_FLOOR.memLimitBytes })]);
  });

  it("edits an identity's details: same keys, a card re-signed with the new details, audited; unknown country codes refused", async () => {
    const { call, refusal } = service();
    await call("vault:create", { passphrase: PASS });
    expect(await refusal("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "SW", affiliation: "University of Lagos" })).toMatchObject({ kind: "refused", problem: { kind: "identity", error: { kind: "invalid-details", issues: [{ code: "custom", path: ["nationality"], reason: "not-a-country-code" }] } } });
    const me = await call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    const oldCard = await (await call("identity:export-card", { id: me.id })).blob.text();

    const edited = await call("identity:edit", { id: me.id, displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "CH", affiliation: "University of Geneva" });
    expect(edited).toEqual({ ...me, region: "western-european-and-others-states", nationality: "CH", affiliation: "University of Geneva" });
    expect(await call("identity:list", {})).toEqual([edited]);
    const newCard = await (await call("identity:export-card", { id: me.id })).blob.text();
    expect(newCard).not.toBe(oldCard);
    expect(newCard).toContain('"nationality":"CH"');

    const log = await call("audit:list", {});
    expect(log.entries.at(-1)).toMatchObject({ event: "identity-edited", detail: { identity: me.id, fingerprint: me.fingerprint, changed: "region,nationality,affiliation" } });
    expect(await refusal("identity:edit", { id: me.id, displayName: "Ines Okafor", region: "african-states", nationality: "SW", affiliation: "x" })).toMatchObject({ kind: "refused", problem: { kind: "identity", error: { kind: "invalid-details", issues: [{ code: "custom", path: ["nationality"], reason: "not-a-country-code" }] } } });
    expect(await refusal("identity:edit", { id: me.id, displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "CH", affiliation: "University of Geneva" })).toMatchObject({ kind: "refused", problem: { kind: "identity", error: { kind: "unchanged" } } });
    expect(await call("identity:list", {})).toEqual([edited]);

    // A contact holding the old card is told what the new one changes.
    const other = service();
    await other.call("vault:create", { passphrase: PASS });
    await other.call("contact:import", { file: new Blob([oldCard]) });
    expect(await other.call("contact:import", { file: new Blob([newCard]) })).toMatchObject({ outcome: "details-changed", changes: ["region", "nationality", "affiliation"] });
  });

  it("exports a card others can import, and the age identity only when acknowledged, logging it", async () => {
    const { call, refusal } = service();
    await call("vault:create", { passphrase: PASS });
    const me = await call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    const card = await call("identity:export-card", { id: me.id });
    expect(card.fileName).toBe("Ines-Okafor.card.json");

    expect(await refusal("identity:export-age", { id: me.id })).toMatchObject({ kind: "invalid-request" });
    const age = await call("identity:export-age", { id: me.id, acknowledged: true });
    const text = await age.blob.text();
    const key = text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1"));
    expect(key && parseIdentity(key).ok).toBe(true);
    expect(text).toContain(`# public key: ${me.ageRecipient}`);
    const log = await call("audit:list", {});
    expect(log.entries.at(-1)).toMatchObject({ event: "identity-exported", detail: { identity: me.id } });

    // A second person imports the card: unverified, then trusted by fingerprint, then revoked.
    const other = service();
    await other.call("vault:create", { passphrase: PASS });
    const imported = await other.call("contact:import", { file: card.blob });
    expect(imported).toMatchObject({ outcome: "new", contact: { displayName: "Ines Okafor", fingerprint: me.fingerprint, trust: { state: "unverified" } } });
    expect(await other.call("contact:import", { file: card.blob })).toMatchObject({ outcome: "already-known" });
    expect(await other.refusal("contact:confirm", { id: imported.contact.id, fingerprint: "SHA256:AAAA" })).toMatchObject({ kind: "refused", problem: { kind: "contact", error: { kind: "fingerprint-mismatch" } } });
    const trusted = await other.call("contact:confirm", { id: imported.contact.id, fingerprint: me.fingerprintGroups.join(" ") });
    expect(trusted.trust.state).toBe("trusted");
    const revoked = await other.call("contact:revoke", { id: imported.contact.id, reason: "Key reported lost" });
    expect(revoked.trust).toMatchObject({ state: "revoked", reason: "Key reported lost" });
    const events = (await other.call("audit:list", {})).entries.map((e) => e.event);
    expect(events.slice(-3)).toEqual(["contact-imported", "contact-trusted", "contact-revoked"]);

    // Garbage is refused (the card error, as a value) and changes nothing.
    const before = await other.call("contact:list", {});
    expect(await other.refusal("contact:import", { file: new Blob(["not a card\n"]) })).toMatchObject({ kind: "refused", problem: { kind: "contact", error: { kind: "invalid-card", error: { kind: "malformed" } } } });
    expect(await other.call("contact:list", {})).toEqual(before);
  });

  it("shows a details change before applying it", async () => {
    const { call } = service();
    await call("vault:create", { passphrase: PASS });
    const person = testIdentity({ displayName: "Jonas Berg" });
    await call("contact:import", { file: new Blob([exportIdentityCard(person)]) });
    const moved = { ...person, details: { ...person.details, affiliation: "New Institute" } };
    const change = await call("contact:import", { file: new Blob([exportIdentityCard(moved)]) });
    expect(change).toMatchObject({ outcome: "details-changed", changes: ["affiliation"], contact: { affiliation: person.details.affiliation } });
    const updated = await call("contact:accept-update", { file: new Blob([exportIdentityCard(moved)]) });
    expect(updated.affiliation).toBe("New Institute");
  });

  it("keeps the idle-lock setting, within bounds", async () => {
    const { call, refusal } = service();
    await call("vault:create", { passphrase: PASS });
    expect(await call("vault:settings", {})).toEqual({ idleLockMinutes: 10 });
    expect(await call("vault:set-settings", { idleLockMinutes: 3 })).toEqual({ idleLockMinutes: 3 });
    await call("vault:lock", {});
    await call("vault:unlock", { passphrase: PASS });
    expect(await call("vault:settings", {})).toEqual({ idleLockMinutes: 3 });
    expect(await refusal("vault:set-settings", { idleLockMinutes: 0 })).toMatchObject({ kind: "invalid-request" });
  });

  it("remembers the interface language with the vault, each setting changed on its own", async () => {
    const { call, refusal } = service();
    await call("vault:create", { passphrase: PASS });
    expect(await call("vault:set-settings", { language: "ar" })).toEqual({ idleLockMinutes: 10, language: "ar" });
    expect(await call("vault:set-settings", { idleLockMinutes: 5 })).toEqual({ idleLockMinutes: 5, language: "ar" });
    await call("vault:lock", {});
    await call("vault:unlock", { passphrase: PASS });
    expect(await call("vault:settings", {})).toEqual({ idleLockMinutes: 5, language: "ar" });
    expect(await refusal("vault:set-settings", { language: "de" })).toMatchObject({ kind: "invalid-request" });
  });

  it("remembers the identity chosen to sign case packets, beside the other settings", async () => {
    const { call } = service();
    await call("vault:create", { passphrase: PASS });
    await call("vault:set-settings", { language: "fr" });
    expect(await call("vault:set-settings", { packetSigner: "SHA256:second" })).toEqual({ idleLockMinutes: 10, language: "fr", packetSigner: "SHA256:second" });
    await call("vault:lock", {});
    await call("vault:unlock", { passphrase: PASS });
    expect(await call("vault:settings", {})).toEqual({ idleLockMinutes: 10, language: "fr", packetSigner: "SHA256:second" });
  });

  it("backs up to an age file and restores into an empty profile with the same content digest", async () => {
    const source = service();
    await source.call("vault:create", { passphrase: PASS });
    await source.call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    await source.call("attachment:import", { file: new File([new Uint8Array(2_500_000).fill(7)], "image.dd") });
    const { digest } = await source.call("vault:digest", {});
    const backup = await source.call("vault:backup", { passphrase: PASS });
    expect(backup.fileName).toMatch(/^attribution-panel-vault-\d{4}-\d{2}-\d{2}\.age$/);
    const file = new Uint8Array(await backup.blob.arrayBuffer());
    expect((await decryptBytes(file, [{ kind: "passphrase", passphrase: PASS }])).ok).toBe(true);

    const target = service();
    expect(await target.refusal("vault:restore", { file: new Blob([file]), passphrase: "wrong wrong wrong wrong" })).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "wrong-passphrase" } } });
    expect(await target.call("vault:status", {})).toEqual({ state: "none", interruptedRestore: false });
    const restored = await target.call("vault:restore", { file: new Blob([file]), passphrase: PASS });
    expect(restored.audit.ok).toBe(true);
    expect(await target.call("vault:digest", {})).toEqual({ digest });
    expect(await target.call("identity:list", {})).toEqual(await source.call("identity:list", {}));
  });

  it("reports a tampered identity row instead of skipping it, and logs it", async () => {
    const { call, refusal, storage } = service();
    await call("vault:create", { passphrase: PASS });
    const me = await call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    const row = storage.raw.row("identities", me.id);
    if (!row) throw new Error("identity row missing");
    row.ciphertext[10] = (row.ciphertext[10] as number) ^ 0x40;
    storage.raw.write(row.table, row.id, row);
    expect(await refusal("identity:list", {})).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "tampered", table: "identities" } } });
    expect((await call("audit:list", {})).entries.at(-1)).toMatchObject({ event: "tamper-detected", detail: { table: "identities", id: me.id } });
  });

  it("reports at unlock, across the contract, an identity put back from an older copy, the last change and the audit head", async () => {
    const { call, refusal, storage } = service();
    await call("vault:create", { passphrase: PASS });
    const me = await call("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    const older = storage.raw.row("identities", me.id);
    if (!older) throw new Error("identity row missing");
    await call("identity:edit", { id: me.id, displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Ibadan" });
    clockMs += 60_000;
    await call("vault:lock", {});
    const lockedAt = new Date(clockMs).toISOString();
    storage.raw.write(older.table, older.id, older);
    const unlocked = await call("vault:unlock", { passphrase: PASS });
    expect(unlocked.integrity).toEqual({
      lastModifiedAt: lockedAt,
      auditHead: { seq: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      index: null,
      records: [{ kind: "record-rolled-back", table: "identities", id: me.id }],
      recordCount: 1,
      upgraded: false,
    });
    expect(await refusal("identity:list", {})).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "record-rolled-back", table: "identities", id: me.id } } });
  });
});
