/** Every way a vault operation can fail that a person can meet, as values; the interface tells them, in their language, what to do. */
import type { PassphraseWarning } from "../security/passphrase-strength";
import type { AttachmentError } from "./attachments";
import type { AuditChainError } from "./audit-log";
import type { IndexError, VersionError } from "./record-index";
import type { BackupError } from "./backup";
import type { KdfError } from "./kdf";
import type { RecordError, SealError } from "./record-cipher";
import type { RecordTooNew } from "./record-kind";

export type VaultError =
  | { readonly kind: "vault-exists" }
  | { readonly kind: "no-vault" }
  | { readonly kind: "header-malformed"; readonly detail: string }
  | KdfError
  /** `warning`: what the strength estimator finds wrong, as its key (the interface words it). */
  | { readonly kind: "passphrase-weak"; readonly warning: PassphraseWarning }
  /** `failedAttempts` and `retryAfterMs` are set when the failure was counted (at unlock). */
  | { readonly kind: "wrong-passphrase"; readonly failedAttempts?: number; readonly retryAfterMs?: number }
  | { readonly kind: "unlock-delayed"; readonly retryAfterMs: number }
  | { readonly kind: "header-changed" }
  | { readonly kind: "locked" }
  | { readonly kind: "missing"; readonly table: string; readonly id: string }
  | { readonly kind: "unexpected-record"; readonly table: string; readonly id: string }
  | IndexError
  /** The stored row is not the version the record index names: an older copy put back, or the record deleted, outside the app. */
  | VersionError
  | RecordError
  /** Written by a newer version of the app: left as it is, never parsed nor rewritten. */
  | RecordTooNew
  | SealError
  | AuditChainError
  | AttachmentError
  | BackupError
  | { readonly kind: "storage-failed"; readonly detail: string };
