/**
 * The panelist's draft of one round's answers, autosaved while they work.
 * Found by a keyed id of case and round (scoreDraftRecordId), so the disk
 * does not say which case is being scored.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, prose } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import type { Result } from "../../result";
import { defineRecord } from "../../vault/record-kind";
import type { UnlockedVault } from "../../vault/unlocked-vault";
import type { VaultError } from "../../vault/vault-error";
import { AnswersSchema, MAX_ROUNDS } from "../scoresheet";

export const SCORE_DRAFTS_TABLE = "score-drafts";
const SCORE_DRAFT_ID_PURPOSE = "score-draft";

/** A reason for a changed answer while it is being written (may still be blank). */
export const DraftReasonSchema = z.strictObject({ answer: z.string().max(200), reason: prose(2000) });
export type DraftReason = z.infer<typeof DraftReasonSchema>;

export const ScoreDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/score-draft"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  round: z.number().int().min(1).max(MAX_ROUNDS),
  answers: AnswersSchema,
  /** For a revision: the reasons written so far, by answer key. */
  reasons: z.array(DraftReasonSchema).max(100_000),
  savedAt: TimestampSchema,
});
export type ScoreDraft = z.infer<typeof ScoreDraftSchema>;

export const ScoreDraftRecord = defineRecord({ table: SCORE_DRAFTS_TABLE, version: 1, schema: ScoreDraftSchema });

/** The record id of the draft of `round` of case `caseId`. */
export const scoreDraftRecordId = (v: Pick<UnlockedVault, "keyedId">, caseId: string, round: number): Result<string, VaultError> => v.keyedId(SCORE_DRAFT_ID_PURPOSE, `${caseId}/${round}`);
