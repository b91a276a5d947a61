/**
 * The panelist's draft of one round's answers, autosaved while they work.
 * Found by a keyed id of case and round (ScoreDraftRecord.keyedId), so the disk
 * does not say which case is being scored.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, prose } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { AnswersSchema, RoundSchema } from "../scoresheet";

export const SCORE_DRAFTS_TABLE = "score-drafts";

/** A reason for a changed answer while it is being written (may still be blank). */
export const DraftReasonSchema = z.strictObject({ answer: z.string().max(200), reason: prose(2000) });
export type DraftReason = z.infer<typeof DraftReasonSchema>;

export const ScoreDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/score-draft"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  round: RoundSchema,
  answers: AnswersSchema,
  /** For a revision: the reasons written so far, by answer key. */
  reasons: z.array(DraftReasonSchema).max(100_000),
  savedAt: TimestampSchema,
});
export type ScoreDraft = z.infer<typeof ScoreDraftSchema>;

export const ScoreDraftRecord = defineRecord({ table: SCORE_DRAFTS_TABLE, version: 1, schema: ScoreDraftSchema, idPurpose: "score-draft" });
