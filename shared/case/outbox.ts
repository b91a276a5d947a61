/**
 * The secretariat's outbox: one vault record per packet exported, so that
 * what was sent to whom survives the session. The record is written when
 * the packet's number is taken (before a byte is produced); once the whole
 * file has been produced, the record gains the file's size and SHA-256,
 * computed on the bytes as they stream out (the file is never read twice),
 * and the audit log says so. A record without a SHA-256 is a packet whose
 * export did not finish: its number is spent, and no file of it went out.
 */
import { createSha256, toHex } from "../crypto/sodium";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { OUTBOX_COUNTER_ID, OutboxEntryRecord, type OutboxEntry } from "./records/outbox.record";

export { OutboxEntrySchema, type OutboxEntry } from "./records/outbox.record";

export type OutboxError = VaultError | { readonly kind: "outbox-entry-missing"; readonly packetId: string };

/** The outbox entries of one case, the latest first. */
export async function loadOutbox(v: UnlockedVault, caseId: string): Promise<Result<OutboxEntry[], VaultError>> {
  const ids = await OutboxEntryRecord.list(v);
  if (!ids.ok) return ids;
  const out: OutboxEntry[] = [];
  for (const id of ids.value) {
    if (id === OUTBOX_COUNTER_ID) continue;
    const entry = await OutboxEntryRecord.get(v, id);
    if (!entry.ok) return entry;
    if (entry.value.caseId === caseId) out.push(entry.value);
  }
  return ok(out.sort((a, b) => b.sequence - a.sequence));
}

export type StreamDigest = { readonly sha256: string; readonly size: number };

/**
 * `stream` unchanged, hashed as it passes. `digest()` is defined once the
 * stream has ended (every byte passed), undefined before.
 */
export function hashedStream(stream: ReadableStream<Uint8Array>): { readonly stream: ReadableStream<Uint8Array>; readonly digest: () => StreamDigest | undefined } {
  const hash = createSha256();
  let size = 0;
  let done: StreamDigest | undefined;
  const passed = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        size += chunk.length;
        controller.enqueue(chunk);
      },
      flush() {
        done = { sha256: toHex(hash.digest()), size };
      },
    }),
  );
  return { stream: passed, digest: () => done };
}

/** Records that the packet `packetId` was produced whole, with its file's SHA-256 and size; audited. */
export async function recordPacketWritten(v: UnlockedVault, packetId: string, file: StreamDigest, now: Date): Promise<Result<OutboxEntry, OutboxError>> {
  const entry = await OutboxEntryRecord.get(v, packetId);
  if (!entry.ok) return entry.error.kind === "missing" ? err({ kind: "outbox-entry-missing", packetId }) : entry;
  const written: OutboxEntry = { ...entry.value, sha256: file.sha256, size: file.size, writtenAt: now.toISOString() };
  const saved = await v.write(
    { put: [OutboxEntryRecord.change(packetId, written)] },
    { event: "packet-written", detail: { case: written.caseId, packet: packetId, sequence: written.sequence, recipient: written.recipientFingerprint, sha256: file.sha256, bytes: file.size } },
  );
  return saved.ok ? ok(written) : saved;
}
