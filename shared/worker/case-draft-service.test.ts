import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { KDF_FLOOR } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { WorkerMethod, WorkerRequestOf, WorkerResponseOf } from "./contract";
import { dispatchWorkerCall } from "./dispatch";
import { createVaultService } from "./vault-service";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const clock = () => new Date("2026-11-22T10:00:00.000Z");

function service() {
  const handlers = createVaultService({ storage: new MemoryVaultStorage(), kdfCost: () => KDF_FLOOR, clock });
  const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
  async function call<M extends WorkerMethod>(method: M, request: WorkerRequestOf<M>): Promise<WorkerResponseOf<M>> {
    const result = await dispatchWorkerCall(handlers, method, request, context());
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as WorkerResponseOf<M>;
  }
  async function refusal(method: WorkerMethod, request: unknown) {
    const result = await dispatchWorkerCall(handlers, method, request, context());
    if (result.ok) throw new Error(`${method} was expected to fail`);
    return result.error;
  }
  return { call, refusal };
}

describe("case service: drafts and blank claims", () => {
  it("keeps, lists, reads and discards a case's draft; saving the case deletes it", async () => {
    const s = service();
    await s.call("vault:create", { passphrase: PASS });
    const c = await s.call("case:create", { title: "Drafted" });
    expect(await s.call("case:draft-get", { caseId: c.id })).toBeNull();
    const draft = { format: "attribution-panel/case-draft", version: 1, caseId: c.id, savedAt: "2026-11-22T10:01:00.000Z", case: { ...c, title: "" } };
    expect(await s.call("case:draft-keep", { draft })).toEqual({ savedAt: "2026-11-22T10:01:00.000Z" });
    expect((await s.call("case:list", {}))[0]).toMatchObject({ id: c.id, draftSavedAt: "2026-11-22T10:01:00.000Z" });
    expect(await s.call("case:draft-get", { caseId: c.id })).toMatchObject({ case: { title: "" } });
    expect(await s.refusal("case:draft-keep", { draft: { ...draft, caseId: "x".repeat(22) } })).toMatchObject({ kind: "refused", code: "draft-invalid" });

    await s.call("case:save", { case: { ...c, title: "Drafted, then saved" } });
    expect(await s.call("case:draft-get", { caseId: c.id })).toBeNull();
    expect((await s.call("case:list", {}))[0]).not.toHaveProperty("draftSavedAt");

    await s.call("case:draft-keep", { draft });
    await s.call("case:draft-discard", { caseId: c.id });
    expect(await s.call("case:draft-get", { caseId: c.id })).toBeNull();
  });

  it("a new case's claim is empty, never template text", async () => {
    const s = service();
    await s.call("vault:create", { passphrase: PASS });
    const c = await s.call("case:create", { title: "Fresh" });
    expect(c.claims.map((x) => x.statement)).toEqual(["", expect.stringMatching(/^Another actor/)]);
  });
});
