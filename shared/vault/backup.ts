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
 * A restore writes the rows first and the header last: until the header
 * lands the profile is not a vault, and a restore cut short is cleared by
 * the next restore or creation.
 */
import { z } from "../validation/zod";
import { fromBase64, toBase64 } from "../crypto/sodium";
import { ByteQueue } from "../encoding/byte-queue";
import { fromUtf8 } from "../encoding/bytes";
import { ageErrorOf, decryptStream, encryptStreamWithPassphrase } from "../formats/age/age";
import { describeAgeError } from "../formats/age/errors";
import { mustCanonicalJson, parseStrictJson, describeJsonError } from "../formats/jcs";
import { err, ok, type Result } from "../result";
import { describeIssues } from "../validation/issues";
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
  table: z.string().refine(isTableName, "not a table name"),
  id: z.string().refine(isRecordId, "not a record id"),
  nonce: base64,
  ciphertext: base64,
});
const BackupEndSchema = z.strictObject({ end: z.literal(true), rows: z.number().int().nonnegative() });

export type BackupError =
  | { readonly kind: "backup-unreadable"; readonly detail: string }
  | { readonly kind: "backup-invalid"; readonly detail: string }
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
      throw new BackupStreamError({ kind: "backup-invalid", detail: "a line is far longer than any this app writes" });
    }
    if (chunk.done) {
      if (queue.length > 0) throw new BackupStreamError({ kind: "backup-invalid", detail: "the last line is incomplete" });
      return;
    }
  }
}

function parseLine<S extends z.ZodType>(bytes: Uint8Array, schema: S, what: string): z.infer<S> {
  const json = parseStrictJson(bytes);
  if (!json.ok) throw new BackupStreamError({ kind: "backup-invalid", detail: `${what}: ${describeJsonError(json.error)}` });
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new BackupStreamError({ kind: "backup-invalid", detail: `${what}: ${describeIssues(parsed.error).join("; ")}` });
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
    if (first.done) throw new BackupStreamError({ kind: "backup-invalid", detail: "the file is empty" });
    const start = parseLine(first.value, BackupStartSchema, "the first line");
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
      if (ended) throw new BackupStreamError({ kind: "backup-invalid", detail: "lines follow the end marker" });
      if (fromUtf8(next.value.subarray(0, 7)) === '{"end":') {
        const end = parseLine(next.value, BackupEndSchema, "the end marker");
        if (end.rows !== start.rows) throw new BackupStreamError({ kind: "backup-invalid", detail: `the end marker counts ${end.rows} rows, the start ${start.rows}` });
        ended = true;
        continue;
      }
      const row = parseLine(next.value, BackupRowSchema, `row ${written + batch.length + 1}`);
      batch.push({ table: row.table, id: row.id, nonce: fromBase64(row.nonce) as Uint8Array, ciphertext: fromBase64(row.ciphertext) as Uint8Array });
      if (written + batch.length > start.rows) throw new BackupStreamError({ kind: "backup-invalid", detail: "more rows than announced" });
      if (batch.length === ROWS_PER_RESTORE_TRANSACTION) await flush();
    }
    await flush();
    if (options.signal?.aborted) throw new BackupStreamError({ kind: "backup-cancelled" });
    if (!ended) throw new BackupStreamError({ kind: "backup-invalid", detail: "the end marker is missing" });
    if (written !== start.rows) throw new BackupStreamError({ kind: "backup-invalid", detail: `${written} rows of ${start.rows} announced` });
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
      return err({ kind: "backup-unreadable", detail: describeAgeError(age) });
    }
    throw e;
  }
}

export function describeBackupError(e: BackupError): string {
  switch (e.kind) {
    case "backup-unreadable":
      return `The backup file cannot be decrypted: ${e.detail}`;
    case "backup-invalid":
      return `The backup file is not a valid Attribution Panel backup (${e.detail}); nothing was restored.`;
    case "backup-cancelled":
      return "The operation was cancelled; nothing was kept.";
    case "backup-changed-during":
      return "The vault changed while the backup was written; nothing usable was produced, make the backup again.";
  }
}
