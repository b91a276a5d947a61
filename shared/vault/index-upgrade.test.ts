/**
 * The upgrade of vaults written before the record index named versions
 * (issue 12, point 4), on a vault the earlier code wrote
 * (fixtures/vault-v1.json). Moving records to keyed ids is tested where
 * those records are defined (shared/case/case-records.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { loadCrypto } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { upgradeIndex } from "./index-upgrade";
import { LEGACY } from "./legacy-vault.testing";
import { MemoryVaultStorage } from "./memory-storage";
import { INDEX_SLOT, openIndex } from "./record-index";
import type { UnlockedVault } from "./unlocked-vault";
import { restoreVault, unlockVault } from "./vault";
import { unwrapVaultKey, vaultHeaderSchema } from "./vault-header";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const NOW = new Date("2026-11-23T09:00:00.000Z");
const PASS = LEGACY.passphrase;
const BOOKKEEPING = new Set(["vault-index", "audit", "vault-meta"]);

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const unlock = async (storage: MemoryVaultStorage) => must(await unlockVault(storage, PASS, { clock: () => NOW }));
const rowsOf = (storage: MemoryVaultStorage) =>
  storage.raw
    .rows()
    .filter((r) => !BOOKKEEPING.has(r.table))
    .map((r) => `${r.table}/${r.id}/${Buffer.from(r.nonce).toString("hex")}/${Buffer.from(r.ciphertext).toString("hex")}`)
    .sort();
const upgradesIn = async (v: UnlockedVault) => must(await v.verifyAudit()).entries.filter((e) => e.event === "vault-upgraded");

/** Every listed record opens, through the checked read. */
async function readsEverything(v: UnlockedVault, storage: MemoryVaultStorage) {
  const tables = new Set(storage.raw.rows().map((r) => r.table).filter((t) => !BOOKKEEPING.has(t) && t !== "attachment-chunks"));
  for (const table of tables) for (const id of must(await v.list(table))) expect((await v.get(table, id, z.unknown())).ok, `${table}/${id}`).toBe(true);
}

describe("a vault written before record versions, at its first unlock with this code", () => {
  it("is upgraded once, in one audit entry, its records untouched and all current", async () => {
    const storage = LEGACY.panelist();
    const before = rowsOf(storage);
    const v = await unlock(storage);
    expect(v.auditAtUnlock.ok).toBe(true);
    expect(v.integrityAtUnlock).toMatchObject({ upgraded: true, index: null, records: { problems: [], count: 0 }, lastModifiedAt: null });
    // The head as found, before the upgrade's entry: the first format knew no time of change, but the log had its head.
    const found = v.integrityAtUnlock.auditHead?.seq ?? 0;
    expect(found).toBeGreaterThan(5);
    const upgrades = await upgradesIn(v);
    expect(upgrades).toHaveLength(1);
    const listed = before.filter((r) => !r.startsWith("attachment-chunks/")).length;
    expect(listed).toBeGreaterThanOrEqual(6); // an identity, a contact, the settings, attachments, the received case, the pinned sender
    expect(upgrades[0]?.detail).toEqual({ indexFormat: 2, records: listed, rekeyed: 0 });
    // Without keyed-id rules, no record moves: every row is byte for byte as it was.
    expect(rowsOf(storage)).toEqual(before);
    await readsEverything(v, storage);
    const index = openIndex(await keyOf(storage), storage.raw.row(INDEX_SLOT.table, INDEX_SLOT.id));
    expect(index.ok && index.value.version).toBe(2);
    await v.lock();

    const again = await unlock(storage);
    expect(again.integrityAtUnlock).toMatchObject({ upgraded: false, index: null, records: { count: 0 } });
    expect(again.integrityAtUnlock.lastModifiedAt).toBe(NOW.toISOString());
    expect(await upgradesIn(again)).toHaveLength(1);
    // The head shown at this unlock is the one the last session left: the upgrade, its unlock, its lock.
    expect(again.integrityAtUnlock.auditHead?.seq).toBe(found + 3);
  });

  it("refuses the first-format index put back after the upgrade, instead of upgrading again", async () => {
    const storage = LEGACY.panelist();
    const firstFormat = storage.raw.row(INDEX_SLOT.table, INDEX_SLOT.id);
    if (!firstFormat) throw new Error("no index");
    await (await unlock(storage)).lock();
    storage.raw.write(INDEX_SLOT.table, INDEX_SLOT.id, firstFormat);
    const v = await unlock(storage);
    expect(v.integrityAtUnlock).toMatchObject({ upgraded: false, index: { kind: "record-rolled-back", table: "vault-index", id: INDEX_SLOT.id } });
    expect(await upgradesIn(v)).toHaveLength(1);
  });

  it("keeps reporting a listed record that was gone or altered before the upgrade, never blessing it", async () => {
    const storage = LEGACY.panelist();
    const [identity] = LEGACY.panelistIds("identities");
    const row = storage.raw.row("identities", identity as string);
    if (!row) throw new Error("no identity row");
    storage.raw.write("identities", row.id, { ...row, ciphertext: row.ciphertext.map((b, i) => (i === 9 ? b ^ 1 : b)) });
    storage.raw.remove("contacts", LEGACY.contactId);
    const v = await unlock(storage);
    expect(v.integrityAtUnlock.upgraded).toBe(true);
    expect(v.integrityAtUnlock.records.problems).toEqual([
      { kind: "missing", table: "contacts", id: LEGACY.contactId },
      { kind: "tampered", table: "identities", id: identity },
    ]);
    await v.lock();
    expect((await unlock(storage)).integrityAtUnlock.records.count).toBe(2);
  });

  it("lands nothing when the upgrade's transaction fails", async () => {
    const storage = LEGACY.panelist();
    const all = () => storage.raw.rows().map((r) => `${r.table}/${r.id}/${Buffer.from(r.ciphertext).toString("hex")}`).sort();
    const before = all();
    storage.failNextCommit = new Error("disk full");
    await expect(upgradeIndex(storage, await keyOf(storage), NOW, [])).rejects.toThrow("disk full");
    expect(all()).toEqual(before);
  });

  it("restores from its backup made before the upgrade, and from one made after", async () => {
    const restored = must(await restoreVault(new MemoryVaultStorage(), new Blob([LEGACY.panelistBackup() as Uint8Array<ArrayBuffer>]).stream(), PASS, { clock: () => NOW }));
    expect(restored.integrityAtUnlock).toMatchObject({ upgraded: true, index: null, records: { count: 0 } });
    const after = await readAllBytes(must(await restored.backup(PASS, { workFactor: 10 })));
    const again = must(await restoreVault(new MemoryVaultStorage(), new Blob([after as Uint8Array<ArrayBuffer>]).stream(), PASS, { clock: () => NOW }));
    expect(again.integrityAtUnlock).toMatchObject({ upgraded: false, index: null, records: { count: 0 } });
    expect(must(await again.contentDigest())).toBe(must(await restored.contentDigest()));
  });
});

async function keyOf(storage: MemoryVaultStorage): Promise<Uint8Array> {
  const key = await unwrapVaultKey(vaultHeaderSchema.parse(storage.raw.header()), PASS);
  if (!key) throw new Error("no key");
  return key;
}
