import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_BREAKS } from "../../../shared/vault/audit-break";
import type { VaultError } from "../../../shared/vault/vault-error";
import { describeAuditBreak, describeVaultError } from "./vault";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const cases: [VaultError, string][] = [
  [{ kind: "vault-exists" }, "A vault already exists in this profile; unlock it, or restore into an empty profile."],
  [{ kind: "no-vault" }, "There is no vault in this profile yet; create one or restore a backup."],
  [{ kind: "header-malformed", detail: "kdf custom" }, "The vault header is damaged (kdf custom); restore the vault from a backup."],
  [{ kind: "kdf-below-floor", opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 }, "The vault header asks for a weaker key derivation (1 passes, 8 MiB) than the minimum allowed, so it was probably tampered with; the vault was not opened, restore it from a backup."],
  [{ kind: "kdf-above-ceiling", opsLimit: 3, memLimitBytes: 2 ** 40 }, "The vault header asks for a key derivation (3 passes, 1048576 MiB) beyond what this app ever sets, so it was probably tampered with; the vault was not opened, restore it from a backup."],
  [{ kind: "passphrase-weak", warning: "topTen" }, "That passphrase is too easy to guess: This is one of the most used passwords. Choose a longer one, for example several unrelated words."],
  [{ kind: "passphrase-weak", warning: "too-short" }, "That passphrase is too short: Use at least 12 characters; several unrelated words work well."],
  [{ kind: "passphrase-weak", warning: "too-guessable" }, "That passphrase is too easy to guess. Choose a longer one, for example several unrelated words."],
  [{ kind: "wrong-passphrase" }, "The passphrase is wrong (or the vault header was altered); check the keyboard layout and Caps Lock, and try again."],
  [{ kind: "wrong-passphrase", failedAttempts: 6, retryAfterMs: 4000 }, "The passphrase is wrong (or the vault header was altered); after 6 failed attempts, wait 4 seconds before trying again."],
  [{ kind: "wrong-passphrase", retryAfterMs: 1000 }, "The passphrase is wrong (or the vault header was altered); after several failed attempts, wait 1 second before trying again."],
  [{ kind: "unlock-delayed", retryAfterMs: 300_000 }, "Too many wrong passphrases: wait 5 minutes before trying again."],
  [{ kind: "header-changed" }, "The vault header changed while this operation ran (another window?); try again."],
  [{ kind: "locked" }, "The vault is locked; unlock it with your passphrase to continue."],
  [{ kind: "missing", table: "notes", id: "x1" }, 'A record the vault expected (table "notes", id x1) is missing: it was deleted outside the app; restore from a backup if you need it.'],
  [{ kind: "unexpected-record", table: "notes", id: "x1" }, 'A stored record (table "notes", id x1) was not written by this app (added or brought back outside it) and was refused; restore from a backup.'],
  [{ kind: "index-missing" }, "The vault's list of records was deleted outside the app, so deleted records could go unnoticed; restore the vault from a backup."],
  [{ kind: "index-tampered" }, "The vault's list of records was modified outside the app; restore the vault from a backup."],
  [{ kind: "record-rolled-back", table: "contacts", id: "x1" }, 'A stored record (table "contacts", id x1) is not the version this app last wrote (an older copy was put back, or it was deleted, outside the app) and was refused; restore from a backup.'],
  [{ kind: "record-rolled-back", table: "vault-index", id: "vault-record-index" }, "The vault's list of records was replaced with an older copy of itself outside the app; restore the vault from a backup."],
  [{ kind: "tampered", table: "notes", id: "x1" }, 'A stored record (table "notes", id x1) was modified, truncated or swapped outside the app and was refused; restore from a backup.'],
  [{ kind: "malformed", table: "notes", id: "x1", detail: "title invalid_type" }, 'A stored record (table "notes", id x1) is authentic but not in the expected form (title invalid_type); please report this as a bug.'],
  [{ kind: "record-too-new", table: "cases", id: "x1", version: 3, supported: 2 }, 'A stored record (table "cases", id x1) was written by a newer version of the app and was left as it is; open this vault with that version or a later one.'],
  [{ kind: "unserialisable", table: "notes", id: "x1", detail: "unsupported-value" }, 'A record for table "notes" could not be saved (unsupported-value); please report this as a bug.'],
  [{ kind: "audit-chain-broken", seq: 4, reason: "missing" }, "The audit log is broken: entry 4 is missing; the log or the vault was altered outside the app."],
  [{ kind: "storage-failed", detail: "QuotaExceededError" }, "The vault storage failed (QuotaExceededError); check free disk space and try again."],
  [{ kind: "attachment-cancelled" }, "The import was cancelled; nothing was stored."],
  [{ kind: "attachment-invalid", reason: "empty-name", mediaType: "" }, "The file cannot be imported: The file name is empty."],
  [{ kind: "attachment-invalid", reason: "long-name", mediaType: "" }, "The file cannot be imported: The file name is longer than 255 characters."],
  [{ kind: "attachment-invalid", reason: "media-type", mediaType: "x y" }, 'The file cannot be imported: the media type "x y" is not valid.'],
  [{ kind: "attachment-source-changed", expected: 10, actual: 8 }, "The file changed while it was being read (10 bytes announced, 8 read); nothing was stored, try again once it is complete."],
  [{ kind: "attachment-source-failed", detail: "NotReadableError" }, "The file could not be read (NotReadableError); nothing was stored. Check that the removable medium is still connected."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "row-missing", row: 2, rows: 5 }, "The stored attachment a1 is damaged: chunk row 2 of 5 is missing. It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "row-not-a-chunk", row: 2 }, "The stored attachment a1 is damaged: chunk row 2 is not a chunk. It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "row-wrong-length", row: 2 }, "The stored attachment a1 is damaged: chunk row 2 has the wrong length. It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "unit-does-not-decrypt", unit: 3 }, "The stored attachment a1 is damaged: unit 3 does not decrypt (modified, moved, or truncated). It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "unit-short", unit: 3 }, "The stored attachment a1 is damaged: unit 3 is short. It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "attachment-corrupt", id: "a1", reason: "content-mismatch" }, "The stored attachment a1 is damaged: the content does not match its recorded size and SHA-256. It was modified outside the app; restore it from a backup or the original medium."],
  [{ kind: "backup-unreadable", error: { kind: "header-tampered" } }, "The backup file cannot be decrypted: The encrypted file's header was modified after it was made; do not trust this file."],
  [{ kind: "backup-invalid", reason: "line-too-long" }, "The backup file is not a valid Attribution Panel backup (a line is far longer than any this app writes); nothing was restored."],
  [{ kind: "backup-invalid", reason: "last-line-incomplete" }, "The backup file is not a valid Attribution Panel backup (the last line is incomplete); nothing was restored."],
  [{ kind: "backup-invalid", reason: "empty" }, "The backup file is not a valid Attribution Panel backup (the file is empty); nothing was restored."],
  [{ kind: "backup-invalid", reason: "lines-after-end" }, "The backup file is not a valid Attribution Panel backup (lines follow the end marker); nothing was restored."],
  [{ kind: "backup-invalid", reason: "end-missing" }, "The backup file is not a valid Attribution Panel backup (the end marker is missing); nothing was restored."],
  [{ kind: "backup-invalid", reason: "line-invalid", line: "start", issues: [{ code: "invalid_type", path: ["rows"], expected: "number" }] }, "The backup file is not a valid Attribution Panel backup (the first line is not as expected: rows: expected number); nothing was restored."],
  [{ kind: "backup-invalid", reason: "line-invalid", line: "end", issues: [{ code: "invalid_type", path: ["rows"], expected: "number" }] }, "The backup file is not a valid Attribution Panel backup (the end marker is not as expected: rows: expected number); nothing was restored."],
  [{ kind: "backup-invalid", reason: "line-invalid", line: 7, issues: [{ code: "invalid_type", path: ["nonce"], expected: "string" }] }, "The backup file is not a valid Attribution Panel backup (row 7 is not as expected: nonce: expected string); nothing was restored."],
  [{ kind: "backup-invalid", reason: "end-count-mismatch", endRows: 9, startRows: 10 }, "The backup file is not a valid Attribution Panel backup (the end marker gives a row count of 9, the first line 10); nothing was restored."],
  [{ kind: "backup-invalid", reason: "more-rows-than-announced", announced: 10 }, "The backup file is not a valid Attribution Panel backup (it holds more rows than the first line announces (10)); nothing was restored."],
  [{ kind: "backup-invalid", reason: "fewer-rows-than-announced", rows: 8, announced: 10 }, "The backup file is not a valid Attribution Panel backup (rows read: 8, announced by the first line: 10); nothing was restored."],
  [{ kind: "backup-invalid", reason: "line-not-json", line: 3, error: { kind: "byte-order-mark" } }, "The backup file is not a valid Attribution Panel backup: row 3 is not valid JSON. The JSON starts with a byte-order mark, which is not allowed; save it as UTF-8 without a BOM. Nothing was restored."],
  [{ kind: "backup-invalid", reason: "vault-check-failed", error: { kind: "index-tampered" } }, "The backup decrypts, but the vault it holds fails its checks: The vault's list of records was modified outside the app; restore the vault from a backup. Nothing was restored."],
  [{ kind: "backup-invalid", reason: "record-damaged", table: "notes", id: "x1" }, 'The backup file is damaged: the record in table "notes" with id x1 does not open with the vault\'s key (it was altered after the backup was made). Nothing was restored.'],
  [{ kind: "backup-invalid", reason: "attachment-damaged", id: "a1", damage: { reason: "row-missing", row: 2, rows: 5 } }, "The backup file is damaged: attachment a1 does not match its record (chunk row 2 of 5 is missing). Nothing was restored."],
  [{ kind: "backup-cancelled" }, "The operation was cancelled; nothing was kept."],
  [{ kind: "backup-changed-during" }, "The vault changed while the backup was written; nothing usable was produced, make the backup again."],
];

describe("the vault's sentences", () => {
  it.each(cases)("%j", (error, sentence) => {
    expect(describeVaultError(error)).toBe(sentence);
  });

  it("words every way the audit chain breaks", () => {
    const reasons = AUDIT_BREAKS;
    const sentences = reasons.map((r) => describeAuditBreak(7, r));
    expect(new Set(sentences).size).toBe(reasons.length);
    for (const s of sentences) expect(s).toMatch(/^The audit log is broken: entry 7 .*; the log or the vault was altered outside the app\.$/);
    expect(describeAuditBreak(7, "head-missing")).toBe("The audit log is broken: entry 7 and everything after it are gone; the log or the vault was altered outside the app.");
    expect(describeAuditBreak(7, "truncated")).toBe("The audit log is broken: entry 7 and every entry after it were removed and an older end of the log put back; the log or the vault was altered outside the app.");
  });
});
