/**
 * How a failure becomes the worker's refusal: small and free of the services,
 * so the start-up answers (start-handlers.ts) use it without loading them.
 */
import { err, type Result } from "../result";
import type { VaultError } from "../vault/vault-error";
import type { WorkerError } from "./contracts/envelope";
import type { Problem } from "./problem";

export type R<T> = Promise<Result<T, WorkerError>>;

/** A vault failure as the worker reports it; the person's own cancellation is the contract's "cancelled", not a refusal. */
export const refused = (e: VaultError): Result<never, WorkerError> =>
  e.kind === "attachment-cancelled" || e.kind === "backup-cancelled"
    ? err({ kind: "cancelled" })
    : err({ kind: "refused", problem: { kind: "vault", error: e }, ...("retryAfterMs" in e && e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) });
/** Any other domain's failure as the worker reports it. */
export const refusedWith = (problem: Problem): Result<never, WorkerError> => err({ kind: "refused", problem });
export const LOCKED = refused({ kind: "locked" });
