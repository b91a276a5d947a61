/**
 * Unsaved edits of a case, kept in the vault (encrypted like every record)
 * so that leaving the editor or closing the window loses nothing. One draft
 * per case, keyed by the case id; saving the case deletes it. A draft holds
 * what the person typed, even what the case's own checks would refuse (an
 * empty title, a half-typed state code): its schema checks the shape, and
 * the case is checked in full when it is saved.
 */
import { issuesOf, type Issue } from "../validation/issues";
import { z } from "../validation/zod";
import { TimestampSchema } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { CASE_DRAFTS_TABLE } from "./case-records";
import { CaseFieldsSchema, CaseIdSchema, ClaimSchema, CUSTODY_ACTIONS, EvidenceSchema, PanelSchema, readLegacyClaim, WaiverSchema, type Case, type Panel } from "./model";

/** Free text as typed: bounded, nothing else. */
const typed = (max: number) => z.string().max(max);
const codes = z.array(typed(10)).max(50);

export const DraftCaseSchema = CaseFieldsSchema.extend({
  title: typed(400),
  summary: typed(20_000),
  civilianImpact: typed(5000),
  parties: z.strictObject({ accusing: codes, accused: codes, affected: codes }),
  claims: z.array(z.preprocess(readLegacyClaim, ClaimSchema.extend({ statement: typed(1000), attributedState: typed(10).optional() }))).max(50),
  evidence: z.array(EvidenceSchema.extend({ title: typed(400), description: typed(20_000), sourceDescription: typed(2000) })).max(10_000),
  composition: z.strictObject({ minRegions: z.number(), maxRegionShare: z.number() }),
});

/** A panel being composed: the chair may not be chosen yet, a waiver's reason half written. */
export const DraftPanelSchema = PanelSchema.extend({
  chairId: z.union([z.literal(""), CaseIdSchema]),
  waivers: z.array(WaiverSchema.extend({ reason: typed(2000) })).max(50),
});

/** A custody event half typed into an evidence item's form, not yet added to its chain. */
export const CustodyInputSchema = z.strictObject({ action: z.enum(CUSTODY_ACTIONS), actor: typed(400), place: typed(400), note: typed(2000), sha256: typed(200) });
export type CustodyInput = z.infer<typeof CustodyInputSchema>;

/** The custody events being typed, by evidence item id. */
export const CustodyInputsSchema = z.record(CaseIdSchema, CustodyInputSchema).refine((r) => Object.keys(r).length <= 10_000, { params: { reason: "too-many-custody-forms" } });
export type CustodyInputs = Readonly<Record<string, CustodyInput>>;

export const CaseDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/case-draft"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** When the draft was last written. */
  savedAt: TimestampSchema,
  /** The unsaved case, when the case itself has unsaved edits. */
  case: DraftCaseSchema.optional(),
  /** The unsaved panel, when the panel has unsaved edits. */
  panel: DraftPanelSchema.optional(),
  /** Custody events being typed (not yet added to their item), when there are any. */
  custody: CustodyInputsSchema.optional(),
});
export type CaseDraft = z.infer<typeof CaseDraftSchema>;

/**
 * The content of a draft as the editor holds it (typed as a case, though it
 * may break the case's checks).
 */
export type DraftContent = { readonly case?: Case; readonly panel?: Panel; readonly custody?: CustodyInputs };

/** The draft of `caseId`, or undefined when there is none. */
export async function loadCaseDraft(v: UnlockedVault, caseId: string): Promise<Result<CaseDraft | undefined, VaultError>> {
  const draft = await v.get(CASE_DRAFTS_TABLE, caseId, CaseDraftSchema);
  if (!draft.ok && draft.error.kind === "missing") return ok(undefined);
  return draft;
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
  const written = await v.put(CASE_DRAFTS_TABLE, draft.caseId, draft);
  return written.ok ? ok(draft) : written;
}

export async function discardCaseDraft(v: UnlockedVault, caseId: string): Promise<Result<void, VaultError>> {
  const ids = await v.list(CASE_DRAFTS_TABLE);
  if (!ids.ok) return ids;
  return ids.value.includes(caseId) ? v.delete(CASE_DRAFTS_TABLE, caseId) : ok(undefined);
}
