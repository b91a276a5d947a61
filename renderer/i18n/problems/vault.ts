/** Sentences for the vault's failures (shared/vault/vault-error.ts), attachments and backups included. */
import { i18n } from "@lingui/core";
import { plural, t } from "@lingui/core/macro";
import type { AuditBreak } from "../../../shared/vault/audit-log";
import type { VaultError } from "../../../shared/vault/vault-error";
import type { AuditStatus } from "../../../shared/worker/contract";
import type { BackupLine } from "../../../shared/vault/backup";
import { warningDescriptor } from "../../components/passphrase-feedback";
import { describeAgeError, describeJsonError } from "./formats";
import { describeIssues } from "./issues";

const MIB = 1024 * 1024;
/** The record index's table (shared/vault/record-index.ts INDEX_TABLE, written out: that module loads libsodium). */
const INDEX_TABLE = "vault-index";

/** "30 seconds", "3 minutes": how long to wait. */
export function waitTime(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 120 ? plural(Math.ceil(s / 60), { one: "# minute", other: "# minutes" }) : plural(s, { one: "# second", other: "# seconds" });
}

/** The sentence for a broken audit chain at entry `seq`. */
export function describeAuditBreak(seq: number, reason: AuditBreak): string {
  switch (reason) {
    case "missing":
      return t`The audit log is broken: entry ${seq} is missing; the log or the vault was altered outside the app.`;
    case "tampered":
      return t`The audit log is broken: entry ${seq} was modified or moved; the log or the vault was altered outside the app.`;
    case "malformed":
      return t`The audit log is broken: entry ${seq} has an unexpected content; the log or the vault was altered outside the app.`;
    case "out-of-sequence":
      return t`The audit log is broken: entry ${seq} is out of sequence; the log or the vault was altered outside the app.`;
    case "hash-mismatch":
      return t`The audit log is broken: entry ${seq} does not follow from the entry before it; the log or the vault was altered outside the app.`;
    case "unexpected-entry":
      return t`The audit log is broken: entry ${seq} is an entry the log does not account for; the log or the vault was altered outside the app.`;
    case "head-missing":
      return t`The audit log is broken: entry ${seq} and everything after it are gone; the log or the vault was altered outside the app.`;
    case "head-tampered":
      return t`The audit log is broken: entry ${seq} (the log's head record) was modified; the log or the vault was altered outside the app.`;
    case "truncated":
      return t`The audit log is broken: entry ${seq} and every entry after it were removed and an older end of the log put back; the log or the vault was altered outside the app.`;
  }
}

/** An audit status that is not intact, as a sentence. */
export const describeAuditStatus = (status: Extract<AuditStatus, { ok: false }>): string => describeAuditBreak(status.seq, status.reason);

function attachmentInvalid(e: Extract<VaultError, { kind: "attachment-invalid" }>): string {
  switch (e.reason) {
    case "empty-name":
      return t`The file cannot be imported: The file name is empty.`;
    case "long-name":
      return t`The file cannot be imported: The file name is longer than 255 characters.`;
    case "media-type": {
      const mediaType = JSON.stringify(e.mediaType);
      return t`The file cannot be imported: the media type ${mediaType} is not valid.`;
    }
  }
}

// The helpers below word what is wrong as a clause, shown inside the sentence of its kind.

function attachmentDamage(e: Extract<VaultError, { kind: "attachment-corrupt" }>): string {
  switch (e.reason) {
    case "row-missing": {
      const { row, rows } = e;
      return t`chunk row ${row} of ${rows} is missing`;
    }
    case "row-not-a-chunk": {
      const row = e.row;
      return t`chunk row ${row} is not a chunk`;
    }
    case "row-wrong-length": {
      const row = e.row;
      return t`chunk row ${row} has the wrong length`;
    }
    case "unit-does-not-decrypt": {
      const unit = e.unit;
      return t`unit ${unit} does not decrypt (modified, moved, or truncated)`;
    }
    case "unit-short": {
      const unit = e.unit;
      return t`unit ${unit} is short`;
    }
    case "content-mismatch":
      return t`the content does not match its recorded size and SHA-256`;
  }
}

/** A line of a backup file, named. */
function backupLine(line: BackupLine): string {
  if (line === "start") return t`the first line`;
  if (line === "end") return t`the end marker`;
  return t`row ${line}`;
}

type BackupInvalid = Extract<VaultError, { kind: "backup-invalid" }>;

function backupDefect(e: Exclude<BackupInvalid, { reason: "line-not-json" | "vault-check-failed" | "record-damaged" | "attachment-damaged" }>): string {
  switch (e.reason) {
    case "line-too-long":
      return t`a line is far longer than any this app writes`;
    case "last-line-incomplete":
      return t`the last line is incomplete`;
    case "empty":
      return t`the file is empty`;
    case "lines-after-end":
      return t`lines follow the end marker`;
    case "end-missing":
      return t`the end marker is missing`;
    case "line-invalid": {
      const line = backupLine(e.line);
      const issues = describeIssues(e.issues);
      return t`${line} is not as expected: ${issues}`;
    }
    case "end-count-mismatch": {
      const { endRows, startRows } = e;
      return t`the end marker gives a row count of ${endRows}, the first line ${startRows}`;
    }
    case "more-rows-than-announced": {
      const announced = e.announced;
      return t`it holds more rows than the first line announces (${announced})`;
    }
    case "fewer-rows-than-announced": {
      const { rows, announced } = e;
      return t`rows read: ${rows}, announced by the first line: ${announced}`;
    }
  }
}

function describeBackupInvalid(e: BackupInvalid): string {
  switch (e.reason) {
    case "line-not-json": {
      const line = backupLine(e.line);
      const cause = describeJsonError(e.error);
      return t`The backup file is not a valid Attribution Panel backup: ${line} is not valid JSON. ${cause} Nothing was restored.`;
    }
    case "vault-check-failed": {
      const cause = describeVaultError(e.error);
      return t`The backup decrypts, but the vault it holds fails its checks: ${cause} Nothing was restored.`;
    }
    case "record-damaged": {
      const { table, id } = e;
      return t`The backup file is damaged: the record in table "${table}" with id ${id} does not open with the vault's key (it was altered after the backup was made). Nothing was restored.`;
    }
    case "attachment-damaged": {
      const id = e.id;
      const detail = attachmentDamage({ kind: "attachment-corrupt", id, ...e.damage });
      return t`The backup file is damaged: attachment ${id} does not match its record (${detail}). Nothing was restored.`;
    }
    default: {
      const detail = backupDefect(e);
      return t`The backup file is not a valid Attribution Panel backup (${detail}); nothing was restored.`;
    }
  }
}

export function describeVaultError(e: VaultError): string {
  switch (e.kind) {
    case "vault-exists":
      return t`A vault already exists in this profile; unlock it, or restore into an empty profile.`;
    case "no-vault":
      return t`There is no vault in this profile yet; create one or restore a backup.`;
    case "header-malformed": {
      const detail = e.detail;
      return t`The vault header is damaged (${detail}); restore the vault from a backup.`;
    }
    case "kdf-below-floor": {
      const passes = e.opsLimit;
      const mib = Math.floor(e.memLimitBytes / MIB);
      return t`The vault header asks for a weaker key derivation (${passes} passes, ${mib} MiB) than the minimum allowed, so it was probably tampered with; the vault was not opened, restore it from a backup.`;
    }
    case "kdf-above-ceiling": {
      const passes = e.opsLimit;
      const mib = Math.floor(e.memLimitBytes / MIB);
      return t`The vault header asks for a key derivation (${passes} passes, ${mib} MiB) beyond what this app ever sets, so it was probably tampered with; the vault was not opened, restore it from a backup.`;
    }
    case "passphrase-weak": {
      // The generic warning already says "too easy to guess": then the sentence says it once.
      if (e.warning === "too-guessable") return t`That passphrase is too easy to guess. Choose a longer one, for example several unrelated words.`;
      if (e.warning === "too-short") {
        const reason = i18n._(warningDescriptor(e.warning));
        return t`That passphrase is too short: ${reason}`;
      }
      const reason = i18n._(warningDescriptor(e.warning));
      return t`That passphrase is too easy to guess: ${reason} Choose a longer one, for example several unrelated words.`;
    }
    case "wrong-passphrase": {
      if (!e.retryAfterMs) return t`The passphrase is wrong (or the vault header was altered); check the keyboard layout and Caps Lock, and try again.`;
      const wait = waitTime(e.retryAfterMs);
      return e.failedAttempts === undefined
        ? t`The passphrase is wrong (or the vault header was altered); after several failed attempts, wait ${wait} before trying again.`
        : plural(e.failedAttempts, {
            one: `The passphrase is wrong (or the vault header was altered); after # failed attempt, wait ${wait} before trying again.`,
            other: `The passphrase is wrong (or the vault header was altered); after # failed attempts, wait ${wait} before trying again.`,
          });
    }
    case "unlock-delayed": {
      const wait = waitTime(e.retryAfterMs);
      return t`Too many wrong passphrases: wait ${wait} before trying again.`;
    }
    case "header-changed":
      return t`The vault header changed while this operation ran (another window?); try again.`;
    case "locked":
      return t`The vault is locked; unlock it with your passphrase to continue.`;
    case "missing": {
      const { table, id } = e;
      return t`A record the vault expected (table "${table}", id ${id}) is missing: it was deleted outside the app; restore from a backup if you need it.`;
    }
    case "unexpected-record": {
      const { table, id } = e;
      return t`A stored record (table "${table}", id ${id}) was not written by this app (added or brought back outside it) and was refused; restore from a backup.`;
    }
    case "index-missing":
      return t`The vault's list of records was deleted outside the app, so deleted records could go unnoticed; restore the vault from a backup.`;
    case "index-tampered":
      return t`The vault's list of records was modified outside the app; restore the vault from a backup.`;
    case "record-rolled-back": {
      if (e.table === INDEX_TABLE) return t`The vault's list of records was replaced with an older copy of itself outside the app; restore the vault from a backup.`;
      const { table, id } = e;
      return t`A stored record (table "${table}", id ${id}) is not the version this app last wrote (an older copy was put back, or it was deleted, outside the app) and was refused; restore from a backup.`;
    }
    case "tampered": {
      const { table, id } = e;
      return t`A stored record (table "${table}", id ${id}) was modified, truncated or swapped outside the app and was refused; restore from a backup.`;
    }
    case "malformed": {
      const { table, id, detail } = e;
      return t`A stored record (table "${table}", id ${id}) is authentic but not in the expected form (${detail}); please report this as a bug.`;
    }
    case "record-too-new": {
      const { table, id } = e;
      return t`A stored record (table "${table}", id ${id}) was written by a newer version of the app and was left as it is; open this vault with that version or a later one.`;
    }
    case "unserialisable": {
      const { table, detail } = e;
      return t`A record for table "${table}" could not be saved (${detail}); please report this as a bug.`;
    }
    case "audit-chain-broken":
      return describeAuditBreak(e.seq, e.reason);
    case "storage-failed": {
      const detail = e.detail;
      return t`The vault storage failed (${detail}); check free disk space and try again.`;
    }
    case "attachment-cancelled":
      return t`The import was cancelled; nothing was stored.`;
    case "attachment-invalid":
      return attachmentInvalid(e);
    case "attachment-source-changed": {
      const { expected, actual } = e;
      return t`The file changed while it was being read (${expected} bytes announced, ${actual} read); nothing was stored, try again once it is complete.`;
    }
    case "attachment-source-failed": {
      const detail = e.detail;
      return t`The file could not be read (${detail}); nothing was stored. Check that the removable medium is still connected.`;
    }
    case "attachment-corrupt": {
      const id = e.id;
      const detail = attachmentDamage(e);
      return t`The stored attachment ${id} is damaged: ${detail}. It was modified outside the app; restore it from a backup or the original medium.`;
    }
    case "backup-unreadable": {
      const cause = describeAgeError(e.error);
      return t`The backup file cannot be decrypted: ${cause}`;
    }
    case "backup-invalid":
      return describeBackupInvalid(e);
    case "backup-cancelled":
      return t`The operation was cancelled; nothing was kept.`;
    case "backup-changed-during":
      return t`The vault changed while the backup was written; nothing usable was produced, make the backup again.`;
  }
}
