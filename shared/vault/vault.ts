/**
 * Creating and unlocking a vault. What an unlocked vault can do is in
 * unlocked-vault.ts; how failed unlocks are counted is in unlock-policy.ts.
 */
import { fromBase64, randomBytes, toBase64, toHex, wipe, ARGON2ID_SALT_BYTES } from "../crypto/sodium";
import { assessPassphrase } from "../security/passphrase-strength";
import { err, ok, type Result } from "../result";
import { z } from "../validation/zod";
import { ATTACHMENT_CHUNKS_TABLE, ATTACHMENT_IMPORTS_TABLE, sweepInterruptedImports, UNIT_BYTES, UNITS_PER_ROW } from "./attachments";
import { clearOrphanRows, restoreBackup, type BackupProgress } from "./backup";
import { emptyIndex, IndexCache, indexRolledBack, INDEX_SLOT, INDEX_TABLE, openIndex, writeIndex, type AuditHead, type IndexError, type VersionError } from "./record-index";
import { appendAuditEntry, AUDIT_TABLE, checkAuditHead, entryHash, META_TABLE, verifyAuditChain, type AuditChainError } from "./audit-log";
import { upgradeIndex, type RecordIdUpgrade } from "./index-upgrade";
import { findRecordProblems, type RecordProblems } from "./record-check";
import { checkCost, checkParams, deriveHere, type KdfCost, type KeyDeriver } from "./kdf";
import type { VaultStorage } from "./storage-port";
import { guarded, readHeader } from "./stored-header";
import { openUnlockedVault, type IntegrityAtUnlock, type UnlockedVault } from "./unlocked-vault";
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
/** The plaintext bytes of one attachment chunk row, for restore progress. */
const ATTACHMENT_ROW_BYTES = UNIT_BYTES * UNITS_PER_ROW;

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
      const now = clock();
      await writeIndex(tx, vaultKey, emptyIndex(now));
      const logged = await appendAuditEntry(tx, vaultKey, now, "vault-created");
      if (!logged.ok) throw new Error("a fresh vault already has an audit log");
      return { at: now, head: { seq: logged.value.seq, hash: entryHash(logged.value) } };
    }));
    if (!created) {
      wipe(vaultKey);
      return err({ kind: "vault-exists" });
    }
    const integrityAtUnlock: IntegrityAtUnlock = {
      lastModifiedAt: created.at.toISOString(),
      auditHead: { seq: created.head.seq, hash: headHex(created.head) },
      index: null,
      records: NO_PROBLEMS,
      upgraded: false,
    };
    return ok(openUnlockedVault({ storage, key: vaultKey, vaultId: header.vaultId, clock, derive, auditAtUnlock: ok({ count: 1 }), integrityAtUnlock }));
  });
}

export type UnlockOptions = {
  readonly clock?: Clock;
  readonly derive?: KeyDeriver;
  /** Tables whose ids the upgrade from the first index format moves to keyed ids (the case records give theirs). */
  readonly recordIdUpgrades?: readonly RecordIdUpgrade[];
};

const NO_PROBLEMS: RecordProblems = { problems: [], count: 0 };
/** At most this many record problems are logged one by one at an unlock; the count says how many there were. */
const LOGGED_PROBLEMS = 10;

const headHex = (head: AuditHead): string => toHex(fromBase64(head.hash) as Uint8Array);

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

    const { auditAtUnlock, integrity } = await wipeOnThrow(key, () => checkAtUnlock(storage, key, clock(), options.recordIdUpgrades ?? []));
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
      if (integrity.index) await appendAuditEntry(tx, key, now, "tamper-detected", { table: INDEX_TABLE, problem: integrity.index.kind });
      for (const p of integrity.records.problems.slice(0, LOGGED_PROBLEMS)) await appendAuditEntry(tx, key, now, "tamper-detected", { table: p.table, id: p.id, problem: p.kind });
      await appendAuditEntry(tx, key, now, "unlocked");
    }));
    const status = auditAtUnlock.ok ? ok({ count: auditAtUnlock.value.count }) : auditAtUnlock;
    const sweep = await wipeOnThrow(key, () => sweepInterruptedImports({ storage, vaultKey: key, now: clock, isLocked: () => false }));
    for (const id of sweep.damaged) {
      await wipeOnThrow(key, () => storage.transaction(AUDIT_SCOPE, (tx) => appendAuditEntry(tx, key, clock(), "tamper-detected", { table: ATTACHMENT_IMPORTS_TABLE, id, problem: "tampered" })));
    }
    return ok(openUnlockedVault({ storage, key, vaultId: header.value.vaultId, clock, derive, auditAtUnlock: status, integrityAtUnlock: integrity, sweptAtUnlock: sweep.swept }));
  });
}

/**
 * What an unlock checks before it writes anything: the audit chain, the
 * audit head against the one the index names (a truncation), the index
 * itself (upgraded here if it is of the first format and the log shows no
 * upgrade yet; an older copy otherwise), and every listed record against it.
 */
async function checkAtUnlock(storage: VaultStorage, key: Uint8Array, now: Date, upgrades: readonly RecordIdUpgrade[]): Promise<{ auditAtUnlock: Result<{ count: number }, AuditChainError>; integrity: IntegrityAtUnlock }> {
  // Read in one transaction: an entry appended by another window in between would look like a truncation.
  const found = await storage.transaction(AUDIT_SCOPE, async (tx) => ({ chain: await verifyAuditChain(tx, key), index: openIndex(key, await tx.getRow(INDEX_SLOT.table, INDEX_SLOT.id)) }));
  const { chain } = found;
  let audit: Result<{ count: number }, AuditChainError> = chain.ok ? ok({ count: chain.value.count }) : chain;
  let index: IndexError | VersionError | null = found.index.ok ? null : found.index.error;
  let head: AuditHead | null = chain.ok ? chain.value.head : null;
  let lastModifiedAt: string | null = null;
  let upgraded = false;
  if (found.index.ok && found.index.value.version === 2) {
    const bound = found.index.value.index.audit;
    lastModifiedAt = found.index.value.index.modifiedAt;
    head ??= bound;
    if (chain.ok && bound) {
      const against = checkAuditHead(chain.value.head, bound);
      if (against === "index-behind") index = indexRolledBack();
      else if (against !== "ok") audit = err(against);
    }
  } else if (found.index.ok) {
    // The first format: upgraded once. Met again after an upgrade the log records, it is an older copy put back.
    if (chain.ok && chain.value.entries.some((e) => e.event === "vault-upgraded")) index = indexRolledBack();
    else {
      const done = await upgradeIndex(storage, key, now, upgrades);
      if (!done.ok) index = done.error.kind === "audit-chain-broken" ? null : done.error;
      upgraded = done.ok && done.value !== undefined;
    }
  }
  let records = NO_PROBLEMS;
  if (index === null) {
    const problems = await findRecordProblems(storage, new IndexCache(key), key);
    if (problems.ok) records = problems.value;
    else index = problems.error;
  }
  return { auditAtUnlock: audit, integrity: { lastModifiedAt, auditHead: head ? { seq: head.seq, hash: headHex(head) } : null, index, records, upgraded } };
}

/**
 * Restores a backup file into an empty profile and unlocks it with the same
 * passphrase, so the restored vault passes every check an unlock makes
 * (KDF floor, audit chain), then opens every row with the vault key and
 * reads every attachment back in full, and only then logs the restore.
 * Any refusal (and any failure) leaves the profile empty, as it was.
 *
 * Progress counts steps: the rows written, then the rows verified.
 */
export async function restoreVault(
  storage: VaultStorage,
  source: ReadableStream<Uint8Array>,
  passphrase: string,
  options: UnlockOptions & { readonly onProgress?: BackupProgress; readonly signal?: AbortSignal } = {},
): Promise<Result<UnlockedVault, VaultError>> {
  const { onProgress, signal } = options;
  return guarded(async () => {
    const restored = await restoreBackup(storage, source, passphrase, { ...(signal ? { signal } : {}), onProgress: (done, total) => onProgress?.(done, 2 * total) });
    if (!restored.ok) return restored;
    let vault: UnlockedVault | undefined;
    // Undoes the restore: the profile becomes empty again.
    const refuse = async (error: VaultError): Promise<Result<never, VaultError>> => {
      await vault?.lock();
      await clearOrphanRows(storage);
      await storage.transaction([], async (tx) => tx.deleteHeader());
      return err(error);
    };
    try {
      const unlocked = await unlockVault(storage, passphrase, options);
      if (!unlocked.ok) return await refuse(unlocked.error);
      vault = unlocked.value;
      const rows = restored.value.rows;
      const verified = await verifyRestored(storage, vault, (done) => onProgress?.(rows + Math.min(done, rows), 2 * rows), signal);
      if (!verified.ok) return await refuse(verified.error);
      const logged = await vault.audit("backup-restored", { rows });
      if (!logged.ok) return await refuse(logged.error);
      return ok(vault);
    } catch (e) {
      await refuse({ kind: "backup-cancelled" }).catch(() => undefined);
      throw e;
    }
  });
}

/**
 * A restored vault, checked whole: its audit chain and the record index
 * against every stored row (at unlock), every row opened with the vault key, and
 * every attachment's chunk rows present, in order, authentic and adding up
 * to the size and SHA-256 of its record. `onProgress` counts rows done.
 */
async function verifyRestored(storage: VaultStorage, vault: UnlockedVault, onProgress: (done: number) => void, signal?: AbortSignal): Promise<Result<void, VaultError>> {
  const cancelled = (): boolean => signal?.aborted === true;
  const vaultCheck = (error: VaultError) => err({ kind: "backup-invalid" as const, reason: "vault-check-failed" as const, error });
  if (!vault.auditAtUnlock.ok) return vaultCheck(vault.auditAtUnlock.error);
  // Listed before any check, whose tamper reports add audit rows of their own.
  const slots = await storage.listSlots();
  let done = 0;
  for (const slot of slots) {
    if (cancelled()) return err({ kind: "backup-cancelled" });
    if (slot.table === ATTACHMENT_CHUNKS_TABLE) continue; // read below, attachment by attachment
    const opened = await vault.get(slot.table, slot.id, z.unknown());
    if (!opened.ok) {
      const e = opened.error;
      if (e.kind === "tampered" || e.kind === "malformed" || e.kind === "missing") return err({ kind: "backup-invalid", reason: "record-damaged", table: slot.table, id: slot.id });
      return e.kind === "locked" ? opened : vaultCheck(e);
    }
    onProgress(++done);
  }
  // Every listed record against the index (checked at unlock): nothing deleted, nothing foreign, no older copy.
  const { index, records } = vault.integrityAtUnlock;
  if (index) return vaultCheck(index);
  const damaged = records.problems[0];
  if (damaged) return vaultCheck(damaged);
  const attachments = await vault.attachments.list();
  if (!attachments.ok) return vaultCheck(attachments.error);
  for (const { id } of attachments.value) {
    const before = done;
    const checked = await vault.attachments.verify(id, { ...(signal ? { signal } : {}), onProgress: (bytes) => onProgress(before + Math.ceil(bytes / ATTACHMENT_ROW_BYTES)) });
    if (!checked.ok) {
      const e = checked.error;
      if (e.kind === "attachment-corrupt") {
        const { kind: _kind, id: _id, ...damage } = e;
        return err({ kind: "backup-invalid", reason: "attachment-damaged", id, damage });
      }
      if (e.kind === "attachment-cancelled") return err({ kind: "backup-cancelled" });
      return vaultCheck(e);
    }
    done = before + Math.max(1, Math.ceil(checked.value.size / ATTACHMENT_ROW_BYTES));
    onProgress(done);
  }
  if (cancelled()) return err({ kind: "backup-cancelled" });
  return ok(undefined);
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
