/**
 * The whole vault (through the worker's service) on Dexie over fake-indexeddb,
 * the same stack the app runs on IndexedDB: every row encrypted, a swapped
 * row refused, wrong passphrase, passphrase change, audit chain break,
 * backup and restore with equal content digests.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { KDF_FLOOR } from "../../shared/vault/kdf";
import type { WorkerMethod, WorkerRequestOf, WorkerResponseOf } from "../../shared/worker/contract";
import { dispatchWorkerCall } from "../../shared/worker/dispatch";
import { createWorkerService } from "../../shared/worker/worker-service";
import { DexieVaultStorage } from "./dexie-storage";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "wicker lantern orbit seventy fjord";

function profile() {
  const factory = new IDBFactory();
  const name = `vault-${Math.random()}`;
  const storage = new DexieVaultStorage(name, factory, IDBKeyRange);
  // A restarted worker: a new service over the same database.
  const fresh = () => createWorkerService({ storage, kdfCost: () => KDF_FLOOR, backupWorkFactor: 10 });
  let handlers = fresh();
  const call = async <M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>) => {
    const result = await dispatchWorkerCall(handlers, method, request, { signal: new AbortController().signal, progress: () => undefined });
    return result as { ok: true; value: WorkerResponseOf<M> } | { ok: false; error: { kind: string; code?: string; message?: string } };
  };
  const must = async <M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>) => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return { storage, factory, name, call, must, restart: () => (handlers = fresh()) };
}

async function rawRows(factory: IDBFactory, name: string): Promise<{ table: string; id: string; nonce: Uint8Array; ciphertext: Uint8Array }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = factory.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const rows = await new Promise<never[]>((resolve, reject) => {
    const r = db.transaction("rows").objectStore("rows").getAll();
    r.onsuccess = () => resolve(r.result as never[]);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return rows;
}

/** Acts as someone with the disk: runs `fn` on the raw object stores, outside the app. */
async function onDisk(factory: IDBFactory, name: string, fn: (stores: { rows: IDBObjectStore; header: IDBObjectStore }) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = factory.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(["rows", "header"], "readwrite");
    fn({ rows: tx.objectStore("rows"), header: tx.objectStore("header") });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const PERSON = { region: "african-states", nationality: "NG", affiliation: "University of Lagos" };

describe("the vault on Dexie (fake-indexeddb)", () => {
  it("encrypts every row: no plaintext anywhere, 24-byte nonces, opaque ids", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    await p.must("identity:create", { displayName: "Ines Okafor", ...PERSON });
    await p.must("vault:set-settings", { idleLockMinutes: 7 });
    await p.must("attachment:import", { file: new File([new TextEncoder().encode("evidence: beacon to 203.0.113.7 ".repeat(4000))], "beacon-log.txt") });
    const rows = await rawRows(p.factory, p.name);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const bytes = Buffer.from(row.ciphertext);
      for (const secret of ["Okafor", "Lagos", "beacon", "203.0.113.7", "idleLock", "identity-created"]) expect(bytes.includes(Buffer.from(secret)), `${row.table} holds "${secret}"`).toBe(false);
      expect(row.table === "attachment-chunks" ? row.nonce.length === 0 : row.nonce.length === 24).toBe(true);
      expect(row.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    }
  });

  it("refuses a row swapped into another record's slot", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    const a = await p.must("identity:create", { displayName: "Ines Okafor", ...PERSON });
    const b = await p.must("identity:create", { displayName: "Jonas Berg", ...PERSON, region: "western-european-and-others-states", nationality: "NO" });
    const rows = await rawRows(p.factory, p.name);
    const rowA = rows.find((r) => r.id === a.id);
    const rowB = rows.find((r) => r.id === b.id);
    if (!rowA || !rowB) throw new Error("identity rows missing");
    await onDisk(p.factory, p.name, ({ rows: store }) => {
      store.put({ ...rowA, nonce: rowB.nonce, ciphertext: rowB.ciphertext });
      store.put({ ...rowB, nonce: rowA.nonce, ciphertext: rowA.ciphertext });
    });
    expect(await p.call("identity:list", {})).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "vault", error: { kind: "tampered" } } } });
  });

  it("refuses KDF parameters lowered below the floor in the stored header, before deriving", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    await p.must("vault:lock", {});
    await onDisk(p.factory, p.name, ({ header }) => {
      const r = header.get("vault");
      r.onsuccess = () => header.put({ ...r.result, kdf: { ...r.result.kdf, opsLimit: 1, memLimitBytes: 8192 } }, "vault");
    });
    p.restart();
    expect(await p.call("vault:unlock", { passphrase: PASS })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "vault", error: { kind: "kdf-below-floor" } } } });
  });

  it("reports a broken audit chain at unlock", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    await p.must("identity:create", { displayName: "Ines Okafor", ...PERSON });
    await p.must("vault:lock", {});
    const audit = (await rawRows(p.factory, p.name)).filter((r) => r.table === "audit");
    expect(audit.length).toBe(3);
    await onDisk(p.factory, p.name, ({ rows }) => {
      rows.delete(["audit", (audit[1] as { id: string }).id]);
    });
    p.restart();
    const opened = await p.must("vault:unlock", { passphrase: PASS });
    expect(opened.audit).toMatchObject({ ok: false, seq: expect.any(Number), reason: expect.any(String) });
  });

  it("reads the audit log in one transaction: entries logged meanwhile are not reported as tampering", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    const lists = [];
    const creates = [];
    for (let i = 0; i < 4; i++) {
      lists.push(p.call("audit:list", {}));
      creates.push(p.call("identity:create", { displayName: `Ines Okafor ${i}`, ...PERSON }));
    }
    for (const created of await Promise.all(creates)) expect(created.ok).toBe(true);
    for (const listed of await Promise.all(lists)) expect(listed).toMatchObject({ ok: true, value: { status: { ok: true } } });
  });

  it("create → data → lock → wrong passphrase → unlock after a worker restart, data intact", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    const me = await p.must("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    await p.must("vault:lock", {});
    p.restart();
    expect(await p.call("vault:unlock", { passphrase: `${PASS}x` })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "vault", error: { kind: "wrong-passphrase" } } } });
    p.restart();
    const unlocked = await p.must("vault:unlock", { passphrase: PASS });
    // vault-created, identity-created, locked: the entries before this session.
    expect(unlocked.audit).toEqual({ ok: true, count: 3 });
    expect(await p.must("identity:list", {})).toEqual([me]);
    for (const row of await rawRows(p.factory, p.name)) {
      expect(Buffer.from(row.ciphertext).includes(Buffer.from("Okafor"))).toBe(false);
      expect(row.nonce.length === 24 || row.nonce.length === 0).toBe(true);
    }
  });

  it("changes the passphrase by re-wrapping only", async () => {
    const p = profile();
    await p.must("vault:create", { passphrase: PASS });
    await p.must("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    const before = await rawRows(p.factory, p.name);
    const next = "quiet harbour tangerine sixty glacier";
    await p.must("vault:change-passphrase", { oldPassphrase: PASS, newPassphrase: next });
    const after = await rawRows(p.factory, p.name);
    const identityRow = (rows: typeof before) => rows.find((r) => r.table === "identities");
    expect(identityRow(after)).toEqual(identityRow(before));
    await p.must("vault:lock", {});
    p.restart();
    expect(await p.call("vault:unlock", { passphrase: PASS })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "vault", error: { kind: "wrong-passphrase" } } } });
    expect((await p.must("vault:unlock", { passphrase: next })).audit.ok).toBe(true);
  });

  it("backs up and restores into an empty Dexie profile with the same content digest", async () => {
    const source = profile();
    await source.must("vault:create", { passphrase: PASS });
    await source.must("identity:create", { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    await source.must("attachment:import", { file: new File([new Uint8Array(1_500_000).fill(3)], "capture.pcap") });
    const digest = await source.must("vault:digest", {});
    const backup = await source.must("vault:backup", { passphrase: PASS });
    const target = profile();
    await target.must("vault:restore", { file: backup.blob, passphrase: PASS });
    expect(await target.must("vault:digest", {})).toEqual(digest);
  });
});
