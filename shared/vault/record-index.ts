/**
 * The record index: one encrypted record naming, for every table the vault
 * lists, each record's id and the version of it the vault last wrote, plus
 * the head of the audit log and the time of the last change.
 *
 * Storage can only say which rows are there now; the index says which rows
 * should be, and which ciphertext each should hold. So a row deleted outside
 * the app is reported as missing, a row that appears without the app having
 * written it as unexpected, and an older ciphertext of a record copied back
 * into its own slot (which authenticates, since its slot is the same) as
 * rolled back. Binding the audit head the same way makes a log cut back to
 * an older head, with the later entries deleted, a reported truncation.
 *
 * A record's version is the SHA-256 of its row as stored (nonce, then
 * ciphertext). Why a digest rather than a counter sealed into each record's
 * associated data: the record format stays as it was, so rows written before
 * the index named versions, and backups of them, open unchanged, and the
 * upgrade of an older vault only reads its rows; an older copy of a row
 * necessarily differs (every seal draws a fresh random nonce), so its digest
 * differs; and the check needs no decryption, so a stale row is refused
 * before its content is ever parsed.
 *
 * The index is written in the same transaction as the records and the audit
 * entries it names, and exists from the vault's creation on, so deleting it
 * is itself detected. What it cannot detect (nor can anything without state
 * outside the disk): replacing the whole vault, index included, with an
 * older consistent copy of itself.
 */
import { z } from "../validation/zod";
import { createSha256 } from "../crypto/sodium";
import { err, ok, type Result } from "../result";
import { openRecord, sealRecord } from "./record-cipher";
import { toBase64Url, type RecordSlot } from "./record-slot";
import { storedRowSchema, type StoredRow, type VaultStorage, type VaultStore } from "./storage-port";

export const INDEX_TABLE = "vault-index";
const INDEX_ID = "vault-record-index";
/** Where the index is stored: it changes with every listed write and every audit entry. */
export const INDEX_SLOT = { table: INDEX_TABLE, id: INDEX_ID } as const;
export const INDEX_FORMAT = "attribution-panel/record-index";

/** The version tag of a row: SHA-256 of nonce ‖ ciphertext, unpadded base64url. */
const VersionSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const HeadHashSchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** The last audit entry: its sequence number and the base64 SHA-256 of its canonical JSON. */
export const AuditHeadSchema = z.strictObject({ seq: z.number().int().positive(), hash: HeadHashSchema });
export type AuditHead = z.infer<typeof AuditHeadSchema>;

const IndexSchema = z.strictObject({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(2),
  /**
   * table → id → version. `null`: listed, but no authentic row of it was
   * there when the vault was upgraded from the first index format (gone, or
   * altered), so no version is known and none will ever match.
   */
  tables: z.record(z.string(), z.record(z.string(), VersionSchema.nullable())),
  /** Null only when the log's head could not be read at the upgrade (the log was already broken). */
  audit: AuditHeadSchema.nullable(),
  modifiedAt: z.iso.datetime(),
});
export type RecordIndex = z.infer<typeof IndexSchema>;

/** The first format (before versions and the audit head were bound): ids only. Read to upgrade it, never written. */
const LegacyIndexSchema = z.strictObject({ tables: z.record(z.string(), z.array(z.string())) });
export type LegacyIndex = z.infer<typeof LegacyIndexSchema>;

export type IndexError =
  | { readonly kind: "index-missing" }
  | { readonly kind: "index-tampered" };

/**
 * A stored row that is not the version the index names: an older copy put
 * back, or (for `get`) a row the index names that is gone. The index itself
 * reports this too when an older copy of it (of the first format, once
 * upgraded) is put back.
 */
export type VersionError = { readonly kind: "record-rolled-back"; readonly table: string; readonly id: string };

export const indexRolledBack = (): VersionError => ({ kind: "record-rolled-back", ...INDEX_SLOT });

/** The index as stored: the current format, or the first one awaiting its upgrade. */
export type StoredIndex = { readonly version: 1; readonly index: LegacyIndex } | { readonly version: 2; readonly index: RecordIndex };

export function openIndex(key: Uint8Array, stored: unknown): Result<StoredIndex, IndexError> {
  if (stored === undefined) return err({ kind: "index-missing" });
  const opened = openRecord(key, INDEX_SLOT, stored, z.unknown());
  if (!opened.ok) return err({ kind: "index-tampered" });
  const current = IndexSchema.safeParse(opened.value);
  if (current.success) return ok({ version: 2, index: current.data });
  const legacy = LegacyIndexSchema.safeParse(opened.value);
  return legacy.success ? ok({ version: 1, index: legacy.data }) : err({ kind: "index-tampered" });
}

/** The index in the current format; one of the first format is an older copy once the vault runs this code (unlock upgrades it first). */
export async function readIndex(store: Pick<VaultStore, "getRow">, key: Uint8Array): Promise<Result<RecordIndex, IndexError | VersionError>> {
  const stored = openIndex(key, await store.getRow(INDEX_TABLE, INDEX_ID));
  if (!stored.ok) return stored;
  return stored.value.version === 2 ? ok(stored.value.index) : err(indexRolledBack());
}

export async function writeIndex(store: VaultStore, key: Uint8Array, index: RecordIndex): Promise<void> {
  const sealed = sealRecord(key, INDEX_SLOT, index);
  if (!sealed.ok) throw new Error("the record index is not serialisable");
  await store.putRow(sealed.value);
}

export const emptyIndex = (at: Date): RecordIndex => ({ format: INDEX_FORMAT, version: 2, tables: {}, audit: null, modifiedAt: at.toISOString() });

/** The version tag of a stored row. */
export function rowVersion(row: Pick<StoredRow, "nonce" | "ciphertext">): string {
  const hash = createSha256();
  hash.update(row.nonce);
  hash.update(row.ciphertext);
  return toBase64Url(hash.digest());
}

export type IndexChanges = {
  /** Rows written: listed under their current version. */
  readonly put?: readonly StoredRow[];
  readonly removed?: readonly RecordSlot[];
  /** The audit log's new head, when the change appended to it. */
  readonly audit?: AuditHead;
  readonly at: Date;
};

/** The index after `changes`; tables and ids kept in code-unit order, so equal listings seal equal JSON. */
export function updatedIndex(index: RecordIndex, changes: IndexChanges): RecordIndex {
  const tables = new Map<string, Map<string, string | null>>();
  for (const [table, ids] of Object.entries(index.tables)) tables.set(table, new Map(Object.entries(ids)));
  for (const row of changes.put ?? []) {
    const ids = tables.get(row.table) ?? new Map<string, string | null>();
    tables.set(row.table, ids.set(row.id, rowVersion(row)));
  }
  for (const { table, id } of changes.removed ?? []) tables.get(table)?.delete(id);
  const out: Record<string, Record<string, string | null>> = {};
  for (const table of [...tables.keys()].sort(compare)) {
    const ids = tables.get(table) as Map<string, string | null>;
    if (ids.size > 0) out[table] = Object.fromEntries([...ids].sort(([a], [b]) => compare(a, b)));
  }
  return { ...index, tables: out, audit: changes.audit ?? index.audit, modifiedAt: changes.at.toISOString() };
}

/** Applies `changes` to the stored index, in the caller's transaction. */
export async function recordInIndex(tx: VaultStore, key: Uint8Array, changes: IndexChanges): Promise<Result<void, IndexError | VersionError>> {
  const index = await readIndex(tx, key);
  if (!index.ok) return index;
  await writeIndex(tx, key, updatedIndex(index.value, changes));
  return ok(undefined);
}

/** The ids `index` lists for `table`, in code-unit order. */
export const listedIds = (index: RecordIndex, table: string): string[] => Object.keys(index.tables[table] ?? {}).sort(compare);

export type TableCheck =
  | { readonly kind: "consistent"; readonly ids: readonly string[] }
  | { readonly kind: "missing"; readonly id: string }
  | { readonly kind: "unexpected"; readonly id: string };

/** Compares what the index lists for `table` with what storage holds. */
export function checkTable(index: RecordIndex, table: string, stored: readonly string[]): TableCheck {
  const expected = listedIds(index, table);
  const present = new Set(stored);
  const missing = expected.find((id) => !present.has(id));
  if (missing !== undefined) return { kind: "missing", id: missing };
  const known = new Set(expected);
  const unexpected = stored.find((id) => !known.has(id));
  if (unexpected !== undefined) return { kind: "unexpected", id: unexpected };
  return { kind: "consistent", ids: expected };
}

/** How a stored row stands against the index. */
export type RowCheck =
  | { readonly kind: "current" }
  /** Neither listed nor stored: a record that does not exist. */
  | { readonly kind: "absent" }
  /** Listed, but no row. */
  | { readonly kind: "missing" }
  /** Stored, but not listed. */
  | { readonly kind: "unexpected" }
  /** Listed, but the row is not the version named. */
  | { readonly kind: "other-version" };

export function checkRow(index: RecordIndex, slot: RecordSlot, stored: unknown): RowCheck {
  const ids = index.tables[slot.table];
  const listed = ids !== undefined && Object.hasOwn(ids, slot.id);
  if (stored === undefined) return listed ? { kind: "missing" } : { kind: "absent" };
  if (!listed) return { kind: "unexpected" };
  const row = storedRowSchema.safeParse(stored);
  return row.success && rowVersion(row.data) === ids[slot.id] ? { kind: "current" } : { kind: "other-version" };
}

/**
 * The parsed index of this session, opened again only when its stored row
 * changes (a list followed by a read of each record reads the index each
 * time, and decrypting and parsing it each time would grow with the square
 * of the vault's size). Holds the vault key by reference: it is wiped with it.
 */
export class IndexCache {
  #row: { nonce: Uint8Array; ciphertext: Uint8Array } | undefined;
  #index: RecordIndex | undefined;

  constructor(private readonly key: Uint8Array) {}

  open(stored: unknown): Result<RecordIndex, IndexError | VersionError> {
    const row = storedRowSchema.safeParse(stored);
    if (row.success && this.#row && this.#index && sameBytes(row.data.nonce, this.#row.nonce) && sameBytes(row.data.ciphertext, this.#row.ciphertext)) return ok(this.#index);
    const opened = openIndex(this.key, stored);
    if (!opened.ok) return opened;
    if (opened.value.version !== 2) return err(indexRolledBack());
    if (row.success) {
      this.#row = { nonce: row.data.nonce.slice(), ciphertext: row.data.ciphertext.slice() };
      this.#index = opened.value.index;
    }
    return ok(opened.value.index);
  }

  clear(): void {
    this.#row = undefined;
    this.#index = undefined;
  }
}

/** A record that is not as the index says: an older copy ("record-rolled-back"), altered, gone, or never written by the vault. */
export type RecordProblem = { readonly kind: "record-rolled-back" | "tampered" | "missing" | "unexpected-record"; readonly table: string; readonly id: string };

/** How one stored row stands against `index`; undefined when it is the version named (or neither listed nor stored). */
export function recordProblem(index: RecordIndex, key: Uint8Array, slot: RecordSlot, stored: unknown): RecordProblem | undefined {
  const at = { table: slot.table, id: slot.id };
  const check = checkRow(index, slot, stored);
  switch (check.kind) {
    case "current":
    case "absent":
      return undefined;
    case "missing":
      return { kind: "missing", ...at };
    // A row that does not open was altered (or copied from another slot), whatever the index says of it;
    // an authentic one the index does not list was brought back, and one of another version is an older copy.
    case "unexpected":
      return { kind: opens(key, slot, stored) ? "unexpected-record" : "tampered", ...at };
    case "other-version":
      return { kind: opens(key, slot, stored) ? "record-rolled-back" : "tampered", ...at };
  }
}

const opens = (key: Uint8Array, slot: RecordSlot, stored: unknown): boolean => openRecord(key, slot, stored, z.unknown()).ok;

export type CurrentRowError = IndexError | VersionError | Exclude<RecordProblem, { kind: "missing" }>;

/**
 * The row of `slot` if it is the version the index names (undefined when the
 * record neither is listed nor exists). The row and the index are read in
 * one transaction, so a write landing in between is never taken for a
 * rollback.
 */
export async function readCurrentRow(storage: VaultStorage, indexes: IndexCache, key: Uint8Array, slot: RecordSlot): Promise<Result<unknown, CurrentRowError>> {
  const { row, indexRow } = await storage.transaction([slot.table, INDEX_TABLE], async (tx) => ({ row: await tx.getRow(slot.table, slot.id), indexRow: await tx.getRow(INDEX_TABLE, INDEX_ID) }));
  const index = indexes.open(indexRow);
  if (!index.ok) return index;
  const problem = recordProblem(index.value, key, slot, row);
  if (problem === undefined) return ok(row);
  // For a read, a listed record that is gone is no "not found" (which callers take as "never written"): it was
  // deleted outside the app, which puts the slot back to an older state like an older copy would.
  return err(problem.kind === "missing" ? { ...problem, kind: "record-rolled-back" } : problem);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
