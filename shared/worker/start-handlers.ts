/**
 * The two questions the interface asks at start-up — is the cryptography
 * ready, and in what state is the vault at rest — answered without the
 * worker's services: the crypto worker answers them as soon as libsodium is
 * ready, before its services chunk (schemas for every method, the vault, the
 * identities) has loaded (renderer/crypto/crypto.worker.ts). The vault
 * service answers the same questions with these same functions afterwards.
 */
import { loadCrypto, type CryptoBackend } from "../crypto/sodium";
import { err, ok } from "../result";
import { z } from "../validation/zod";
import type { VaultStore } from "../vault/storage-port";
import { readHeader } from "../vault/stored-header";
import { remainingDelay } from "../vault/unlock-policy";
import type { vaultMethods, VaultStatus } from "./contracts/vault";
import { refused, type R } from "./refusal";

export const START_METHODS = ["crypto:status", "vault:status"] as const satisfies readonly (keyof typeof vaultMethods)[];
export type StartMethod = (typeof START_METHODS)[number];

export async function cryptoStatus(): R<CryptoBackend> {
  const loaded = await loadCrypto();
  return loaded.ok ? ok(loaded.value) : err({ kind: "crypto-unavailable", error: loaded.error });
}

/** The vault's state while no session is open: none yet (`interruptedRestore`: rows without a header remain), or locked. */
export async function vaultStatusAtRest(store: Pick<VaultStore, "getHeader" | "listSlots">, now: Date): R<Exclude<VaultStatus, { state: "unlocked" }>> {
  const header = await readHeader(store);
  if (!header.ok) {
    if (header.error.kind === "no-vault") return ok({ state: "none", interruptedRestore: (await store.listSlots()).length > 0 });
    return refused(header.error);
  }
  const failures = header.value.unlockFailures;
  return ok({ state: "locked", failedAttempts: failures.count, retryAfterMs: remainingDelay(failures, now) });
}

/** A call the start-up path may answer: one of the start methods, with the empty request both take. */
const StartCallSchema = z.strictObject({ type: z.literal("call"), id: z.number().int().nonnegative(), method: z.enum(START_METHODS), payload: z.strictObject({}) });

/** The start-up call in `data`, or undefined for any other message (the services answer those). */
export function startCallOf(data: unknown): { readonly id: number; readonly method: StartMethod } | undefined {
  const call = StartCallSchema.safeParse(data);
  return call.success ? { id: call.data.id, method: call.data.method } : undefined;
}
