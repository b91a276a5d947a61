/**
 * The scoresheets the chair holds for one case: every accepted revision of
 * every seat and round, with its digest and when the chair received it (the
 * revision history stays; nothing is ever replaced). Found by a keyed id of
 * the case id, so the disk does not say which case is being merged.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { MAX_REVISIONS, MAX_ROUNDS, ScoresheetSchema, Sha256HexSchema } from "../../scoring/scoresheet";
import { defineRecord } from "../../vault/record-kind";
import { CaseIdSchema } from "../../case/model";

export const HELD_SCORESHEETS_TABLE = "held-scoresheets";

export const HeldScoresheetsSchema = z.strictObject({
  format: z.literal("attribution-panel/held-scoresheets"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** Every accepted revision, in the order accepted. */
  held: z.array(z.strictObject({ sheet: ScoresheetSchema, sha256: Sha256HexSchema, receivedAt: TimestampSchema })).max(51 * MAX_ROUNDS * MAX_REVISIONS),
});
export type HeldScoresheets = z.infer<typeof HeldScoresheetsSchema>;

export const HeldScoresheetsRecord = defineRecord({ table: HELD_SCORESHEETS_TABLE, version: 1, schema: HeldScoresheetsSchema, idPurpose: "held-scoresheets" });
