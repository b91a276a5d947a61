/**
 * An unlocked vault: the handle that holds the vault key and performs every
 * record operation. `lock()` wipes the key; after it (or while it runs) every
 * call returns `{ kind: "locked" }`.
 */
import type { z } from "../validation/zod";
import { assessPassphrase } from "../security/passphrase-strength";
import { z as zod } from "../validation/zod";
import { ARGON2ID_SALT_BYTES, constantTimeEqual, createSha256, randomBytes, sha256, toBase64, toHex, wipe } from "../crypto/sodium";
import { mustCanonicalJson } from "../formats/jcs";
import { err, ok, type Err, type Result } from "../result";
import {
  ATTACHMENTS_TABLE,
  attachmentStream,
  commitStaged,
  deleteAttachment,
  RECORD_SCOPE,
  stageAttachment,
  importAttachment,
  infoOf,
  readAttachmentMeta,
  verifyAttachment,
  type AttachmentContext,
  type AttachmentInfo,
  type AttachmentProgress,
  type AttachmentSource,
  type AttachmentAnnouncement,
  type AttachmentWriter,
  type StagedAttachment,
} from "./attachments";
import { backupStream, type BackupProgress } from "./backup";
import { appendAuditEntry, AUDIT_TABLE, META_TABLE, verifyAuditChain, type AuditChainError, type AuditDetail, type AuditEntry, type AuditEvent, type AuditRequest } from "./audit-log";
import { checkCost, checkParams, type KdfCost, type KeyDeriver } from "./kdf";
import { openRecord, sealRecord } from "./record-cipher";
import { UNINDEXED_TABLES, type RecordProblems } from "./record-check";
import { checkTable, IndexCache, INDEX_SLOT, INDEX_TABLE, listedIds, readCurrentRow, recordInIndex, type IndexError, type RecordIndex, type VersionError } from "./record-index";
import { listAndLog, transactResult } from "./transact";
import { assertSlot, isTableName, keyedRecordId } from "./record-slot";
import type { StoredRow, VaultStorage, VaultStore } from "./storage-port";
import { guarded, readHeader } from "./stored-header";
import type { VaultError } from "./vault-error";
import { rewrapHeader, unwrapVaultKey, type VaultHeader } from "./vault-header";

/**
 * What the unlock found, before this session wrote anything: when the vault
 * last changed and the head of its log (so a person can notice a whole vault
 * put back to an older copy, which nothing on the disk can reveal), and every
 * record that is not as the record index says.
 */
export type IntegrityAtUnlock = {
  /** When the vault last changed (ISO 8601); null for a vault just upgraded from the first index format, which did not record it. */
  readonly lastModifiedAt: string | null;
  /** The log's last entry: its number (the entry count) and its SHA-256 in hex; null when the log's head cannot be read. */
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  /** The record index is gone, altered, or an older copy of itself: no record could be checked. */
  readonly index: IndexError | VersionError | null;
  readonly records: RecordProblems;
  /** The vault was upgraded at this unlock (record versions and the audit head bound, keyed ids). */
  readonly upgraded: boolean;
};

export type UnlockedVault = {
  readonly vaultId: string;
  /** The audit chain as verified at unlock (or creation), before this session's entries. */
  readonly auditAtUnlock: Result<{ readonly count: number }, AuditChainError>;
  readonly integrityAtUnlock: IntegrityAtUnlock;
  /** Interrupted attachment imports (and packet imports) whose leftovers the unlock removed. */
  readonly sweptAtUnlock: number;
  readonly isLocked: () => boolean;
  /**
   * The id of a record found by what it is about (record-slot.ts,
   * keyedRecordId), keyed under this vault's key for `purpose`.
   */
  keyedId(purpose: string, value: string): Result<string, VaultError>;
  put(table: string, id: string, value: unknown): Promise<Result<void, VaultError>>;
  get<S extends z.ZodType>(table: string, id: string, schema: S): Promise<Result<z.infer<S>, VaultError>>;
  list(table: string): Promise<Result<string[], VaultError>>;
  delete(table: string, id: string): Promise<Result<void, VaultError>>;
  /** Appends a security event (identity exported, contact trusted, …). */
  audit(event: AuditEvent, detail?: AuditDetail): Promise<Result<AuditEntry, VaultError>>;
  verifyAudit(): Promise<Result<{ count: number; entries: AuditEntry[] }, VaultError>>;
  /** Re-wraps the vault key under a new passphrase (and optionally a new KDF cost); no record is rewritten. */
  changePassphrase(oldPassphrase: string, newPassphrase: string, options?: { readonly kdf?: KdfCost }): Promise<Result<void, VaultError>>;
  /**
   * Writes several records and, optionally, audit entries (one, or several in order) in one transaction:
   * all of it lands or none of it does.
   */
  write(changes: VaultChanges, auditEntry?: AuditRequest | readonly AuditRequest[]): Promise<Result<void, VaultError>>;
  readonly attachments: {
    /**
     * A new attachment written piece by piece, which becomes one only when a
     * `write` names it in `changes.attachments` (in that write's transaction);
     * until then a crash leaves nothing the next unlock does not sweep.
     */
    stage(announced: AttachmentAnnouncement): Promise<Result<AttachmentWriter, VaultError>>;
    import(source: AttachmentSource, options?: AttachmentOptions): Promise<Result<AttachmentInfo, VaultError>>;
    list(): Promise<Result<AttachmentInfo[], VaultError>>;
    /** The plaintext as a stream that errors (AttachmentReadError) on any damage and checks the SHA-256 at the end. */
    open(id: string): Promise<Result<{ info: AttachmentInfo; stream: ReadableStream<Uint8Array> }, VaultError>>;
    verify(id: string, options?: AttachmentOptions): Promise<Result<AttachmentInfo, VaultError>>;
    delete(id: string): Promise<Result<void, VaultError>>;
  };
  /**
   * SHA-256 over every record's table, id and plaintext digest, and every
   * attachment's verified content, in a fixed order; the audit log and its head
   * are left out since they grow with each session. Equal digests mean equal
   * content, whatever the nonces and keys of the rows.
   */
  contentDigest(options?: AttachmentOptions): Promise<Result<string, VaultError>>;
  /**
   * The whole vault as one age file encrypted to the vault passphrase, which
   * must be given again (a backup opens with it alone). Logged before the
   * rows are read, so the backup holds its own record.
   */
  backup(passphrase: string, options?: { readonly onProgress?: BackupProgress; readonly workFactor?: number; readonly signal?: AbortSignal }): Promise<Result<ReadableStream<Uint8Array>, VaultError>>;
  lock(): Promise<void>;
};

export type VaultChanges = {
  readonly put?: readonly { readonly table: string; readonly id: string; readonly value: unknown }[];
  readonly delete?: readonly { readonly table: string; readonly id: string }[];
  /** Staged attachments that become attachments with these changes. */
  readonly attachments?: readonly StagedAttachment[];
};

export type AttachmentOptions = { readonly signal?: AbortSignal; readonly onProgress?: AttachmentProgress };

type Session = {
  readonly storage: VaultStorage;
  readonly key: Uint8Array;
  readonly vaultId: string;
  readonly clock: () => Date;
  readonly derive: KeyDeriver;
  readonly auditAtUnlock: Result<{ readonly count: number }, AuditChainError>;
  readonly integrityAtUnlock: IntegrityAtUnlock;
  readonly sweptAtUnlock?: number;
};

const AUDIT_SCOPE = [AUDIT_TABLE, META_TABLE, INDEX_TABLE];
const LOCKED: Err<VaultError> = err({ kind: "locked" });

/** Written by the vault itself only (so the audit log stays append-only): the bookkeeping, and attachment records, written with their chunks. */
const SYSTEM_TABLES: ReadonlySet<string> = new Set([...UNINDEXED_TABLES, ATTACHMENTS_TABLE]);
/** Left out of the content digest: what grows with every session, and chunks (covered by their attachment's verified content). */
const DIGEST_EXCLUDED: ReadonlySet<string> = new Set([...UNINDEXED_TABLES].filter((t) => t !== INDEX_TABLE));

function assertWritable(table: string, id: string): void {
  assertSlot(table, id);
  if (SYSTEM_TABLES.has(table)) throw new RangeError(`table "${table}" is written by the vault itself`);
}

export function openUnlockedVault(session: Session): UnlockedVault {
  const { storage, key, clock, derive } = session;
  let locked = false;
  // Checked right before each use of the key: crypto calls are synchronous, so a lock cannot interleave with one.
  const whenUnlocked = <T>(operation: () => Promise<Result<T, VaultError>>): Promise<Result<T, VaultError>> => (locked ? Promise.resolve(LOCKED) : guarded(operation));

  const indexes = new IndexCache(key);
  const audit = (event: AuditEvent, detail?: AuditDetail): Promise<Result<AuditEntry, VaultError>> =>
    whenUnlocked(() => transactResult(storage, AUDIT_SCOPE, async (tx): Promise<Result<AuditEntry, VaultError>> => (locked ? LOCKED : appendAuditEntry(tx, key, clock(), event, detail))));

  /** Whether `passphrase` unwraps this very vault key from the stored header. */
  const proveWith = async (header: VaultHeader, passphrase: string): Promise<Result<void, VaultError>> => {
    const proven = await unwrapVaultKey(header, passphrase, derive);
    if (!proven) return err({ kind: "wrong-passphrase" });
    const same = !locked && constantTimeEqual(proven, key);
    wipe(proven);
    if (locked) return LOCKED;
    return same ? ok(undefined) : err({ kind: "header-changed" });
  };
  const provePassphrase = async (passphrase: string): Promise<Result<void, VaultError>> => {
    const header = await readHeader(storage);
    return header.ok ? proveWith(header.value, passphrase) : header;
  };

  /** A transaction whose step may refuse (the index is gone or altered): then nothing it wrote lands, and the refusal is logged. */
  const indexed = async (tables: readonly string[], step: (tx: VaultStore) => Promise<Result<void, VaultError>>): Promise<Result<void, VaultError>> => {
    const result = await transactResult(storage, [...tables, INDEX_TABLE], (tx) => (locked ? Promise.resolve(LOCKED) : step(tx)));
    return result.ok ? result : reportTamper(result);
  };

  /** The ids of `table`, as the index lists them, once storage agrees: a deleted or foreign row is reported, not skipped. */
  const checkedIds = async (table: string): Promise<Result<string[], VaultError>> => {
    // Read together, so a write landing in between is not taken for a deleted or foreign row.
    const { indexRow, ids } = await storage.transaction([table, INDEX_TABLE], async (tx) => ({ indexRow: await tx.getRow(INDEX_SLOT.table, INDEX_SLOT.id), ids: await tx.listIds(table) }));
    const index = indexes.open(indexRow);
    if (!index.ok) return reportTamper(index);
    return agreeing(index.value, table, ids);
  };
  /** The ids of `table` if the index and the stored ids (sorted) agree, else the first disagreement, reported. */
  const agreeing = async (index: RecordIndex, table: string, storedIds: readonly string[]): Promise<Result<string[], VaultError>> => {
    const check = checkTable(index, table, storedIds);
    switch (check.kind) {
      case "consistent":
        return ok([...check.ids]);
      case "missing":
        return reportTamper(err({ kind: "missing", table, id: check.id }));
      case "unexpected":
        return reportTamper(err({ kind: "unexpected-record", table, id: check.id }));
    }
  };

  const context: AttachmentContext = { storage, vaultKey: key, now: clock, isLocked: () => locked, indexes };
  // Best effort: the owner learns of damage in the log even if the caller drops the error.
  const reportTamper = async <E extends VaultError>(failure: Err<E>): Promise<Err<E>> => {
    const e = failure.error;
    if (e.kind === "tampered" || e.kind === "missing" || e.kind === "unexpected-record" || e.kind === "record-rolled-back") await audit("tamper-detected", { table: e.table, id: e.id, problem: e.kind });
    else if (e.kind === "index-missing" || e.kind === "index-tampered") await audit("tamper-detected", { table: INDEX_TABLE, problem: e.kind });
    return failure;
  };

  return {
    vaultId: session.vaultId,
    auditAtUnlock: session.auditAtUnlock,
    integrityAtUnlock: session.integrityAtUnlock,
    sweptAtUnlock: session.sweptAtUnlock ?? 0,
    isLocked: () => locked,

    keyedId: (purpose, value) => (locked ? LOCKED : ok(keyedRecordId(key, purpose, value))),

    put(table, id, value) {
      assertWritable(table, id);
      return whenUnlocked(async () => {
        if (locked) return LOCKED;
        const row = sealRecord(key, { table, id }, value);
        if (!row.ok) return row;
        return indexed([table], async (tx) => {
          await tx.putRow(row.value);
          return recordInIndex(tx, key, { put: [row.value], at: clock() });
        });
      });
    },

    get(table, id, schema) {
      assertSlot(table, id);
      return whenUnlocked(async () => {
        // A listed record must be the version the index names; the bookkeeping is checked its own way.
        const stored = UNINDEXED_TABLES.has(table) ? ok(await storage.getRow(table, id)) : await readCurrentRow(storage, indexes, key, { table, id });
        if (!stored.ok) return reportTamper(stored);
        if (stored.value === undefined) return err({ kind: "missing", table, id });
        if (locked) return LOCKED;
        const value = openRecord(key, { table, id }, stored.value, schema);
        return value.ok ? value : reportTamper(value);
      });
    },

    list(table) {
      if (!isTableName(table)) throw new RangeError(`invalid vault table name ${JSON.stringify(table)}`);
      return whenUnlocked(() => checkedIds(table));
    },

    delete(table, id) {
      assertWritable(table, id);
      return whenUnlocked(() =>
        indexed([table], async (tx) => {
          await tx.deleteRow(table, id);
          return recordInIndex(tx, key, { removed: [{ table, id }], at: clock() });
        }),
      );
    },

    audit,

    // In one transaction over the log: an entry appended while the chain is read would otherwise look like
    // an unexpected row, and an intact log would be reported as tampered with.
    verifyAudit: () => whenUnlocked(() => (locked ? Promise.resolve(LOCKED) : storage.transaction(AUDIT_SCOPE, (tx) => verifyAuditChain(tx, key)))),

    changePassphrase(oldPassphrase, newPassphrase, options = {}) {
      return whenUnlocked(async () => {
        const strength = await assessPassphrase(newPassphrase);
        if (!strength.acceptable) return err({ kind: "passphrase-weak", warning: strength.warningKey ?? "too-guessable" });
        const header = await readHeader(storage);
        if (!header.ok) return header;
        const current = checkParams(header.value.kdf);
        if (!current.ok) return current;
        const cost = checkCost(options.kdf ?? current.value);
        if (!cost.ok) return cost;
        const proven = await proveWith(header.value, oldPassphrase);
        if (!proven.ok) return proven;
        const salt = toBase64(randomBytes(ARGON2ID_SALT_BYTES));
        const next = await rewrapHeader(header.value, key, newPassphrase, { algorithm: "argon2id13", opsLimit: cost.value.opsLimit, memLimitBytes: cost.value.memLimitBytes, salt }, derive);
        if (locked) return LOCKED;
        return transactResult(storage, AUDIT_SCOPE, async (tx): Promise<Result<void, VaultError>> => {
          const now = await readHeader(tx);
          // Another window changed it while the derivation ran: do not overwrite its wrap.
          if (!now.ok || now.value.wrappedKey.ciphertext !== header.value.wrappedKey.ciphertext) return err({ kind: "header-changed" });
          await tx.putHeader(next);
          // The passphrase change must not go unrecorded: a log that cannot take it aborts the change.
          const logged = await appendAuditEntry(tx, key, clock(), "passphrase-changed");
          return logged.ok ? ok(undefined) : logged;
        });
      });
    },

    write(changes, auditEntry) {
      for (const p of changes.put ?? []) assertWritable(p.table, p.id);
      for (const d of changes.delete ?? []) assertWritable(d.table, d.id);
      return whenUnlocked(async () => {
        if (locked) return LOCKED;
        const rows: StoredRow[] = [];
        for (const p of changes.put ?? []) {
          const row = sealRecord(key, { table: p.table, id: p.id }, p.value);
          if (!row.ok) return row;
          rows.push(row.value);
        }
        const staged = changes.attachments ?? [];
        const tables = [...new Set([...rows.map((r) => r.table), ...(changes.delete ?? []).map((d) => d.table), ...(staged.length > 0 ? RECORD_SCOPE : []), AUDIT_TABLE, META_TABLE, INDEX_TABLE])];
        return transactResult(storage, tables, async (tx): Promise<Result<void, VaultError>> => {
          for (const row of rows) await tx.putRow(row);
          for (const d of changes.delete ?? []) await tx.deleteRow(d.table, d.id);
          await commitStaged(tx, staged);
          return listAndLog(tx, key, clock(), { put: [...rows, ...staged.map((a) => a.record)], removed: changes.delete ?? [] }, auditEntry);
        });
      });
    },

    attachments: {
      import: (source, options) => whenUnlocked(() => importAttachment(context, source, options)),
      stage: (announced) => whenUnlocked(() => stageAttachment(context, announced)),
      list: () =>
        whenUnlocked(async () => {
          const ids = await checkedIds(ATTACHMENTS_TABLE);
          if (!ids.ok) return ids;
          const infos: AttachmentInfo[] = [];
          for (const id of ids.value) {
            const meta = await readAttachmentMeta(context, id);
            if (!meta.ok) return reportTamper(meta);
            infos.push(infoOf(id, meta.value));
          }
          return ok(infos);
        }),
      open: (id) =>
        whenUnlocked(async () => {
          assertSlot(ATTACHMENTS_TABLE, id);
          const meta = await readAttachmentMeta(context, id);
          if (!meta.ok) return reportTamper(meta);
          return ok({ info: infoOf(id, meta.value), stream: attachmentStream(context, id, meta.value) });
        }),
      verify: (id, options) => {
        assertSlot(ATTACHMENTS_TABLE, id);
        return whenUnlocked(async () => {
          const verified = await verifyAttachment(context, id, options);
          if (!verified.ok && verified.error.kind === "attachment-corrupt") await audit("tamper-detected", { table: ATTACHMENTS_TABLE, id });
          return verified.ok ? verified : reportTamper(verified);
        });
      },
      delete: (id) => {
        assertSlot(ATTACHMENTS_TABLE, id);
        return whenUnlocked(() => deleteAttachment(context, id));
      },
    },

    contentDigest(options) {
      return whenUnlocked(async () => {
        const slots = (await storage.listSlots()).filter((s) => !DIGEST_EXCLUDED.has(s.table));
        slots.sort((a, b) => (a.table === b.table ? compare(a.id, b.id) : compare(a.table, b.table)));
        const digest = createSha256();
        for (const slot of slots) {
          if (locked) return LOCKED;
          const stored = await storage.getRow(slot.table, slot.id);
          const value = openRecord(key, slot, stored, zod.unknown());
          if (!value.ok) return reportTamper(value);
          // The index counts by what it lists: its versions, audit head and time change with every session.
          const listed = slot.table === INDEX_TABLE ? indexListing(value.value) : value.value;
          let content = toHex(sha256(mustCanonicalJson(listed, "an opened record")));
          if (slot.table === ATTACHMENTS_TABLE) {
            const verified = await verifyAttachment(context, slot.id, options);
            if (!verified.ok) return verified;
            // The key, row layout and import time may differ after a re-import; name, type and content are what count.
            const { name, mediaType, size, sha256: sha } = verified.value;
            content = toHex(sha256(mustCanonicalJson({ name, mediaType, size, sha256: sha }, "an attachment description")));
          }
          digest.update(mustCanonicalJson({ table: slot.table, id: slot.id, content }, "a digest line"));
        }
        return ok(toHex(digest.digest()));
      });
    },

    backup(passphrase, options = {}) {
      return whenUnlocked(async () => {
        const proven = await provePassphrase(passphrase);
        if (!proven.ok) return proven;
        const logged = await audit("backup-made");
        if (!logged.ok) return logged;
        return backupStream(storage, passphrase, clock(), options);
      });
    },

    async lock() {
      if (locked) return;
      // Recorded while the key still exists; a failure to record must not keep the vault open.
      await audit("locked").catch(() => undefined);
      locked = true;
      indexes.clear();
      wipe(key);
    },
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What an opened index lists (tables and ids), without what changes with every write. */
function indexListing(opened: unknown): unknown {
  const tables = (opened as Partial<RecordIndex> | null)?.tables;
  if (typeof tables !== "object" || tables === null) return opened;
  return { tables: Object.fromEntries(Object.keys(tables).map((t) => [t, listedIds({ tables } as RecordIndex, t)])) };
}
