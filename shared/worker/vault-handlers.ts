/**
 * The crypto worker's handlers for the open vault as a whole: its
 * passphrase, settings, content digest, backup and audit log. The session
 * (vault-session.ts) answers the calls that open and close it.
 */
import { ok } from "../result";
import { BackupStreamError } from "../vault/backup";
import { IDLE_LOCK_MINUTES } from "../vault/settings-limits";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { AuditView, Settings, VaultHandlers } from "./contracts/vault";
import { SETTINGS_ID, SettingsRecord } from "./records/settings.record";
import { refused, type R } from "./refusal";
import { collectBlob, progressOptions } from "./service-kit";
import type { SessionMethod, VaultAccess } from "./vault-session";

/** The vault's settings, the defaults while none are stored. */
async function readSettings(v: UnlockedVault): R<Settings> {
  const stored = await SettingsRecord.find(v, SETTINGS_ID);
  if (!stored.ok) return refused(stored.error);
  return ok(stored.value ?? { idleLockMinutes: IDLE_LOCK_MINUTES.default });
}

export type VaultHandlerOptions = {
  /** scrypt work factor of backup files (age's default 18; tests lower it). */
  readonly backupWorkFactor?: number;
};

export function createVaultHandlers({ withVault, clock }: VaultAccess, options: VaultHandlerOptions = {}): Omit<VaultHandlers, SessionMethod> {
  return {
    "vault:change-passphrase": ({ oldPassphrase, newPassphrase }) =>
      withVault(async (v) => {
        const changed = await v.changePassphrase(oldPassphrase, newPassphrase);
        return changed.ok ? ok({}) : refused(changed.error);
      }),

    "vault:settings": () => withVault(readSettings),

    "vault:set-settings": (changes: Partial<Settings>) =>
      withVault(async (v) => {
        const current = await readSettings(v);
        if (!current.ok) return current;
        const settings: Settings = { ...current.value, ...changes };
        const written = await SettingsRecord.put(v, SETTINGS_ID, settings);
        return written.ok ? ok(settings) : refused(written.error);
      }),

    "vault:digest": (_request, context) =>
      withVault(async (v) => {
        const digest = await v.contentDigest(progressOptions(context));
        return digest.ok ? ok({ digest: digest.value }) : refused(digest.error);
      }),

    "vault:backup": ({ passphrase }, context) =>
      withVault(async (v) => {
        const stream = await v.backup(passphrase, { ...progressOptions(context), ...(options.backupWorkFactor ? { workFactor: options.backupWorkFactor } : {}) });
        if (!stream.ok) return refused(stream.error);
        try {
          // A Blob is held by the browser (on disk when large), not in this worker's heap.
          const blob = await collectBlob(stream.value, "application/octet-stream", context.signal);
          const day = clock().toISOString().slice(0, 10);
          return ok({ fileName: `attribution-panel-vault-${day}.age`, mediaType: "application/octet-stream", blob });
        } catch (e) {
          if (e instanceof BackupStreamError) return refused(e.error);
          throw e;
        }
      }),

    "audit:list": () =>
      withVault<AuditView>(async (v) => {
        const log = await v.verifyAudit();
        if (log.ok) return ok({ status: { ok: true, count: log.value.count }, entries: log.value.entries.map((e) => ({ ...e })) });
        if (log.error.kind !== "audit-chain-broken") return refused(log.error);
        return ok({ status: { ok: false, seq: log.error.seq, reason: log.error.reason }, entries: [] });
      }),
  };
}
