/**
 * The contract between the UI thread and the crypto Web Worker, declared
 * once like the IPC contract: each method names zod request and response
 * schemas. Messages are validated on both sides; failures are values.
 */
import { z } from "zod";

export const CryptoBackendSchema = z
  .object({ library: z.literal("libsodium"), version: z.string().min(1), webAssembly: z.literal(true) })
  .strict();

export const WORKER_CONTRACT = {
  "crypto:status": { request: z.object({}).strict(), response: CryptoBackendSchema },
} as const;

export type WorkerMethod = keyof typeof WORKER_CONTRACT;
export type WorkerRequestOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["request"]>;
export type WorkerResponseOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["response"]>;

export const WorkerErrorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("crypto-unavailable"), message: z.string() }).strict(),
  z.object({ kind: z.literal("unknown-method"), method: z.string() }).strict(),
  z.object({ kind: z.literal("invalid-request"), issues: z.array(z.string()) }).strict(),
  z.object({ kind: z.literal("invalid-response"), issues: z.array(z.string()) }).strict(),
  z.object({ kind: z.literal("cancelled") }).strict(),
  z.object({ kind: z.literal("worker-failed"), message: z.string() }).strict(),
]);
export type WorkerError = z.infer<typeof WorkerErrorSchema>;

/** UI → worker. */
export const WorkerCallSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("call"), id: z.number().int().nonnegative(), method: z.string(), payload: z.unknown() }).strict(),
  z.object({ type: z.literal("cancel"), id: z.number().int().nonnegative() }).strict(),
]);
export type WorkerCall = z.infer<typeof WorkerCallSchema>;

/** Worker → UI: a final answer, or progress on a long operation. */
const WorkerResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: WorkerErrorSchema }).strict(),
]);
export const WorkerReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("result"), id: z.number().int(), result: WorkerResultSchema }).strict(),
  z.object({ type: z.literal("progress"), id: z.number().int(), done: z.number().nonnegative(), total: z.number().nonnegative().optional() }).strict(),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;

export const isWorkerMethod = (name: string): name is WorkerMethod => Object.hasOwn(WORKER_CONTRACT, name);

export function describeWorkerError(error: WorkerError): string {
  switch (error.kind) {
    case "crypto-unavailable":
      return error.message;
    case "unknown-method":
      return `The cryptography worker does not offer "${error.method}"; reload the app.`;
    case "invalid-request":
      return `The request to the cryptography worker was malformed (${error.issues.join("; ")}).`;
    case "invalid-response":
      return `The cryptography worker answered with malformed data (${error.issues.join("; ")}).`;
    case "cancelled":
      return "The operation was cancelled; nothing was changed.";
    case "worker-failed":
      return `The cryptography worker stopped unexpectedly (${error.message}); lock and unlock the vault to restart it.`;
  }
}
