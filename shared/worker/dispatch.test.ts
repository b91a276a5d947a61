import { describe, expect, it } from "vitest";
import { err, ok } from "../result";
import { KdfFailedError } from "../vault/kdf";
import { dispatchWorkerCall, lazyHandlers, type WorkerHandlers } from "./dispatch";

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
// Only the method under test; the others are never called here.
const only = (handlers: Pick<WorkerHandlers, "crypto:status">) => handlers as WorkerHandlers;
const backend = { library: "libsodium" as const, version: "1.0.22", webAssembly: true as const };

describe("dispatchWorkerCall", () => {
  it("runs a known method and validates its answer", async () => {
    const handlers = only({ "crypto:status": async () => ok(backend) });
    expect(await dispatchWorkerCall(handlers, "crypto:status", {}, context())).toEqual({ ok: true, value: backend });
  });

  it("refuses unknown methods, malformed requests and malformed answers", async () => {
    const handlers = only({ "crypto:status": async () => ok({ ...backend, webAssembly: false } as never) });
    expect(await dispatchWorkerCall(handlers, "vault:dump", {}, context())).toEqual({ ok: false, error: { kind: "unknown-method", method: "vault:dump" } });
    expect(await dispatchWorkerCall(handlers, "toString", {}, context())).toMatchObject({ ok: false, error: { kind: "unknown-method" } });
    expect(await dispatchWorkerCall(handlers, "crypto:status", { extra: 1 }, context())).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    expect(await dispatchWorkerCall(handlers, "crypto:status", {}, context())).toMatchObject({ ok: false, error: { kind: "invalid-response" } });
  });

  it("passes typed failures through and turns exceptions and cancellation into values", async () => {
    const failing = only({ "crypto:status": async () => err({ kind: "crypto-unavailable", error: { kind: "load-failed", detail: "no wasm" } }) });
    expect(await dispatchWorkerCall(failing, "crypto:status", {}, context())).toEqual({ ok: false, error: { kind: "crypto-unavailable", error: { kind: "load-failed", detail: "no wasm" } } });
    const throwing = only({ "crypto:status": async () => { throw new Error("bug"); } });
    expect(await dispatchWorkerCall(throwing, "crypto:status", {}, context())).toEqual({ ok: false, error: { kind: "worker-failed", reason: "exception", detail: "bug" } });
    // A key derivation that gave no key: its failure travels as a value, not as an exception's text.
    const noKey = only({ "crypto:status": async () => { throw new KdfFailedError({ reason: "worker-error", detail: "" }); } });
    expect(await dispatchWorkerCall(noKey, "crypto:status", {}, context())).toEqual({ ok: false, error: { kind: "worker-failed", reason: "key-derivation", failure: { reason: "worker-error", detail: "" } } });
    const controller = new AbortController();
    const slow = only({ "crypto:status": async () => (controller.abort(), ok(backend)) });
    // Completed despite a late cancel: reported as done, never as undone.
    expect(await dispatchWorkerCall(slow, "crypto:status", {}, { signal: controller.signal, progress: () => undefined })).toEqual({ ok: true, value: backend });
    const aborted = new AbortController();
    const failsOnAbort = only({ "crypto:status": async () => (aborted.abort(), err({ kind: "crypto-unavailable", error: { kind: "load-failed", detail: "stopped" } })) });
    expect(await dispatchWorkerCall(failsOnAbort, "crypto:status", {}, { signal: aborted.signal, progress: () => undefined })).toEqual({ ok: false, error: { kind: "cancelled" } });
    const stream = new AbortController();
    const throwsOnAbort = only({ "crypto:status": async () => { stream.abort(); throw new TypeError("Failed to fetch"); } });
    expect(await dispatchWorkerCall(throwsOnAbort, "crypto:status", {}, { signal: stream.signal, progress: () => undefined })).toEqual({ ok: false, error: { kind: "cancelled" } });
  });
});

describe("worker message schemas", () => {
  it("accept well-formed replies and calls, and nothing else", async () => {
    const { WorkerReplySchema, WorkerCallSchema } = await import("./contract");
    expect(WorkerReplySchema.safeParse({ type: "result", id: 1, result: { ok: true, value: 3 } }).success).toBe(true);
    expect(WorkerReplySchema.safeParse({ type: "result", id: 1, result: { ok: false, error: { kind: "cancelled" } } }).success).toBe(true);
    expect(WorkerReplySchema.safeParse({ type: "progress", id: 1, done: 5, total: 10 }).success).toBe(true);
    expect(WorkerReplySchema.safeParse({ type: "result", id: 1, result: { ok: false, error: { kind: "made-up" } } }).success).toBe(false);
    expect(WorkerCallSchema.safeParse({ type: "call", id: 2, method: "crypto:status", payload: {} }).success).toBe(true);
    expect(WorkerCallSchema.safeParse({ type: "call", id: -1, method: "x", payload: {} }).success).toBe(false);
  });
});

describe("lazyHandlers", () => {
  const context = { signal: new AbortController().signal, progress: () => undefined };

  it("loads the implementation on the first call only, and answers through it", async () => {
    let loads = 0;
    const handlers = lazyHandlers(["crypto:status"], async () => {
      loads++;
      return { "crypto:status": async () => ok({ library: "libsodium", version: "1.0.20", webAssembly: true as const }) };
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([handlers["crypto:status"]({}, context), handlers["crypto:status"]({}, context)]);
    expect(a).toEqual(ok({ library: "libsodium", version: "1.0.20", webAssembly: true }));
    expect(b).toEqual(a);
    expect(loads).toBe(1);
  });

  it("retries a load that failed", async () => {
    let attempts = 0;
    const handlers = lazyHandlers(["crypto:status"], async () => {
      if (++attempts === 1) throw new Error("chunk missing");
      return { "crypto:status": async () => err({ kind: "crypto-unavailable" as const, error: { kind: "load-failed" as const, detail: "no" } }) };
    });
    await expect(handlers["crypto:status"]({}, context)).rejects.toThrow("chunk missing");
    expect(await handlers["crypto:status"]({}, context)).toEqual(err({ kind: "crypto-unavailable", error: { kind: "load-failed", detail: "no" } }));
    expect(attempts).toBe(2);
  });
});
