/**
 * The crypto Web Worker: every libsodium operation of the renderer runs here,
 * and so does the unlocked vault (its key and every secret key never reach
 * the interface thread). The interface stays responsive during key
 * derivation and large imports, and locking discards libsodium's WebAssembly
 * heap by terminating this worker.
 */
import { WorkerCallSchema, type WorkerReply } from "../../shared/worker/contract";
import { dispatchWorkerCall } from "../../shared/worker/dispatch";
import { createVaultService } from "../../shared/worker/vault-service";
import { DexieVaultStorage } from "../vault/dexie-storage";
import { calibrateInWorker, deriveInWorker } from "./kdf-client";

type WorkerScope = { postMessage(message: WorkerReply): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };
const scope = self as unknown as WorkerScope;

const handlers = createVaultService({ storage: new DexieVaultStorage(), derive: deriveInWorker, kdfCost: calibrateInWorker });

const running = new Map<number, AbortController>();

scope.onmessage = (event) => {
  const call = WorkerCallSchema.safeParse(event.data);
  if (!call.success) return; // not from our client: ignore
  if (call.data.type === "cancel") {
    running.get(call.data.id)?.abort();
    return;
  }
  const { id, method, payload } = call.data;
  const controller = new AbortController();
  running.set(id, controller);
  // Progress is throttled to what a person can see: at most ~20 updates a second.
  let lastProgress = 0;
  const progress = (done: number, total?: number) => {
    const now = performance.now();
    if (now - lastProgress < 50 && (total === undefined || done < total)) return;
    lastProgress = now;
    scope.postMessage({ type: "progress", id, done, ...(total === undefined ? {} : { total }) });
  };
  void dispatchWorkerCall(handlers, method, payload, { signal: controller.signal, progress }).then((result) => {
    running.delete(id);
    scope.postMessage({ type: "result", id, result });
  });
};
