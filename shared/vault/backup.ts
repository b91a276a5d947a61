/**
 * Vault backup and restore: the whole vault in one encrypted file.
 *
 * The file is an age v1 file encrypted to the vault passphrase (one scrypt
 * stanza, as `age -p` writes), so it opens in an empty profile, before any
 * key exists, and its owner can inspect it with the `age` tool. Inside are
 * JSON lines (each canonical JSON, LF-terminated):
 *   {"format":"attribution-panel/vault-backup","version":1,"vaultId",…,"header",…,"rows":N}
 *   {"table","id","nonce","ciphertext"}   × N   (the rows exactly as stored, base64)
 *   {"end":true,"rows":N}
 * The rows stay encrypted under the vault key, so the passphrase protects
 * them twice; age authenticates the whole file, so truncation and edits are
 * caught; and the row count is checked at both ends.
 *
 * A restore refuses a header outside the KDF floor and ceiling before it
 * writes anything, then writes the rows first and the header last: until the
 * header lands the profile is not a vault, and a restore cut short is cleared
 * by the next restore or creation. Every row is then opened with the vault
 * key and every attachment read back in full (restoreVault in vault.ts)
 * before the restore reports success; a refusal empties the profile again.
 */
import { z } from "../validation/zod";
import { fromBase64, toBase64 } from "../crypto/sodium";
import { ByteQueue } from "../encoding/byte-queue";
import { fromUtf8 } from "../encoding/bytes";
import { ageErrorOf, decryptStream, encryptStreamWithPassphrase } from "../formats/age/age";
import type { AgeError } from "../formats/age/errors";
import type { AttachmentDamage } from "./attachments";
import { checkParams } from "./kdf";
import { mustCanonicalJson, parseStrictJson, type JsonError } from "../formats/jcs";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { AUDIT_HEAD_SLOT } from "./audit-log";
import { INDEX_SLOT } from "./record-index";
import { isRecordId, isTableName } from "./record-slot";
import type { StoredRow, VaultStorage } from "./storage-port";
import { readHeader } from "./stored-header";
import type { VaultError } from "./vault-error";
import { vaultHeaderSchema } from "./vault-header";

export const BACKUP_FORMAT = "attribution-panel/vault-backup";
const CHANGE_MARKERS = [INDEX_SLOT, AUDIT_HEAD_SLOT] as const;
/** A 1 MiB chunk row is about 1.4 MiB in base64; anything far beyond is not ours. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;
const ROWS_PER_RESTORE_TRANSACTION = 32;

const BackupStartSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  vaultId: z.string(),
  createdAt: z.iso.datetime(),
  header: vaultHeaderSchema,
  rows: z.number().int().nonnegative(),
});
const base64 = z.string().refine((t) => fromBase64(t) !== undefined, "not base64");
const BackupRowSchema = z.strictObject({
  table: z.string().refine(isTableName),
  id: z.string().refine(isRecordId),
  nonce: base64,
  ciphertext: base64,
});
const BackupEndSchema = z.strictObject({ end: z.literal(true), rows: z.number().int().nonnegative() });

/** A line of a backup file: its first line, its end marker, or row `n` (counted from 1). */
export type BackupLine = "start" | "end" | number;

/** Why a decrypted backup is not one this app wrote: values, worded by the interface. */
export type BackupDefect =
  | { readonly reason: "line-too-long" | "last-line-incomplete" | "empty" | "lines-after-end" | "end-missing" }
  | { readonly reason: "line-not-json"; readonly line: BackupLine; readonly error: JsonError }
  | { readonly reason: "line-invalid"; readonly line: BackupLine; readonly issues: readonly Issue[] }
  | { readonly reason: "end-count-mismatch"; readonly endRows: number; readonly startRows: number }
  | { readonly reason: "more-rows-than-announced"; readonly announced: number }
  | { readonly reason: "fewer-rows-than-announced"; readonly rows: number; readonly announced: number }
  /** A row that does not open with the vault key of the backup (altered after the backup was made). */
  | { readonly reason: "record-damaged"; readonly table: string; readonly id: string }
  /** An attachment whose chunk rows are missing, out of order, altered, or do not add up to its record. */
  | { readonly reason: "attachment-damaged"; readonly id: string; readonly damage: AttachmentDamage }
  /** It restores, but the vault it holds fails its own checks (`error`). */
  | { readonly reason: "vault-check-failed"; readonly error: VaultError };

export type BackupError =
  | { readonly kind: "backup-unreadable"; readonly error: AgeError }
  | ({ readonly kind: "backup-invalid" } & BackupDefect)
  | { readonly kind: "backup-changed-during" }
  | { readonly kind: "backup-cancelled" };

export type BackupProgress = (done: number, total: number) => void;

function line(value: unknown): Uint8Array {
  const json = mustCanonicalJson(value, "a backup line");
  const out = new Uint8Array(json.length + 1);
  out.set(json);
  out[json.length] = 0x0a;
  return out;
}

/**
 * The backup file as a stream, one stored row per pull, so memory holds one
 * row whatever the vault's size. The caller has already checked the
 * passphrase against the vault (see UnlockedVault.backup). Errors the stream
 * with BackupStreamError if a row vanishes while it runs.
 */
export async function backupStream(
  storage: VaultStorage,
  passphrase: string,
  now: Date,
  options: { readonly onProgress?: BackupProgress; readonly workFactor?: number; readonly signal?: AbortSignal } = {},
): Promise<Result<ReadableStream<Uint8Array>, VaultError>> {
  const { onProgress, workFactor, signal } = options;
  const header = await readHeader(storage);
  if (!header.ok) return header;
  const slots = await storage.listSlots();
  // Every change to the vault rewrites the record index or the audit head (fresh nonces):
  // if either differs at the end, the rows read are not one state of the vault.
  const marker = async () => {
    const rows = await Promise.all(CHANGE_MARKERS.map((m) => storage.getRow(m.table, m.id) as Promise<StoredRow | undefined>));
    return rows.map((r) => (r ? toBase64(r.nonce) : "-")).join(",");
  };
  const before = await marker();
  let index = -1;
  const plain = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (signal?.aborted) throw new BackupStreamError({ kind: "backup-cancelled" });
          if (index === -1) {
            const { unlockFailures: _failures, ...rest } = header.value;
            controller.enqueue(line({ format: BACKUP_FORMAT, version: 1, vaultId: header.value.vaultId, createdAt: now.toISOString(), header: { ...rest, unlockFailures: { count: 0, lastAt: null } }, rows: slots.length }));
          } else if (index < slots.length) {
            const slot = slots[index] as { table: string; id: string };
            const row = (await storage.getRow(slot.table, slot.id)) as StoredRow | undefined;
            if (!row) throw new BackupStreamError({ kind: "backup-changed-during" });
            controller.enqueue(line({ table: slot.table, id: slot.id, nonce: toBase64(row.nonce), ciphertext: toBase64(row.ciphertext) }));
          } else {
            if ((await marker()) !== before) throw new BackupStreamError({ kind: "backup-changed-during" });
            controller.enqueue(line({ end: true, rows: slots.length }));
            controller.close();
          }
          index++;
          onProgress?.(Math.min(index, slots.length), slots.length);
        } catch (e) {
          controller.error(e);
        }
      },
    },
    { highWaterMark: 0 },
  );
  return ok(plain.pipeThrough(encryptStreamWithPassphrase(passphrase, workFactor === undefined ? {} : { workFactor })));
}

export class BackupStreamError extends Error {
  constructor(readonly error: BackupError) {
    super("backup failed");
  }
}

/** Splits a byte stream into LF-terminated lines of bounded length. */
async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  const queue = new ByteQueue();
  for (;;) {
    const chunk = await reader.read();
    if (!chunk.done) queue.push(chunk.value);
    for (let at = queue.indexOf(0x0a); at >= 0; at = queue.indexOf(0x0a)) {
      yield queue.take(at + 1).slice(0, at);
    }
    if (queue.length > MAX_LINE_BYTES) {
      await reader.cancel();
      throw new BackupStreamError({ kind: "backup-invalid", reason: "line-too-long" });
    }
    if (chunk.done) {
      if (queue.length > 0) throw new BackupStreamError({ kind: "backup-invalid", reason: "last-line-incomplete" });
      return;
    }
  }
}

function parseLine<S extends z.ZodType>(bytes: Uint8Array, schema: S, line: BackupLine): z.infer<S> {
  const json = parseStrictJson(bytes);
  if (!json.ok) throw new BackupStreamError({ kind: "backup-invalid", reason: "line-not-json", line, error: json.error });
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new BackupStreamError({ kind: "backup-invalid", reason: "line-invalid", line, issues: issuesOf(parsed.error) });
  return parsed.data as z.infer<S>;
}

/** Deletes whatever rows an interrupted restore left in a profile without a header. */
export async function clearOrphanRows(storage: VaultStorage): Promise<void> {
  for (const slot of await storage.listSlots()) await storage.deleteRow(slot.table, slot.id);
}

/**
 * Restores a backup into an empty profile. The passphrase decrypts the file;
 * the vault then unlocks with the same passphrase (the caller does that, so
 * the unlock's checks and audit apply). Nothing is kept if anything fails.
 */
export async function restoreBackup(
  storage: VaultStorage,
  source: ReadableStream<Uint8Array>,
  passphrase: string,
  options: { readonly onProgress?: BackupProgress; readonly signal?: AbortSignal } = {},
): Promise<Result<{ vaultId: string; rows: number }, VaultError>> {
  if ((await storage.getHeader()) !== undefined) return err({ kind: "vault-exists" });
  await clearOrphanRows(storage);
  let written = 0;
  try {
    const it = lines(source.pipeThrough(decryptStream([{ kind: "passphrase", passphrase }])));
    const first = await it.next();
    if (first.done) throw new BackupStreamError({ kind: "backup-invalid", reason: "empty" });
    const start = parseLine(first.value, BackupStartSchema, "start");
    // Refused before a single row is written: the profile stays empty.
    const params = checkParams(start.header.kdf);
    if (!params.ok) return params;
    let batch: StoredRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      if (rows.length === 0) return;
      await storage.transaction([...new Set(rows.map((r) => r.table))], async (tx) => {
        for (const row of rows) await tx.putRow(row);
      });
      written += rows.length;
      options.onProgress?.(written, start.rows);
    };
    let ended = false;
    for (;;) {
      if (options.signal?.aborted) throw new BackupStreamError({ kind: "backup-cancelled" });
      const next = await it.next();
      if (next.done) break;
      if (ended) throw new BackupStreamError({ kind: "backup-invalid", reason: "lines-after-end" });
      if (fromUtf8(next.value.subarray(0, 7)) === '{"end":') {
        const end = parseLine(next.value, BackupEndSchema, "end");
        if (end.rows !== start.rows) throw new BackupStreamError({ kind: "backup-invalid", reason: "end-count-mismatch", endRows: end.rows, startRows: start.rows });
        ended = true;
        continue;
      }
      const row = parseLine(next.value, BackupRowSchema, written + batch.length + 1);
      batch.push({ table: row.table, id: row.id, nonce: fromBase64(row.nonce) as Uint8Array, ciphertext: fromBase64(row.ciphertext) as Uint8Array });
      if (written + batch.length > start.rows) throw new BackupStreamError({ kind: "backup-invalid", reason: "more-rows-than-announced", announced: start.rows });
      if (batch.length === ROWS_PER_RESTORE_TRANSACTION) await flush();
    }
    await flush();
    if (options.signal?.aborted) throw new BackupStreamError({ kind: "backup-cancelled" });
    if (!ended) throw new BackupStreamError({ kind: "backup-invalid", reason: "end-missing" });
    if (written !== start.rows) throw new BackupStreamError({ kind: "backup-invalid", reason: "fewer-rows-than-announced", rows: written, announced: start.rows });
    const landed = await storage.transaction([], async (tx) => {
      if ((await tx.getHeader()) !== undefined) return false;
      await tx.putHeader(start.header);
      return true;
    });
    if (!landed) return err({ kind: "vault-exists" });
    return ok({ vaultId: start.vaultId, rows: written });
  } catch (e) {
    await clearOrphanRows(storage).catch(() => undefined);
    if (e instanceof BackupStreamError) return err(e.error);
    const age = ageErrorOf(e);
    if (age) {
      // A wrong passphrase fails the scrypt stanza: the file is "not to" this passphrase.
      if (age.kind === "not-a-recipient") return err({ kind: "wrong-passphrase" });
      return err({ kind: "backup-unreadable", error: age });
    }
    throw e;
  }
}
