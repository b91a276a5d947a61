/**
 * The chair's draft of the opinion for one case (issue 15, "Drafting"): what
 * the chair chose (DraftChoices: the aggregate reported per claim, the
 * findings the chair sets instead of the panel's mode, whether estimates
 * carry their region), the majority reasoning as Markdown, the withholding
 * marks, and when it was last saved. Nothing else: the opinion itself is
 * recomputed from the statistics of the final round and these choices each
 * time (shared/worker/opinion-handlers.ts), so it follows the scoresheets
 * the chair imports later. Found by a keyed id of the case id, so the disk
 * does not say which case is being drafted.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, prose, type ClaimId } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { TermIdSchema } from "../../scoring/scoresheet";
import { defineRecord } from "../../vault/record-kind";
import { AGGREGATE_METHODS, MAX_CLAIMS, MAX_EVIDENCE, MAX_REASONING, type ClaimChoice, type DraftChoices } from "../opinion";
import { WithholdingMarkSchema } from "../withholding";

export const OPINION_DRAFTS_TABLE = "opinion-drafts";

/** The most marks a draft holds: every evidence item, every roster detail, every paragraph, every estimate's region, with room. */
export const MAX_MARKS = 20_000;

export const AggregateMethodSchema = z.enum(AGGREGATE_METHODS);

/** A finding on one scale: a term id of the rubric, `null` for no finding; absent follows the panel. */
const Finding = TermIdSchema.nullable().optional();

/** The chair's choices for one claim (opinion.ts ClaimChoice), with the claim it is for. */
export const StoredClaimChoiceSchema = z.strictObject({
  claim: ClaimIdSchema,
  aggregate: AggregateMethodSchema.optional(),
  confidence: Finding,
  confidenceBasis: z.strictObject({ evidence: TermIdSchema, agreement: TermIdSchema }).nullable().optional(),
  stateResponsibility: Finding,
  legalBasis: Finding,
});
export type StoredClaimChoice = z.infer<typeof StoredClaimChoiceSchema>;

/** DraftChoices as stored and sent between the UI and the worker: a list per claim instead of a Map, no reasoning or date (kept beside). */
export const StoredChoicesSchema = z
  .strictObject({
    aggregate: AggregateMethodSchema,
    claims: z.array(StoredClaimChoiceSchema).max(MAX_CLAIMS),
    /** The evidence the opinion relies on; every item of the case when absent. */
    evidence: z.array(EvidenceIdSchema).max(MAX_EVIDENCE).optional(),
    /** Whether each released estimate carries its UN regional group. */
    regions: z.boolean(),
  })
  .refine((c) => new Set(c.claims.map((x) => x.claim)).size === c.claims.length, { params: { reason: "duplicate-ids" } });
export type StoredChoices = z.infer<typeof StoredChoicesSchema>;

export const OpinionDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/chair-opinion-draft"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  choices: StoredChoicesSchema,
  /** The majority reasoning, Markdown, as the chair wrote it. */
  reasoning: prose(MAX_REASONING),
  /** What may be withheld, each checked against the opinion when saved (withholding.ts checkMarks). */
  marks: z.array(WithholdingMarkSchema).max(MAX_MARKS),
  updatedAt: TimestampSchema,
});
export type OpinionDraft = z.infer<typeof OpinionDraftSchema>;

export const OpinionDraftRecord = defineRecord({ table: OPINION_DRAFTS_TABLE, version: 1, schema: OpinionDraftSchema, idPurpose: "opinion-draft" });

/** The choices of a draft with nothing chosen yet: the median reported for every claim, the panel's findings, regions released. */
export const DEFAULT_CHOICES: StoredChoices = { aggregate: "median", claims: [], regions: true };

/** The stored choices as draftFromStatistics takes them (with the reasoning and the date of the draft). */
export function draftChoicesOf(stored: StoredChoices, reasoning: string, draftedAt: Date): DraftChoices {
  const claims = new Map<ClaimId, ClaimChoice>(
    stored.claims.map(({ claim, ...choice }) => [
      claim,
      Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined)) as ClaimChoice,
    ]),
  );
  return { aggregate: stored.aggregate, claims, ...(stored.evidence === undefined ? {} : { evidence: stored.evidence }), regions: stored.regions, reasoning, draftedAt };
}
