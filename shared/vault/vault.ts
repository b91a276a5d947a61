/**
 * Creating and unlocking a vault. What an unlocked vault can do is in
 * unlocked-vault.ts; how failed unlocks are counted is in unlock-policy.ts.
 */
import { randomBytes, toBase64, wipe, ARGON2ID_SALT_BYTES } from "../crypto/sodium";
import { assessPassphrase } from "../security/passphrase-strength";
import { err, ok, type Result } from "../result";
import { ATTACHMENT_IMPORTS_TABLE, sweepInterruptedImports } from "./attachments";
import { clearOrphanRows, restoreBackup, type BackupProgress } from "./backup";
import { EMPTY_INDEX, INDEX_TABLE, writeIndex } from "./record-index";
import { appendAuditEntry, AUDIT_TABLE, META_TABLE, verifyAuditChain } from "./audit-log";
import { checkCost, checkParams, deriveHere, type KdfCost, type KeyDeriver } from "./kdf";
import type { VaultStorage } from "./storage-port";
import { guarded, readHeader } from "./stored-header";
import { openUnlockedVault, type UnlockedVault } from "./unlocked-vault";
import { recordFailure, remainingDelay, unlockDelay } from "./unlock-policy";
import type { VaultError } from "./vault-error";
import { createHeader, unwrapVaultKey, vaultHeaderSchema } from "./vault-header";

export type Clock = () => Date;

export type CreateVaultOptions = {
  /** From `calibrate` in production; tests pass `KDF_FLOOR`. Refused below the floor. */
  readonly kdf: KdfCost;
  readonly clock?: Clock;
  readonly derive?: KeyDeriver;
};

const AUDIT_SCOPE = [AUDIT_TABLE, META_TABLE, INDEX_TABLE] as const;

/** Creates a vault in an empty profile and returns it unlocked. */
export async function createVault(storage: VaultStorage, passphrase: string, options: CreateVaultOptions): Promise<Result<UnlockedVault, VaultError>> {
  const strength = await assessPassphrase(passphrase);
  if (!strength.acceptable) return err({ kind: "passphrase-weak", warning: strength.warningKey ?? "too-guessable" });
  const cost = checkCost(options.kdf);
  if (!cost.ok) return cost;
  const clock = options.clock ?? (() => new Date());
  return guarded(async () => {
    if ((await storage.getHeader()) !== undefined) return err({ kind: "vault-exists" });
    await clearOrphanRows(storage);
    const salt = toBase64(randomBytes(ARGON2ID_SALT_BYTES));
    const derive = options.derive ?? deriveHere;
    const { header, vaultKey } = await createHeader(passphrase, { algorithm: "argon2id13", ...cost.value, salt }, derive);
    const created = await wipeOnThrow(vaultKey, () => storage.transaction(AUDIT_SCOPE, async (tx) => {
      // Checked again inside the transaction: two windows may race to create.
      if ((await tx.getHeader()) !== undefined) return false;
      await tx.putHeader(header);
      await writeIndex(tx, vaultKey, EMPTY_INDEX);
      const logged = await appendAuditEntry(tx, vaultKey, clock(), "vault-created");
      if (!logged.ok) throw new Error("a fresh vault already has an audit log");
      return true;
    }));
    if (!created) {
      wipe(vaultKey);
      return err({ kind: "vault-exists" });
    }
    return ok(openUnlockedVault({ storage, key: vaultKey, vaultId: header.vaultId, clock, derive, auditAtUnlock: ok({ count: 1 }) }));
  });
}

export type UnlockOptions = { readonly clock?: Clock; readonly derive?: KeyDeriver };

/**
 * Unlocks with the passphrase. A wrong passphrase changes nothing but the
 * header's clear failure counter; a header whose KDF parameters are outside
 * the floor and ceiling is refused before any derivation.
 */
export async function unlockVault(storage: VaultStorage, passphrase: string, options: UnlockOptions = {}): Promise<Result<UnlockedVault, VaultError>> {
  const clock = options.clock ?? (() => new Date());
  return guarded(async () => {
    const header = await readHeader(storage);
    if (!header.ok) return header;
    const params = checkParams(header.value.kdf);
    if (!params.ok) return params;
    const wait = remainingDelay(header.value.unlockFailures, clock());
    if (wait > 0) return err({ kind: "unlock-delayed", retryAfterMs: wait });

    const derive = options.derive ?? deriveHere;
    const key = await unwrapVaultKey(header.value, passphrase, derive);
    if (!key) return countFailure(storage, clock);

    const auditAtUnlock = await wipeOnThrow(key, () => verifyAuditChain(storage, key));
    await wipeOnThrow(key, () => storage.transaction(AUDIT_SCOPE, async (tx) => {
      const current = vaultHeaderSchema.safeParse(await tx.getHeader());
      const now = clock();
      const failures = current.success ? current.data.unlockFailures : { count: 0, lastAt: null };
      if (failures.count > 0) {
        const logged = await appendAuditEntry(tx, key, now, "unlock-failed", { count: failures.count, lastAt: failures.lastAt });
        // Reset only once the failures are on record; a broken log head keeps them counted in the header.
        if (logged.ok && current.success) await tx.putHeader({ ...current.data, unlockFailures: { count: 0, lastAt: null } });
      }
      if (!auditAtUnlock.ok) await appendAuditEntry(tx, key, now, "tamper-detected", { auditSeq: auditAtUnlock.error.seq, reason: auditAtUnlock.error.reason });
      await appendAuditEntry(tx, key, now, "unlocked");
    }));
    const status = auditAtUnlock.ok ? ok({ count: auditAtUnlock.value.count }) : auditAtUnlock;
    const sweep = await wipeOnThrow(key, () => sweepInterruptedImports({ storage, vaultKey: key, now: clock, isLocked: () => false }));
    for (const id of sweep.damaged) {
      await wipeOnThrow(key, () => storage.transaction(AUDIT_SCOPE, (tx) => appendAuditEntry(tx, key, clock(), "tamper-detected", { table: ATTACHMENT_IMPORTS_TABLE, id, problem: "tampered" })));
    }
    return ok(openUnlockedVault({ storage, key, vaultId: header.value.vaultId, clock, derive, auditAtUnlock: status, sweptAtUnlock: sweep.swept }));
  });
}

/**
 * Restores a backup file into an empty profile and unlocks it with the same
 * passphrase, so the restored vault passes every check an unlock makes
 * (KDF floor, audit chain), then logs the restore.
 */
export async function restoreVault(
  storage: VaultStorage,
  source: ReadableStream<Uint8Array>,
  passphrase: string,
  options: UnlockOptions & { readonly onProgress?: BackupProgress; readonly signal?: AbortSignal } = {},
): Promise<Result<UnlockedVault, VaultError>> {
  return guarded(async () => {
    const restored = await restoreBackup(storage, source, passphrase, options);
    if (!restored.ok) return restored;
    const vault = await unlockVault(storage, passphrase, options);
    if (!vault.ok) return vault;
    // A backup that restores but does not hold together is refused like a damaged one.
    const problem = !vault.value.auditAtUnlock.ok ? err(vault.value.auditAtUnlock.error) : await vault.value.checkRecords();
    if (!problem.ok) {
      await vault.value.lock();
      await clearOrphanRows(storage);
      await storage.transaction([], async (tx) => tx.deleteHeader());
      return err({ kind: "backup-invalid", reason: "vault-check-failed", error: problem.error });
    }
    const logged = await vault.value.audit("backup-restored", { rows: restored.value.rows });
    if (!logged.ok) {
      await vault.value.lock();
      return logged;
    }
    return vault;
  });
}

/** A storage failure between unwrapping and handing over the key must not leave the key in memory. */
async function wipeOnThrow<T>(key: Uint8Array, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    wipe(key);
    throw e;
  }
}

async function countFailure(storage: VaultStorage, clock: Clock): Promise<Result<never, VaultError>> {
  const failures = await storage.transaction([], async (tx) => {
    const current = vaultHeaderSchema.safeParse(await tx.getHeader());
    if (!current.success) return undefined;
    const next = recordFailure(current.data.unlockFailures, clock());
    await tx.putHeader({ ...current.data, unlockFailures: next });
    return next;
  });
  const failedAttempts = failures?.count ?? 1;
  return err({ kind: "wrong-passphrase", failedAttempts, retryAfterMs: unlockDelay(failedAttempts) });
}
