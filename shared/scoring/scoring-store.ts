/**
 * Where scoring lives in the vault: the draft of each round (autosaved
 * while the panelist works, encrypted like every record) and the history of
 * every scoresheet the panelist signed for a case, with its digest. Record
 * ids are keyed (UnlockedVault.keyedId), so the disk does not say which case
 * is being scored.
 */
import type { CaseId } from "../case/model";
import { err, ok, type Result } from "../result";
import type { RecordChange } from "../vault/record-kind";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { ScoreDraftRecord, type DraftReason, type ScoreDraft } from "./records/score-draft.record";
import { ScoresheetHistoryRecord, type SentScoresheet } from "./records/scoresheet-history.record";
import type { Answers, Scoresheet } from "./scoresheet";
import { scoresheetDigest } from "./scoresheet-file";
import type { ScoringError } from "./scoring-error";

export type { DraftReason } from "./records/score-draft.record";
export type { SentScoresheet } from "./records/scoresheet-history.record";

type StoreError = VaultError | Extract<ScoringError, { readonly kind: "history-damaged" }>;

export async function loadScoreDraft(v: UnlockedVault, caseId: string, round: number): Promise<Result<ScoreDraft | undefined, VaultError>> {
  return ScoreDraftRecord.findKeyed(v, [caseId, round]);
}

/** The scoresheets signed for a case, each digest checked against its sheet. */
export async function loadHistory(v: UnlockedVault, caseId: string): Promise<Result<SentScoresheet[], StoreError>> {
  const history = await ScoresheetHistoryRecord.findKeyed(v, [caseId]);
  if (!history.ok) return history;
  const sent = history.value?.sent ?? [];
  for (const s of sent) if (s.sheet.caseId !== caseId || scoresheetDigest(s.sheet) !== s.sha256) return err({ kind: "history-damaged" });
  return ok(sent);
}

/** The last scoresheet signed for `round`, if any. */
export const latestOf = (sent: readonly SentScoresheet[], round: number): SentScoresheet | undefined => sent.filter((s) => s.sheet.round === round).reduce<SentScoresheet | undefined>((a, s) => (!a || s.sheet.revision > a.sheet.revision ? s : a), undefined);

/**
 * What the next scoresheet of `round` revises: the last one signed in that round, or, for the first of round
 * n ≥ 2, the final one of round n − 1 (the Delphi round it revises); undefined for the very first scoresheet.
 */
export const baseOf = (sent: readonly SentScoresheet[], round: number): SentScoresheet | undefined => latestOf(sent, round) ?? (round > 1 ? latestOf(sent, round - 1) : undefined);

/** The write that keeps a draft (in the caller's transaction, with whatever else it writes). */
export function draftChange(v: UnlockedVault, draft: ScoreDraft): Result<RecordChange, VaultError> {
  return ScoreDraftRecord.changeKeyed(v, [draft.caseId, draft.round], draft);
}

export function historyChange(v: UnlockedVault, caseId: CaseId, sent: readonly SentScoresheet[]): Result<RecordChange, VaultError> {
  return ScoresheetHistoryRecord.changeKeyed(v, [caseId], { format: "attribution-panel/scoresheet-history", version: 1, caseId, sent: [...sent] });
}

export function newDraft(caseId: CaseId, round: number, answers: Answers, reasons: readonly DraftReason[], savedAt: Date): ScoreDraft {
  return { format: "attribution-panel/score-draft", version: 1, caseId, round, answers, reasons: [...reasons], savedAt: savedAt.toISOString() };
}

export type { Scoresheet };
