/**
 * The contract of scoring: the panelist opens a received case's scoresheet
 * (seat, draft, what was already signed), autosaves the draft, signs and
 * seals a scoresheet, and exports their own signed copy; imports the chair's
 * feedback packet that opens the next Delphi round, and reads it. Answered
 * by scoring-handlers.ts.
 */
import { z } from "../../validation/zod";
import { ReceivedCaseSchema } from "../../case/records/received-case.record";
import { AnswersSchema, RevisionSchema, RoundSchema as Round } from "../../scoring/scoresheet";
import { DraftReasonSchema } from "../../scoring/records/score-draft.record";
import { SentScoresheetSchema } from "../../scoring/records/scoresheet-history.record";
import { ReceivedFeedbackSchema } from "../../scoring/records/feedback.record";
import { FEEDBACK_UNREADABLE, type FeedbackRefusal } from "../../scoring/feedback-import";
import { ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const Reasons = z.array(DraftReasonSchema).max(100_000);

export const ScoringViewSchema = z.strictObject({
  caseId: z.string(),
  /** The case as received (the same as inbox:get gives), so the screen opens with one call. */
  received: ReceivedCaseSchema,
  /** The round open for scoring: 1, or the latest round a feedback packet the panelist imported opens. */
  round: Round,
  /** The seat this vault's identity holds on the roster; null when none does (the case can be read, not scored). */
  seat: z.strictObject({ fingerprint: z.string(), role: z.enum(["chair", "member"]), displayName: z.string() }).nullable(),
  /** The packet was imported before scoring existed: importing it again lets it be scored. */
  packetTooOld: z.boolean(),
  draft: z.strictObject({ answers: AnswersSchema, reasons: Reasons, savedAt: z.string() }).nullable(),
  /** Every scoresheet signed for this case, oldest first. */
  sent: z.array(SentScoresheetSchema),
  /** The rounds feedback packets opened (2 and later), oldest first; their content comes with scoring:feedback. */
  feedbackRounds: z.array(Round),
});
export type ScoringView = z.infer<typeof ScoringViewSchema>;

export const SubmittedSchema = z.strictObject({ file: ExportFileSchema, sent: SentScoresheetSchema });
export type Submitted = z.infer<typeof SubmittedSchema>;

/** A feedback packet is small (numbers and at most 51 rationales per claim); anything far larger is refused unread. */
export const MAX_FEEDBACK_FILE_BYTES = 64 * 1024 * 1024;

const obj = z.strictObject;
export const FeedbackRefusalSchema: z.ZodType<FeedbackRefusal> = z.discriminatedUnion("kind", [
  obj({ kind: z.literal("unreadable"), reason: z.enum(FEEDBACK_UNREADABLE) }),
  obj({ kind: z.enum(["not-on-roster", "no-chair", "not-from-chair", "not-for-this-seat", "other-case", "other-claims"]) }),
  obj({ kind: z.literal("superseded"), round: z.number(), createdAt: z.string() }),
]);

/** What became of an imported feedback packet: stored (new, or replacing an older one of the round), already held, or refused with nothing changed. */
export const FeedbackImportSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["imported", "replaced", "already-held"]), round: Round }),
  obj({ outcome: z.literal("refused"), refusal: FeedbackRefusalSchema }),
]);
export type FeedbackImport = z.infer<typeof FeedbackImportSchema>;

export const scoringMethods = {
  "scoring:open": { request: z.strictObject({ caseId: Id }), response: ScoringViewSchema },
  "scoring:save-draft": { request: z.strictObject({ caseId: Id, round: Round, answers: AnswersSchema, reasons: Reasons }), response: z.strictObject({ savedAt: z.string() }) },
  "scoring:submit": { request: z.strictObject({ caseId: Id, round: Round, answers: AnswersSchema, reasons: Reasons }), response: SubmittedSchema },
  "scoring:own-copy": { request: z.strictObject({ caseId: Id, round: Round, revision: RevisionSchema }), response: ExportFileSchema },
  "scoring:import-feedback": {
    request: z.strictObject({ caseId: Id, file: FileInput.refine((f) => f.size <= MAX_FEEDBACK_FILE_BYTES, { params: { reason: "file-too-large" } }) }),
    response: FeedbackImportSchema,
  },
  /** The feedback packets held for a case, oldest round first (none before round 2 opens). */
  "scoring:feedback": { request: z.strictObject({ caseId: Id }), response: z.array(ReceivedFeedbackSchema) },
} as const;

export type ScoringHandlers = HandlersOf<typeof scoringMethods>;
