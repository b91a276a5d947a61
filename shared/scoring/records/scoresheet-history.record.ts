/**
 * Every scoresheet the panelist signed for a case, with its digest and file
 * name, oldest first. Found by a keyed id of the case id
 * (ScoresheetHistoryRecord.keyedId).
 */
import { z } from "../../validation/zod";
import { defineRecord } from "../../vault/record-kind";
import { CaseIdSchema } from "../../case/model";
import { MAX_ROUNDS, ScoresheetSchema, Sha256HexSchema } from "../scoresheet";

export const SCORESHEETS_TABLE = "scoresheets";

export const SentScoresheetSchema = z.strictObject({ sheet: ScoresheetSchema, sha256: Sha256HexSchema, fileName: z.string().max(200) });
export type SentScoresheet = z.infer<typeof SentScoresheetSchema>;

export const ScoresheetHistorySchema = z.strictObject({
  format: z.literal("attribution-panel/scoresheet-history"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** Every scoresheet signed for this case, oldest first. */
  sent: z.array(SentScoresheetSchema).max(MAX_ROUNDS * 1000),
});
export type ScoresheetHistory = z.infer<typeof ScoresheetHistorySchema>;

export const ScoresheetHistoryRecord = defineRecord({ table: SCORESHEETS_TABLE, version: 1, schema: ScoresheetHistorySchema, idPurpose: "scoresheet-history" });
