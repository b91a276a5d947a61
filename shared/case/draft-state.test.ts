import { describe, expect, it } from "vitest";
import { CaseDraftSchema, type CaseDraft } from "./case-draft";
import { blankEvidence, withClaimStatement } from "./case-edit";
import { NO_CUSTODY_INPUT } from "./custody-input";
import { caseDraftRecord, draftContent, draftKey, draftOffer, isEmptyDraft, unsavedContent, unsavedParts, type EditorState } from "./draft-state";
import type { Case } from "./model";
import { blankPanel } from "./panel-draft";
import { testCaseId, testClaimId, testEvidenceId, testExpertId } from "./ids.testing";

const T = "2026-11-22T10:00:00.000Z";
const LATER = "2026-11-22T10:05:00.000Z";
const saved: Case = {
  format: "attribution-panel/case",
  version: 1,
  id: testCaseId(0),
  title: "Case",
  summary: "",
  incidentWindow: { start: T, end: T },
  sectors: [],
  civilianImpact: "",
  parties: { accusing: [], accused: [], affected: [] },
  marking: "AMBER",
  deadline: T,
  claims: [
    { id: testClaimId(1), statement: "", catchAll: false },
    { id: testClaimId(2), statement: "", catchAll: true },
  ],
  evidence: [blankEvidence(testEvidenceId(3))],
  composition: { minRegions: 3, maxRegionShare: 0.4 },
  created: T,
  updated: T,
};
const base = blankPanel(saved);
const composed = { ...base, chairId: testExpertId(7) };
const typing = { [testEvidenceId(3)]: { ...NO_CUSTODY_INPUT, actor: "Clerk" } };
const state = (over: Partial<EditorState> = {}): EditorState => ({ saved, draft: saved, panelDraft: undefined, panelBase: undefined, custody: {}, ...over });

describe("what the case editor holds unsaved", () => {
  it("nothing, as opened", () => {
    expect(unsavedParts(state())).toEqual({ case: false, panel: false, custody: false });
    expect(isEmptyDraft(unsavedContent(state()))).toBe(true);
    expect(unsavedParts(state({ saved: undefined, draft: undefined, panelDraft: composed }))).toEqual({ case: false, panel: false, custody: false });
  });

  it("the case, once it differs from the saved one (not once it is typed back)", () => {
    const edited = withClaimStatement(saved, testClaimId(1), "State A did it.");
    expect(unsavedParts(state({ draft: edited })).case).toBe(true);
    expect(unsavedContent(state({ draft: edited }))).toEqual({ case: edited });
    expect(unsavedParts(state({ draft: withClaimStatement(edited, testClaimId(1), "") })).case).toBe(false);
  });

  it("the panel, once it differs from the one it started from; any composed panel while that is not read yet", () => {
    expect(unsavedParts(state({ panelDraft: base, panelBase: base })).panel).toBe(false);
    expect(unsavedParts(state({ panelDraft: composed, panelBase: base })).panel).toBe(true);
    expect(unsavedParts(state({ panelDraft: base, panelBase: undefined })).panel).toBe(true);
  });

  it("custody events being typed", () => {
    expect(unsavedContent(state({ custody: typing }))).toEqual({ custody: typing });
  });

  it("every part, in one order, so the same content always has the same key", () => {
    const edited = { ...saved, title: "Renamed" };
    const content = unsavedContent(state({ draft: edited, panelDraft: composed, panelBase: base, custody: typing }));
    expect(Object.keys(content)).toEqual(["case", "panel", "custody"]);
    expect(draftKey({ custody: typing, panel: composed, case: edited })).toBe(draftKey(content));
    expect(draftKey({ custody: typing })).not.toBe(draftKey({ custody: typing, panel: composed }));
    expect(draftContent({ case: undefined, custody: typing })).toEqual({ custody: typing });
  });
});

describe("the draft kept in the vault", () => {
  it("is a record the vault accepts, holding only the unsaved parts", () => {
    const edited = { ...saved, title: "" };
    const record = caseDraftRecord(saved.id, LATER, { case: edited, custody: typing });
    expect(CaseDraftSchema.safeParse(record).success).toBe(true);
    expect(record).toEqual({ format: "attribution-panel/case-draft", version: 1, caseId: saved.id, savedAt: LATER, case: edited, custody: typing });
    expect("panel" in record).toBe(false);
  });

  it("read back, is offered with what it holds and when it was kept; an empty one or none is not offered", () => {
    const kept: CaseDraft = { format: "attribution-panel/case-draft", version: 1, caseId: saved.id, savedAt: LATER, panel: composed };
    expect(draftOffer(kept)).toEqual({ savedAt: LATER, panel: composed });
    expect(draftOffer(undefined)).toBeNull();
    expect(draftOffer({ format: "attribution-panel/case-draft", version: 1, caseId: saved.id, savedAt: LATER })).toBeNull();
    // The key of an offer restored is the key of the same content held by the editor: it is not written again.
    const edited = { ...saved, summary: "Typed before the window closed." };
    const offer = draftOffer({ ...kept, case: edited, custody: typing });
    expect(offer && draftKey(offer)).toBe(draftKey(unsavedContent(state({ draft: edited, panelDraft: composed, panelBase: undefined, custody: typing }))));
  });
});
