/**
 * The crypto worker's answers to the start-up questions (crypto:status,
 * vault:status) before its services have loaded: libsodium, the vault's
 * storage and its header schema, nothing more (shared/worker/start-handlers.ts).
 */
import type { WorkerReply } from "../../shared/worker/contract";
import { cryptoStatus, vaultStatusAtRest, type StartMethod } from "../../shared/worker/start-handlers";
import { vaultStorage } from "./vault-storage";

export { startCallOf } from "../../shared/worker/start-handlers";

export async function answerAtStart(call: { readonly id: number; readonly method: StartMethod }): Promise<WorkerReply> {
  try {
    const result = call.method === "crypto:status" ? await cryptoStatus() : await vaultStatusAtRest(vaultStorage, new Date());
    return { type: "result", id: call.id, result };
  } catch (e) {
    // The storage could not be read (a closed or broken database): the same answer the services give for a throwing handler.
    return { type: "result", id: call.id, result: { ok: false, error: { kind: "worker-failed", reason: "exception", detail: e instanceof Error ? e.message : String(e) } } };
  }
}
