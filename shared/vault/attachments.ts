/**
 * Large attachments (evidence files of several GB), stored encrypted in the
 * vault in seekable chunks with memory bounded whatever the size.
 *
 * Format, per attachment:
 * - a random 32-byte attachment key, kept only inside the attachment's
 *   metadata record (itself a vault record, so encrypted under the vault key);
 * - the plaintext cut into 64 KiB units, each sealed with ChaCha20-Poly1305
 *   under the attachment key with the nonce of age's STREAM construction:
 *   11-byte big-endian unit counter, then 0x01 for the last unit, else 0x00.
 *   An empty file is one empty last unit, as in age;
 * - UNITS_PER_ROW sealed units concatenated per stored row, in table
 *   "attachment-chunks", under an id keyed by the attachment key
 *   (HMAC of the row index), so rows are opaque and unlinkable on disk.
 *
 * A row moved to another position or another attachment fails to decrypt
 * (counter or key differ); a dropped final row is caught by the last-unit
 * flag and the row count; and the SHA-256 of the original bytes, computed
 * in the same pass as the encryption, is checked again on every read.
 *
 * An import first records itself as pending (with its key), writes the rows,
 * then replaces the pending record with the metadata record in one
 * transaction. A cancelled import deletes its rows at once; one cut short
 * (crash, lock, closed window) is swept at the next unlock. Either way
 * nothing is left behind.
 */
import { z } from "../validation/zod";
import {
  createSha256,
  fromBase64,
  hkdfSha256,
  hmacSha256,
  randomBytes,
  toBase64,
  toHex,
  wipe,
} from "../crypto/sodium";
import { ByteQueue } from "../encoding/byte-queue";
import { CHUNK_BYTES, SEALED_CHUNK_BYTES, StreamCipher, streamNonce } from "../formats/age/stream";
import { concatBytes, utf8 } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { openRecord, sealRecord } from "./record-cipher";
import { AUDIT_TABLE, META_TABLE } from "./audit-log";
import { IndexCache, INDEX_TABLE, readCurrentRow } from "./record-index";
import { listAndLog, transactResult } from "./transact";
import { newRecordId, toBase64Url } from "./record-slot";
import type { StoredRow, VaultStorage, VaultStore } from "./storage-port";
import type { VaultError } from "./vault-error";

export const ATTACHMENTS_TABLE = "attachments";
export const ATTACHMENT_CHUNKS_TABLE = "attachment-chunks";
export const ATTACHMENT_IMPORTS_TABLE = "attachment-imports";

/** Units are age's payload chunks, sealed with its STREAM construction (formats/age/stream.ts). */
export const UNIT_BYTES = CHUNK_BYTES;
export const SEALED_UNIT_BYTES = SEALED_CHUNK_BYTES;
/** 16 units: rows of about 1 MiB, few enough IndexedDB writes, small enough to hold one at a time. */
export const UNITS_PER_ROW = 16;
const NO_NONCE = new Uint8Array(0);
/** What an attachment's record changes touch: its record, its pending note, the index and the log. */
export const RECORD_SCOPE = [ATTACHMENTS_TABLE, ATTACHMENT_IMPORTS_TABLE, INDEX_TABLE, AUDIT_TABLE, META_TABLE];

const key32 = z.string().refine((text) => fromBase64(text)?.length === 32, "must be a 32-byte key in base64");
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const AttachmentNameSchema = z.string().trim().min(1).max(255);
export const MediaTypeSchema = z.string().max(127).regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i);

export const AttachmentMetaSchema = z.strictObject({
  format: z.literal("attribution-panel/attachment"),
  version: z.literal(1),
  name: AttachmentNameSchema,
  mediaType: MediaTypeSchema,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256: sha256Hex,
  key: key32,
  unitBytes: z.literal(UNIT_BYTES),
  unitsPerRow: z.literal(UNITS_PER_ROW),
  rows: z.number().int().positive(),
  importedAt: z.iso.datetime(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;
/** What callers see: everything but the key. */
export type AttachmentInfo = Omit<AttachmentMeta, "key" | "format" | "version" | "unitBytes" | "unitsPerRow" | "rows"> & { readonly id: string };

const PendingImportSchema = z.strictObject({ key: key32, startedAt: z.iso.datetime() });

export type AttachmentSource = {
  readonly name: string;
  readonly mediaType: string;
  /** The announced size (File.size), for progress and to catch a source that changes while read. */
  readonly size: number;
  readonly stream: ReadableStream<Uint8Array>;
};

export type AttachmentProgress = (done: number, total: number) => void;

export type AttachmentError =
  | { readonly kind: "attachment-cancelled" }
  /** The file's name is empty or longer than 255 characters, or its media type is not one. */
  | { readonly kind: "attachment-invalid"; readonly reason: "empty-name" | "long-name" | "media-type"; readonly mediaType: string }
  | { readonly kind: "attachment-source-changed"; readonly expected: number; readonly actual: number }
  | { readonly kind: "attachment-source-failed"; readonly detail: string }
  /** Stored chunks that do not decrypt, are missing, out of place, or do not add up to the recorded content. */
  | ({ readonly kind: "attachment-corrupt"; readonly id: string } & AttachmentDamage);

/** How a stored attachment is damaged; `row` and `unit` count from 1. */
export type AttachmentDamage =
  | { readonly reason: "row-missing"; readonly row: number; readonly rows: number }
  | { readonly reason: "row-not-a-chunk" | "row-wrong-length"; readonly row: number }
  | { readonly reason: "unit-does-not-decrypt" | "unit-short"; readonly unit: number }
  | { readonly reason: "content-mismatch" };

type Context = {
  readonly storage: VaultStorage;
  readonly vaultKey: Uint8Array;
  readonly now: () => Date;
  readonly isLocked: () => boolean;
  /** The session's parsed record index (a fresh one is opened without it). */
  readonly indexes?: IndexCache;
};

/** The nonce of unit `counter` (age's STREAM nonce). */
export const unitNonce = (counter: number, last: boolean): Uint8Array => streamNonce(counter, last);

/** The storage id of row `index` of the attachment with this key. */
export function chunkRowId(attachmentKey: Uint8Array, index: number): string {
  const idKey = hkdfSha256(attachmentKey, new Uint8Array(0), utf8("attribution-panel/vault/attachment-chunk-id/v1"), 32);
  const mac = hmacSha256(idKey, utf8(String(index)));
  wipe(idKey);
  return toBase64Url(mac);
}

const cancelled = err({ kind: "attachment-cancelled" as const });

/** Staged chunks, not yet an attachment: `commitStaged` makes them one inside a caller's transaction, `discard` removes them. */
export type StagedAttachment = {
  readonly id: string;
  readonly info: AttachmentInfo;
  /** The sealed metadata record that `commitStaged` writes. */
  readonly record: StoredRow;
  discard(): Promise<void>;
};

/** Where the bytes of a staged attachment go, one chunk at a time; `finish` checks the announced size. */
export type AttachmentWriter = {
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<Result<StagedAttachment, VaultError>>;
  /** Removes what was written so far (a cancellation, a failure of the source). */
  abandon(): Promise<void>;
};

export type AttachmentAnnouncement = { readonly name: string; readonly mediaType: string; readonly size: number };

/**
 * Starts a new attachment: records itself as pending (with its key), then
 * seals and stores what it is given. Memory holds at most one row being built
 * plus the chunk handed over. Until committed, a crash leaves only what the
 * sweep at the next unlock removes.
 */
export async function stageAttachment(ctx: Context, source: AttachmentAnnouncement): Promise<Result<AttachmentWriter, VaultError>> {
  const name = AttachmentNameSchema.safeParse(source.name);
  if (!name.success) return err({ kind: "attachment-invalid", reason: name.error.issues[0]?.code === "too_big" ? "long-name" : "empty-name", mediaType: source.mediaType });
  const mediaType = MediaTypeSchema.safeParse(source.mediaType || "application/octet-stream");
  if (!mediaType.success) return err({ kind: "attachment-invalid", reason: "media-type", mediaType: source.mediaType });

  const id = newRecordId();
  const key = randomBytes(32);
  const startedAt = ctx.now().toISOString();
  const pending = sealRecord(ctx.vaultKey, { table: ATTACHMENT_IMPORTS_TABLE, id }, { key: toBase64(key), startedAt });
  if (!pending.ok) throw new Error("pending import record is not serialisable");
  await ctx.storage.putRow(pending.value);

  const hash = createSha256();
  const queue = new ByteQueue();
  const sealedUnits: Uint8Array[] = [];
  const cipher = new StreamCipher(key);
  let rows = 0;
  let size = 0;
  let ended = false;
  const flushRow = async () => {
    const row: StoredRow = { table: ATTACHMENT_CHUNKS_TABLE, id: chunkRowId(key, rows), nonce: NO_NONCE, ciphertext: concatBytes(...sealedUnits) };
    sealedUnits.length = 0;
    await ctx.storage.putRow(row);
    rows++;
  };
  const seal = (plain: Uint8Array, last: boolean) => {
    sealedUnits.push(cipher.seal(plain, last));
  };
  const keyText = toBase64(key);
  const abandon = async () => {
    if (ended) return;
    ended = true;
    try {
      if (!ctx.isLocked()) await removeChunks(ctx.storage, key, id);
    } finally {
      wipe(key);
    }
  };

  return ok({
    async write(chunk) {
      if (ended) throw new Error("write after the attachment was finished or abandoned");
      hash.update(chunk);
      queue.push(chunk);
      size += chunk.length;
      // Keep more than one unit queued, so the unit sealed last is known to be the last.
      while (queue.length > UNIT_BYTES) {
        seal(queue.take(UNIT_BYTES), false);
        if (sealedUnits.length === UNITS_PER_ROW) await flushRow();
      }
    },
    async finish() {
      if (size !== source.size) {
        await abandon();
        return err({ kind: "attachment-source-changed", expected: source.size, actual: size });
      }
      seal(queue.takeAll(), true);
      await flushRow();
      const meta: AttachmentMeta = {
        format: "attribution-panel/attachment",
        version: 1,
        name: name.data,
        mediaType: mediaType.data.toLowerCase(),
        size,
        sha256: toHex(hash.digest()),
        key: keyText,
        unitBytes: UNIT_BYTES,
        unitsPerRow: UNITS_PER_ROW,
        rows,
        importedAt: ctx.now().toISOString(),
      };
      const record = sealRecord(ctx.vaultKey, { table: ATTACHMENTS_TABLE, id }, meta);
      if (!record.ok) {
        await abandon();
        return record;
      }
      // The key stays readable in the sealed record and the pending note; this copy is no longer needed.
      const discardKey = fromBase64(keyText) as Uint8Array;
      wipe(key);
      ended = true;
      return ok({
        id,
        info: infoOf(id, meta),
        record: record.value,
        async discard() {
          try {
            if (!ctx.isLocked()) await removeChunks(ctx.storage, discardKey, id);
          } finally {
            wipe(discardKey);
          }
        },
      });
    },
    abandon,
  });
}

/**
 * In the caller's transaction (which must cover RECORD_SCOPE): the staged
 * attachments become attachments. The caller lists them in the index.
 */
export async function commitStaged(tx: VaultStore, staged: readonly StagedAttachment[]): Promise<void> {
  for (const s of staged) {
    await tx.putRow(s.record);
    await tx.deleteRow(ATTACHMENT_IMPORTS_TABLE, s.id);
  }
}

/**
 * Imports `source` as a new attachment. Memory holds at most one row being
 * built plus what the source hands over at a time.
 */
export async function importAttachment(
  ctx: Context,
  source: AttachmentSource,
  options: { readonly signal?: AbortSignal; readonly onProgress?: AttachmentProgress } = {},
): Promise<Result<AttachmentInfo, VaultError>> {
  const started = await stageAttachment(ctx, source);
  if (!started.ok) return started;
  const writer = started.value;
  const reader = source.stream.getReader();
  const abandon = async (result: Result<never, VaultError>) => {
    await reader.cancel().catch(() => undefined);
    await writer.abandon();
    return result;
  };
  let staged: StagedAttachment | undefined;
  try {
    let done = 0;
    let reported = 0;
    for (;;) {
      if (options.signal?.aborted || ctx.isLocked()) return await abandon(cancelled);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        return await abandon(err({ kind: "attachment-source-failed", detail: e instanceof Error ? e.message : String(e) }));
      }
      if (chunk.done) break;
      await writer.write(chunk.value);
      done += chunk.value.length;
      if (done - reported >= UNIT_BYTES * UNITS_PER_ROW) {
        reported = done;
        options.onProgress?.(done, source.size);
      }
    }
    const finished = await writer.finish();
    if (!finished.ok) return finished;
    staged = finished.value;
    options.onProgress?.(done, source.size);
    if (options.signal?.aborted || ctx.isLocked()) {
      await staged.discard();
      return cancelled;
    }
    const ready = staged;
    const info = ready.info;
    const committed = await transactResult(ctx.storage, RECORD_SCOPE, async (tx) => {
      await commitStaged(tx, [ready]);
      return listAndLog(tx, ctx.vaultKey, ctx.now(), { put: [ready.record] }, { event: "attachment-imported", detail: { attachment: info.id, size: info.size, sha256: info.sha256 } });
    });
    if (!committed.ok) {
      await staged.discard();
      return committed;
    }
    return ok(info);
  } catch (e) {
    // A storage failure mid-way: try to clean up now; the sweep at unlock covers what this cannot.
    await (staged ? staged.discard() : writer.abandon()).catch(() => undefined);
    throw e;
  }
}

export function infoOf(id: string, meta: AttachmentMeta): AttachmentInfo {
  return { id, name: meta.name, mediaType: meta.mediaType, size: meta.size, sha256: meta.sha256, importedAt: meta.importedAt };
}

/**
 * Deletes the chunk rows of the attachment with `key`, then its pending
 * record. Rows are found by their keyed ids among the stored keys, without
 * reading any row. Imports write rows from 0 up, and this deletes from the
 * last down, so what an interruption leaves is always rows 0…k, which the
 * next sweep finds again.
 */
async function removeChunks(storage: VaultStorage, key: Uint8Array, id: string, stored?: ReadonlySet<string>): Promise<void> {
  stored ??= new Set(await storage.listIds(ATTACHMENT_CHUNKS_TABLE));
  const rowIds: string[] = [];
  for (let rowId = chunkRowId(key, 0); stored.has(rowId); rowId = chunkRowId(key, rowIds.length)) rowIds.push(rowId);
  for (const rowId of rowIds.reverse()) await storage.deleteRow(ATTACHMENT_CHUNKS_TABLE, rowId);
  await storage.deleteRow(ATTACHMENT_IMPORTS_TABLE, id);
}

/**
 * Removes what interrupted imports and deletions left behind. A pending record
 * that does not open cannot say where its rows are: it is reported (`damaged`)
 * for the caller to log, and kept as evidence.
 */
export async function sweepInterruptedImports(ctx: Context): Promise<{ swept: number; damaged: string[] }> {
  const ids = await ctx.storage.listIds(ATTACHMENT_IMPORTS_TABLE);
  // Listed once for all leftovers: each one's rows are found by their keyed ids.
  const chunks = ids.length > 0 ? new Set(await ctx.storage.listIds(ATTACHMENT_CHUNKS_TABLE)) : undefined;
  let swept = 0;
  const damaged: string[] = [];
  for (const id of ids) {
    const pending = openRecord(ctx.vaultKey, { table: ATTACHMENT_IMPORTS_TABLE, id }, await ctx.storage.getRow(ATTACHMENT_IMPORTS_TABLE, id), PendingImportSchema);
    if (!pending.ok) {
      damaged.push(id);
      continue;
    }
    const key = fromBase64(pending.value.key) as Uint8Array;
    try {
      await removeChunks(ctx.storage, key, id, chunks);
    } finally {
      wipe(key);
    }
    swept++;
  }
  return { swept, damaged };
}

/** An attachment's record, if it is the version the record index names (else refused as rolled back or tampered). */
export async function readAttachmentMeta(ctx: Context, id: string): Promise<Result<AttachmentMeta, VaultError>> {
  const slot = { table: ATTACHMENTS_TABLE, id };
  const stored = await readCurrentRow(ctx.storage, ctx.indexes ?? new IndexCache(ctx.vaultKey), ctx.vaultKey, slot);
  if (!stored.ok) return stored;
  if (stored.value === undefined) return err({ kind: "missing", ...slot });
  return openRecord(ctx.vaultKey, slot, stored.value, AttachmentMetaSchema);
}

export async function deleteAttachment(ctx: Context, id: string): Promise<Result<void, VaultError>> {
  const meta = await readAttachmentMeta(ctx, id);
  if (!meta.ok) return meta;
  // One transaction unlists the attachment, logs it, and leaves a note of the rows still to remove
  // (with their key), so a crash before they are all gone is finished by the sweep at the next unlock.
  const note = sealRecord(ctx.vaultKey, { table: ATTACHMENT_IMPORTS_TABLE, id }, { key: meta.value.key, startedAt: ctx.now().toISOString() });
  if (!note.ok) throw new Error("pending removal record is not serialisable");
  const unlisted = await transactResult(ctx.storage, RECORD_SCOPE, async (tx) => {
    await tx.deleteRow(ATTACHMENTS_TABLE, id);
    await tx.putRow(note.value);
    return listAndLog(tx, ctx.vaultKey, ctx.now(), { removed: [{ table: ATTACHMENTS_TABLE, id }] }, { event: "attachment-deleted", detail: { attachment: id, sha256: meta.value.sha256 } });
  });
  if (!unlisted.ok) return unlisted;
  const key = fromBase64(meta.value.key) as Uint8Array;
  try {
    await removeChunks(ctx.storage, key, id);
  } finally {
    wipe(key);
  }
  return ok(undefined);
}

export class AttachmentReadError extends Error {
  constructor(readonly error: VaultError) {
    super("attachment read failed");
  }
}

/**
 * The plaintext of an attachment as a pull-based stream: one row is read and
 * opened per pull. Any damage errors the stream with an AttachmentReadError
 * before the damaged bytes are released; the SHA-256 of everything released
 * is compared at the end, so a consumer that reached the end has verified
 * the whole content.
 */
export function attachmentStream(ctx: Context, id: string, meta: AttachmentMeta): ReadableStream<Uint8Array> {
  const key = fromBase64(meta.key) as Uint8Array;
  const hash = createSha256();
  const corrupt = (damage: AttachmentDamage) => new AttachmentReadError({ kind: "attachment-corrupt", id, ...damage });
  let row = 0;
  const cipher = new StreamCipher(key);
  let released = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (ctx.isLocked()) throw new AttachmentReadError({ kind: "locked" });
          const stored = await ctx.storage.getRow(ATTACHMENT_CHUNKS_TABLE, chunkRowId(key, row));
          if (stored === undefined) throw corrupt({ reason: "row-missing", row: row + 1, rows: meta.rows });
          const ciphertext = (stored as { ciphertext?: unknown }).ciphertext;
          if (!(ciphertext instanceof Uint8Array)) throw corrupt({ reason: "row-not-a-chunk", row: row + 1 });
          const lastRow = row === meta.rows - 1;
          const units = Math.ceil(ciphertext.length / SEALED_UNIT_BYTES);
          if (units === 0 || units > UNITS_PER_ROW || (!lastRow && units !== UNITS_PER_ROW)) throw corrupt({ reason: "row-wrong-length", row: row + 1 });
          const plain: Uint8Array[] = [];
          for (let u = 0; u < units; u++) {
            const sealed = ciphertext.subarray(u * SEALED_UNIT_BYTES, Math.min((u + 1) * SEALED_UNIT_BYTES, ciphertext.length));
            const last = lastRow && u === units - 1;
            const unit = cipher.chunks + 1;
            const opened = cipher.open(sealed, last);
            if (!opened) throw corrupt({ reason: "unit-does-not-decrypt", unit });
            if (!last && opened.length !== UNIT_BYTES) throw corrupt({ reason: "unit-short", unit });
            plain.push(opened);
          }
          const bytes = concatBytes(...plain);
          hash.update(bytes);
          released += bytes.length;
          row++;
          if (lastRow) {
            const digest = toHex(hash.digest());
            if (released !== meta.size || digest !== meta.sha256) throw corrupt({ reason: "content-mismatch" });
            wipe(key);
            if (bytes.length > 0) controller.enqueue(bytes);
            controller.close();
            return;
          }
          controller.enqueue(bytes);
        } catch (e) {
          wipe(key);
          controller.error(e);
        }
      },
      cancel() {
        wipe(key);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Reads the whole attachment, checking every unit and the SHA-256; memory stays at one row. */
export async function verifyAttachment(
  ctx: Context,
  id: string,
  options: { readonly signal?: AbortSignal; readonly onProgress?: AttachmentProgress } = {},
): Promise<Result<AttachmentInfo, VaultError>> {
  const meta = await readAttachmentMeta(ctx, id);
  if (!meta.ok) return meta;
  const reader = attachmentStream(ctx, id, meta.value).getReader();
  let done = 0;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        await reader.cancel();
        return cancelled;
      }
      const chunk = await reader.read();
      if (chunk.done) return ok(infoOf(id, meta.value));
      done += chunk.value.length;
      options.onProgress?.(done, meta.value.size);
    }
  } catch (e) {
    if (e instanceof AttachmentReadError) return err(e.error);
    throw e;
  }
}

export type { Context as AttachmentContext };
