/**
 * A feedback packet the panelist imported (the Delphi / IDEA feedback that
 * opens round n ≥ 2 for them): the chair's feedback as it was signed, its
 * digest, who signed it and when it was imported. One per case and round,
 * found by a keyed id of the case id and the round (FeedbackRecord.keyedId),
 * so the disk does not say which case it is about. A later packet for the
 * same round (the chair exported again) replaces it.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { FeedbackSchema } from "../../merge/feedback-packet";
import { defineRecord } from "../../vault/record-kind";
import { RoundSchema, Sha256HexSchema } from "../scoresheet";

export const FEEDBACK_TABLE = "feedback";

export const ReceivedFeedbackSchema = z.strictObject({
  format: z.literal("attribution-panel/received-feedback"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** The round the feedback opens (its `round`). */
  round: RoundSchema,
  feedback: FeedbackSchema,
  /** The SHA-256 of feedback.json as the signed manifest lists it. */
  sha256: Sha256HexSchema,
  /** The chair seat's fingerprint that signed it. */
  signer: z.string().max(200),
  importedAt: TimestampSchema,
});
export type ReceivedFeedback = z.infer<typeof ReceivedFeedbackSchema>;

export const FeedbackRecord = defineRecord({ table: FEEDBACK_TABLE, version: 1, schema: ReceivedFeedbackSchema, idPurpose: "received-feedback" });
