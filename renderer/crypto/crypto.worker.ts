/**
 * The crypto Web Worker: every libsodium operation of the renderer runs here,
 * so the interface stays responsive during key derivation and large imports,
 * and locking can discard libsodium's WebAssembly heap by terminating it.
 */
import { describeCryptoLoadError, loadCrypto } from "../../shared/crypto/sodium";
import { err, ok } from "../../shared/result";
import { WorkerCallSchema, type WorkerReply } from "../../shared/worker/contract";
import { dispatchWorkerCall, type WorkerHandlers } from "../../shared/worker/dispatch";

type WorkerScope = { postMessage(message: WorkerReply): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };
const scope = self as unknown as WorkerScope;

const handlers: WorkerHandlers = {
  "crypto:status": async () => {
    const loaded = await loadCrypto();
    return loaded.ok ? ok(loaded.value) : err({ kind: "crypto-unavailable", message: describeCryptoLoadError(loaded.error) });
  },
};

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
  const progress = (done: number, total?: number) => scope.postMessage({ type: "progress", id, done, ...(total === undefined ? {} : { total }) });
  void dispatchWorkerCall(handlers, method, payload, { signal: controller.signal, progress }).then((result) => {
    running.delete(id);
    scope.postMessage({ type: "result", id, result });
  });
};
