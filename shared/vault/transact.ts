/**
 * Transactions whose steps can refuse. Storage transactions abort only when
 * their function throws; these helpers let a step return a failed Result
 * instead, abort the transaction on it (nothing written lands) and hand the
 * same Result back to the caller.
 */
import { ok, type Err, type Result } from "../result";
import { writeAuditEntry, type AuditChainError, type AuditRequest } from "./audit-log";
import { readIndex, updatedIndex, writeIndex, type AuditHead, type IndexChanges, type IndexError, type VersionError } from "./record-index";
import type { VaultStorage, VaultStore } from "./storage-port";

class Aborted extends Error {
  constructor(readonly result: Err<unknown>) {
    super("transaction aborted by a refusal");
  }
}

export async function transactResult<T, E>(storage: VaultStorage, tables: readonly string[], step: (tx: VaultStore) => Promise<Result<T, E>>): Promise<Result<T, E>> {
  try {
    return await storage.transaction(tables, async (tx) => {
      const result = await step(tx);
      if (!result.ok) throw new Aborted(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Aborted) return e.result as Err<E>;
    throw e;
  }
}

/**
 * In the caller's transaction: the record index follows `changes` (the rows
 * written, under their new versions, and the slots removed), and the change
 * is logged (one entry or several, in order), the index naming the log's new head. A change must not land
 * unlisted or unrecorded, so a refusal of either is returned for the
 * transaction to abort on.
 */
export async function listAndLog(
  tx: VaultStore,
  key: Uint8Array,
  time: Date,
  changes: Omit<IndexChanges, "audit" | "at">,
  entries?: AuditRequest | readonly AuditRequest[],
): Promise<Result<void, IndexError | VersionError | AuditChainError>> {
  const index = await readIndex(tx, key);
  if (!index.ok) return index;
  let head: AuditHead | undefined;
  for (const entry of entries === undefined ? [] : "event" in entries ? [entries] : entries) {
    const logged = await writeAuditEntry(tx, key, time, entry.event, entry.detail);
    if (!logged.ok) return logged;
    head = logged.value.head;
  }
  await writeIndex(tx, key, updatedIndex(index.value, { ...changes, ...(head ? { audit: head } : {}), at: time }));
  return ok(undefined);
}
