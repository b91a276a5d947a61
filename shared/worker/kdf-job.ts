/**
 * The job of the short-lived key-derivation worker. Argon2id at the vault's
 * cost takes hundreds of MiB of WebAssembly memory, which a WebAssembly heap
 * never gives back; running each derivation (and the calibration) in a
 * worker that is terminated afterwards keeps that memory out of the
 * long-lived crypto worker, so the renderer stays small while the vault is
 * open. Messages are validated like every other worker message.
 */
import { z } from "../validation/zod";
import { argon2id, loadCrypto, randomBytes, wipe } from "../crypto/sodium";
import { KdfFailureSchema } from "./problem";
import { argon2idTimer, calibrate, checkParams, deriveKey, kdfParamsSchema } from "../vault/kdf";

/** One pass fills every block of the memory once: enough to grow and touch it, a third of a 3-pass derivation. */
const PREPARE_PASSES = 1;

export const KdfRequestSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("derive"), passphrase: z.instanceof(Uint8Array), params: kdfParamsSchema }),
  z.strictObject({ type: z.literal("calibrate") }),
  // Grows and touches the memory a derivation at `params` needs (one pass, a throw-away input), so the
  // derivation that follows in this worker does not pay for it: a fresh WebAssembly heap roughly
  // doubles the time of the first Argon2id run.
  z.strictObject({ type: z.literal("prepare"), params: kdfParamsSchema }),
]);
export type KdfRequest = z.infer<typeof KdfRequestSchema>;

export const KdfReplySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("key"), key: z.instanceof(Uint8Array) }),
  z.strictObject({ type: z.literal("cost"), opsLimit: z.number().int().positive(), memLimitBytes: z.number().int().positive(), seconds: z.number().nonnegative() }),
  z.strictObject({ type: z.literal("failed"), failure: KdfFailureSchema }),
  z.strictObject({ type: z.literal("prepared") }),
]);
export type KdfReply = z.infer<typeof KdfReplySchema>;

export async function runKdfJob(message: unknown, nowMs: () => number): Promise<KdfReply> {
  // First: the parameters' schema decodes the salt with libsodium.
  const loaded = await loadCrypto();
  if (!loaded.ok) return { type: "failed", failure: { reason: "crypto-unavailable", error: loaded.error } };
  const request = KdfRequestSchema.safeParse(message);
  if (!request.success) return { type: "failed", failure: { reason: "malformed-request" } };
  if (request.data.type === "calibrate") {
    const cost = calibrate(argon2idTimer(nowMs, randomBytes(16)));
    return { type: "cost", opsLimit: cost.opsLimit, memLimitBytes: cost.memLimitBytes, seconds: cost.seconds };
  }
  if (request.data.type === "prepare") {
    // A hint: always answered "prepared", so a waiting derivation never mistakes its answer for its own.
    const checked = checkParams(request.data.params);
    if (checked.ok) wipe(argon2id(randomBytes(16), randomBytes(16), PREPARE_PASSES, checked.value.memLimitBytes, 32));
    return { type: "prepared" };
  }
  const { passphrase, params } = request.data;
  try {
    // The caller checked the floor; checked again here, since this is a trust boundary too.
    const checked = checkParams(params);
    if (!checked.ok) return { type: "failed", failure: { reason: "params-out-of-range" } };
    return { type: "key", key: deriveKey(passphrase, checked.value) as Uint8Array<ArrayBuffer> };
  } finally {
    wipe(passphrase);
  }
}
