/**
 * The vault session inside the crypto worker: which vault is open, and the
 * calls that open, close or ask about it (create, unlock, restore, lock,
 * status, readying the unlock). The unlocked vault (and so the vault key and
 * every secret key) lives only here, inside the worker; every other domain's
 * handlers reach it through `withVault`, which answers "locked" when none is
 * open.
 *
 * Free of the worker global and of IndexedDB (the storage is injected), so
 * it runs in unit tests against MemoryVaultStorage.
 */
import { randomBytes } from "../crypto/sodium";
import { ok } from "../result";
import { argon2idTimer, calibrate, checkParams, type KdfCost, type KdfParams, type KeyDeriver } from "../vault/kdf";
import type { VaultStorage } from "../vault/storage-port";
import { readHeader } from "../vault/stored-header";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { createVault, restoreVault, unlockVault } from "../vault/vault";
import { RECORD_ID_UPGRADES } from "../case/case-records";
import type { AuditStatus, IntegrityReport, OpenedVault, VaultHandlers } from "./contracts/vault";
import { LOCKED, refused, type R } from "./refusal";
import { progressOptions, serially } from "./service-kit";
import { cryptoStatus, vaultStatusAtRest } from "./start-handlers";

export type VaultSessionOptions = {
  readonly storage: VaultStorage;
  /** The Argon2id cost for a new vault; the worker calibrates (in a worker of its own), tests pass KDF_FLOOR. */
  readonly kdfCost?: () => KdfCost | Promise<KdfCost>;
  /** Where derivations run; the app uses a short-lived worker per derivation. */
  readonly derive?: KeyDeriver;
  /**
   * Readies the key derivation for these parameters ahead of the unlock (the
   * KDF worker grows and touches its memory while the passphrase is typed).
   * A hint: nothing depends on it having run.
   */
  readonly prepareDerive?: (params: KdfParams) => void;
  readonly clock?: () => Date;
};

/** What every domain's handlers get from the session: the open vault, and the time. */
export type VaultAccess = {
  /** Runs `fn` with the unlocked vault, or answers "locked". */
  readonly withVault: <T>(fn: (v: UnlockedVault) => R<T>) => R<T>;
  readonly clock: () => Date;
};

/** The vault methods the session itself answers; vault-handlers.ts answers the others. */
export type SessionMethod = "crypto:status" | "vault:status" | "vault:prepare-unlock" | "vault:create" | "vault:unlock" | "vault:lock" | "vault:restore";

export type VaultSession = VaultAccess & {
  readonly handlers: Pick<VaultHandlers, SessionMethod>;
  /** The open vault, if any (tests look inside it). */
  readonly current: () => UnlockedVault | undefined;
};

function auditStatus(status: UnlockedVault["auditAtUnlock"]): AuditStatus {
  return status.ok ? { ok: true, count: status.value.count } : { ok: false, seq: status.error.seq, reason: status.error.reason };
}

function integrityReport({ lastModifiedAt, auditHead, index, records, upgraded }: UnlockedVault["integrityAtUnlock"]): IntegrityReport {
  return { lastModifiedAt, auditHead, index, records: [...records.problems], recordCount: records.count, upgraded };
}

export function createVaultSession(options: VaultSessionOptions): VaultSession {
  const { storage } = options;
  const clock = options.clock ?? (() => new Date());
  let vault: UnlockedVault | undefined;
  const derive = options.derive ? { derive: options.derive } : {};
  // Create, unlock, restore and lock change which vault is open: one at a time,
  // so a restore cannot be cleared by a concurrent create, and the like.
  const oneAtATime = serially();

  const opened = (v: UnlockedVault): OpenedVault => ({ vaultId: v.vaultId, audit: auditStatus(v.auditAtUnlock), integrity: integrityReport(v.integrityAtUnlock), sweptImports: v.sweptAtUnlock });

  const withVault = async <T>(fn: (v: UnlockedVault) => R<T>): R<T> => {
    if (!vault || vault.isLocked()) return LOCKED;
    return fn(vault);
  };

  const handlers: Pick<VaultHandlers, SessionMethod> = {
    "crypto:status": cryptoStatus,
    "vault:status": async () => (vault && !vault.isLocked() ? ok({ state: "unlocked", vaultId: vault.vaultId }) : vaultStatusAtRest(storage, clock())),

    "vault:prepare-unlock": async () => {
      if (vault && !vault.isLocked()) return ok({});
      const header = await readHeader(storage);
      // Only parameters the unlock would accept: a lowered header is refused there, with its own sentence.
      const params = header.ok ? checkParams(header.value.kdf) : undefined;
      if (params?.ok) options.prepareDerive?.(params.value);
      return ok({});
    },

    "vault:create": ({ passphrase }) =>
      oneAtATime(async () => {
        const kdf = options.kdfCost ? await options.kdfCost() : calibrate(argon2idTimer(() => performance.now(), randomBytes(16)));
        const created = await createVault(storage, passphrase, { kdf: { opsLimit: kdf.opsLimit, memLimitBytes: kdf.memLimitBytes }, clock, ...derive });
        if (!created.ok) return refused(created.error);
        vault = created.value;
        return ok(opened(vault));
      }),

    "vault:unlock": ({ passphrase }) =>
      oneAtATime(async () => {
        // Already open (the interface lost track, say): close it, so the passphrase is checked like any unlock.
        await vault?.lock();
        vault = undefined;
        const unlocked = await unlockVault(storage, passphrase, { clock, ...derive, recordIdUpgrades: RECORD_ID_UPGRADES });
        if (!unlocked.ok) return refused(unlocked.error);
        vault = unlocked.value;
        return ok(opened(vault));
      }),

    "vault:lock": () =>
      oneAtATime(async () => {
        await vault?.lock();
        vault = undefined;
        return ok({});
      }),

    "vault:restore": ({ file, passphrase }, context) =>
      oneAtATime(async () => {
        if (vault && !vault.isLocked()) return refused({ kind: "vault-exists" });
        const restored = await restoreVault(storage, file.stream(), passphrase, { clock, ...derive, recordIdUpgrades: RECORD_ID_UPGRADES, ...progressOptions(context) });
        if (!restored.ok) return refused(restored.error);
        vault = restored.value;
        return ok(opened(vault));
      }),
  };

  return { withVault, clock, handlers, current: () => vault };
}
