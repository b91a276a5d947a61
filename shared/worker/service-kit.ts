/**
 * What the worker's services share: how a failure becomes a worker refusal
 * (refusal.ts), the stored identity loader, and collecting a stream into a Blob.
 */
import { identityFromParsed, wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { IdentityRecord } from "../identity/records/identity.record";
import { ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { WorkerError } from "./contracts/envelope";
import type { OversizedFile } from "./problem";
import type { WorkerContext } from "./contracts/common";
import { refused, refusedWith } from "./refusal";

export async function loadIdentity(v: UnlockedVault, id: string): Promise<Result<PersonalIdentity, WorkerError>> {
  const stored = await IdentityRecord.read(v, id);
  if (!stored.ok) return stored.error.kind === "malformed-stored" ? refusedWith({ kind: "identity", error: { kind: "malformed-record", issues: stored.error.issues } }) : refused(stored.error);
  const identity = identityFromParsed(stored.value);
  return identity.ok ? identity : refusedWith({ kind: "identity", error: identity.error });
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

/** A handler's cancellation and progress, as the vault's long operations take them. */
export const progressOptions = (context: WorkerContext) => ({ signal: context.signal, onProgress: context.progress });

/** `stream`, reporting through `context` how many of `total` bytes went by. */
export function countedStream(stream: ReadableStream<Uint8Array>, total: number, context: WorkerContext): ReadableStream<Uint8Array> {
  let done = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        done += chunk.length;
        context.progress(done, total);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** A chosen file as an attachment source. */
export const fileSource = (file: Blob) => ({ name: file instanceof File ? file.name : "attachment", mediaType: file.type, size: file.size, stream: file.stream() });

/** A small file's bytes, or a refusal naming what it should have been when it is larger than `max` (checked before anything is read). */
export async function readSmallFile(file: Blob, max: number, expected: OversizedFile): Promise<Result<Uint8Array, WorkerError>> {
  if (file.size > max) return refusedWith({ kind: "file-too-large", file: expected });
  return ok(new Uint8Array(await file.arrayBuffer()));
}

/** Runs steps one after another, each starting once the previous one settled. */
export function serially(): <T>(step: () => Promise<T>) => Promise<T> {
  let gate: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = gate.then(step, step);
    gate = run.catch(() => undefined);
    return run;
  };
}

/** The person's identities, oldest first; what was loaded is wiped if one fails. */
export async function loadIdentities(v: UnlockedVault): Promise<Result<PersonalIdentity[], WorkerError>> {
  const ids = await IdentityRecord.list(v);
  if (!ids.ok) return refused(ids.error);
  const out: PersonalIdentity[] = [];
  for (const id of ids.value) {
    const identity = await loadIdentity(v, id);
    if (!identity.ok) {
      out.forEach(wipeIdentity);
      return identity;
    }
    out.push(identity.value);
  }
  return ok(out.sort((a, b) => a.created.localeCompare(b.created)));
}
