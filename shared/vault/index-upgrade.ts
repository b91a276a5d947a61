/**
 * The upgrade of a vault written before the record index named versions: its
 * index (the first format: ids only) becomes one naming each record's
 * version and the audit head, and the records whose ids were derived from
 * their content without a key are moved to keyed ids. It runs at the first
 * unlock with this code, in one transaction (all of it lands or none does),
 * and is recorded by one audit entry, "vault-upgraded".
 *
 * Every listed record is opened with the vault key first: only an authentic
 * row has its version named. A listed id whose row is gone or does not open
 * stays listed with no version (null), so it is reported as it was before the
 * upgrade (missing, or altered), never blessed. A row stored but not listed
 * stays unlisted, and reported as unexpected.
 *
 * An upgrade runs once: a first-format index met again once the log holds
 * "vault-upgraded" is an older copy put back (see vault.ts).
 */
import { z } from "../validation/zod";
import { ok, type Result } from "../result";
import { appendAuditEntry, readAuditHead, AUDIT_TABLE, META_TABLE, type AuditChainError } from "./audit-log";
import { openRecord, sealRecord } from "./record-cipher";
import { INDEX_FORMAT, INDEX_SLOT, INDEX_TABLE, openIndex, rowVersion, writeIndex, type IndexError, type RecordIndex, type VersionError } from "./record-index";
import { keyedRecordId, type RecordSlot } from "./record-slot";
import { storedRowSchema, type VaultStorage } from "./storage-port";
import { transactResult } from "./transact";

/** A table whose ids become keyed (record-slot.ts, keyedRecordId) at the upgrade. */
export type RecordIdUpgrade = {
  readonly table: string;
  /** The keyed-id purpose of the table's ids, as its code computes them (UnlockedVault.keyedId). */
  readonly purpose: string;
  /** What the id is keyed on, read from the opened record; undefined leaves the record under its old id. */
  readonly keyOf: (value: unknown) => string | undefined;
};

export type IndexUpgrade = { readonly records: number; readonly rekeyed: number };

/**
 * Upgrades the index if it is still of the first format; undefined when
 * there was nothing to upgrade (another window did it first).
 */
export async function upgradeIndex(storage: VaultStorage, key: Uint8Array, time: Date, upgrades: readonly RecordIdUpgrade[]): Promise<Result<IndexUpgrade | undefined, IndexError | VersionError | AuditChainError>> {
  return transactResult(storage, [INDEX_TABLE, AUDIT_TABLE, META_TABLE, ...upgrades.map((u) => u.table)], async (tx): Promise<Result<IndexUpgrade | undefined, IndexError | VersionError | AuditChainError>> => {
    const stored = openIndex(key, await tx.getRow(INDEX_SLOT.table, INDEX_SLOT.id));
    if (!stored.ok) return stored;
    if (stored.value.version === 2) return ok(undefined);
    const tables: Record<string, Record<string, string | null>> = {};
    const list = (slot: RecordSlot, version: string | null) => ((tables[slot.table] ??= {})[slot.id] = version);
    let records = 0;
    let rekeyed = 0;
    for (const [table, ids] of Object.entries(stored.value.index.tables)) {
      const upgrade = upgrades.find((u) => u.table === table);
      for (const id of ids) {
        const slot = { table, id };
        records++;
        const row = await tx.getRow(table, id);
        const parsed = storedRowSchema.safeParse(row);
        const value = parsed.success ? openRecord(key, slot, row, z.unknown()) : undefined;
        if (!parsed.success || !value?.ok) {
          list(slot, null);
          continue;
        }
        const keyedOn = upgrade?.keyOf(value.value);
        const newId = upgrade && keyedOn !== undefined ? keyedRecordId(key, upgrade.purpose, keyedOn) : id;
        if (newId === id) {
          list(slot, rowVersion(parsed.data));
          continue;
        }
        const moved = sealRecord(key, { table, id: newId }, value.value);
        // It was sealed before from the same JSON, so failing now is a bug.
        if (!moved.ok) throw new Error("an opened record does not serialise again");
        await tx.putRow(moved.value);
        await tx.deleteRow(table, id);
        list({ table, id: newId }, rowVersion(moved.value));
        rekeyed++;
      }
    }
    const head = await readAuditHead(tx, key);
    const index: RecordIndex = { format: INDEX_FORMAT, version: 2, tables: sorted(tables), audit: head.ok ? (head.value ?? null) : null, modifiedAt: time.toISOString() };
    await writeIndex(tx, key, index);
    const logged = await appendAuditEntry(tx, key, time, "vault-upgraded", { indexFormat: 2, records, rekeyed });
    return logged.ok ? ok({ records, rekeyed }) : logged;
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sorted(tables: Record<string, Record<string, string | null>>): Record<string, Record<string, string | null>> {
  return Object.fromEntries(
    Object.keys(tables)
      .sort(compare)
      .map((t) => [t, Object.fromEntries(Object.entries(tables[t] ?? {}).sort(([a], [b]) => compare(a, b)))]),
  );
}
