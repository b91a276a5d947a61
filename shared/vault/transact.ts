/**
 * Transactions whose steps can refuse. Storage transactions abort only when
 * their function throws; these helpers let a step return a failed Result
 * instead, abort the transaction on it (nothing written lands) and hand the
 * same Result back to the caller.
 */
import type { Err, Result } from "../result";
import { appendAuditEntry, type AuditChainError, type AuditDetail, type AuditEvent } from "./audit-log";
import { recordInIndex, type IndexError, type updatedIndex } from "./record-index";
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
 * In the caller's transaction: the record index follows `changes`, and the
 * change is logged. A change must not land unlisted or unrecorded, so a
 * refusal of either is returned for the transaction to abort on.
 */
export async function listAndLog(
  tx: VaultStore,
  key: Uint8Array,
  time: Date,
  changes: Parameters<typeof updatedIndex>[1],
  entry?: { readonly event: AuditEvent; readonly detail?: AuditDetail },
): Promise<Result<void, IndexError | AuditChainError>> {
  const listed = await recordInIndex(tx, key, changes);
  if (!listed.ok || !entry) return listed;
  const logged = await appendAuditEntry(tx, key, time, entry.event, entry.detail);
  return logged.ok ? listed : logged;
}
