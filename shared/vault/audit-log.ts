/**
 * The audit log: append-only security events, each a vault record in table
 * "audit", chained by hash. Entry n holds prevHash = SHA-256 of entry n-1's
 * canonical JSON (32 zero bytes for entry 1), and an encrypted head record
 * holds the last sequence number and hash, so deleting the newest entries is
 * as visible as deleting old ones. The record index (record-index.ts) names
 * the same head and is written in the same transaction as each entry, so
 * putting back an older head record and deleting the entries after it is
 * reported as a truncation (see `checkAuditHead`).
 *
 * Entry ids are keyed: HMAC of the sequence number under a key derived from
 * the vault key. They are opaque on disk (no counter, no date) yet found
 * without decrypting the table; and because the record's associated data binds
 * its id, an entry moved to another position fails to decrypt.
 *
 * Failed unlocks happen while locked and cannot be appended then; they are
 * counted in the header and logged at the next successful unlock (see
 * unlock-policy.ts).
 */
import { z } from "../validation/zod";
import { fromBase64, hkdfSha256, hmacSha256, sha256, toBase64, wipe } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { err, ok, type Result } from "../result";
import type { AuditBreak } from "./audit-break";
import { openRecord, sealRecord } from "./record-cipher";
import { readIndex, updatedIndex, writeIndex, type AuditHead, type IndexError, type VersionError } from "./record-index";
import { toBase64Url } from "./record-slot";
import type { VaultStore } from "./storage-port";

export const AUDIT_TABLE = "audit";
export const META_TABLE = "vault-meta";
const HEAD_ID = "audit-chain-head";
/** Where the chain head is stored: it changes with every logged event. */
export const AUDIT_HEAD_SLOT = { table: META_TABLE, id: HEAD_ID } as const;

export const AUDIT_EVENTS = [
  "vault-created",
  "unlocked",
  "unlock-failed",
  "passphrase-changed",
  "locked",
  "identity-created",
  "identity-exported",
  "identity-edited",
  "contact-imported",
  "contact-trusted",
  "contact-revoked",
  "attachment-imported",
  "attachment-exported",
  "attachment-deleted",
  "backup-made",
  "backup-restored",
  "tamper-detected",
  "expert-enrolled",
  "expert-removed",
  "case-saved",
  "case-deleted",
  "panel-saved",
  "packet-exported",
  "packet-written",
  "packet-signer-pinned",
  "packet-imported",
  "scoresheet-signed",
  "scoresheet-copied",
  "scoresheet-imported",
  "quorum-declared",
  "round-opened",
  "feedback-exported",
  "feedback-imported",
  "vault-upgraded",
  "rubric-saved",
  "rubric-retired",
  "rubric-restored",
  "opinion-draft-sent",
  "opinion-draft-received",
  "opinion-draft-answered",
  "opinion-answer-imported",
  "opinion-cosign-requested",
  "opinion-cosignature-imported",
  "opinion-sealed",
  "cosign-request-received",
  "cosign-signed",
  "sealed-opinion-imported",
  "opinion-published",
] as const;

export type AuditEvent = (typeof AUDIT_EVENTS)[number];

const hash32 = z.string().refine((text) => fromBase64(text)?.length === 32, "must be 32 bytes in base64");

/** Details are flat and small: what happened to which opaque id, never secrets. */
export const auditDetailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetail = z.infer<typeof auditDetailSchema>;
/** An entry a write asks the log for (the log adds its number, time and chain). */
export type AuditRequest = { readonly event: AuditEvent; readonly detail?: AuditDetail };

export const auditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  time: z.iso.datetime(),
  event: z.enum(AUDIT_EVENTS),
  detail: auditDetailSchema.optional(),
  prevHash: hash32,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const headSchema = z.strictObject({ seq: z.number().int().positive(), hash: hash32 });

// 32 zero bytes in base64, written out: libsodium is not loaded when modules are.
const GENESIS_HASH = `${"A".repeat(43)}=`;

export type { AuditBreak } from "./audit-break";

export type AuditChainError = { readonly kind: "audit-chain-broken"; readonly seq: number; readonly reason: AuditBreak };

const broken = (seq: number, reason: AuditBreak) => err<AuditChainError>({ kind: "audit-chain-broken", seq, reason });

export function entryHash(entry: AuditEntry): string {
  return toBase64(sha256(mustCanonicalJson(entry, "a parsed audit entry")));
}

/** The storage id of entry `seq`. */
export function auditEntryId(vaultKey: Uint8Array, seq: number): string {
  const idKey = hkdfSha256(vaultKey, new Uint8Array(0), utf8("attribution-panel/vault/audit-entry-id/v1"), 32);
  const mac = hmacSha256(idKey, utf8(String(seq)));
  wipe(idKey);
  return toBase64Url(mac);
}

/** The head record (undefined before the first entry). */
export async function readAuditHead(store: VaultStore, key: Uint8Array): Promise<Result<AuditHead | undefined, AuditChainError>> {
  const stored = await store.getRow(META_TABLE, HEAD_ID);
  if (stored === undefined) return ok(undefined);
  const head = openRecord(key, { table: META_TABLE, id: HEAD_ID }, stored, headSchema);
  return head.ok ? head : broken(0, "head-tampered");
}

/**
 * Appends one entry, moves the head and names the new head in the record
 * index, in the caller's transaction (over AUDIT_TABLE, META_TABLE and
 * INDEX_TABLE) so that all of it lands or none does. Refuses to append after
 * a head that does not decrypt (the chain would fork silently), and without
 * an intact index (the head would go unbound).
 */
export async function appendAuditEntry(tx: VaultStore, key: Uint8Array, time: Date, event: AuditEvent, detail?: AuditDetail): Promise<Result<AuditEntry, AuditChainError | IndexError | VersionError>> {
  const index = await readIndex(tx, key);
  if (!index.ok) return index;
  const appended = await writeAuditEntry(tx, key, time, event, detail);
  if (!appended.ok) return appended;
  await writeIndex(tx, key, updatedIndex(index.value, { audit: appended.value.head, at: time }));
  return ok(appended.value.entry);
}

/**
 * Writes the entry and the head record only; the caller names `head` in the
 * record index in the same transaction (transact.ts does, with the records
 * it lists).
 */
export async function writeAuditEntry(tx: VaultStore, key: Uint8Array, time: Date, event: AuditEvent, detail?: AuditDetail): Promise<Result<{ entry: AuditEntry; head: AuditHead }, AuditChainError>> {
  const head = await readAuditHead(tx, key);
  if (!head.ok) return head;
  const seq = (head.value?.seq ?? 0) + 1;
  const entry: AuditEntry = { seq, time: time.toISOString(), event, ...(detail ? { detail } : {}), prevHash: head.value?.hash ?? GENESIS_HASH };
  const slot = { table: AUDIT_TABLE, id: auditEntryId(key, seq) };
  const next = { seq, hash: entryHash(entry) };
  const sealed = sealRecord(key, slot, entry);
  const sealedHead = sealRecord(key, { table: META_TABLE, id: HEAD_ID }, next);
  // The entry is built from validated parts, so failing to serialise it is a bug.
  if (!sealed.ok || !sealedHead.ok) throw new Error("audit entry is not serialisable");
  await tx.putRow(sealed.value);
  await tx.putRow(sealedHead.value);
  return ok({ entry, head: next });
}

/**
 * The verified chain's head against the one the record index names. A
 * shorter log is a truncation, reported at the first entry gone; a longer one
 * means the index is older than the log (`index-behind`: the index was put
 * back); the same length with another hash, a log that does not follow.
 */
export function checkAuditHead(chain: AuditHead, bound: AuditHead): "ok" | "index-behind" | AuditChainError {
  if (chain.seq < bound.seq) return { kind: "audit-chain-broken", seq: chain.seq + 1, reason: "truncated" };
  if (chain.seq > bound.seq) return "index-behind";
  return chain.hash === bound.hash ? "ok" : { kind: "audit-chain-broken", seq: chain.seq, reason: "hash-mismatch" };
}

/**
 * Reads and checks the whole chain: every entry from 1 to the head present,
 * authentic, in sequence and linked by hash, and nothing beyond. Reports the
 * first broken sequence number (0 for the head itself).
 */
export async function verifyAuditChain(store: VaultStore, key: Uint8Array): Promise<Result<{ count: number; entries: AuditEntry[]; head: AuditHead }, AuditChainError>> {
  const head = await readAuditHead(store, key);
  if (!head.ok) return head;
  // Every vault logs its creation in the transaction that creates it, so a missing head is a deleted log.
  if (head.value === undefined) return broken(1, "head-missing");
  const entries: AuditEntry[] = [];
  const expectedIds = new Set<string>();
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= head.value.seq; seq++) {
    const slot = { table: AUDIT_TABLE, id: auditEntryId(key, seq) };
    expectedIds.add(slot.id);
    const stored = await store.getRow(slot.table, slot.id);
    if (stored === undefined) return broken(seq, "missing");
    const entry = openRecord(key, slot, stored, auditEntrySchema);
    if (!entry.ok) return broken(seq, entry.error.kind === "tampered" ? "tampered" : "malformed");
    if (entry.value.seq !== seq) return broken(seq, "out-of-sequence");
    if (entry.value.prevHash !== prevHash) return broken(seq, "hash-mismatch");
    prevHash = entryHash(entry.value);
    entries.push(entry.value);
  }
  if (prevHash !== head.value.hash) return broken(head.value.seq, "hash-mismatch");
  const extra = (await store.listIds(AUDIT_TABLE)).some((id) => !expectedIds.has(id));
  if (extra) return broken(head.value.seq + 1, "unexpected-entry");
  return ok({ count: entries.length, entries, head: head.value });
}
