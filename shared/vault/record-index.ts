/**
 * The record index: one encrypted record listing every id the vault wrote in
 * each of its tables. Storage can only say which rows are there now; the
 * index says which rows should be, so a row deleted outside the app is
 * reported as missing (never silently left out of a list), and a row that
 * appears without the app having written it is reported as unexpected.
 *
 * The index is written in the same transaction as the records it lists and
 * exists from the vault's creation on, so deleting it is itself detected.
 * What it cannot detect (nor can anything without state outside the disk):
 * replacing the whole vault with an older copy of itself.
 */
import { z } from "../validation/zod";
import { err, ok, type Result } from "../result";
import { openRecord, sealRecord } from "./record-cipher";
import type { VaultStore } from "./storage-port";

export const INDEX_TABLE = "vault-index";
const INDEX_ID = "vault-record-index";
/** Where the index is stored: it changes with every listed write. */
export const INDEX_SLOT = { table: INDEX_TABLE, id: INDEX_ID } as const;

const IndexSchema = z.strictObject({ tables: z.record(z.string(), z.array(z.string())) });
export type RecordIndex = z.infer<typeof IndexSchema>;

export type IndexError =
  | { readonly kind: "index-missing" }
  | { readonly kind: "index-tampered" };

export async function readIndex(store: VaultStore, key: Uint8Array): Promise<Result<RecordIndex, IndexError>> {
  const stored = await store.getRow(INDEX_TABLE, INDEX_ID);
  if (stored === undefined) return err({ kind: "index-missing" });
  const index = openRecord(key, { table: INDEX_TABLE, id: INDEX_ID }, stored, IndexSchema);
  return index.ok ? index : err({ kind: "index-tampered" });
}

export async function writeIndex(store: VaultStore, key: Uint8Array, index: RecordIndex): Promise<void> {
  const sealed = sealRecord(key, { table: INDEX_TABLE, id: INDEX_ID }, index);
  if (!sealed.ok) throw new Error("the record index is not serialisable");
  await store.putRow(sealed.value);
}

export const EMPTY_INDEX: RecordIndex = { tables: {} };

/** The index with `added` ids in and `removed` ids out, per table; ids kept sorted. */
export function updatedIndex(index: RecordIndex, changes: { readonly added?: readonly { table: string; id: string }[]; readonly removed?: readonly { table: string; id: string }[] }): RecordIndex {
  const tables: Record<string, Set<string>> = {};
  for (const [table, ids] of Object.entries(index.tables)) tables[table] = new Set(ids);
  for (const { table, id } of changes.added ?? []) (tables[table] ??= new Set()).add(id);
  for (const { table, id } of changes.removed ?? []) tables[table]?.delete(id);
  const out: Record<string, string[]> = {};
  for (const [table, ids] of Object.entries(tables)) if (ids.size > 0) out[table] = [...ids].sort();
  return { tables: out };
}

/** Applies `changes` to the stored index, in the caller's transaction. */
export async function recordInIndex(tx: VaultStore, key: Uint8Array, changes: Parameters<typeof updatedIndex>[1]): Promise<Result<void, IndexError>> {
  const index = await readIndex(tx, key);
  if (!index.ok) return index;
  await writeIndex(tx, key, updatedIndex(index.value, changes));
  return ok(undefined);
}

export type TableCheck =
  | { readonly kind: "consistent"; readonly ids: readonly string[] }
  | { readonly kind: "missing"; readonly id: string }
  | { readonly kind: "unexpected"; readonly id: string };

/** Compares what the index lists for `table` with what storage holds. */
export function checkTable(index: RecordIndex, table: string, stored: readonly string[]): TableCheck {
  const expected = index.tables[table] ?? [];
  const present = new Set(stored);
  const missing = expected.find((id) => !present.has(id));
  if (missing !== undefined) return { kind: "missing", id: missing };
  const known = new Set(expected);
  const unexpected = stored.find((id) => !known.has(id));
  if (unexpected !== undefined) return { kind: "unexpected", id: unexpected };
  return { kind: "consistent", ids: expected };
}
