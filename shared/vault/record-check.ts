/**
 * Every record the index lists, checked against it at once: at unlock (so a
 * record put back from an older copy is reported before anything reads it)
 * and for a restored vault. A read checks its own record the same way
 * (record-index.ts, readCurrentRow); this is the same check over the whole
 * vault, collecting every problem instead of stopping at the first.
 */
import { err, ok, type Result } from "../result";
import { ATTACHMENT_CHUNKS_TABLE, ATTACHMENT_IMPORTS_TABLE } from "./attachments";
import { AUDIT_TABLE, META_TABLE } from "./audit-log";
import { INDEX_SLOT, INDEX_TABLE, listedIds, recordProblem, type IndexCache, type IndexError, type RecordProblem, type VersionError } from "./record-index";
import type { VaultStorage } from "./storage-port";

export type RecordProblems = {
  /** The first `limit` problems, in table and id order. */
  readonly problems: readonly RecordProblem[];
  /** How many there are in all. */
  readonly count: number;
};

/** Bookkeeping tables, each checked its own way (hash chain, attachment metadata, sweep): the record index does not list them. */
export const UNINDEXED_TABLES: ReadonlySet<string> = new Set([AUDIT_TABLE, META_TABLE, INDEX_TABLE, ATTACHMENT_CHUNKS_TABLE, ATTACHMENT_IMPORTS_TABLE]);

/**
 * Reads every listed row and every row of a listed table, one at a time (so
 * memory holds one row), and reports each that is not the version the index
 * names. A problem is confirmed by reading the row again with the index in
 * one transaction, so a write from another window is never reported.
 */
export async function findRecordProblems(storage: VaultStorage, indexes: IndexCache, key: Uint8Array, limit = 20): Promise<Result<RecordProblems, IndexError | VersionError>> {
  const index = indexes.open(await storage.getRow(INDEX_SLOT.table, INDEX_SLOT.id));
  if (!index.ok) return index;
  const slots = new Map<string, Set<string>>();
  for (const table of Object.keys(index.value.tables)) slots.set(table, new Set(listedIds(index.value, table)));
  for (const { table, id } of await storage.listSlots()) {
    if (UNINDEXED_TABLES.has(table)) continue;
    const ids = slots.get(table) ?? new Set<string>();
    slots.set(table, ids.add(id));
  }
  const problems: RecordProblem[] = [];
  let count = 0;
  for (const table of [...slots.keys()].sort(compare)) {
    for (const id of [...(slots.get(table) ?? [])].sort(compare)) {
      const slot = { table, id };
      if (recordProblem(index.value, key, slot, await storage.getRow(table, id)) === undefined) continue;
      const confirmed = await storage.transaction([table, INDEX_TABLE], async (tx) => ({ row: await tx.getRow(table, id), indexRow: await tx.getRow(INDEX_SLOT.table, INDEX_SLOT.id) }));
      const now = indexes.open(confirmed.indexRow);
      if (!now.ok) return err(now.error);
      const problem = recordProblem(now.value, key, slot, confirmed.row);
      if (problem === undefined) continue;
      count++;
      if (problems.length < limit) problems.push(problem);
    }
  }
  return ok({ problems, count });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
