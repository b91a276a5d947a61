/**
 * The drafts of the opinion the chair sent to the members for comment, one
 * entry per comment round, for one case: the concealed draft payload as it
 * went out (its canonical JSON text: the salts and decoys fixed then, so a
 * separate opinion's draft digest keeps naming these exact bytes), every
 * disclosure with its reason, the decoy digests, the deadline and note, the
 * seats it went to, and when. Found by a keyed id of the case id.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, SeatIdSchema, prose } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { CommentRoundSchema, DecoysSchema, MAX_COMMENT_ROUNDS, MAX_DISCLOSURES, RequestDisclosureSchema } from "../draft-exchange";
import { MAX_SEATS } from "../opinion";

export const SENT_DRAFTS_TABLE = "sent-opinion-drafts";

export const SentDraftSchema = z.strictObject({
  round: CommentRoundSchema,
  /** The draft payload's canonical JSON text, and the SHA-256 of its UTF-8 bytes (the draft digest). */
  payload: z.string().max(64 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  disclosures: z.array(RequestDisclosureSchema).max(MAX_DISCLOSURES),
  decoys: DecoysSchema,
  deadline: TimestampSchema,
  note: prose(5_000).optional(),
  seats: z.array(SeatIdSchema).max(MAX_SEATS),
  sentAt: TimestampSchema,
});
export type SentDraft = z.infer<typeof SentDraftSchema>;

export const SentDraftsSchema = z.strictObject({
  format: z.literal("attribution-panel/sent-opinion-drafts"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** Oldest first; rounds 1, 2, … in order. */
  sent: z.array(SentDraftSchema).max(MAX_COMMENT_ROUNDS),
});
export type SentDrafts = z.infer<typeof SentDraftsSchema>;

export const SentDraftsRecord = defineRecord({ table: SENT_DRAFTS_TABLE, version: 1, schema: SentDraftsSchema, idPurpose: "sent-opinion-drafts" });
