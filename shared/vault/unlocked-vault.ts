/**
 * An unlocked vault: the handle that holds the vault key and performs every
 * record operation. `lock()` wipes the key; after it (or while it runs) every
 * call returns `{ kind: "locked" }`.
 */
import type { z } from "zod";
import { assessPassphrase } from "../security/passphrase-strength";
import { ARGON2ID_SALT_BYTES, constantTimeEqual, randomBytes, toBase64, wipe } from "../crypto/sodium";
import { err, ok, type Err, type Result } from "../result";
import { appendAuditEntry, AUDIT_TABLE, META_TABLE, verifyAuditChain, type AuditChainError, type AuditDetail, type AuditEntry, type AuditEvent } from "./audit-log";
import { checkCost, checkParams, type KdfCost } from "./kdf";
import { openRecord, sealRecord } from "./record-cipher";
import { assertSlot, isTableName } from "./record-slot";
import type { VaultStorage } from "./storage-port";
import { guarded, readHeader } from "./stored-header";
import type { VaultError } from "./vault-error";
import { rewrapHeader, unwrapVaultKey } from "./vault-header";

export type UnlockedVault = {
  readonly vaultId: string;
  /** The audit chain as verified at unlock (or creation), before this session's entries. */
  readonly auditAtUnlock: Result<{ readonly count: number }, AuditChainError>;
  readonly isLocked: () => boolean;
  put(table: string, id: string, value: unknown): Promise<Result<void, VaultError>>;
  get<S extends z.ZodType>(table: string, id: string, schema: S): Promise<Result<z.infer<S>, VaultError>>;
  list(table: string): Promise<Result<string[], VaultError>>;
  delete(table: string, id: string): Promise<Result<void, VaultError>>;
  /** Appends a security event (identity exported, contact trusted, …). */
  audit(event: AuditEvent, detail?: AuditDetail): Promise<Result<AuditEntry, VaultError>>;
  verifyAudit(): Promise<Result<{ count: number; entries: AuditEntry[] }, VaultError>>;
  /** Re-wraps the vault key under a new passphrase (and optionally a new KDF cost); no record is rewritten. */
  changePassphrase(oldPassphrase: string, newPassphrase: string, options?: { readonly kdf?: KdfCost }): Promise<Result<void, VaultError>>;
  lock(): Promise<void>;
};

type Session = {
  readonly storage: VaultStorage;
  readonly key: Uint8Array;
  readonly vaultId: string;
  readonly clock: () => Date;
  readonly auditAtUnlock: Result<{ readonly count: number }, AuditChainError>;
};

const AUDIT_SCOPE = [AUDIT_TABLE, META_TABLE];
const LOCKED: Err<VaultError> = err({ kind: "locked" });

// The audit log and its head are written only through `audit`, so the chain stays append-only.
function assertWritable(table: string, id: string): void {
  assertSlot(table, id);
  if (table === AUDIT_TABLE || table === META_TABLE) throw new RangeError(`table "${table}" is written by the vault itself`);
}

export function openUnlockedVault(session: Session): UnlockedVault {
  const { storage, key, clock } = session;
  let locked = false;
  // Checked right before each use of the key: crypto calls are synchronous, so a lock cannot interleave with one.
  const whenUnlocked = <T>(operation: () => Promise<Result<T, VaultError>>): Promise<Result<T, VaultError>> => (locked ? Promise.resolve(LOCKED) : guarded(operation));

  const audit = (event: AuditEvent, detail?: AuditDetail): Promise<Result<AuditEntry, VaultError>> =>
    whenUnlocked(() =>
      storage.transaction(AUDIT_SCOPE, async (tx): Promise<Result<AuditEntry, VaultError>> => (locked ? LOCKED : appendAuditEntry(tx, key, clock(), event, detail))),
    );

  return {
    vaultId: session.vaultId,
    auditAtUnlock: session.auditAtUnlock,
    isLocked: () => locked,

    put(table, id, value) {
      assertWritable(table, id);
      return whenUnlocked(async () => {
        if (locked) return LOCKED;
        const row = sealRecord(key, { table, id }, value);
        if (!row.ok) return row;
        await storage.putRow(row.value);
        return ok(undefined);
      });
    },

    get(table, id, schema) {
      assertSlot(table, id);
      return whenUnlocked(async () => {
        const stored = await storage.getRow(table, id);
        if (stored === undefined) return err({ kind: "missing", table, id });
        if (locked) return LOCKED;
        const value = openRecord(key, { table, id }, stored, schema);
        // Best effort: the owner learns of it in the log even if the caller drops the error.
        if (!value.ok && value.error.kind === "tampered") await audit("tamper-detected", { table, id });
        return value;
      });
    },

    list(table) {
      if (!isTableName(table)) throw new RangeError(`invalid vault table name ${JSON.stringify(table)}`);
      return whenUnlocked(async () => ok(await storage.listIds(table)));
    },

    delete(table, id) {
      assertWritable(table, id);
      return whenUnlocked(async () => {
        await storage.deleteRow(table, id);
        return ok(undefined);
      });
    },

    audit,

    verifyAudit: () => whenUnlocked(() => (locked ? Promise.resolve(LOCKED) : verifyAuditChain(storage, key))),

    changePassphrase(oldPassphrase, newPassphrase, options = {}) {
      return whenUnlocked(async () => {
        const strength = assessPassphrase(newPassphrase);
        if (!strength.acceptable) return err({ kind: "passphrase-weak", reason: strength.warning ?? "it is too weak." });
        const header = await readHeader(storage);
        if (!header.ok) return header;
        const current = checkParams(header.value.kdf);
        if (!current.ok) return current;
        const cost = checkCost(options.kdf ?? current.value);
        if (!cost.ok) return cost;
        const proven = unwrapVaultKey(header.value, oldPassphrase);
        if (!proven) return err({ kind: "wrong-passphrase" });
        const same = !locked && constantTimeEqual(proven, key);
        wipe(proven);
        if (locked) return LOCKED;
        if (!same) return err({ kind: "header-changed" });
        const salt = toBase64(randomBytes(ARGON2ID_SALT_BYTES));
        const next = rewrapHeader(header.value, key, newPassphrase, { algorithm: "argon2id13", opsLimit: cost.value.opsLimit, memLimitBytes: cost.value.memLimitBytes, salt });
        return storage.transaction(AUDIT_SCOPE, async (tx) => {
          const now = await readHeader(tx);
          // Another window changed it while the derivation ran: do not overwrite its wrap.
          if (!now.ok || now.value.wrappedKey.ciphertext !== header.value.wrappedKey.ciphertext) return err({ kind: "header-changed" as const });
          await tx.putHeader(next);
          const logged = await appendAuditEntry(tx, key, clock(), "passphrase-changed");
          // The passphrase change must not go unrecorded: abort the transaction if the log cannot take it.
          if (!logged.ok) throw new AuditRefused(logged.error);
          return ok(undefined);
        }).catch((e: unknown) => (e instanceof AuditRefused ? err(e.error) : Promise.reject(e)));
      });
    },

    async lock() {
      if (locked) return;
      // Recorded while the key still exists; a failure to record must not keep the vault open.
      await audit("locked").catch(() => undefined);
      locked = true;
      wipe(key);
    },
  };
}

class AuditRefused extends Error {
  constructor(readonly error: AuditChainError) {
    super("the audit log refused an entry");
  }
}
