/**
 * The contract of a member's comments on the chair's draft opinion (issue 15,
 * "Drafting", last bullet, member side): importing the draft for comment the
 * chair sent them, reading it back with the answer they are writing,
 * autosaving that answer, and signing and sealing it to the chair (with,
 * optionally, their signed separate or dissenting opinion). Answered by
 * shared/worker/comment-handlers.ts.
 */
import { z } from "../../validation/zod";
import { prose } from "../../case/model";
import { CommentAnswerDraftSchema, SentAnswerSchema } from "../../opinion/records/received-draft.record";
import { MAX_REASONING, OpinionSchema } from "../../opinion/opinion";
import { SeparateOpinionKindSchema } from "../../opinion/separate-opinion";
import { WithholdingReasonSchema } from "../../opinion/withholding";
import { ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;

export const COMMENT_UNREADABLE = ["not-encrypted", "not-addressed-to-you", "not-a-draft-for-comment", "newer-version", "damaged", "tampered", "cancelled", "invalid-draft"] as const;

/** Why a draft for comment was refused; nothing was stored. */
export const CommentImportRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(COMMENT_UNREADABLE) }),
  /** None of this vault's identities holds a member seat on the case's roster. */
  obj({ kind: lit("not-on-roster") }),
  /** Signed by another key than the chair seat of the roster held. */
  obj({ kind: lit("not-from-chair") }),
  /** For another case than the one it was imported on. */
  obj({ kind: lit("other-case") }),
  /** Made for another seat than this vault's. */
  obj({ kind: lit("not-for-this-seat") }),
  /** A different draft of the same comment round is already held. */
  obj({ kind: lit("round-conflict"), round: z.number().int().min(1) }),
]);
export type CommentImportRefusal = z.infer<typeof CommentImportRefusalSchema>;

/** The draft for comment as the member reads it. */
export const ReceivedDraftViewSchema = obj({
  round: z.number().int().min(1),
  /** The draft digest (SHA-256 of draft.json's exact bytes). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  opinion: OpinionSchema,
  /** Every part of the draft that may be withheld from publication, with the chair's reason. */
  withholdable: z.array(obj({ pointer: z.string(), reason: WithholdingReasonSchema })),
  deadline: z.string(),
  note: z.string().nullable(),
  signer: z.string(),
  importedAt: z.string(),
  /** The answers sent for this round, oldest first. */
  answers: z.array(SentAnswerSchema),
});
export type ReceivedDraftView = z.infer<typeof ReceivedDraftViewSchema>;

export const CommentImportSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["imported", "already-held"]), draft: ReceivedDraftViewSchema }),
  obj({ outcome: lit("refused"), refusal: CommentImportRefusalSchema }),
]);
export type CommentImport = z.infer<typeof CommentImportSchema>;

export const CommentViewSchema = obj({
  /** The latest draft received for comment, or null before any. */
  draft: ReceivedDraftViewSchema.nullable(),
  /** Every comment round received, oldest first. */
  rounds: z.array(z.number().int().min(1)),
  /** The answer being written, as last saved; null before the first save. */
  answer: CommentAnswerDraftSchema.nullable(),
});
export type CommentView = z.infer<typeof CommentViewSchema>;

export const AnswerOpinionChoiceSchema = z.union([lit("none"), SeparateOpinionKindSchema]);
const Markdown = prose(MAX_REASONING);

export const CommentAnsweredSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("answered"), file: ExportFileSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/), sent: SentAnswerSchema }),
  obj({
    outcome: lit("invalid"),
    refusal: z.discriminatedUnion("kind", [
      /** No draft for comment is held for the case, or not the round answered. */
      obj({ kind: lit("no-draft") }),
      /** No comment and no separate opinion: nothing to send. */
      obj({ kind: lit("empty") }),
      /** A separate or dissenting opinion was chosen with no text. */
      obj({ kind: lit("opinion-empty") }),
      /** A paragraph is too long, or there are too many paragraphs. */
      obj({ kind: lit("too-long") }),
      /** This vault holds no member seat on the roster, or the chair's card gives no key to seal to. */
      obj({ kind: lit("not-on-roster") }),
      obj({ kind: lit("no-chair-key") }),
    ]),
  }),
]);
export type CommentAnswered = z.infer<typeof CommentAnsweredSchema>;

export const commentMethods = {
  "comment:import-draft": { request: obj({ caseId: Id, file: FileInput }), response: CommentImportSchema },
  "comment:load": { request: obj({ caseId: Id }), response: CommentViewSchema },
  "comment:save": { request: obj({ caseId: Id, comments: Markdown, opinion: obj({ kind: AnswerOpinionChoiceSchema, text: Markdown }) }), response: obj({ savedAt: z.string() }) },
  "comment:answer": {
    request: obj({ caseId: Id, round: z.number().int().min(1), comments: Markdown, opinion: obj({ kind: SeparateOpinionKindSchema, text: Markdown }).optional() }),
    response: CommentAnsweredSchema,
  },
} as const;

export type CommentHandlers = HandlersOf<typeof commentMethods>;
