/**
 * What the worker's services share: how a vault failure becomes a worker
 * refusal, the stored identity loader, and collecting a stream into a Blob.
 */
import { z } from "zod";
import { describeIdentityError, identityFromStored, type PersonalIdentity } from "../identity/identity";
import { err, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { describeVaultError, type VaultError } from "../vault/vault-error";
import type { WorkerError } from "./contract";

export const IDENTITIES_TABLE = "identities";

export type R<T> = Promise<Result<T, WorkerError>>;

/** A vault failure as the worker reports it; the person's own cancellation is the contract's "cancelled", not a refusal. */
export const refused = (e: VaultError): Result<never, WorkerError> =>
  e.kind === "attachment-cancelled" || e.kind === "backup-cancelled"
    ? err({ kind: "cancelled" })
    : err({ kind: "refused", code: e.kind, message: describeVaultError(e), ...("retryAfterMs" in e && e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) });
export const refusedWith = (code: string, message: string): Result<never, WorkerError> => err({ kind: "refused", code, message });
export const LOCKED = refused({ kind: "locked" });

export async function loadIdentity(v: UnlockedVault, id: string): Promise<Result<PersonalIdentity, WorkerError>> {
  const stored = await v.get(IDENTITIES_TABLE, id, z.unknown());
  if (!stored.ok) return refused(stored.error);
  const identity = identityFromStored(stored.value);
  return identity.ok ? identity : refusedWith(identity.error.kind, describeIdentityError(identity.error));
}

/**
 * A stream's bytes as a Blob, piece by piece: each piece goes to the
 * browser's blob store as it comes (so the worker holds one piece at a time),
 * and a failing stream rejects with its own error. (`new Response(stream).blob()`
 * would do the same in one call, but Chromium replaces the stream's error by
 * "Failed to fetch", which would hide a tampered attachment.)
 */
export async function collectBlob(stream: ReadableStream<Uint8Array>, type: string, signal?: AbortSignal): Promise<Blob> {
  const reader = stream.getReader();
  const pieces: Blob[] = [];
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length > 0) pieces.push(new Blob(pending));
    pending = [];
    pendingBytes = 0;
  };
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel();
      throw new DOMException("cancelled", "AbortError");
    }
    const { done, value } = await reader.read();
    if (done) break;
    pending.push(value as Uint8Array<ArrayBuffer>);
    pendingBytes += value.length;
    if (pendingBytes >= 4 * 1024 * 1024) flush();
  }
  flush();
  return new Blob(pieces, { type });
}

