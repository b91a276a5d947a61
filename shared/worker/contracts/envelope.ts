/**
 * The messages every call travels in, whatever its domain: the call and its
 * cancellation (UI → worker), the answer or progress (worker → UI), and the
 * worker errors any method may answer with.
 */
import { z } from "../../validation/zod";
import { IssueSchema } from "../../validation/issues";
import { CryptoLoadErrorSchema, KdfFailureSchema, ProblemSchema } from "../problem";

export const WorkerErrorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("crypto-unavailable"), error: CryptoLoadErrorSchema }),
  z.strictObject({ kind: z.literal("unknown-method"), method: z.string() }),
  z.strictObject({ kind: z.literal("invalid-request"), issues: z.array(IssueSchema) }),
  z.strictObject({ kind: z.literal("invalid-response"), issues: z.array(IssueSchema) }),
  z.strictObject({ kind: z.literal("cancelled") }),
  /**
   * The call ended without an answer (`reason`): the handler threw (a bug), the worker did not start, the vault was locked
   * while it ran, or the key derivation gave no key. `detail`: the runtime's own text (technical, not ours; shown inside the
   * interface's sentence).
   */
  z.discriminatedUnion("reason", [
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.enum(["exception", "could-not-start"]), detail: z.string() }),
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.literal("vault-locked") }),
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.literal("key-derivation"), failure: KdfFailureSchema }),
  ]),
  /** The operation was refused or failed for a reason the person can act on; `retryAfterMs`: when unlocking may be tried again. */
  z.strictObject({ kind: z.literal("refused"), problem: ProblemSchema, retryAfterMs: z.number().nonnegative().optional() }),
]);
export type WorkerError = z.infer<typeof WorkerErrorSchema>;
export type WorkerFailure = Extract<WorkerError, { kind: "worker-failed" }>;

/** UI → worker. */
export const WorkerCallSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("call"), id: z.number().int().nonnegative(), method: z.string(), payload: z.unknown() }),
  z.strictObject({ type: z.literal("cancel"), id: z.number().int().nonnegative() }),
]);
export type WorkerCall = z.infer<typeof WorkerCallSchema>;

/** Worker → UI: a final answer, or progress on a long operation. */
const WorkerResultSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: WorkerErrorSchema }),
]);
export const WorkerReplySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("result"), id: z.number().int(), result: WorkerResultSchema }),
  z.strictObject({ type: z.literal("progress"), id: z.number().int(), done: z.number().nonnegative(), total: z.number().nonnegative().optional() }),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;
