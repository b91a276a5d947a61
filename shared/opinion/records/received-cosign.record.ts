/**
 * The requests for co-signature a member received for one case (found by a
 * keyed id of the case id), newest last: the final opinion's exact text, the
 * chair's signature, every disclosure (disclosures.json as received), the
 * deadline, and, once the member co-signed, what they signed: the stance,
 * the statement's exact text and signature, and the file they saved.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { StanceSchema } from "../co-signature";
import { DisclosuresFileSchema } from "../sealed-archive";

export const RECEIVED_COSIGN_TABLE = "received-cosign-requests";
/** The most requests kept per case (the chair sends a new text only while nobody has co-signed). */
export const MAX_COSIGN_REQUESTS = 50;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const SignedStanceSchema = z.strictObject({
  stance: StanceSchema,
  /** The co-signature statement's canonical JSON text and the member's armored signature. */
  statement: z.string().max(100_000),
  signature: z.string().max(4_096),
  signedAt: TimestampSchema,
  late: z.boolean(),
  fileName: z.string().max(300),
});
export type SignedStance = z.infer<typeof SignedStanceSchema>;

export const ReceivedCosignRequestSchema = z.strictObject({
  /** opinion.json's text (canonical JSON), its SHA-256, and the chair's armored signature. */
  payload: z.string().max(64 * 1024 * 1024),
  sha256: Sha256,
  signature: z.string().max(4_096),
  disclosures: DisclosuresFileSchema,
  deadline: TimestampSchema,
  /** The chair seat's fingerprint that signed it. */
  signer: z.string().max(200),
  importedAt: TimestampSchema,
  signed: SignedStanceSchema.optional(),
});
export type ReceivedCosignRequest = z.infer<typeof ReceivedCosignRequestSchema>;

export const ReceivedCosignSchema = z.strictObject({
  format: z.literal("attribution-panel/received-cosign-requests"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  requests: z.array(ReceivedCosignRequestSchema).max(MAX_COSIGN_REQUESTS),
});
export type ReceivedCosign = z.infer<typeof ReceivedCosignSchema>;

export const ReceivedCosignRecord = defineRecord({ table: RECEIVED_COSIGN_TABLE, version: 1, schema: ReceivedCosignSchema, idPurpose: "received-cosign-requests" });
