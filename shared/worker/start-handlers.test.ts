import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { KDF_FLOOR } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import { VaultStatusSchema, WorkerReplySchema } from "./contract";
import { dispatchWorkerCall } from "./dispatch";
import { cryptoStatus, startCallOf, vaultStatusAtRest } from "./start-handlers";
import { createWorkerService } from "./worker-service";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const call = (method: string, payload: unknown = {}, id = 7) => ({ type: "call", id, method, payload });

describe("the start-up questions, answered before the worker's services load", () => {
  it("takes only the two start-up calls, with their empty request", () => {
    expect(startCallOf(call("crypto:status"))).toEqual({ id: 7, method: "crypto:status" });
    expect(startCallOf(call("vault:status", {}, 0))).toEqual({ id: 0, method: "vault:status" });
    // Everything else is left to the services (which refuse what is malformed with their own errors).
    expect(startCallOf(call("vault:unlock", { passphrase: PASS }))).toBeUndefined();
    expect(startCallOf(call("vault:status", { extra: 1 }))).toBeUndefined();
    expect(startCallOf({ type: "call", id: 7, method: "vault:status" })).toBeUndefined();
    expect(startCallOf({ type: "cancel", id: 7 })).toBeUndefined();
    expect(startCallOf(call("crypto:status", {}, -1))).toBeUndefined();
    expect(startCallOf({ ...call("crypto:status"), more: true })).toBeUndefined();
    expect(startCallOf("crypto:status")).toBeUndefined();
    expect(startCallOf(null)).toBeUndefined();
  });

  it("answers the cryptography's state as the services do, in a reply the client accepts", async () => {
    const answer = await cryptoStatus();
    expect(answer).toMatchObject({ ok: true, value: { library: "libsodium", webAssembly: true } });
    expect(WorkerReplySchema.safeParse({ type: "result", id: 1, result: answer }).success).toBe(true);
  });

  it("answers the vault's state at rest exactly as the vault service does, through every state before unlocking", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const clock = () => new Date(now);
    const storage = new MemoryVaultStorage();
    const handlers = createWorkerService({ storage, kdfCost: () => KDF_FLOOR, clock });
    const ask = (method: "vault:status" | "vault:create" | "vault:unlock" | "vault:lock", payload: unknown = {}) =>
      dispatchWorkerCall(handlers, method, payload, { signal: new AbortController().signal, progress: () => undefined });
    const same = async () => {
      const early = await vaultStatusAtRest(storage, clock());
      expect(early).toEqual(await ask("vault:status"));
      expect(early.ok && VaultStatusSchema.safeParse(early.value).success).toBe(true);
      return early;
    };

    expect(await same()).toEqual({ ok: true, value: { state: "none", interruptedRestore: false } });
    expect((await ask("vault:create", { passphrase: PASS })).ok).toBe(true);
    expect((await ask("vault:lock")).ok).toBe(true);
    expect(await same()).toEqual({ ok: true, value: { state: "locked", failedAttempts: 0, retryAfterMs: 0 } });
    for (let i = 0; i < 4; i++) {
      expect((await ask("vault:unlock", { passphrase: `not it ${i} at all, no` })).ok).toBe(false);
      now += 60 * 60 * 1000;
    }
    now -= 60 * 60 * 1000;
    const locked = await same();
    expect(locked).toMatchObject({ ok: true, value: { state: "locked", failedAttempts: 4 } });
    expect(locked.ok && locked.value.state === "locked" && locked.value.retryAfterMs > 0).toBe(true);
  });

  it("reports rows without a header as an interrupted restore, and a malformed header as the vault's refusal", async () => {
    const storage = new MemoryVaultStorage();
    await storage.putRow({ table: "cases", id: "AAAAAAAAAAAAAAAAAAAAAA", nonce: new Uint8Array(24), ciphertext: new Uint8Array(40) });
    expect(await vaultStatusAtRest(storage, new Date())).toEqual({ ok: true, value: { state: "none", interruptedRestore: true } });
    await storage.putHeader({ version: 99 } as never);
    expect(await vaultStatusAtRest(storage, new Date())).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "vault", error: { kind: "header-malformed" } } } });
  });
});
