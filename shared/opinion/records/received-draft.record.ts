/**
 * The drafts of the opinion a member received for comment (draft-exchange.ts),
 * for one case, one entry per comment round and every round kept: the draft
 * payload's exact text (the draft digest names its bytes), the chair's
 * request (deadline, note, every disclosure with its reason), the opinion it
 * reveals as opened, who signed it and when it was imported, and, once the
 * member answered, what they sent. Found by a keyed id of the case id.
 *
 * Beside it, the member's answer as they write it (autosaved, one per case):
 * their comments and their separate or dissenting opinion, so nothing is lost.
 */
import { z } from "../../validation/zod";
import { CaseIdSchema, prose } from "../../case/model";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { CommentRoundSchema, DraftRequestSchema, MAX_COMMENT_ROUNDS } from "../draft-exchange";
import { MAX_REASONING, OpinionSchema } from "../opinion";
import { SeparateOpinionKindSchema } from "../separate-opinion";

export const RECEIVED_DRAFTS_TABLE = "received-opinion-drafts";
export const COMMENT_ANSWER_DRAFTS_TABLE = "comment-answer-drafts";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** What the member sent back for one round: the file's digest and name, when, whether after the deadline, and what opinion it carried. */
export const SentAnswerSchema = z.strictObject({
  sha256: Sha256,
  fileName: z.string().max(300),
  answeredAt: TimestampSchema,
  late: z.boolean(),
  opinion: z.enum(["none", "separate", "dissent"]),
  /**
   * The separate or dissenting opinion it carried, exactly as signed (its canonical JSON text and armored signature),
   * so the member can check the opinion sent for co-signing carries it byte for byte. Absent in answers sent before it
   * was kept.
   */
  separateOpinion: z.strictObject({ statement: z.string().max(1_000_000), signature: z.string().max(4_096) }).optional(),
});
export type SentAnswer = z.infer<typeof SentAnswerSchema>;

export const ReceivedDraftSchema = z.strictObject({
  round: CommentRoundSchema,
  /** draft.json as received (canonical JSON text), and the SHA-256 of its UTF-8 bytes (the draft digest). */
  payload: z.string().max(64 * 1024 * 1024),
  sha256: Sha256,
  request: DraftRequestSchema,
  /** The draft revealed with every disclosure, as opened. */
  opinion: OpinionSchema,
  /** The chair seat's fingerprint that signed it. */
  signer: z.string().max(200),
  importedAt: TimestampSchema,
  /** Every answer sent for this round, oldest first. */
  answers: z.array(SentAnswerSchema).max(1000),
});
export type ReceivedDraft = z.infer<typeof ReceivedDraftSchema>;

export const ReceivedDraftsSchema = z.strictObject({
  format: z.literal("attribution-panel/received-opinion-drafts"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  /** Ordered by round, oldest first. */
  drafts: z.array(ReceivedDraftSchema).max(MAX_COMMENT_ROUNDS),
});
export type ReceivedDrafts = z.infer<typeof ReceivedDraftsSchema>;

export const ReceivedDraftsRecord = defineRecord({ table: RECEIVED_DRAFTS_TABLE, version: 1, schema: ReceivedDraftsSchema, idPurpose: "received-opinion-drafts" });

/** The member's answer as they write it: comments (Markdown) and an optional separate or dissenting opinion (Markdown). */
export const CommentAnswerDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/comment-answer-draft"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  comments: prose(MAX_REASONING),
  opinion: z.strictObject({ kind: z.union([z.literal("none"), SeparateOpinionKindSchema]), text: prose(MAX_REASONING) }),
  savedAt: TimestampSchema,
});
export type CommentAnswerDraft = z.infer<typeof CommentAnswerDraftSchema>;

export const CommentAnswerDraftRecord = defineRecord({ table: COMMENT_ANSWER_DRAFTS_TABLE, version: 1, schema: CommentAnswerDraftSchema, idPurpose: "comment-answer-draft" });
