/**
 * The worker side of the contract, free of the worker global so it is
 * unit-tested: validate the call, run the handler, validate its answer.
 */
import { err, ok, type Result } from "../result";
import { issuesOf } from "../validation/issues";
import { KdfFailedError } from "../vault/kdf";
import { isWorkerMethod, WORKER_CONTRACT, type WorkerContract, type WorkerMethod } from "./contract";
import type { HandlersOf, WorkerContext } from "./contracts/common";
import type { WorkerError } from "./contracts/envelope";

/** A handler for every method of the merged contract: what the dispatcher runs. */
export type WorkerHandlers = HandlersOf<WorkerContract>;

export async function dispatchWorkerCall(handlers: WorkerHandlers, method: string, payload: unknown, context: WorkerContext): Promise<Result<unknown, WorkerError>> {
  if (!isWorkerMethod(method)) return err({ kind: "unknown-method", method });
  const spec = WORKER_CONTRACT[method];
  const request = spec.request.safeParse(payload);
  if (!request.success) return err({ kind: "invalid-request", issues: issuesOf(request.error) });
  let result: Result<unknown, WorkerError>;
  try {
    // The request was parsed with this very method's schema, which TypeScript cannot correlate across the union.
    const handler = handlers[method] as (request: unknown, context: WorkerContext) => Promise<Result<unknown, WorkerError>>;
    result = await handler(request.data, context);
  } catch (e) {
    // A cancelled operation often ends in an exception (an aborted stream); it is still a cancellation.
    if (context.signal.aborted) return err({ kind: "cancelled" });
    if (e instanceof KdfFailedError) return err({ kind: "worker-failed", reason: "key-derivation", failure: e.failure });
    return err({ kind: "worker-failed", reason: "exception", detail: e instanceof Error ? e.message : String(e) });
  }
  // A cancellation that came too late changes nothing: what completed is reported as completed,
  // so the interface never believes undone what the worker did (a restore, an unlock).
  if (!result.ok) return context.signal.aborted ? err({ kind: "cancelled" }) : result;
  const response = spec.response.safeParse(result.value);
  return response.success ? ok(response.data) : err({ kind: "invalid-response", issues: issuesOf(response.error) });
}

/**
 * Handlers for `methods` whose implementation loads on the first call (a
 * chunk of its own in the bundle); later calls reuse it. A failed load is
 * retried on the next call.
 */
export function lazyHandlers<M extends WorkerMethod>(methods: readonly M[], load: () => Promise<Pick<WorkerHandlers, M>>): Pick<WorkerHandlers, M> {
  let loading: Promise<Pick<WorkerHandlers, M>> | undefined;
  const loaded = () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
  const entries = methods.map((method) => {
    const handler = async (request: unknown, context: WorkerContext) => {
      // The method's own request type, which TypeScript cannot correlate across the union.
      const real = (await loaded())[method] as (request: unknown, context: WorkerContext) => Promise<Result<unknown, WorkerError>>;
      return real(request, context);
    };
    return [method, handler] as const;
  });
  return Object.fromEntries(entries) as unknown as Pick<WorkerHandlers, M>;
}
