/**
 * The chair's side run in Node, for end-to-end tests whose other profile is
 * in Chromium: the chair's worker handlers over the chair's vault, called
 * through the worker's dispatch, so every request and answer is checked
 * against the contract as in the app.
 */
import type { UnlockedVault } from "../../shared/vault/unlocked-vault";
import { dispatchWorkerCall, type WorkerHandlers } from "../../shared/worker/dispatch";
import { createMergeHandlers } from "../../shared/worker/merge-handlers";
import { createOpinionExchangeHandlers } from "../../shared/worker/opinion-exchange-handlers";
import { createOpinionHandlers } from "../../shared/worker/opinion-handlers";

export function chairCalls(vault: UnlockedVault) {
  const access = { withVault: <T>(fn: (v: UnlockedVault) => Promise<T>) => fn(vault), clock: () => new Date() };
  const handlers = { ...createMergeHandlers(access), ...createOpinionHandlers(access), ...createOpinionExchangeHandlers(access) } as unknown as WorkerHandlers;
  return async <T>(method: string, request: unknown): Promise<T> => {
    const answer = await dispatchWorkerCall(handlers, method, request, { signal: new AbortController().signal, progress: () => undefined });
    if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  };
}
