/**
 * The crypto worker's side of the key-derivation worker: one fresh worker per
 * derivation, terminated when it answers (or fails), so Argon2id's memory
 * never stays in the long-lived crypto worker.
 */
import { KdfFailedError, type KdfCost, type KdfParams, type KeyDeriver } from "../../shared/vault/kdf";
import { KdfReplySchema, type KdfReply, type KdfRequest } from "../../shared/worker/kdf-job";
import { EarlyWorker } from "./early-worker";

const kdfWorkers = new EarlyWorker(() => new Worker(new URL("./kdf.worker.ts", import.meta.url), { type: "module", name: "kdf" }));

/**
 * Starts one key-derivation worker ahead of need (it only loads libsodium and
 * waits), so the next derivation, usually the unlock, skips that load. It is
 * used once: later derivations start their own.
 */
export function prewarmKdfWorker(): void {
  kdfWorkers.prewarm();
}

/** Readies the waiting key-derivation worker for a derivation at `params`: it grows and touches that memory now. */
export function prepareKdfWorker(params: KdfParams): void {
  kdfWorkers.prewarm().worker.postMessage({ type: "prepare", params } satisfies KdfRequest);
}

function runInFreshWorker(request: KdfRequest, transfer: Transferable[]): Promise<KdfReply> {
  return new Promise((resolve) => {
    const { worker, failure } = kdfWorkers.take();
    const done = (reply: KdfReply) => {
      worker.terminate();
      resolve(reply);
    };
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = KdfReplySchema.safeParse(event.data);
      // The answer to a "prepare" sent while the worker waited: not this job's answer.
      if (reply.success && reply.data.type === "prepared") return;
      done(reply.success ? reply.data : { type: "failed", failure: { reason: "malformed-answer" } });
    };
    worker.onerror = (event) => done({ type: "failed", failure: { reason: "worker-error", detail: event.message ?? "" } });
    const failed = failure();
    if (failed !== undefined) return done({ type: "failed", failure: { reason: "worker-error", detail: failed } });
    worker.postMessage(request, transfer);
  });
}

/** Derives in a fresh worker; the passphrase bytes are transferred (and so gone from this worker). */
export const deriveInWorker: KeyDeriver = async (passphrase: Uint8Array, params: KdfParams) => {
  // A copy the other worker owns and wipes; this worker's bytes are wiped by the caller.
  const copy = passphrase.slice();
  const reply = await runInFreshWorker({ type: "derive", passphrase: copy, params }, [copy.buffer]);
  if (reply.type !== "key") throw new KdfFailedError(reply.type === "failed" ? reply.failure : { reason: "unexpected-answer" });
  return reply.key;
};

export async function calibrateInWorker(): Promise<KdfCost> {
  const reply = await runInFreshWorker({ type: "calibrate" }, []);
  if (reply.type !== "cost") throw new KdfFailedError(reply.type === "failed" ? reply.failure : { reason: "unexpected-answer" });
  return { opsLimit: reply.opsLimit, memLimitBytes: reply.memLimitBytes };
}
