/**
 * The job of the short-lived key-derivation worker. Argon2id at the vault's
 * cost takes hundreds of MiB of WebAssembly memory, which a WebAssembly heap
 * never gives back; running each derivation (and the calibration) in a
 * worker that is terminated afterwards keeps that memory out of the
 * long-lived crypto worker, so the renderer stays small while the vault is
 * open. Messages are validated like every other worker message.
 */
import { z } from "../validation/zod";
import { describeCryptoLoadError, loadCrypto, randomBytes, wipe } from "../crypto/sodium";
import { argon2idTimer, calibrate, checkParams, deriveKey, kdfParamsSchema } from "../vault/kdf";

export const KdfRequestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("derive"), passphrase: z.instanceof(Uint8Array), params: kdfParamsSchema }).strict(),
  z.object({ type: z.literal("calibrate") }).strict(),
]);
export type KdfRequest = z.infer<typeof KdfRequestSchema>;

export const KdfReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("key"), key: z.instanceof(Uint8Array) }).strict(),
  z.object({ type: z.literal("cost"), opsLimit: z.number().int().positive(), memLimitBytes: z.number().int().positive(), seconds: z.number().nonnegative() }).strict(),
  z.object({ type: z.literal("failed"), message: z.string() }).strict(),
]);
export type KdfReply = z.infer<typeof KdfReplySchema>;

export async function runKdfJob(message: unknown, nowMs: () => number): Promise<KdfReply> {
  // First: the parameters' schema decodes the salt with libsodium.
  const loaded = await loadCrypto();
  if (!loaded.ok) return { type: "failed", message: describeCryptoLoadError(loaded.error) };
  const request = KdfRequestSchema.safeParse(message);
  if (!request.success) return { type: "failed", message: "malformed key-derivation request" };
  if (request.data.type === "calibrate") {
    const cost = calibrate(argon2idTimer(nowMs, randomBytes(16)));
    return { type: "cost", opsLimit: cost.opsLimit, memLimitBytes: cost.memLimitBytes, seconds: cost.seconds };
  }
  const { passphrase, params } = request.data;
  try {
    // The caller checked the floor; checked again here, since this is a trust boundary too.
    const checked = checkParams(params);
    if (!checked.ok) return { type: "failed", message: "key-derivation parameters outside the allowed range" };
    return { type: "key", key: deriveKey(passphrase, checked.value) as Uint8Array<ArrayBuffer> };
  } finally {
    wipe(passphrase);
  }
}
