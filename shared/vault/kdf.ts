/**
 * Argon2id parameters for the vault passphrase: their stored form, the floor
 * below which they are refused, and calibration to the machine.
 *
 * The parameters live in the clear header, so anyone with the disk can edit
 * them. `checkParams` runs before every derivation: a header lowered below the
 * floor is refused rather than derived (which would let an attacker who later
 * sees a derivation, or a weak re-wrap, work at the lower cost), and one raised
 * absurdly high is refused rather than allowed to exhaust memory.
 */
import { z } from "../validation/zod";
import { argon2id, ARGON2ID_SALT_BYTES, fromBase64, wipe, type CryptoLoadError } from "../crypto/sodium";
import { err, ok, type Result } from "../result";

const MiB = 1024 * 1024;

/** The cost of one derivation, without the salt. */
export type KdfCost = { readonly opsLimit: number; readonly memLimitBytes: number };

/** Never less than 3 passes over 64 MiB (the floor). */
export const KDF_FLOOR: KdfCost = Object.freeze({ opsLimit: 3, memLimitBytes: 64 * MiB });

/** What calibration may choose and unlock accepts at most: bounded so a tampered header cannot exhaust memory or time. */
export const KDF_CEILING: KdfCost = Object.freeze({ opsLimit: 64, memLimitBytes: 1024 * MiB });

/** Calibration aims for one derivation lasting between these (seconds). */
export const KDF_TARGET_SECONDS = { min: 0.5, max: 1 } as const;

const base64Salt = z
  .string()
  .refine((text) => fromBase64(text)?.length === ARGON2ID_SALT_BYTES, { params: { reason: "not-a-kdf-salt" } });

/** The stored form. Shape only: the floor is `checkParams`, so a downgrade gets its own error kind. */
export const kdfParamsSchema = z.strictObject({
  algorithm: z.literal("argon2id13"),
  opsLimit: z.number().int().positive(),
  memLimitBytes: z.number().int().positive().multipleOf(1024),
  salt: base64Salt,
});

export type KdfParams = z.infer<typeof kdfParamsSchema>;

export type KdfError =
  | { readonly kind: "kdf-below-floor"; readonly opsLimit: number; readonly memLimitBytes: number }
  | { readonly kind: "kdf-above-ceiling"; readonly opsLimit: number; readonly memLimitBytes: number };

export function checkCost(cost: KdfCost): Result<KdfCost, KdfError> {
  const { opsLimit, memLimitBytes } = cost;
  if (opsLimit < KDF_FLOOR.opsLimit || memLimitBytes < KDF_FLOOR.memLimitBytes) return err({ kind: "kdf-below-floor", opsLimit, memLimitBytes });
  if (opsLimit > KDF_CEILING.opsLimit || memLimitBytes > KDF_CEILING.memLimitBytes) return err({ kind: "kdf-above-ceiling", opsLimit, memLimitBytes });
  return ok(cost);
}

/** Refuses parameters outside [floor, ceiling] before anything is derived with them. */
export function checkParams(params: KdfParams): Result<KdfParams, KdfError> {
  const checked = checkCost(params);
  return checked.ok ? ok(params) : checked;
}

/**
 * How a key is derived from passphrase bytes: in this thread (tests, Node)
 * or, in the app, in a short-lived worker whose WebAssembly memory (hundreds
 * of MiB for Argon2id) is discarded with it. Resolves to a 32-byte key the
 * caller wipes.
 */
export type KeyDeriver = (passphrase: Uint8Array, params: KdfParams) => Promise<Uint8Array>;

/**
 * Why a derivation run elsewhere (the key-derivation worker) gave no key, as
 * values the interface words. `detail`: the browser's own text for a worker
 * that failed to start or crashed (technical, not ours; may be empty).
 */
export type KdfFailure =
  | { readonly reason: "crypto-unavailable"; readonly error: CryptoLoadError }
  | { readonly reason: "malformed-request" | "params-out-of-range" | "malformed-answer" | "unexpected-answer" }
  | { readonly reason: "worker-error"; readonly detail: string };

/** What a KeyDeriver that runs elsewhere throws when it gets no key: its failure travels as a value (shared/worker/dispatch.ts). */
export class KdfFailedError extends Error {
  constructor(readonly failure: KdfFailure) {
    super(`key derivation failed: ${failure.reason}`);
    this.name = "KdfFailedError";
  }
}

export const deriveHere: KeyDeriver = async (passphrase, params) => deriveKey(passphrase, params);

/** Derives a 32-byte key; the caller wipes it. Only for parameters that passed `checkParams`. */
export function deriveKey(passphrase: Uint8Array, params: KdfParams): Uint8Array {
  const salt = fromBase64(params.salt);
  if (!salt) throw new Error("deriveKey called with unparsed parameters");
  return argon2id(passphrase, salt, params.opsLimit, params.memLimitBytes, 32);
}

export type Calibration = KdfCost & { readonly seconds: number; readonly measurements: number };

/**
 * Finds the cheapest cost, from the floor up, whose derivation takes at least
 * the target's minimum. Memory rises first (doubling, up to the ceiling), since
 * memory is what makes Argon2id costly on GPUs; then passes, estimated from the
 * last measurement since time grows linearly with them. `measure` runs (or, in
 * tests, pretends to run) one derivation and returns its duration in seconds.
 */
export function calibrate(measure: (cost: KdfCost) => number, ceiling: KdfCost = KDF_CEILING): Calibration {
  let cost: KdfCost = KDF_FLOOR;
  let measurements = 0;
  for (;;) {
    const seconds = measure(cost);
    measurements++;
    if (seconds >= KDF_TARGET_SECONDS.min) return { ...cost, seconds, measurements };
    if (cost.memLimitBytes < ceiling.memLimitBytes) {
      cost = { ...cost, memLimitBytes: Math.min(ceiling.memLimitBytes, cost.memLimitBytes * 2) };
    } else if (cost.opsLimit < ceiling.opsLimit) {
      // Aim at the middle of the target window; at least one more pass so the search ends.
      const wanted = Math.ceil((cost.opsLimit * 0.75) / Math.max(seconds, 1e-3));
      cost = { ...cost, opsLimit: Math.min(ceiling.opsLimit, Math.max(cost.opsLimit + 1, wanted)) };
    } else {
      // A machine so fast that the ceiling is under the target: the ceiling it is.
      return { ...cost, seconds, measurements };
    }
  }
}

/** A `measure` for `calibrate` that runs real derivations, timed by the injected clock (milliseconds). */
export function argon2idTimer(nowMs: () => number, salt: Uint8Array): (cost: KdfCost) => number {
  const probe = new Uint8Array(16);
  return (cost) => {
    const start = nowMs();
    wipe(argon2id(probe, salt, cost.opsLimit, cost.memLimitBytes, 32));
    return (nowMs() - start) / 1000;
  };
}
