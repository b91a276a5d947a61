import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { createHash } from "node:crypto";
import { loadCrypto, toBase64 } from "../crypto/sodium";
import { KDF_FLOOR } from "./kdf";
import { MemoryVaultStorage } from "./memory-storage";
import { checkRow, checkTable, emptyIndex, INDEX_TABLE, rowVersion, updatedIndex } from "./record-index";
import { newRecordId } from "./record-slot";
import { createVault } from "./vault";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";

async function vaultWithNotes(n: number) {
  const storage = new MemoryVaultStorage();
  const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
  if (!created.ok) throw new Error("create failed");
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newRecordId();
    ids.push(id);
    expect((await created.value.put("notes", id, { i })).ok).toBe(true);
  }
  return { storage, vault: created.value, ids };
}

const events = async (vault: Awaited<ReturnType<typeof vaultWithNotes>>["vault"]) => {
  const log = await vault.verifyAudit();
  return log.ok ? log.value.entries.map((e) => e.event) : [];
};

describe("record index (pure)", () => {
  const row = (table: string, id: string, n: number) => ({ table, id, nonce: new Uint8Array(24).fill(n), ciphertext: new Uint8Array([n, n + 1, n + 2]) });
  const at = new Date("2026-11-22T10:00:00.000Z");

  it("lists rows under their versions, removes, and keeps tables and ids sorted", () => {
    const index = updatedIndex(emptyIndex(new Date(0)), { put: [row("t", "b", 1), row("t", "a", 2), row("u", "x", 3)], at });
    expect(Object.keys(index.tables)).toEqual(["t", "u"]);
    expect(Object.keys(index.tables.t ?? {})).toEqual(["a", "b"]);
    expect(index.tables.t?.a).toBe(rowVersion(row("t", "a", 2)));
    expect(index.modifiedAt).toBe(at.toISOString());
    expect(index.audit).toBeNull();
    const later = updatedIndex(index, { removed: [{ table: "u", id: "x" }], put: [row("t", "a", 7)], audit: { seq: 3, hash: toBase64(new Uint8Array(32)) }, at });
    expect(later.tables).toEqual({ t: { a: rowVersion(row("t", "a", 7)), b: rowVersion(row("t", "b", 1)) } });
    expect(later.audit).toEqual({ seq: 3, hash: toBase64(new Uint8Array(32)) });
    expect(checkTable(later, "t", ["a", "b"])).toEqual({ kind: "consistent", ids: ["a", "b"] });
    expect(checkTable(later, "t", ["a"])).toEqual({ kind: "missing", id: "b" });
    expect(checkTable(later, "t", ["a", "b", "c"])).toEqual({ kind: "unexpected", id: "c" });
    expect(checkTable(later, "empty", [])).toEqual({ kind: "consistent", ids: [] });
  });

  it("names a row's version by the SHA-256 of its nonce and ciphertext, as stored", () => {
    const r = row("t", "a", 5);
    const expected = createHash("sha256").update(r.nonce).update(r.ciphertext).digest("base64url");
    expect(rowVersion(r)).toBe(expected);
    const index = updatedIndex(emptyIndex(at), { put: [r], at });
    expect(checkRow(index, r, r)).toEqual({ kind: "current" });
    expect(checkRow(index, r, { ...r, ciphertext: r.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) })).toEqual({ kind: "other-version" });
    expect(checkRow(index, r, undefined)).toEqual({ kind: "missing" });
    expect(checkRow(index, { table: "t", id: "z" }, r)).toEqual({ kind: "unexpected" });
    expect(checkRow(index, { table: "t", id: "z" }, undefined)).toEqual({ kind: "absent" });
  });
});

describe("deleted and foreign rows are reported, never skipped", () => {
  it("a row deleted outside the app makes the list fail with 'missing', and it is logged", async () => {
    const { storage, vault, ids } = await vaultWithNotes(3);
    expect(await vault.list("notes")).toEqual({ ok: true, value: [...ids].sort() });
    storage.raw.remove("notes", ids[1] as string);
    const listed = await vault.list("notes");
    expect(listed).toEqual({ ok: false, error: { kind: "missing", table: "notes", id: ids[1] } });
    expect((await events(vault)).at(-1)).toBe("tamper-detected");
  });

  it("a row copied in under another id is refused as unexpected", async () => {
    const { storage, vault, ids } = await vaultWithNotes(2);
    const row = storage.raw.row("notes", ids[0] as string);
    if (!row) throw new Error("row missing");
    const foreign = newRecordId();
    storage.raw.write("notes", foreign, { ...row, id: foreign });
    expect(await vault.list("notes")).toEqual({ ok: false, error: { kind: "unexpected-record", table: "notes", id: foreign } });
  });

  it("a deleted or altered index is reported, and writes are refused rather than forking it", async () => {
    const { storage, vault } = await vaultWithNotes(1);
    const indexRow = storage.raw.rows().find((r) => r.table === INDEX_TABLE);
    if (!indexRow) throw new Error("index row missing");
    storage.raw.remove(INDEX_TABLE, indexRow.id);
    expect(await vault.list("notes")).toEqual({ ok: false, error: { kind: "index-missing" } });
    const before = storage.raw.rows().filter((r) => r.table === "notes").length;
    expect(await vault.put("notes", newRecordId(), { x: 1 })).toEqual({ ok: false, error: { kind: "index-missing" } });
    expect(storage.raw.rows().filter((r) => r.table === "notes").length).toBe(before);
    storage.raw.write(INDEX_TABLE, indexRow.id, { ...indexRow, ciphertext: indexRow.ciphertext.map((b, i) => (i === 3 ? b ^ 1 : b)) });
    expect(await vault.list("notes")).toEqual({ ok: false, error: { kind: "index-tampered" } });
  });

  it("a deleted attachment record is reported by the attachment list", async () => {
    const { storage, vault } = await vaultWithNotes(0);
    const imported = await vault.attachments.import({ name: "a.bin", mediaType: "application/octet-stream", size: 3, stream: new Blob([new Uint8Array([1, 2, 3])]).stream() });
    if (!imported.ok) throw new Error("import failed");
    storage.raw.remove("attachments", imported.value.id);
    expect(await vault.attachments.list()).toEqual({ ok: false, error: { kind: "missing", table: "attachments", id: imported.value.id } });
  });

  it("deleting through the app keeps the index consistent", async () => {
    const { vault, ids } = await vaultWithNotes(2);
    expect((await vault.delete("notes", ids[0] as string)).ok).toBe(true);
    expect(await vault.list("notes")).toEqual({ ok: true, value: [ids[1]] });
    expect((await vault.get("notes", ids[1] as string, z.object({ i: z.number() }))).ok).toBe(true);
  });
});
