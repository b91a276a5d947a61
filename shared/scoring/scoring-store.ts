/**
 * Where scoring lives in the vault: the draft of each round (autosaved
 * while the panelist works, encrypted like every record) and the history of
 * every scoresheet the panelist signed for a case, with its digest. Record
 * ids are keyed (UnlockedVault.keyedId), so the disk does not say which case
 * is being scored.
 */
import { z } from "../validation/zod";
import { prose } from "../case/model";
import { TimestampSchema } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { AnswersSchema, MAX_ROUNDS, ScoresheetSchema, Sha256HexSchema, type Answers, type Scoresheet } from "./scoresheet";
import { scoresheetDigest } from "./scoresheet-file";
import type { ScoringError } from "./scoring-error";

export const SCORE_DRAFTS_TABLE = "score-drafts";
export const SCORESHEETS_TABLE = "scoresheets";

const CaseId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const Round = z.number().int().min(1).max(MAX_ROUNDS);

/** A reason for a changed answer while it is being written (may still be blank). */
export const DraftReasonSchema = z.strictObject({ answer: z.string().max(200), reason: prose(2000) });
export type DraftReason = z.infer<typeof DraftReasonSchema>;

export const ScoreDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/score-draft"),
  version: z.literal(1),
  caseId: CaseId,
  round: Round,
  answers: AnswersSchema,
  /** For a revision: the reasons written so far, by answer key. */
  reasons: z.array(DraftReasonSchema).max(100_000),
  savedAt: TimestampSchema,
});
export type ScoreDraft = z.infer<typeof ScoreDraftSchema>;

export const SentScoresheetSchema = z.strictObject({ sheet: ScoresheetSchema, sha256: Sha256HexSchema, fileName: z.string().max(200) });
export type SentScoresheet = z.infer<typeof SentScoresheetSchema>;
export const ScoresheetHistorySchema = z.strictObject({
  format: z.literal("attribution-panel/scoresheet-history"),
  version: z.literal(1),
  caseId: CaseId,
  /** Every scoresheet signed for this case, oldest first. */
  sent: z.array(SentScoresheetSchema).max(MAX_ROUNDS * 1000),
});
export type ScoresheetHistory = z.infer<typeof ScoresheetHistorySchema>;

type StoreError = VaultError | Extract<ScoringError, { readonly kind: "history-damaged" }>;

const draftId = (v: UnlockedVault, caseId: string, round: number) => v.keyedId("score-draft", `${caseId}/${round}`);
const historyId = (v: UnlockedVault, caseId: string) => v.keyedId("scoresheet-history", caseId);

async function getOptional<S extends z.ZodType>(v: UnlockedVault, table: string, id: Result<string, VaultError>, schema: S): Promise<Result<z.infer<S> | undefined, VaultError>> {
  if (!id.ok) return id;
  const listed = await v.list(table);
  if (!listed.ok) return listed;
  if (!listed.value.includes(id.value)) return ok(undefined);
  return v.get(table, id.value, schema);
}

export async function loadScoreDraft(v: UnlockedVault, caseId: string, round: number): Promise<Result<ScoreDraft | undefined, VaultError>> {
  return getOptional(v, SCORE_DRAFTS_TABLE, draftId(v, caseId, round), ScoreDraftSchema);
}

/** The scoresheets signed for a case, each digest checked against its sheet. */
export async function loadHistory(v: UnlockedVault, caseId: string): Promise<Result<SentScoresheet[], StoreError>> {
  const history = await getOptional(v, SCORESHEETS_TABLE, historyId(v, caseId), ScoresheetHistorySchema);
  if (!history.ok) return history;
  const sent = history.value?.sent ?? [];
  for (const s of sent) if (s.sheet.caseId !== caseId || scoresheetDigest(s.sheet) !== s.sha256) return err({ kind: "history-damaged" });
  return ok(sent);
}

/** The last scoresheet signed for `round`, if any. */
export const latestOf = (sent: readonly SentScoresheet[], round: number): SentScoresheet | undefined => sent.filter((s) => s.sheet.round === round).reduce<SentScoresheet | undefined>((a, s) => (!a || s.sheet.revision > a.sheet.revision ? s : a), undefined);

/** The write that keeps a draft (in the caller's transaction, with whatever else it writes). */
export function draftChange(v: UnlockedVault, draft: ScoreDraft): Result<{ table: string; id: string; value: ScoreDraft }, VaultError> {
  const id = draftId(v, draft.caseId, draft.round);
  return id.ok ? ok({ table: SCORE_DRAFTS_TABLE, id: id.value, value: draft }) : id;
}

export function historyChange(v: UnlockedVault, caseId: string, sent: readonly SentScoresheet[]): Result<{ table: string; id: string; value: ScoresheetHistory }, VaultError> {
  const id = historyId(v, caseId);
  return id.ok ? ok({ table: SCORESHEETS_TABLE, id: id.value, value: { format: "attribution-panel/scoresheet-history", version: 1, caseId, sent: [...sent] } }) : id;
}

export function newDraft(caseId: string, round: number, answers: Answers, reasons: readonly DraftReason[], savedAt: Date): ScoreDraft {
  return { format: "attribution-panel/score-draft", version: 1, caseId, round, answers, reasons: [...reasons], savedAt: savedAt.toISOString() };
}

export type { Scoresheet };
