import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "../validation/zod";
import * as sodium from "../crypto/sodium";
import { KDF_FLOOR } from "./kdf";
import { MemoryVaultStorage } from "./memory-storage";
import { newRecordId } from "./record-slot";
import { createVault, unlockVault } from "./vault";

// Observes every buffer libsodium hands back from an AEAD open, among them the unwrapped vault key.
const opened: Uint8Array[] = [];
vi.mock("../crypto/sodium", async (importOriginal) => {
  const real = await importOriginal<typeof sodium>();
  return {
    ...real,
    xchacha20Poly1305Open: (...args: Parameters<typeof real.xchacha20Poly1305Open>) => {
      const out = real.xchacha20Poly1305Open(...args);
      if (out) opened.push(out);
      return out;
    },
  };
});

beforeAll(async () => {
  expect((await sodium.loadCrypto()).ok).toBe(true);
});

describe("lock", () => {
  it("wipes the vault key and makes every later call fail with locked", async () => {
    const storage = new MemoryVaultStorage();
    const created = await createVault(storage, "granite meadow copper lantern", { kdf: KDF_FLOOR });
    if (!created.ok) throw new Error(created.error.kind);
    const id = newRecordId();
    await created.value.put("notes", id, { a: 1 });
    await created.value.lock();

    opened.length = 0;
    const unlocked = await unlockVault(storage, "granite meadow copper lantern");
    if (!unlocked.ok) throw new Error(unlocked.error.kind);
    const vaultKey = opened.find((b) => b.length === 32);
    expect(vaultKey).toBeDefined();
    expect(vaultKey!.some((b) => b !== 0)).toBe(true);

    const vault = unlocked.value;
    await vault.lock();
    expect(vault.isLocked()).toBe(true);
    expect(vaultKey!.every((b) => b === 0)).toBe(true);
    const locked = { ok: false, error: { kind: "locked" } };
    expect(await vault.get("notes", id, z.unknown())).toEqual(locked);
    expect(await vault.put("notes", id, { a: 2 })).toEqual(locked);
    expect(await vault.list("notes")).toEqual(locked);
    expect(await vault.delete("notes", id)).toEqual(locked);
    expect(await vault.audit("backup-made")).toEqual(locked);
    expect(await vault.verifyAudit()).toEqual(locked);
    expect(await vault.changePassphrase("granite meadow copper lantern", "another quite long passphrase")).toEqual(locked);
    // Locking wrote its audit entry before the wipe, and the data is untouched.
    const again = await unlockVault(storage, "granite meadow copper lantern");
    if (!again.ok) throw new Error(again.error.kind);
    const log = await again.value.verifyAudit();
    expect(log.ok && log.value.entries.map((e) => e.event)).toEqual(["vault-created", "locked", "unlocked", "locked", "unlocked"]);
    expect(await again.value.get("notes", id, z.object({ a: z.number() }))).toEqual({ ok: true, value: { a: 1 } });
  });

  it("wipes the unwrapped key when storage fails during unlock", async () => {
    const storage = new MemoryVaultStorage();
    const created = await createVault(storage, "granite meadow copper lantern", { kdf: KDF_FLOOR });
    if (!created.ok) throw new Error(created.error.kind);
    await created.value.lock();
    opened.length = 0;
    storage.failNextCommit = new Error("disk full");
    expect(await unlockVault(storage, "granite meadow copper lantern")).toEqual({ ok: false, error: { kind: "storage-failed", detail: "disk full" } });
    const vaultKey = opened.find((b) => b.length === 32);
    expect(vaultKey).toBeDefined();
    expect(vaultKey!.every((b) => b === 0)).toBe(true);
  });
});
