import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { RUBRIC_PATH } from "../case/case-records";
import { exportedPart, must, newTestVault, secretariatWithPanel } from "../case/case.testing";
import { loadOutbox } from "../case/outbox";
import { exportPacket } from "../case/packet-export";
import { loadPanel } from "../case/case-store";
import { savePanel } from "../case/secretariat";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { DEFAULT_RUBRIC, DEFAULT_RUBRIC_ID, RubricSchema, type Rubric } from "./rubric";
import { rubricDraftRecord } from "./draft-rubric";
import { keepRubricDraft, loadRubricDraft } from "./rubric-draft";
import {
  checkPanelRubric,
  createRubric,
  duplicateRubric,
  getRubric,
  listRubrics,
  restoreRubric,
  retireRubric,
  RubricRecordSchema,
  RUBRICS_TABLE,
  saveRubric,
  type RubricStoreError,
} from "./rubric-store";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-23T09:30:00.000Z");
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
});

/** The refusal of a store call expected to fail. */
const refusalOf = (r: { ok: true } | { ok: false; error: RubricStoreError }) => {
  if (r.ok) throw new Error("expected a refusal");
  if (r.error.kind !== "rubric-refused") throw new Error(`expected a rubric refusal, got ${r.error.kind}`);
  return r.error.error;
};

/** A secretariat's rubric: the default's scales, the range required, proportionality off, and an own likelihood term. */
const ownRubric = (id: string): Rubric => ({
  ...DEFAULT_RUBRIC,
  id,
  title: { en: "Treaty panel rubric", fr: "Grille du groupe du traité" },
  asks: { ...DEFAULT_RUBRIC.asks, range: "required", proportionality: "off" },
  likelihood: [{ id: "remote", label: { en: "Remote", fr: "Lointaine" }, low: 0, high: 1 }, ...DEFAULT_RUBRIC.likelihood],
});

const exportedRubric = (vault: UnlockedVault, caseId: string, memberId: string, now: Date): Promise<unknown> =>
  exportedPart(vault, { caseId, memberId, sender: secretariat, now }, panelist, RUBRIC_PATH);

const auditOf = async (vault: UnlockedVault, prefix: string): Promise<Record<string, unknown>[]> =>
  must(await vault.verifyAudit())
    .entries.filter((e) => e.event.startsWith(prefix))
    .map((e) => ({ event: e.event, ...e.detail }));

describe("the secretariat's rubrics", () => {
  it("always hold the default rubric, which is read-only", async () => {
    const { vault } = await newTestVault(NOW);
    const list = must(await listRubrics(vault));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: DEFAULT_RUBRIC_ID, builtIn: true, retiredAt: null, latest: DEFAULT_RUBRIC });
    expect(refusalOf(await saveRubric(vault, { ...DEFAULT_RUBRIC, sumTolerance: 10 }, 1, NOW))).toEqual({ kind: "read-only" });
    expect(refusalOf(await retireRubric(vault, DEFAULT_RUBRIC_ID, NOW))).toEqual({ kind: "read-only" });
    expect(must(await getRubric(vault, DEFAULT_RUBRIC_ID)).rubric).toEqual(DEFAULT_RUBRIC);
    expect(refusalOf(await getRubric(vault, DEFAULT_RUBRIC_ID, 2))).toEqual({ kind: "no-such-revision", rubricId: DEFAULT_RUBRIC_ID, revision: 2 });
  });

  it("take a new id only: well formed, not reserved, never used before", async () => {
    const { vault } = await newTestVault(NOW);
    for (const id of ["Treaty", "treaty panel", "-treaty", "treaty-", "", "x".repeat(101), "traité"]) expect(refusalOf(await createRubric(vault, ownRubric(id), NOW))).toEqual({ kind: "invalid-id", rubricId: id });
    expect(refusalOf(await createRubric(vault, ownRubric("default-v2"), NOW))).toEqual({ kind: "id-reserved", rubricId: "default-v2" });
    const created = must(await createRubric(vault, ownRubric("treaty-2026"), NOW));
    expect(created).toMatchObject({ id: "treaty-2026", builtIn: false, createdAt: NOW.toISOString(), from: null, retiredAt: null, revisions: [{ revision: 1, frozenAt: null, packets: 0 }] });
    expect(refusalOf(await createRubric(vault, ownRubric("treaty-2026"), NOW))).toEqual({ kind: "id-taken", rubricId: "treaty-2026" });
    // Retired, the id stays taken.
    must(await retireRubric(vault, "treaty-2026", NOW));
    expect(refusalOf(await duplicateRubric(vault, { from: DEFAULT_RUBRIC_ID, id: "treaty-2026", title: { en: "Again" } }, NOW))).toEqual({ kind: "id-taken", rubricId: "treaty-2026" });
    // The disk does not show the id: the record's id is keyed.
    const stored = must(await vault.list(RUBRICS_TABLE));
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain("treaty");
  });

  it("refuse a rubric that breaks its schema, with the issues by field", async () => {
    const { vault } = await newTestVault(NOW);
    const { title: _title, ...untitled } = ownRubric("untitled");
    const refused = refusalOf(await createRubric(vault, untitled, NOW));
    const issues = refused.kind === "invalid-rubric" ? refused.issues : [];
    expect(issues).toContainEqual(expect.objectContaining({ path: ["title"], reason: "rubric-title-required" }));
    const unlabelled = { ...ownRubric("unlabelled"), likelihood: [{ id: "remote", low: 0, high: 1 }, ...DEFAULT_RUBRIC.likelihood] };
    expect(refusalOf(await createRubric(vault, unlabelled, NOW))).toMatchObject({ kind: "invalid-rubric", issues: [{ path: ["likelihood", 0, "label"], reason: "rubric-label-required", subject: "remote" }] });
    expect(must(await listRubrics(vault))).toHaveLength(1);
  });

  it("duplicate any rubric, the default included, under a new id and title", async () => {
    const { vault } = await newTestVault(NOW);
    const copy = must(await duplicateRubric(vault, { from: DEFAULT_RUBRIC_ID, id: "my-default", title: { en: "My default" } }, NOW));
    expect(copy.from).toEqual({ id: DEFAULT_RUBRIC_ID, revision: 1 });
    expect(copy.latest).toEqual({ ...DEFAULT_RUBRIC, id: "my-default", title: { en: "My default" } });
    const second = must(await duplicateRubric(vault, { from: "my-default", id: "my-second", title: { ar: "نسختي" } }, NOW));
    expect(second).toMatchObject({ from: { id: "my-default", revision: 1 }, latest: { id: "my-second", revision: 1, title: { ar: "نسختي" } } });
    expect(refusalOf(await duplicateRubric(vault, { from: "nowhere", id: "x1", title: { en: "X" } }, NOW))).toEqual({ kind: "unknown-rubric", rubricId: "nowhere" });
    expect(refusalOf(await duplicateRubric(vault, { from: DEFAULT_RUBRIC_ID, id: "no-title", title: {} }, NOW))).toMatchObject({ kind: "invalid-rubric", issues: [{ path: ["title"], reason: "rubric-no-language" }] });
    expect(must(await listRubrics(vault)).map((e) => e.id)).toEqual([DEFAULT_RUBRIC_ID, "my-default", "my-second"]);
    expect(await auditOf(vault, "rubric-")).toEqual([
      { event: "rubric-saved", rubric: "my-default", revision: 1, change: "duplicated", from: DEFAULT_RUBRIC_ID, fromRevision: 1 },
      { event: "rubric-saved", rubric: "my-second", revision: 1, change: "duplicated", from: "my-default", fromRevision: 1 },
    ]);
  });

  it("edit a revision no packet used in place; an edit that changes nothing writes nothing", async () => {
    const { vault } = await newTestVault(NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    const edited = must(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 8 }, 1, LATER));
    expect(edited).toMatchObject({ revision: 1, outcome: "edited", entry: { revisions: [{ revision: 1, savedAt: LATER.toISOString(), frozenAt: null }] } });
    expect(must(await getRubric(vault, "treaty")).rubric.sumTolerance).toBe(8);
    expect(must(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 8 }, 1, LATER)).outcome).toBe("unchanged");
    expect((await auditOf(vault, "rubric-")).map((e) => e["change"])).toEqual(["created", "edited"]);
    expect(refusalOf(await saveRubric(vault, ownRubric("nowhere"), 1, NOW))).toEqual({ kind: "unknown-rubric", rubricId: "nowhere" });
  });
});

describe("the editor's draft of a rubric", () => {
  it("is deleted with the save that keeps the rubric, in the same write, also when the save changed nothing", async () => {
    const { vault } = await newTestVault(NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    const edited = { ...ownRubric("treaty"), sumTolerance: 8 };
    must(await keepRubricDraft(vault, rubricDraftRecord("treaty", 1, LATER.toISOString(), edited)));
    expect(must(await loadRubricDraft(vault, "treaty"))?.rubric.sumTolerance).toBe(8);
    expect(must(await saveRubric(vault, edited, 1, LATER)).outcome).toBe("edited");
    expect(must(await loadRubricDraft(vault, "treaty"))).toBeUndefined();

    // A draft that holds what is saved already: saving it changes no rubric, and the draft goes all the same.
    must(await keepRubricDraft(vault, rubricDraftRecord("treaty", 1, LATER.toISOString(), edited)));
    expect(must(await saveRubric(vault, edited, 1, LATER)).outcome).toBe("unchanged");
    expect(must(await loadRubricDraft(vault, "treaty"))).toBeUndefined();
    // And with no draft, an unchanged save writes nothing at all.
    expect(must(await saveRubric(vault, edited, 1, LATER)).outcome).toBe("unchanged");
    expect((await auditOf(vault, "rubric-")).map((e) => e["change"])).toEqual(["created", "edited"]);
  });

  it("stays when the save is refused", async () => {
    const { vault } = await newTestVault(NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    must(await keepRubricDraft(vault, rubricDraftRecord("treaty", 1, LATER.toISOString(), { ...ownRubric("treaty"), sumTolerance: 9 })));
    must(await retireRubric(vault, "treaty", LATER));
    expect(refusalOf(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 9 }, 1, LATER)).kind).toBe("retired");
    expect(must(await loadRubricDraft(vault, "treaty"))?.rubric.sumTolerance).toBe(9);
  });
});

describe("a rubric a sent packet used", () => {
  it("is carried by the packet as its latest revision, frozen by the export, and edited into the next revision", async () => {
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    const panel = must(await loadPanel(vault, c.id));
    must(await savePanel(vault, { ...panel, rubricId: "treaty" }));

    expect(RubricSchema.parse(await exportedRubric(vault, c.id, panelistId, NOW))).toEqual(ownRubric("treaty"));
    const frozen = must(await getRubric(vault, "treaty")).entry;
    expect(frozen.revisions).toEqual([{ revision: 1, savedAt: NOW.toISOString(), frozenAt: NOW.toISOString(), packets: 1 }]);
    expect(must(await loadOutbox(vault, c.id))[0]).toMatchObject({ rubricId: "treaty", rubricRevision: 1 });

    // A second packet keeps the first freezing time, and counts.
    await exportedRubric(vault, c.id, panelistId, LATER);
    expect(must(await getRubric(vault, "treaty")).entry.revisions[0]).toMatchObject({ frozenAt: NOW.toISOString(), packets: 2 });

    // Editing now makes revision 2; revision 1 stays as it was sent.
    const saved = must(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 2 }, 1, LATER));
    expect(saved).toMatchObject({ revision: 2, outcome: "new-revision" });
    expect(must(await getRubric(vault, "treaty", 1)).rubric).toEqual(ownRubric("treaty"));
    expect(must(await getRubric(vault, "treaty")).rubric).toEqual({ ...ownRubric("treaty"), revision: 2, sumTolerance: 2 });
    // Revision 2 is open until a packet carries it: edited in place.
    expect(must(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 3 }, 2, LATER))).toMatchObject({ revision: 2, outcome: "edited" });
    // An edit begun from revision 1 comes too late.
    expect(refusalOf(await saveRubric(vault, ownRubric("treaty"), 1, LATER))).toEqual({ kind: "stale", rubricId: "treaty", baseRevision: 1, latest: 2 });

    const sent = await exportedRubric(vault, c.id, panelistId, LATER);
    expect(sent).toMatchObject({ id: "treaty", revision: 2, sumTolerance: 3 });
    expect(must(await getRubric(vault, "treaty")).entry.revisions.map((r) => [r.revision, r.frozenAt, r.packets])).toEqual([
      [1, NOW.toISOString(), 2],
      [2, LATER.toISOString(), 1],
    ]);
    expect((await auditOf(vault, "packet-exported")).map((e) => [e["rubric"], e["rubricRevision"]])).toEqual([
      ["treaty", 1],
      ["treaty", 1],
      ["treaty", 2],
    ]);
  });

  it("is not frozen by an export refused before the packet is recorded", async () => {
    const { vault, c } = await secretariatWithPanel(panelist, NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    const panel = must(await loadPanel(vault, c.id));
    must(await savePanel(vault, { ...panel, rubricId: "treaty" }));
    const refused = await exportPacket(vault, { caseId: c.id, memberId: "z".repeat(22), sender: secretariat, now: NOW });
    expect(refused).toMatchObject({ ok: false, error: { kind: "case-refused", error: { kind: "not-on-panel" } } });
    expect(must(await getRubric(vault, "treaty")).entry.revisions[0]).toMatchObject({ frozenAt: null, packets: 0 });
  });

  it("is named when the panel's rubric no longer exists", async () => {
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
    const panel = must(await loadPanel(vault, c.id));
    must(await savePanel(vault, { ...panel, rubricId: "never-saved" }));
    expect(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW })).toMatchObject({
      ok: false,
      error: { kind: "case-refused", error: { kind: "unknown-rubric", rubricId: "never-saved" } },
    });
  });
});

describe("a retired rubric", () => {
  it("cannot be chosen for a panel nor edited, still sends with a panel that uses it, and can be restored", async () => {
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
    must(await createRubric(vault, ownRubric("treaty"), NOW));
    must(await checkPanelRubric(vault, "treaty", undefined));
    const panel = must(await loadPanel(vault, c.id));
    must(await savePanel(vault, { ...panel, rubricId: "treaty" }));

    const retired = must(await retireRubric(vault, "treaty", LATER));
    expect(retired.retiredAt).toBe(LATER.toISOString());
    // Retiring again changes (and logs) nothing.
    must(await retireRubric(vault, "treaty", LATER));
    expect(refusalOf(await checkPanelRubric(vault, "treaty", undefined))).toEqual({ kind: "retired", rubricId: "treaty" });
    expect(refusalOf(await checkPanelRubric(vault, "treaty", DEFAULT_RUBRIC_ID))).toEqual({ kind: "retired", rubricId: "treaty" });
    must(await checkPanelRubric(vault, "treaty", "treaty"));
    expect(refusalOf(await checkPanelRubric(vault, "nowhere", undefined))).toEqual({ kind: "unknown-rubric", rubricId: "nowhere" });
    must(await checkPanelRubric(vault, DEFAULT_RUBRIC_ID, "treaty"));
    expect(refusalOf(await saveRubric(vault, { ...ownRubric("treaty"), sumTolerance: 9 }, 1, LATER))).toEqual({ kind: "retired", rubricId: "treaty" });

    expect(await exportedRubric(vault, c.id, panelistId, LATER)).toMatchObject({ id: "treaty", revision: 1 });

    const restored = must(await restoreRubric(vault, "treaty", LATER));
    expect(restored.retiredAt).toBeNull();
    must(await checkPanelRubric(vault, "treaty", undefined));
    expect(await auditOf(vault, "rubric-re")).toEqual([
      { event: "rubric-retired", rubric: "treaty" },
      { event: "rubric-restored", rubric: "treaty" },
    ]);
  });
});

describe("the stored record", () => {
  const revision = (n: number, frozen: boolean) => ({ rubric: { ...ownRubric("treaty"), revision: n }, savedAt: NOW.toISOString(), frozenAt: frozen ? NOW.toISOString() : null, packets: frozen ? 1 : 0 });
  const record = (revisions: unknown[]) => ({ format: "attribution-panel/rubric-record", version: 1, id: "treaty", createdAt: NOW.toISOString(), from: null, retiredAt: null, revisions });

  it("holds revisions 1…n of its own id, every one but the latest frozen", () => {
    expect(RubricRecordSchema.safeParse(record([revision(1, true), revision(2, false)])).success).toBe(true);
    expect(RubricRecordSchema.safeParse(record([revision(1, false), revision(2, false)])).success).toBe(false);
    expect(RubricRecordSchema.safeParse(record([revision(1, true), revision(3, false)])).success).toBe(false);
    expect(RubricRecordSchema.safeParse(record([{ ...revision(1, false), rubric: ownRubric("other") }])).success).toBe(false);
    expect(RubricRecordSchema.safeParse(record([])).success).toBe(false);
  });
});
