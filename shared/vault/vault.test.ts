import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { loadCrypto } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { KDF_FLOOR } from "./kdf";
import { MemoryVaultStorage } from "./memory-storage";
import { newRecordId } from "./record-slot";
import { createVault, unlockVault } from "./vault";
import type { VaultError } from "./vault-error";
import { VaultErrorSchema } from "../worker/problem";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const note = z.strictObject({ title: z.string(), body: z.string() });
const SECRET = { title: "Hypothesis: APT-Nightjar is state-executed", body: "Source HUMINT-7 says the loader was built in-house" };

async function newVault() {
  const storage = new MemoryVaultStorage();
  const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return { storage, vault: created.value };
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe("createVault", () => {
  it("refuses a second vault in the same storage and an empty passphrase", async () => {
    const { storage } = await newVault();
    expect(await createVault(storage, PASS, { kdf: KDF_FLOOR })).toEqual({ ok: false, error: { kind: "vault-exists" } });
    expect(await createVault(new MemoryVaultStorage(), "", { kdf: KDF_FLOOR })).toMatchObject({ ok: false, error: { kind: "passphrase-weak" } });
    const weak = new MemoryVaultStorage();
    expect(await createVault(weak, "password1234", { kdf: KDF_FLOOR })).toMatchObject({ ok: false, error: { kind: "passphrase-weak", warning: expect.any(String) } });
    expect(await weak.getHeader()).toBeUndefined();
  });

  it("refuses KDF parameters below the floor", async () => {
    const storage = new MemoryVaultStorage();
    expect(await createVault(storage, PASS, { kdf: { opsLimit: 2, memLimitBytes: KDF_FLOOR.memLimitBytes } })).toMatchObject({ ok: false, error: { kind: "kdf-below-floor" } });
    expect(storage.raw.header()).toBeUndefined();
  });
});

describe("records", () => {
  it("round-trips, lists, deletes, and reports a missing row", async () => {
    const { vault } = await newVault();
    const id = newRecordId();
    expect(await vault.put("notes", id, SECRET)).toEqual({ ok: true, value: undefined });
    expect(await vault.get("notes", id, note)).toEqual({ ok: true, value: SECRET });
    expect(await vault.list("notes")).toEqual({ ok: true, value: [id] });
    expect(await vault.delete("notes", id)).toEqual({ ok: true, value: undefined });
    expect(await vault.get("notes", id, note)).toEqual({ ok: false, error: { kind: "missing", table: "notes", id } });
  });

  it("encrypts every row: no stored value appears in any row's bytes", async () => {
    const { storage, vault } = await newVault();
    await vault.put("notes", newRecordId(), SECRET);
    await vault.audit("contact-trusted", { contactName: "Dr Amara Okafor" });
    const needles = [SECRET.title, SECRET.body, "Nightjar", "HUMINT-7", "Okafor", "contact-trusted", "vault-created"].map(utf8);
    const rows = storage.raw.rows();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) for (const needle of needles) expect(contains(row.ciphertext, needle) || contains(row.nonce, needle)).toBe(false);
    expect(JSON.stringify(storage.raw.header())).not.toContain(PASS);
  });

  it("checks the audit chain in one transaction: entries added while it reads are never reported as tampering", async () => {
    const { vault } = await newVault();
    const checks = [];
    const appends = [];
    for (let i = 0; i < 10; i++) {
      checks.push(vault.verifyAudit());
      appends.push(vault.audit("contact-trusted", { contactName: `Colleague ${i}` }));
    }
    for (const appended of await Promise.all(appends)) expect(appended.ok).toBe(true);
    for (const check of await Promise.all(checks)) expect(check).toMatchObject({ ok: true });
    expect(await vault.verifyAudit()).toMatchObject({ ok: true, value: { count: 11 } });
  });

  it("refuses a row copied to another id or table as tampered", async () => {
    const { storage, vault } = await newVault();
    const [a, b] = [newRecordId(), newRecordId()];
    await vault.put("notes", a, SECRET);
    await vault.put("notes", b, { title: "harmless", body: "" });
    const rowA = storage.raw.row("notes", a)!;
    storage.raw.write("notes", b, rowA);
    expect(await vault.get("notes", b, note)).toEqual({ ok: false, error: { kind: "tampered", table: "notes", id: b } });
    storage.raw.write("drafts", a, rowA);
    expect(await vault.get("drafts", a, note)).toEqual({ ok: false, error: { kind: "tampered", table: "drafts", id: a } });
    // The original is untouched and still reads.
    expect(await vault.get("notes", a, note)).toEqual({ ok: true, value: SECRET });
  });

  it("refuses two swapped rows, both ways", async () => {
    const { storage, vault } = await newVault();
    const [a, b] = [newRecordId(), newRecordId()];
    await vault.put("notes", a, SECRET);
    await vault.put("notes", b, { title: "other", body: "" });
    const [rowA, rowB] = [storage.raw.row("notes", a)!, storage.raw.row("notes", b)!];
    storage.raw.write("notes", a, rowB);
    storage.raw.write("notes", b, rowA);
    expect(await vault.get("notes", a, note)).toMatchObject({ ok: false, error: { kind: "tampered", id: a } });
    expect(await vault.get("notes", b, note)).toMatchObject({ ok: false, error: { kind: "tampered", id: b } });
  });

  it("logs a detected tampering in the audit log", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    await vault.put("notes", id, SECRET);
    const row = storage.raw.row("notes", id)!;
    storage.raw.write("notes", id, { ...row, ciphertext: row.ciphertext.subarray(0, 20) });
    expect(await vault.get("notes", id, note)).toMatchObject({ ok: false, error: { kind: "tampered" } });
    const log = await vault.verifyAudit();
    expect(log.ok && log.value.entries.at(-1)).toMatchObject({ event: "tamper-detected", detail: { table: "notes", id } });
  });

  it("reports any single-byte change to a stored nonce or ciphertext as tampered", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    await vault.put("notes", id, SECRET);
    const original = storage.raw.row("notes", id)!;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (inNonce, at, xor) => {
        const bytes = (inNonce ? original.nonce : original.ciphertext).slice();
        bytes[at % bytes.length]! ^= xor;
        storage.raw.write("notes", id, inNonce ? { ...original, nonce: bytes } : { ...original, ciphertext: bytes });
        expect(await vault.get("notes", id, note)).toEqual({ ok: false, error: { kind: "tampered", table: "notes", id } });
      }),
      { numRuns: 50 },
    );
  });

  it("keeps the audit tables out of reach of ordinary writes", async () => {
    const { vault } = await newVault();
    expect(() => vault.put("audit", newRecordId(), {})).toThrow(RangeError);
    expect(() => vault.delete("vault-meta", "audit-chain-head")).toThrow(RangeError);
    expect(() => vault.put("notes", "Titles are not ids", {})).toThrow(RangeError);
  });
});

describe("unlockVault", () => {
  it("unlocks with the passphrase and finds the data and an intact audit log", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    await vault.put("notes", id, SECRET);
    await vault.lock();
    const unlocked = await unlockVault(storage, PASS);
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    expect(unlocked.value.vaultId).toBe(vault.vaultId);
    expect(unlocked.value.auditAtUnlock).toEqual({ ok: true, value: { count: 2 } });
    expect(await unlocked.value.get("notes", id, note)).toEqual({ ok: true, value: SECRET });
  });

  it("refuses a wrong passphrase and changes nothing but the clear failure counter", async () => {
    const { storage, vault } = await newVault();
    await vault.put("notes", newRecordId(), SECRET);
    await vault.lock();
    const rowsBefore = storage.raw.rows();
    const headerBefore = storage.raw.header()!;
    expect(await unlockVault(storage, "correct horse battery stapler")).toEqual({ ok: false, error: { kind: "wrong-passphrase", failedAttempts: 1, retryAfterMs: 0 } });
    expect(storage.raw.rows()).toEqual(rowsBefore);
    const { unlockFailures, ...rest } = storage.raw.header()!;
    const { unlockFailures: _before, ...restBefore } = headerBefore;
    expect(rest).toEqual(restBefore);
    expect(unlockFailures).toMatchObject({ count: 1 });
  });

  it("delays after repeated failures and logs them at the next unlock", async () => {
    const { storage, vault } = await newVault();
    await vault.lock();
    let now = Date.parse("2025-03-01T12:00:00Z");
    const clock = () => new Date(now);
    for (let i = 1; i <= 3; i++) expect(await unlockVault(storage, "guess", { clock })).toMatchObject({ ok: false, error: { kind: "wrong-passphrase", failedAttempts: i } });
    expect(await unlockVault(storage, "guess", { clock })).toEqual({ ok: false, error: { kind: "wrong-passphrase", failedAttempts: 4, retryAfterMs: 1000 } });
    // Even the right passphrase waits out the delay, without a derivation.
    expect(await unlockVault(storage, PASS, { clock })).toEqual({ ok: false, error: { kind: "unlock-delayed", retryAfterMs: 1000 } });
    now += 1000;
    const unlocked = await unlockVault(storage, PASS, { clock });
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    expect(storage.raw.header()!["unlockFailures"]).toEqual({ count: 0, lastAt: null });
    const log = await unlocked.value.verifyAudit();
    expect(log.ok && log.value.entries.map((e) => e.event)).toEqual(["vault-created", "locked", "unlock-failed", "unlocked"]);
    expect(log.ok && log.value.entries[2]!.detail).toEqual({ count: 4, lastAt: "2025-03-01T12:00:00.000Z" });
  });

  it("refuses a header whose KDF parameters were lowered below the floor, before deriving", async () => {
    const { storage, vault } = await newVault();
    await vault.lock();
    const header = storage.raw.header()!;
    const kdf = header["kdf"] as Record<string, unknown>;
    storage.raw.setHeader({ ...header, kdf: { ...kdf, opsLimit: 1, memLimitBytes: 8 * 1024 } });
    expect(await unlockVault(storage, PASS)).toEqual({ ok: false, error: { kind: "kdf-below-floor", opsLimit: 1, memLimitBytes: 8 * 1024 } });
    expect(storage.raw.header()!["unlockFailures"]).toEqual({ count: 0, lastAt: null });
  });

  it("fails to unwrap when the KDF parameters were raised (they are bound to the wrap)", async () => {
    const { storage, vault } = await newVault();
    await vault.lock();
    const header = storage.raw.header()!;
    const kdf = header["kdf"] as Record<string, unknown>;
    storage.raw.setHeader({ ...header, kdf: { ...kdf, opsLimit: 4 } });
    expect(await unlockVault(storage, PASS)).toMatchObject({ ok: false, error: { kind: "wrong-passphrase" } });
  });

  it("fails to unwrap when the vault id was edited", async () => {
    const { storage, vault } = await newVault();
    await vault.lock();
    storage.raw.setHeader({ ...storage.raw.header()!, vaultId: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(await unlockVault(storage, PASS)).toMatchObject({ ok: false, error: { kind: "wrong-passphrase" } });
  });

  it("reports a malformed or absent header", async () => {
    const storage = new MemoryVaultStorage();
    expect(await unlockVault(storage, PASS)).toEqual({ ok: false, error: { kind: "no-vault" } });
    storage.raw.setHeader({ format: "attribution-panel-vault", formatVersion: 2 });
    expect(await unlockVault(storage, PASS)).toMatchObject({ ok: false, error: { kind: "header-malformed", detail: expect.stringContaining("formatVersion") } });
  });

  it("reports a failing storage as a value", async () => {
    const { storage, vault } = await newVault();
    storage.failNextCommit = new Error("QuotaExceededError");
    expect(await vault.put("notes", newRecordId(), SECRET)).toEqual({ ok: false, error: { kind: "storage-failed", detail: "QuotaExceededError" } });
  });
});

describe("changePassphrase", () => {
  it("re-wraps only: old refused, new works, records intact, only the header changed", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    await vault.put("notes", id, SECRET);
    const noteRowBefore = storage.raw.row("notes", id);
    const headerBefore = storage.raw.header()!;
    expect(await vault.changePassphrase(PASS, "a new and longer passphrase")).toEqual({ ok: true, value: undefined });
    expect(storage.raw.row("notes", id)).toEqual(noteRowBefore);
    const headerAfter = storage.raw.header()!;
    expect(headerAfter["vaultId"]).toBe(headerBefore["vaultId"]);
    expect(headerAfter["wrappedKey"]).not.toEqual(headerBefore["wrappedKey"]);
    expect((headerAfter["kdf"] as { salt: string }).salt).not.toBe((headerBefore["kdf"] as { salt: string }).salt);
    await vault.lock();
    expect(await unlockVault(storage, PASS)).toMatchObject({ ok: false, error: { kind: "wrong-passphrase" } });
    const unlocked = await unlockVault(storage, "a new and longer passphrase");
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    expect(await unlocked.value.get("notes", id, note)).toEqual({ ok: true, value: SECRET });
    const log = await unlocked.value.verifyAudit();
    expect(log.ok && log.value.entries.map((e) => e.event)).toContain("passphrase-changed");
  });

  it("refuses a wrong old passphrase and leaves the header as it was", async () => {
    const { storage, vault } = await newVault();
    const headerBefore = storage.raw.header();
    expect(await vault.changePassphrase("not it", "a new and longer passphrase")).toEqual({ ok: false, error: { kind: "wrong-passphrase" } });
    expect(storage.raw.header()).toEqual(headerBefore);
  });

  it("writes nothing when the transaction fails", async () => {
    const { storage, vault } = await newVault();
    const headerBefore = storage.raw.header();
    const rowsBefore = storage.raw.rows();
    storage.failNextCommit = new Error("disk full");
    expect(await vault.changePassphrase(PASS, "a new and longer passphrase")).toMatchObject({ ok: false, error: { kind: "storage-failed" } });
    expect(storage.raw.header()).toEqual(headerBefore);
    expect(storage.raw.rows()).toEqual(rowsBefore);
  });
});

describe("vault errors as values", () => {
  const all: VaultError[] = [
    { kind: "vault-exists" },
    { kind: "no-vault" },
    { kind: "header-malformed", detail: "kdf: missing" },
    { kind: "kdf-below-floor", opsLimit: 1, memLimitBytes: 8192 },
    { kind: "kdf-above-ceiling", opsLimit: 3, memLimitBytes: 2 ** 40 },
    { kind: "passphrase-weak", warning: "topTen" },
    { kind: "attachment-corrupt", id: "a1", reason: "unit-does-not-decrypt", unit: 3 },
    { kind: "attachment-corrupt", id: "a1", reason: "row-missing", row: 2, rows: 5 },
    { kind: "backup-invalid", reason: "fewer-rows-than-announced", rows: 8, announced: 10 },
    { kind: "backup-invalid", reason: "line-invalid", line: "start", issues: [{ code: "invalid_type", path: ["rows"], expected: "number" }] },
    { kind: "backup-invalid", reason: "vault-check-failed", error: { kind: "audit-chain-broken", seq: 2, reason: "tampered" } },
    { kind: "backup-unreadable", error: { kind: "malformed-header", reason: "scrypt-work-factor-too-high", workFactor: 30 } },
    { kind: "wrong-passphrase" },
    { kind: "wrong-passphrase", failedAttempts: 6, retryAfterMs: 4000 },
    { kind: "unlock-delayed", retryAfterMs: 300_000 },
    { kind: "header-changed" },
    { kind: "locked" },
    { kind: "missing", table: "notes", id: "x" },
    { kind: "tampered", table: "notes", id: "x" },
    { kind: "malformed", table: "notes", id: "x", detail: "title: expected string" },
    { kind: "unserialisable", table: "notes", id: "x", detail: "a Date" },
    { kind: "audit-chain-broken", seq: 4, reason: "missing" },
    { kind: "storage-failed", detail: "QuotaExceededError" },
  ];
  it.each(all)("crosses the worker boundary as it is: $kind", (e) => {
    expect(VaultErrorSchema.parse(e)).toEqual(e);
  });
});
