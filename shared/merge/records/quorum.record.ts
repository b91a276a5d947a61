/**
 * The chair's quorum declaration for one case and round: when, with how many
 * of how many seats, and which seats were counted. A later declaration of
 * the same round replaces it (the audit log keeps each). Found by a keyed id
 * of the case id and round.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { RoundSchema } from "../../scoring/scoresheet";
import { defineRecord } from "../../vault/record-kind";
import { CaseIdSchema } from "../../case/model";

export const QUORUM_TABLE = "quorum-declarations";

export const QuorumRecordSchema = z.strictObject({
  format: z.literal("attribution-panel/quorum"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  round: RoundSchema,
  declaredAt: TimestampSchema,
  submitted: z.number().int().nonnegative(),
  seats: z.number().int().positive(),
  /** The seats counted, by signing-key fingerprint. */
  fingerprints: z.array(z.string().max(100)).max(51),
});
export type QuorumRecordValue = z.infer<typeof QuorumRecordSchema>;

export const QuorumRecord = defineRecord({ table: QUORUM_TABLE, version: 1, schema: QuorumRecordSchema, idPurpose: "quorum-declaration" });
