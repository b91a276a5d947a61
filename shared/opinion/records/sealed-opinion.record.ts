/**
 * The sealed opinions the secretariat received for one case (found by a
 * keyed id of the case id), oldest first, each kept as it was verified
 * (sealed.ts openSealedOpinion) so the publication can redact and publish
 * from it: the payload's exact text and the chair's signature, every
 * disclosure, seal.json, each co-signature statement's exact text and
 * signature, who sealed it, and the SHA-256 of the file as received.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { SealSchema } from "../sealed";
import { DisclosuresFileSchema } from "../sealed-archive";

export const SEALED_OPINIONS_TABLE = "received-sealed-opinions";
export const MAX_SEALED_PER_CASE = 20;

export const HeldSealedOpinionSchema = z.strictObject({
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  importedAt: TimestampSchema,
  payload: z.string().max(64 * 1024 * 1024),
  signature: z.string().max(4_096),
  disclosures: DisclosuresFileSchema,
  seal: SealSchema,
  coSignatures: z.array(z.strictObject({ statement: z.string().max(100_000), signature: z.string().max(4_096) })).max(51),
  /** The chair seat's fingerprint that signed the archive. */
  signer: z.string().max(200),
});
export type HeldSealedOpinion = z.infer<typeof HeldSealedOpinionSchema>;

export const SealedOpinionsSchema = z.strictObject({
  format: z.literal("attribution-panel/received-sealed-opinions"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  sealed: z.array(HeldSealedOpinionSchema).max(MAX_SEALED_PER_CASE),
});
export type SealedOpinions = z.infer<typeof SealedOpinionsSchema>;

export const SealedOpinionsRecord = defineRecord({ table: SEALED_OPINIONS_TABLE, version: 1, schema: SealedOpinionsSchema, idPurpose: "received-sealed-opinions" });
