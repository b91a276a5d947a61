/**
 * Unsaved edits of a case, kept in the vault (encrypted like every record)
 * so that leaving the editor or closing the window loses nothing. One draft
 * per case, keyed by the case id; saving the case deletes it. A draft holds
 * what the person typed, even what the case's own checks would refuse (an
 * empty title, a half-typed state code): its schema checks the shape, and
 * the case is checked in full when it is saved.
 */
import { issuesOf, type Issue } from "../validation/issues";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import type { Case, Panel } from "./model";
import { CaseDraftRecord, CaseDraftSchema, type CaseDraft, type CustodyInputs } from "./records/case-draft.record";

export { CaseDraftSchema, CustodyInputSchema, DraftPanelSchema, type CaseDraft, type CustodyInput, type CustodyInputs } from "./records/case-draft.record";

/**
 * The content of a draft as the editor holds it (typed as a case, though it
 * may break the case's checks).
 */
export type DraftContent = { readonly case?: Case; readonly panel?: Panel; readonly custody?: CustodyInputs };

/** The draft of `caseId`, or undefined when there is none. */
export async function loadCaseDraft(v: UnlockedVault, caseId: string): Promise<Result<CaseDraft | undefined, VaultError>> {
  return CaseDraftRecord.find(v, caseId);
}

export type DraftError = VaultError | { readonly kind: "draft-invalid"; readonly issues: readonly Issue[] } | { readonly kind: "draft-for-another-case" };

/** Keeps `draft` as the draft of its case (replacing any earlier one); a draft with nothing in it deletes it. */
export async function keepCaseDraft(v: UnlockedVault, candidate: unknown): Promise<Result<CaseDraft | undefined, DraftError>> {
  const parsed = CaseDraftSchema.safeParse(candidate);
  if (!parsed.success) return err({ kind: "draft-invalid", issues: issuesOf(parsed.error, 6) });
  const draft = parsed.data;
  if ((draft.case && draft.case.id !== draft.caseId) || (draft.panel && draft.panel.caseId !== draft.caseId)) return err({ kind: "draft-for-another-case" });
  if (!draft.case && !draft.panel && !draft.custody) {
    const deleted = await discardCaseDraft(v, draft.caseId);
    return deleted.ok ? ok(undefined) : deleted;
  }
  const written = await CaseDraftRecord.put(v, draft.caseId, draft);
  return written.ok ? ok(draft) : written;
}

export async function discardCaseDraft(v: UnlockedVault, caseId: string): Promise<Result<void, VaultError>> {
  return CaseDraftRecord.delete(v, caseId);
}
