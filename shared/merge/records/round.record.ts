/**
 * Which round of the Delphi / IDEA protocol is open for a case on the
 * chair's machine: the round whose scoresheets the chair imports, when the
 * chair opened it, its deadline, the note sent with its feedback, and the quorum of the
 * round before that it was opened on. No record: round 1 is open. Found by
 * a keyed id of the case id. Opening a later round replaces it (the audit
 * log keeps each opening).
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { MAX_NOTE, RoundSchema } from "../../scoring/scoresheet";
import { CaseIdSchema, prose } from "../../case/model";
import { defineRecord } from "../../vault/record-kind";

export const OPEN_ROUNDS_TABLE = "open-rounds";

export const OpenRoundSchema = z.strictObject({
  format: z.literal("attribution-panel/open-round"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** The round open now (2 or later: round 1 needs no record). */
  round: RoundSchema.refine((r) => r >= 2, { params: { reason: "not-a-later-round" } }),
  openedAt: TimestampSchema,
  /** When the round's scoresheets are due (the chair sets it on opening; sent in every feedback packet). */
  deadline: TimestampSchema,
  /** The chair's note or question for the panel, sent with every feedback packet of the round. */
  note: prose(MAX_NOTE).optional(),
  /** The quorum of the round before, as declared when this round was opened. */
  quorum: z.strictObject({ declaredAt: TimestampSchema, submitted: z.number().int().nonnegative(), seats: z.number().int().positive() }),
});
export type OpenRound = z.infer<typeof OpenRoundSchema>;

export const OpenRoundRecord = defineRecord({ table: OPEN_ROUNDS_TABLE, version: 1, schema: OpenRoundSchema, idPurpose: "open-round" });
