/**
 * The rubric editor's draft through the worker: kept, read back (a number
 * field without a number as null), replaced, discarded, and deleted when the
 * rubric is saved; a draft of another shape is refused, nothing kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { draftRubricOf } from "../rubric/draft-rubric";
import { DEFAULT_RUBRIC_ID, type Rubric } from "../rubric/rubric";
import { testService } from "./service.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const draftOf = (rubric: Rubric, savedAt: string) => ({ format: "attribution-panel/rubric-draft", version: 1, rubricId: rubric.id, baseRevision: 1, savedAt, rubric: draftRubricOf(rubric) });

describe("the draft of a rubric being edited", () => {
  it("is kept, read back, replaced and discarded; saving the rubric deletes it", async () => {
    const sec = testService();
    await sec.call("vault:create", { passphrase: PASS });
    const copy = await sec.call("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "treaty", title: { en: "Treaty rubric" } });
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toBeNull();

    const typing: Rubric = { ...copy.latest, title: { en: "Treaty rubric (draft)" }, sumTolerance: Number.NaN };
    expect(await sec.call("rubric:draft-keep", { draft: draftOf(typing, "2026-11-22T10:00:00.000Z") })).toEqual({ savedAt: "2026-11-22T10:00:00.000Z" });
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toMatchObject({ rubricId: "treaty", baseRevision: 1, rubric: { title: { en: "Treaty rubric (draft)" }, sumTolerance: null } });
    // Kept across a lock.
    await sec.call("vault:lock", {});
    await sec.call("vault:unlock", { passphrase: PASS });
    const later = { ...typing, sumTolerance: 7 };
    await sec.call("rubric:draft-keep", { draft: draftOf(later, "2026-11-22T10:01:00.000Z") });
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toMatchObject({ savedAt: "2026-11-22T10:01:00.000Z", rubric: { sumTolerance: 7 } });
    expect(await sec.call("rubric:draft-discard", { id: "treaty" })).toEqual({});
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toBeNull();

    await sec.call("rubric:draft-keep", { draft: draftOf(later, "2026-11-22T10:02:00.000Z") });
    await sec.call("rubric:save", { rubric: later, baseRevision: 1 });
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toBeNull();
  });

  it("refuses a draft of another shape, or of another rubric than it names, and keeps nothing", async () => {
    const sec = testService();
    await sec.call("vault:create", { passphrase: PASS });
    const copy = await sec.call("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "treaty", title: { en: "Treaty rubric" } });
    const good = draftOf(copy.latest, "2026-11-22T10:00:00.000Z");
    expect(await sec.refusal("rubric:draft-keep", { draft: { ...good, rubric: { ...good.rubric, likelihood: "many" } } })).toMatchObject({ kind: "refused", problem: { kind: "rubric", error: { kind: "invalid-rubric" } } });
    expect(await sec.refusal("rubric:draft-keep", { draft: { ...good, rubricId: "other" } })).toMatchObject({ kind: "refused", problem: { kind: "rubric", error: { kind: "invalid-rubric" } } });
    expect(await sec.call("rubric:draft-get", { id: "treaty" })).toBeNull();
    expect(await sec.call("rubric:draft-get", { id: "other" })).toBeNull();
  });
});
