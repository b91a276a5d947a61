/** Every way a vault operation can fail that a person can meet, and the sentence that tells them what to do. */
import { missingCase } from "../result";
import { describeAttachmentError, type AttachmentError } from "./attachments";
import type { AuditBreak, AuditChainError } from "./audit-log";
import type { IndexError } from "./record-index";
import { describeBackupError, type BackupError } from "./backup";
import type { KdfError } from "./kdf";
import type { RecordError, SealError } from "./record-cipher";

export type VaultError =
  | { readonly kind: "vault-exists" }
  | { readonly kind: "no-vault" }
  | { readonly kind: "header-malformed"; readonly detail: string }
  | KdfError
  | { readonly kind: "passphrase-weak"; readonly reason: string }
  /** `failedAttempts` and `retryAfterMs` are set when the failure was counted (at unlock). */
  | { readonly kind: "wrong-passphrase"; readonly failedAttempts?: number; readonly retryAfterMs?: number }
  | { readonly kind: "unlock-delayed"; readonly retryAfterMs: number }
  | { readonly kind: "header-changed" }
  | { readonly kind: "locked" }
  | { readonly kind: "missing"; readonly table: string; readonly id: string }
  | { readonly kind: "unexpected-record"; readonly table: string; readonly id: string }
  | IndexError
  | RecordError
  | SealError
  | AuditChainError
  | AttachmentError
  | BackupError
  | { readonly kind: "storage-failed"; readonly detail: string };

const seconds = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return s >= 120 ? `${Math.ceil(s / 60)} minutes` : `${s} second${s === 1 ? "" : "s"}`;
};

const MIB = 1024 * 1024;

const BREAKS: Record<AuditBreak, string> = {
  missing: "is missing",
  tampered: "was modified or moved",
  malformed: "has an unexpected content",
  "out-of-sequence": "is out of sequence",
  "hash-mismatch": "does not follow from the entry before it",
  "unexpected-entry": "is an entry the log does not account for",
  "head-missing": "and everything after it are gone",
  "head-tampered": "(the log's head record) was modified",
};

/** One sentence a person can act on. */
export function describeVaultError(e: VaultError): string {
  switch (e.kind) {
    case "vault-exists":
      return "A vault already exists in this profile; unlock it, or restore into an empty profile.";
    case "no-vault":
      return "There is no vault in this profile yet; create one or restore a backup.";
    case "header-malformed":
      return `The vault header is damaged (${e.detail}); restore the vault from a backup.`;
    case "kdf-below-floor":
      return `The vault header asks for a weaker key derivation (${e.opsLimit} passes, ${Math.floor(e.memLimitBytes / MIB)} MiB) than the minimum allowed, so it was probably tampered with; the vault was not opened, restore it from a backup.`;
    case "kdf-above-ceiling":
      return `The vault header asks for a key derivation (${e.opsLimit} passes, ${Math.floor(e.memLimitBytes / MIB)} MiB) beyond what this app ever sets, so it was probably tampered with; the vault was not opened, restore it from a backup.`;
    case "passphrase-weak":
      return `That passphrase is too easy to guess: ${e.reason} Choose a longer one, for example several unrelated words.`;
    case "wrong-passphrase":
      return e.retryAfterMs
        ? `The passphrase is wrong (or the vault header was altered); after ${e.failedAttempts ?? "several"} failed attempts, wait ${seconds(e.retryAfterMs)} before trying again.`
        : "The passphrase is wrong (or the vault header was altered); check the keyboard layout and Caps Lock, and try again.";
    case "unlock-delayed":
      return `Too many wrong passphrases: wait ${seconds(e.retryAfterMs)} before trying again.`;
    case "header-changed":
      return "The vault header changed while this operation ran (another window?); try again.";
    case "locked":
      return "The vault is locked; unlock it with your passphrase to continue.";
    case "missing":
      return `A record the vault expected (table "${e.table}", id ${e.id}) is missing: it was deleted outside the app; restore from a backup if you need it.`;
    case "unexpected-record":
      return `A stored record (table "${e.table}", id ${e.id}) was not written by this app (added or brought back outside it) and was refused; restore from a backup.`;
    case "index-missing":
      return "The vault's list of records was deleted outside the app, so deleted records could go unnoticed; restore the vault from a backup.";
    case "index-tampered":
      return "The vault's list of records was modified outside the app; restore the vault from a backup.";
    case "tampered":
      return `A stored record (table "${e.table}", id ${e.id}) was modified, truncated or swapped outside the app and was refused; restore from a backup.`;
    case "malformed":
      return `A stored record (table "${e.table}", id ${e.id}) is authentic but not in the expected form (${e.detail}); please report this as a bug.`;
    case "unserialisable":
      return `A record for table "${e.table}" could not be saved (${e.detail}); please report this as a bug.`;
    case "audit-chain-broken":
      return `The audit log is broken: entry ${e.seq} ${BREAKS[e.reason]}; the log or the vault was altered outside the app.`;
    case "storage-failed":
      return `The vault storage failed (${e.detail}); check free disk space and try again.`;
    case "attachment-cancelled":
    case "attachment-invalid":
    case "attachment-source-changed":
    case "attachment-source-failed":
    case "attachment-corrupt":
      return describeAttachmentError(e);
    case "backup-unreadable":
    case "backup-invalid":
    case "backup-changed-during":
    case "backup-cancelled":
      return describeBackupError(e);
    default:
      return missingCase(e);
  }
}
