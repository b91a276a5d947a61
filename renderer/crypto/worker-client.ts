/**
 * The UI side of the crypto worker: typed calls with progress and
 * cancellation; every reply is validated against the contract. `terminate`
 * ends the worker, which is how locking discards its memory.
 */
import { err, ok, type Result } from "../../shared/result";
import type {
  WorkerCall,
  WorkerError,
  WorkerFailure,
  WorkerMethod,
  WorkerRequestOf,
  WorkerResponseOf,
} from "../../shared/worker/contract";
import { cryptoWorkers } from "./spawn-crypto-worker";

type Pending = {
  readonly method: WorkerMethod;
  readonly resolve: (result: Result<unknown, WorkerError>) => void;
  readonly onProgress: ((done: number, total?: number) => void) | undefined;
};

type Validation = typeof import("./reply-validation");
let validation: Promise<Validation> | undefined;
/** The schemas replies are checked with, loaded on the first call; every reply waits for them, so replies keep their order. */
const loadValidation = () => (validation ??= import("./reply-validation"));

export type CallOptions = { readonly onProgress?: (done: number, total?: number) => void; readonly signal?: AbortSignal };

export class CryptoWorkerClient {
  #worker: Worker | undefined;
  #nextId = 0;
  #pending = new Map<number, Pending>();

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const { worker, failure } = cryptoWorkers.take();
    const checks = loadValidation();
    worker.onmessage = (event: MessageEvent<unknown>) =>
      void checks.then(
        (v) => this.#receive(v, event.data),
        (e: unknown) => this.#failAll({ kind: "worker-failed", reason: "could-not-start", detail: e instanceof Error ? e.message : String(e) }),
      );
    worker.onerror = (event) => this.#failAll({ kind: "worker-failed", reason: "could-not-start", detail: event.message ?? "" });
    this.#worker = worker;
    const failed = failure();
    // It failed before we listened: calls made now would wait forever.
    if (failed !== undefined) queueMicrotask(() => this.#failAll({ kind: "worker-failed", reason: "could-not-start", detail: failed }));
    return worker;
  }

  #receive({ WORKER_CONTRACT, WorkerReplySchema, issuesOf }: Validation, data: unknown): void {
    const reply = WorkerReplySchema.safeParse(data);
    if (!reply.success) return;
    const pending = this.#pending.get(reply.data.id);
    if (!pending) return;
    if (reply.data.type === "progress") {
      pending.onProgress?.(reply.data.done, reply.data.total);
      return;
    }
    this.#pending.delete(reply.data.id);
    const result = reply.data.result;
    if (!result.ok) return pending.resolve(err(result.error));
    const value = WORKER_CONTRACT[pending.method].response.safeParse(result.value);
    pending.resolve(value.success ? ok(value.data) : err({ kind: "invalid-response", issues: issuesOf(value.error) }));
  }

  #failAll(failure: WorkerFailure): void {
    for (const p of this.#pending.values()) p.resolve(err(failure));
    this.#pending.clear();
  }

  call<M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>, options: CallOptions = {}): Promise<Result<WorkerResponseOf<M>, WorkerError>> {
    const worker = this.#ensure();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, { method, resolve: resolve as Pending["resolve"], onProgress: options.onProgress });
      options.signal?.addEventListener("abort", () => worker.postMessage({ type: "cancel", id } satisfies WorkerCall), { once: true });
      worker.postMessage({ type: "call", id, method, payload: request } satisfies WorkerCall);
    });
  }

  /**
   * Ends the worker and its WebAssembly memory; calls in flight fail. A fresh
   * worker, which holds nothing yet, starts loading at once, so the next
   * unlock does not wait for libsodium.
   */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll({ kind: "worker-failed", reason: "vault-locked" });
    cryptoWorkers.prewarm();
  }
}

export const cryptoWorker = new CryptoWorkerClient();
