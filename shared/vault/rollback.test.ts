/**
 * Rollback of single rows (issue 12, points 1 and 2): an older ciphertext of
 * a record, of the record index or of the audit head, copied back into its
 * own slot while the vault is locked, authenticates (its slot is the same);
 * the record index, which names each record's version and the audit head,
 * is what gives it away.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { loadCrypto, sha256, toHex } from "../crypto/sodium";
import { concatBytes, utf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { AUDIT_HEAD_SLOT, AUDIT_TABLE, type AuditEntry } from "./audit-log";
import { KDF_FLOOR, type KeyDeriver } from "./kdf";
import { MemoryVaultStorage } from "./memory-storage";
import { INDEX_SLOT } from "./record-index";
import { newRecordId } from "./record-slot";
import type { StoredRow } from "./storage-port";
import type { UnlockedVault } from "./unlocked-vault";
import { createVault, unlockVault } from "./vault";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
// Argon2id is not what these tests are about: a cheap derivation keeps hundreds of unlocks fast.
const derive: KeyDeriver = async (passphrase, params) => sha256(concatBytes(passphrase, utf8(params.salt)));
const Contact = z.strictObject({ name: z.string(), trust: z.enum(["trusted", "revoked"]) });

function clock() {
  let ms = Date.parse("2026-11-22T10:00:00.000Z");
  return () => new Date((ms += 60_000));
}

async function newVault(storage = new MemoryVaultStorage()) {
  const now = clock();
  const created = await createVault(storage, PASS, { kdf: KDF_FLOOR, derive, clock: now });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return { storage, vault: created.value, now };
}

async function unlock(storage: MemoryVaultStorage, now = clock()): Promise<UnlockedVault> {
  const unlocked = await unlockVault(storage, PASS, { derive, clock: now });
  if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
  return unlocked.value;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const rowOf = (storage: MemoryVaultStorage, slot: { table: string; id: string }): StoredRow => {
  const row = storage.raw.row(slot.table, slot.id);
  if (!row) throw new Error(`no row at ${slot.table}/${slot.id}`);
  return row;
};

const putBack = (storage: MemoryVaultStorage, row: StoredRow) => storage.raw.write(row.table, row.id, row);

async function lastEvents(vault: UnlockedVault, n: number) {
  return must(await vault.verifyAudit()).entries.slice(-n).map((e) => [e.event, e.detail ?? {}]);
}

describe("a record put back from an older copy", () => {
  it("is refused at read, reported at unlock and logged: a revoked contact does not come back trusted", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    must(await vault.put("contacts", id, { name: "Case Secretariat", trust: "trusted" }));
    const trusted = rowOf(storage, { table: "contacts", id });
    must(await vault.put("contacts", id, { name: "Case Secretariat", trust: "revoked" }));
    // While unlocked: the read itself refuses it.
    putBack(storage, trusted);
    expect(await vault.get("contacts", id, Contact)).toEqual({ ok: false, error: { kind: "record-rolled-back", table: "contacts", id } });
    await vault.lock();

    const reopened = await unlock(storage);
    expect(reopened.integrityAtUnlock.records).toEqual({ problems: [{ kind: "record-rolled-back", table: "contacts", id }], count: 1 });
    expect(reopened.integrityAtUnlock.index).toBeNull();
    expect(await reopened.get("contacts", id, Contact)).toEqual({ ok: false, error: { kind: "record-rolled-back", table: "contacts", id } });
    expect(await lastEvents(reopened, 3)).toEqual([
      ["tamper-detected", { table: "contacts", id, problem: "record-rolled-back" }],
      ["unlocked", {}],
      ["tamper-detected", { table: "contacts", id, problem: "record-rolled-back" }],
    ]);
  });

  it("a listed record deleted outside the app is refused at read, never taken for one not written yet", async () => {
    const { storage, vault } = await newVault();
    const id = newRecordId();
    must(await vault.put("packet-counter", id, { lastSequence: 7 }));
    await vault.lock();
    storage.raw.remove("packet-counter", id);
    const reopened = await unlock(storage);
    expect(reopened.integrityAtUnlock.records.problems).toEqual([{ kind: "missing", table: "packet-counter", id }]);
    // "missing" would read as "no counter yet" to its callers, and restart the count.
    expect(await reopened.get("packet-counter", id, z.unknown())).toEqual({ ok: false, error: { kind: "record-rolled-back", table: "packet-counter", id } });
    // A record never written is still simply missing.
    const other = newRecordId();
    expect(await reopened.get("packet-counter", other, z.unknown())).toEqual({ ok: false, error: { kind: "missing", table: "packet-counter", id: other } });
  });

  it("an altered row stays 'tampered', and one brought back into a slot the index does not list is 'unexpected'", async () => {
    const { storage, vault } = await newVault();
    const [a, b] = [newRecordId(), newRecordId()];
    must(await vault.put("notes", a, { n: 1 }));
    must(await vault.put("notes", b, { n: 2 }));
    const rowB = rowOf(storage, { table: "notes", id: b });
    must(await vault.delete("notes", b));
    const rowA = rowOf(storage, { table: "notes", id: a });
    await vault.lock();
    putBack(storage, rowB);
    storage.raw.write("notes", a, { ...rowA, ciphertext: rowA.ciphertext.map((x, i) => (i === 0 ? x ^ 1 : x)) });
    const reopened = await unlock(storage);
    expect(reopened.integrityAtUnlock.records).toEqual({
      problems: [
        { kind: "tampered", table: "notes", id: a },
        { kind: "unexpected-record", table: "notes", id: b },
      ].sort((x, y) => (x.id < y.id ? -1 : 1)),
      count: 2,
    });
    expect(await reopened.get("notes", b, z.unknown())).toEqual({ ok: false, error: { kind: "unexpected-record", table: "notes", id: b } });
  });

  it("an attachment's record brought back after its deletion is refused when opened", async () => {
    const { storage, vault } = await newVault();
    const info = must(await vault.attachments.import({ name: "a.bin", mediaType: "application/octet-stream", size: 3, stream: new Blob([new Uint8Array([1, 2, 3])]).stream() }));
    const record = rowOf(storage, { table: "attachments", id: info.id });
    must(await vault.attachments.delete(info.id));
    putBack(storage, record);
    expect(await vault.attachments.open(info.id)).toEqual({ ok: false, error: { kind: "unexpected-record", table: "attachments", id: info.id } });
    await vault.lock();
    expect((await unlock(storage)).integrityAtUnlock.records.problems).toEqual([{ kind: "unexpected-record", table: "attachments", id: info.id }]);
  });

  it("an older copy of the record index itself is reported at unlock", async () => {
    const { storage, vault } = await newVault();
    must(await vault.put("notes", newRecordId(), { n: 1 }));
    const olderIndex = rowOf(storage, INDEX_SLOT);
    must(await vault.audit("identity-exported"));
    await vault.lock();
    putBack(storage, olderIndex);
    const reopened = await unlock(storage);
    expect(reopened.integrityAtUnlock.index).toEqual({ kind: "record-rolled-back", table: "vault-index", id: INDEX_SLOT.id });
  });
});

describe("a truncated audit log", () => {
  it("an older head put back with the entries after it deleted is reported as truncated, and logged as such", async () => {
    const { storage, vault } = await newVault();
    must(await vault.put("notes", newRecordId(), { n: 1 }));
    const count = must(await vault.verifyAudit()).count;
    // The attacker's older copy: the head, and which entries there were (ids are opaque, but a copy shows which came later).
    const olderHead = rowOf(storage, AUDIT_HEAD_SLOT);
    const olderEntries = new Set(storage.raw.rows().filter((r) => r.table === AUDIT_TABLE).map((r) => r.id));
    must(await vault.audit("identity-exported"));
    await vault.lock();
    putBack(storage, olderHead);
    const later = storage.raw.rows().filter((r) => r.table === AUDIT_TABLE && !olderEntries.has(r.id));
    expect(later).toHaveLength(2); // "identity-exported" and "locked"
    for (const row of later) storage.raw.remove(AUDIT_TABLE, row.id);
    const reopened = await unlock(storage);
    expect(reopened.auditAtUnlock).toEqual({ ok: false, error: { kind: "audit-chain-broken", seq: count + 1, reason: "truncated" } });
    expect(await lastEvents(reopened, 2)).toEqual([
      ["tamper-detected", { auditSeq: count + 1, reason: "truncated" }],
      ["unlocked", {}],
    ]);
  });
});

describe("the unlock report", () => {
  it("gives when the vault last changed and its audit head, as found before this unlock", async () => {
    const { storage, vault } = await newVault();
    must(await vault.put("notes", newRecordId(), { n: 1 }));
    await vault.lock();
    const entries = must(await (await unlock(copyOf(storage))).verifyAudit()).entries;
    const locked = entries.findLast((e) => e.event === "locked") as AuditEntry;
    const reopened = await unlock(storage);
    expect(reopened.integrityAtUnlock).toEqual({
      lastModifiedAt: locked.time,
      auditHead: { seq: locked.seq, hash: toHex(sha256(mustCanonicalJson(locked, "entry"))) },
      index: null,
      records: { problems: [], count: 0 },
      upgraded: false,
    });
  });
});

describe("keyed record ids", () => {
  it("are opaque, stable across unlocks, distinct per purpose, value and vault, and refused once locked", async () => {
    const { storage, vault } = await newVault();
    const id = must(vault.keyedId("packet-sender", "SHA256:abc"));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(must(vault.keyedId("received-case", "SHA256:abc"))).not.toBe(id);
    expect(must(vault.keyedId("packet-sender", "SHA256:abd"))).not.toBe(id);
    expect(() => vault.keyedId("Not a purpose", "x")).toThrow(RangeError);
    await vault.lock();
    expect(vault.keyedId("packet-sender", "SHA256:abc")).toEqual({ ok: false, error: { kind: "locked" } });
    expect(must((await unlock(storage)).keyedId("packet-sender", "SHA256:abc"))).toBe(id);
    const other = (await newVault()).vault;
    expect(must(other.keyedId("packet-sender", "SHA256:abc"))).not.toBe(id);
  });
});

describe("any single row put back to any earlier state of its slot", () => {
  // A seeded run of writes; every state each watched slot went through is kept, then one slot at a time is
  // put back to one earlier state (an older ciphertext, or absent) in a copy of the profile.
  type Op = { readonly kind: "put" | "delete" | "audit"; readonly slot: number };
  const op = fc.record({ kind: fc.constantFrom("put" as const, "put" as const, "delete" as const, "audit" as const), slot: fc.nat(3) });

  it("is refused at read or reported at unlock", async () => {
    const ids = Array.from({ length: 4 }, () => newRecordId());
    // Created once (creation checks the passphrase's strength, which takes a while); each run works on a copy.
    const base = await newVault();
    await base.vault.lock();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), async (ops: Op[], pickSlot, pickState) => {
        const storage = copyOf(base.storage);
        const vault = await unlock(storage);
        const history = new Map<string, (StoredRow | undefined)[]>();
        const watch = () => {
          for (const slot of [INDEX_SLOT, AUDIT_HEAD_SLOT, ...ids.map((id) => ({ table: "notes", id }))]) {
            const key = `${slot.table}/${slot.id}`;
            const states = history.get(key) ?? [];
            states.push(storage.raw.row(slot.table, slot.id));
            history.set(key, states);
          }
        };
        watch();
        for (const [i, o] of ops.entries()) {
          const id = ids[o.slot] as string;
          if (o.kind === "put") must(await vault.put("notes", id, { i }));
          // Only what exists is deleted: deleting nothing changes no state worth rolling back to.
          else if (o.kind === "delete" && storage.raw.row("notes", id)) must(await vault.delete("notes", id));
          else must(await vault.audit("identity-exported", { i }));
          watch();
        }
        await vault.lock();
        watch();
        const candidates = [...history].flatMap(([slot, states]) => {
          const now = states.at(-1);
          return states.filter((s) => !sameRow(s, now)).map((earlier) => ({ slot, earlier }));
        });
        fc.pre(candidates.length > 0);
        const slots = [...new Set(candidates.map((c) => c.slot))];
        const slot = slots[pickSlot % slots.length] as string;
        const states = candidates.filter((c) => c.slot === slot);
        const { earlier } = states[pickState % states.length] as (typeof states)[number];
        const [table, id] = slot.split("/") as [string, string];
        const copy = copyOf(storage);
        if (earlier) putBack(copy, earlier);
        else copy.raw.remove(table, id);

        const reopened = await unlockVault(copy, PASS, { derive, clock: clock() });
        if (!reopened.ok) throw new Error(JSON.stringify(reopened.error));
        const v = reopened.value;
        const reported = !v.auditAtUnlock.ok || v.integrityAtUnlock.index !== null || v.integrityAtUnlock.records.count > 0;
        expect(reported, `${slot} put back to an earlier state went unreported`).toBe(true);
        if (table === "notes") expect((await v.get(table, id, z.unknown())).ok, `${slot}: the older state was read`).toBe(false);
      }),
      { seed: 1201, numRuns: 150 },
    );
  }, 120_000);
});

function sameRow(a: StoredRow | undefined, b: StoredRow | undefined): boolean {
  if (!a || !b) return a === b;
  return toHex(a.nonce) === toHex(b.nonce) && toHex(a.ciphertext) === toHex(b.ciphertext);
}

function copyOf(storage: MemoryVaultStorage): MemoryVaultStorage {
  const copy = new MemoryVaultStorage();
  const header = storage.raw.header();
  if (header) copy.raw.setHeader(header);
  for (const row of storage.raw.rows()) copy.raw.write(row.table, row.id, row);
  return copy;
}
