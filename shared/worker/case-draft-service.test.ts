import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { testService } from "./service.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const service = testService;

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
    expect(await s.refusal("case:draft-keep", { draft: { ...draft, caseId: "x".repeat(22) } })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "draft-for-another-case" } } });

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
    // The catch-all claim is a flag, worded by each interface in its language; no statement travels with it.
    expect(c.claims.map((x) => [x.statement, x.catchAll])).toEqual([
      ["", false],
      ["", true],
    ]);
  });
});
