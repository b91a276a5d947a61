/**
 * The crypto worker's handlers over an in-memory vault, for tests: calls go
 * through the same dispatch (request and answer validated) as in the worker.
 */
import { KDF_FLOOR } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { WorkerMethod, WorkerRequestOf, WorkerResponseOf } from "./contract";
import { dispatchWorkerCall } from "./dispatch";
import { createWorkerService } from "./worker-service";

export const TEST_CLOCK = () => new Date("2026-11-22T10:00:00.000Z");

export function testService() {
  const handlers = createWorkerService({ storage: new MemoryVaultStorage(), kdfCost: () => KDF_FLOOR, clock: TEST_CLOCK });
  const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
  /** The answer, or a thrown error naming the refusal. */
  async function call<M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>): Promise<WorkerResponseOf<M>> {
    const result = await dispatchWorkerCall(handlers, method, request, context());
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as WorkerResponseOf<M>;
  }
  /** The refusal of a call expected to fail. */
  async function refusal(method: WorkerMethod, request: unknown) {
    const result = await dispatchWorkerCall(handlers, method, request, context());
    if (result.ok) throw new Error(`${method} was expected to fail`);
    return result.error;
  }
  return { call, refusal };
}
