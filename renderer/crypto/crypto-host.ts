/**
 * The crypto worker's services (loaded by crypto.worker.ts right after
 * libsodium): every call from the interface is validated against the
 * contract, run, and answered here, with progress and cancellation.
 */
import { WorkerCallSchema, type WorkerReply } from "../../shared/worker/contract";
import { dispatchWorkerCall } from "../../shared/worker/dispatch";
import { createWorkerService } from "../../shared/worker/worker-service";
import { vaultStorage } from "./vault-storage";
import { calibrateInWorker, deriveInWorker, prepareKdfWorker, prewarmKdfWorker } from "./kdf-client";

type WorkerScope = { postMessage(message: WorkerReply): void };
const scope = self as unknown as WorkerScope;

const handlers = createWorkerService({ storage: vaultStorage, derive: deriveInWorker, kdfCost: calibrateInWorker, prepareDerive: prepareKdfWorker });

const running = new Map<number, AbortController>();

export function receive(data: unknown): void {
  const call = WorkerCallSchema.safeParse(data);
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
    if (method === "vault:status") vaultStateKnown();
  });
}

/**
 * Once the vault's state is known, the next screen asks for a passphrase: start the key-derivation worker now,
 * so the unlock (or the calibration at creation) finds it loaded. Not earlier: at start-up it would compete with
 * the interface and this worker for the same two cores.
 */
export function vaultStateKnown(): void {
  prewarmKdfWorker();
}
