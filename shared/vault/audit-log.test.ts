import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes, toBase64 } from "../crypto/sodium";
import { appendAuditEntry, AUDIT_TABLE, auditEntryId, auditEntrySchema, checkAuditHead, entryHash, META_TABLE, verifyAuditChain, type AuditEvent } from "./audit-log";
import { MemoryVaultStorage } from "./memory-storage";
import { openRecord, sealRecord } from "./record-cipher";
import { emptyIndex, INDEX_SLOT, INDEX_TABLE, readIndex, writeIndex } from "./record-index";

const loaded = await loadCrypto();
beforeAll(() => {
  expect(loaded.ok).toBe(true);
});

const EVENTS: AuditEvent[] = ["vault-created", "unlocked", "contact-trusted", "locked"];

async function logOf(events: AuditEvent[] = EVENTS) {
  const key = randomBytes(32);
  const storage = new MemoryVaultStorage();
  let t = Date.parse("2025-05-01T00:00:00Z");
  await writeIndex(storage, key, emptyIndex(new Date(t)));
  for (const event of events) {
    const appended = await storage.transaction([AUDIT_TABLE, META_TABLE, INDEX_TABLE], (tx) => appendAuditEntry(tx, key, new Date((t += 1000)), event));
    expect(appended.ok).toBe(true);
  }
  const slot = (seq: number) => ({ table: AUDIT_TABLE, id: auditEntryId(key, seq) });
  const entry = (seq: number) => {
    const opened = openRecord(key, slot(seq), storage.raw.row(AUDIT_TABLE, slot(seq).id), auditEntrySchema);
    if (!opened.ok) throw new Error("entry does not open");
    return opened.value;
  };
  /** Writes a validly encrypted entry: what a bug, or an attacker holding the key, could do. */
  const forge = (seq: number, value: unknown) => {
    const row = sealRecord(key, slot(seq), value);
    if (!row.ok) throw new Error("seal failed");
    storage.raw.write(AUDIT_TABLE, slot(seq).id, row.value);
  };
  return { key, storage, slot, entry, forge, verify: () => verifyAuditChain(storage, key) };
}

const broken = (seq: number, reason: string) => ({ ok: false, error: { kind: "audit-chain-broken", seq, reason } });

describe("audit chain", () => {
  it("verifies an intact chain, linked from a zero genesis hash", async () => {
    const log = await logOf();
    const result = await log.verify();
    expect(result.ok && result.value.count).toBe(4);
    expect(result.ok && result.value.entries.map((e) => [e.seq, e.event])).toEqual(EVENTS.map((e, i) => [i + 1, e]));
    expect(log.entry(1).prevHash).toBe(toBase64(new Uint8Array(32)));
    expect(log.entry(2).prevHash).not.toBe(log.entry(1).prevHash);
  });

  it("keeps entry ids opaque: no counter in clear", async () => {
    const log = await logOf();
    const ids = await log.storage.listIds(AUDIT_TABLE);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("names a deleted entry", async () => {
    const log = await logOf();
    log.storage.raw.remove(AUDIT_TABLE, log.slot(2).id);
    expect(await log.verify()).toEqual(broken(2, "missing"));
  });

  it("names the newest entry when it is deleted", async () => {
    const log = await logOf();
    log.storage.raw.remove(AUDIT_TABLE, log.slot(4).id);
    expect(await log.verify()).toEqual(broken(4, "missing"));
  });

  it("names a modified entry", async () => {
    const log = await logOf();
    const row = log.storage.raw.row(AUDIT_TABLE, log.slot(3).id)!;
    const ciphertext = row.ciphertext.slice();
    ciphertext[5]! ^= 1;
    log.storage.raw.write(AUDIT_TABLE, row.id, { ...row, ciphertext });
    expect(await log.verify()).toEqual(broken(3, "tampered"));
  });

  it("names the first of two swapped entries", async () => {
    const log = await logOf();
    const [two, three] = [log.storage.raw.row(AUDIT_TABLE, log.slot(2).id)!, log.storage.raw.row(AUDIT_TABLE, log.slot(3).id)!];
    log.storage.raw.write(AUDIT_TABLE, two.id, three);
    log.storage.raw.write(AUDIT_TABLE, three.id, two);
    expect(await log.verify()).toEqual(broken(2, "tampered"));
  });

  it("names a reordering re-encrypted with the key", async () => {
    const log = await logOf();
    const [two, three] = [log.entry(2), log.entry(3)];
    log.forge(2, three);
    log.forge(3, two);
    expect(await log.verify()).toEqual(broken(2, "out-of-sequence"));
  });

  it("names the entry after one rewritten with the key", async () => {
    const log = await logOf();
    log.forge(2, { ...log.entry(2), event: "backup-made" });
    expect(await log.verify()).toEqual(broken(3, "hash-mismatch"));
  });

  it("detects a rewritten newest entry through the head", async () => {
    const log = await logOf();
    log.forge(4, { ...log.entry(4), event: "unlocked" });
    expect(await log.verify()).toEqual(broken(4, "hash-mismatch"));
  });

  it("names an entry the head does not account for", async () => {
    const log = await logOf();
    log.forge(5, { ...log.entry(4), seq: 5 });
    expect(await log.verify()).toEqual(broken(5, "unexpected-entry"));
  });

  it("reports a deleted or modified head, and refuses to append after a bad head", async () => {
    const log = await logOf();
    const head = log.storage.raw.row(META_TABLE, "audit-chain-head")!;
    log.storage.raw.write(META_TABLE, head.id, { ...head, nonce: randomBytes(24) });
    expect(await log.verify()).toEqual(broken(0, "head-tampered"));
    expect(await log.storage.transaction([AUDIT_TABLE, META_TABLE, INDEX_TABLE], (tx) => appendAuditEntry(tx, log.key, new Date(), "unlocked"))).toEqual(broken(0, "head-tampered"));
    log.storage.raw.remove(META_TABLE, head.id);
    expect(await log.verify()).toEqual(broken(1, "head-missing"));
  });
});

describe("the audit head in the record index", () => {
  it("names each new head in the index, in the transaction of the entry", async () => {
    const log = await logOf();
    const index = await readIndex(log.storage, log.key);
    expect(index.ok && index.value.audit).toEqual({ seq: 4, hash: entryHash(log.entry(4)) });
    expect(index.ok && index.value.modifiedAt).toBe(log.entry(4).time);
  });

  it("appends nothing without an intact index: the head would go unbound", async () => {
    const log = await logOf();
    const before = log.storage.raw.rows().length;
    log.storage.raw.remove(INDEX_SLOT.table, INDEX_SLOT.id);
    const appended = await log.storage.transaction([AUDIT_TABLE, META_TABLE, INDEX_TABLE], (tx) => appendAuditEntry(tx, log.key, new Date(), "unlocked"));
    expect(appended).toEqual({ ok: false, error: { kind: "index-missing" } });
    expect(log.storage.raw.rows()).toHaveLength(before - 1);
    expect((await log.verify()).ok).toBe(true);
  });

  it("tells a truncated log, an older index and a log that does not follow apart", () => {
    const hash = (n: number) => toBase64(new Uint8Array(32).fill(n));
    expect(checkAuditHead({ seq: 4, hash: hash(4) }, { seq: 4, hash: hash(4) })).toBe("ok");
    expect(checkAuditHead({ seq: 2, hash: hash(2) }, { seq: 4, hash: hash(4) })).toEqual({ kind: "audit-chain-broken", seq: 3, reason: "truncated" });
    expect(checkAuditHead({ seq: 5, hash: hash(5) }, { seq: 4, hash: hash(4) })).toBe("index-behind");
    expect(checkAuditHead({ seq: 4, hash: hash(9) }, { seq: 4, hash: hash(4) })).toEqual({ kind: "audit-chain-broken", seq: 4, reason: "hash-mismatch" });
  });
});
