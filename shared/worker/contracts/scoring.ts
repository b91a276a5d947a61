/**
 * The contract of scoring: the panelist opens a received case's scoresheet
 * (seat, draft, what was already signed), autosaves the draft, signs and
 * seals a scoresheet, and exports their own signed copy. Answered by
 * scoring-handlers.ts.
 */
import { z } from "../../validation/zod";
import { ReceivedCaseSchema } from "../../case/records/received-case.record";
import { AnswersSchema, RevisionSchema, RoundSchema as Round } from "../../scoring/scoresheet";
import { DraftReasonSchema } from "../../scoring/records/score-draft.record";
import { SentScoresheetSchema } from "../../scoring/records/scoresheet-history.record";
import { ExportFileSchema, Id, type HandlersOf } from "./common";

const Reasons = z.array(DraftReasonSchema).max(100_000);

export const ScoringViewSchema = z.strictObject({
  caseId: z.string(),
  /** The case as received (the same as inbox:get gives), so the screen opens with one call. */
  received: ReceivedCaseSchema,
  /** The round open for scoring. */
  round: Round,
  /** The seat this vault's identity holds on the roster; null when none does (the case can be read, not scored). */
  seat: z.strictObject({ fingerprint: z.string(), role: z.enum(["chair", "member"]), displayName: z.string() }).nullable(),
  /** The packet was imported before scoring existed: importing it again lets it be scored. */
  packetTooOld: z.boolean(),
  draft: z.strictObject({ answers: AnswersSchema, reasons: Reasons, savedAt: z.string() }).nullable(),
  /** Every scoresheet signed for this case, oldest first. */
  sent: z.array(SentScoresheetSchema),
});
export type ScoringView = z.infer<typeof ScoringViewSchema>;

export const SubmittedSchema = z.strictObject({ file: ExportFileSchema, sent: SentScoresheetSchema });
export type Submitted = z.infer<typeof SubmittedSchema>;

export const scoringMethods = {
  "scoring:open": { request: z.strictObject({ caseId: Id }), response: ScoringViewSchema },
  "scoring:save-draft": { request: z.strictObject({ caseId: Id, round: Round, answers: AnswersSchema, reasons: Reasons }), response: z.strictObject({ savedAt: z.string() }) },
  "scoring:submit": { request: z.strictObject({ caseId: Id, round: Round, answers: AnswersSchema, reasons: Reasons }), response: SubmittedSchema },
  "scoring:own-copy": { request: z.strictObject({ caseId: Id, round: Round, revision: RevisionSchema }), response: ExportFileSchema },
} as const;

export type ScoringHandlers = HandlersOf<typeof scoringMethods>;
