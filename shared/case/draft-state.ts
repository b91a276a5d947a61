/**
 * What the case editor holds unsaved, and the draft it keeps of it in the
 * vault: the case, its panel and the custody events being typed, each only
 * when it differs from what is saved. A draft read back is offered to the
 * person before anything is edited (an edit would overwrite it).
 */
import type { CaseDraft, CustodyInputs, DraftContent } from "./case-draft";
import type { Case, CaseId, Panel } from "./model";

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export type EditorState = {
  /** The case as saved in the vault (undefined until it is read). */
  readonly saved: Case | undefined;
  /** The case as edited. */
  readonly draft: Case | undefined;
  /** The panel as composed, when it was touched. */
  readonly panelDraft: Panel | undefined;
  /** The panel it is compared with (the saved one, or a blank one); undefined until the panel is read, when any composed panel counts as changed. */
  readonly panelBase: Panel | undefined;
  /** Custody events being typed, by evidence item. */
  readonly custody: CustodyInputs;
};

export type Unsaved = { readonly case: boolean; readonly panel: boolean; readonly custody: boolean };

/** Which parts of the editor's state are not saved. */
export function unsavedParts(s: EditorState): Unsaved {
  return {
    case: s.draft !== undefined && !same(s.draft, s.saved),
    panel: s.panelDraft !== undefined && s.saved !== undefined && (s.panelBase === undefined || !same(s.panelDraft, s.panelBase)),
    custody: Object.keys(s.custody).length > 0,
  };
}

/** The unsaved parts, as a draft holds them. */
export function unsavedContent(s: EditorState): DraftContent {
  const parts = unsavedParts(s);
  return draftContent({ ...(parts.case ? { case: s.draft } : {}), ...(parts.panel ? { panel: s.panelDraft } : {}), ...(parts.custody ? { custody: s.custody } : {}) });
}

/** `content` with only the parts it holds, always in the same order (so equal contents have equal keys). */
export function draftContent(content: DraftContent): DraftContent {
  return { ...(content.case ? { case: content.case } : {}), ...(content.panel ? { panel: content.panel } : {}), ...(content.custody ? { custody: content.custody } : {}) };
}

/** A key that changes whenever the content does: the editor keeps a draft only when it differs from the last one kept. */
export const draftKey = (content: DraftContent): string => JSON.stringify(draftContent(content));

/** Whether the content holds nothing unsaved. */
export const isEmptyDraft = (content: DraftContent): boolean => !content.case && !content.panel && !content.custody;

/** The draft record of case `caseId` holding `content`, as written at `savedAt`. */
export function caseDraftRecord(caseId: CaseId, savedAt: string, content: DraftContent): CaseDraft {
  return { format: "attribution-panel/case-draft", version: 1, caseId, savedAt, ...draftContent(content) };
}

/** A draft read back, to offer: what it holds and when it was kept. */
export type DraftOffer = DraftContent & { readonly savedAt: string };

/**
 * What a stored draft offers: null when there is none or it holds nothing.
 * The draft was checked for shape only; the editor holds it as a case until
 * it is saved and checked in full.
 */
export function draftOffer(kept: CaseDraft | undefined): DraftOffer | null {
  if (!kept || (!kept.case && !kept.panel && !kept.custody)) return null;
  return { savedAt: kept.savedAt, ...draftContent({ ...(kept.case ? { case: kept.case as Case } : {}), ...(kept.panel ? { panel: kept.panel as Panel } : {}), ...(kept.custody ? { custody: kept.custody } : {}) }) };
}
