/**
 * What the chair holds of the opinion after drafting, for one case (found by
 * a keyed id of the case id):
 *
 * - `answers`: every member's answer to a draft sent for comment, as checked
 *   on import (draft-exchange-answer.ts openDraftAnswer): the comments, and
 *   the signed separate or dissenting opinion with its exact bytes (as
 *   canonical JSON text, which is UTF-8) and armored signature, so it
 *   enters the payload exactly as its author signed it. Every answer is
 *   kept; the latest of a seat for the latest comment round is the one that
 *   counts.
 * - `final`: the final payload the chair built and signed for co-signing
 *   (payload.ts buildPayload, signPayload): its exact text, the chair's
 *   signature, every disclosure and decoy, the co-signing deadline, and the
 *   seats it went to. Fixed from then on ("salts and decoys are fixed before
 *   anyone co-signs"); the chair may rebuild it only while no co-signature
 *   is held.
 * - `coSignatures`: one per member seat, each checked against the final
 *   payload on import (cosign-exchange.ts openCosignReturn).
 * - `sealed`: when the sealed opinion was made, and its file's SHA-256.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, SeatIdSchema } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { StanceSchema } from "../co-signature";
import { CommentRoundSchema, DecoysSchema, MAX_DISCLOSURES, RequestDisclosureSchema } from "../draft-exchange";
import { MAX_REASONING, MAX_SEATS } from "../opinion";
import { JsonPointerSchema } from "../withholding";
import { SeparateOpinionKindSchema } from "../separate-opinion";

export const OPINION_EXCHANGES_TABLE = "opinion-exchanges";
/** The most answers kept per case (every comment round × every seat × a few resends). */
export const MAX_ANSWERS = 2_000;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Signature = z.string().max(4_096);
const Statement = z.string().max(1_000_000);

export const HeldAnswerSchema = z.strictObject({
  round: CommentRoundSchema,
  seat: SeatIdSchema,
  draftSha256: Sha256,
  comments: z.array(z.string().max(MAX_REASONING)).max(200),
  separateOpinion: z.strictObject({ kind: SeparateOpinionKindSchema, statement: Statement, signature: Signature }).optional(),
  answeredAt: TimestampSchema,
  receivedAt: TimestampSchema,
  /** The SHA-256 of the answer file as received (the same file again is "already held"). */
  fileSha256: Sha256,
});
export type HeldAnswer = z.infer<typeof HeldAnswerSchema>;

export const FinalPayloadSchema = z.strictObject({
  /** The comment round whose draft it was built from. */
  round: CommentRoundSchema,
  /** opinion.json's canonical JSON text, its SHA-256, and the chair's armored signature over it. */
  payload: z.string().max(64 * 1024 * 1024),
  sha256: Sha256,
  signature: Signature,
  draftDisclosures: z.array(RequestDisclosureSchema).max(MAX_DISCLOSURES),
  separateOpinionDisclosures: z.array(z.strictObject({ pointer: JsonPointerSchema, encoded: z.string().max(8 * 1024 * 1024) })).max(MAX_SEATS),
  decoys: DecoysSchema,
  deadline: TimestampSchema,
  /** The member seats asked to co-sign. */
  seats: z.array(SeatIdSchema).max(MAX_SEATS),
  preparedAt: TimestampSchema,
});
export type FinalPayload = z.infer<typeof FinalPayloadSchema>;

export const HeldCoSignatureSchema = z.strictObject({
  seat: SeatIdSchema,
  stance: StanceSchema,
  statement: Statement,
  signature: Signature,
  /** The SHA-256 of the return file as received. */
  fileSha256: Sha256,
  receivedAt: TimestampSchema,
  /** Received after the co-signing deadline (kept; the chair seals with what came by the deadline). */
  late: z.boolean(),
});
export type HeldCoSignature = z.infer<typeof HeldCoSignatureSchema>;

export const OpinionExchangeSchema = z.strictObject({
  format: z.literal("attribution-panel/opinion-exchange"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  answers: z.array(HeldAnswerSchema).max(MAX_ANSWERS),
  final: FinalPayloadSchema.nullable(),
  coSignatures: z.array(HeldCoSignatureSchema).max(MAX_SEATS),
  sealed: z.strictObject({ sealedAt: TimestampSchema, sha256: Sha256, fileName: z.string().max(300) }).nullable(),
});
export type OpinionExchange = z.infer<typeof OpinionExchangeSchema>;

export const OpinionExchangeRecord = defineRecord({ table: OPINION_EXCHANGES_TABLE, version: 1, schema: OpinionExchangeSchema, idPurpose: "opinion-exchange" });

export const emptyExchange = (caseId: string): OpinionExchange => ({ format: "attribution-panel/opinion-exchange", version: 1, caseId: caseId as OpinionExchange["caseId"], answers: [], final: null, coSignatures: [], sealed: null });
