/**
 * Unsaved edits of a case (and its panel), by case id. A draft holds what the
 * person typed, even what the case's own checks would refuse (an empty title,
 * a half-typed state code): its schema checks the shape, and the case is
 * checked in full when it is saved (case-draft.ts).
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { CaseFieldsSchema, CaseIdSchema, ClaimSchema, CUSTODY_ACTIONS, EvidenceIdSchema, EvidenceSchema, ExpertIdSchema, PanelSchema, readLegacyClaim, WaiverSchema } from "../model";

export const CASE_DRAFTS_TABLE = "case-drafts";

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
  chairId: z.union([z.literal(""), ExpertIdSchema]),
  waivers: z.array(WaiverSchema.extend({ reason: typed(2000) })).max(50),
});

/** A custody event half typed into an evidence item's form, not yet added to its chain. */
export const CustodyInputSchema = z.strictObject({ action: z.enum(CUSTODY_ACTIONS), actor: typed(400), place: typed(400), note: typed(2000), sha256: typed(200) });
export type CustodyInput = z.infer<typeof CustodyInputSchema>;

/** The custody events being typed, by evidence item id. */
export const CustodyInputsSchema = z.record(EvidenceIdSchema, CustodyInputSchema).refine((r) => Object.keys(r).length <= 10_000, { params: { reason: "too-many-custody-forms" } });
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

export const CaseDraftRecord = defineRecord({ table: CASE_DRAFTS_TABLE, version: 1, schema: CaseDraftSchema });
