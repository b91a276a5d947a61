/**
 * Reading and writing the chair's merge in the vault (the records are
 * defined once in records/): the scoresheets held for a case, each digest
 * checked on reading, the quorum declaration of a case and round, and the
 * round open for a case (round-open.ts opens the next).
 */
import type { CaseId } from "../case/model";
import { err, ok, type Result } from "../result";
import type { RecordChange } from "../vault/record-kind";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { scoresheetDigest } from "../scoring/scoresheet-file";
import type { HeldSheet } from "./check-incoming";
import type { QuorumDeclaration } from "./dashboard";
import { vaultFailed, type MergeError } from "./merge-error";
import { HeldScoresheetsRecord } from "./records/held-scoresheets.record";
import { QuorumRecord } from "./records/quorum.record";
import { OpenRoundRecord, type OpenRound } from "./records/round.record";

/** The scoresheets held for a case, oldest accepted first, each digest checked against its sheet ("store-damaged" otherwise). */
export async function loadHeld(v: UnlockedVault, caseId: string): Promise<Result<HeldSheet[], MergeError>> {
  const found = await HeldScoresheetsRecord.findKeyed(v, [caseId]);
  if (!found.ok) return vaultFailed(found.error);
  const held = found.value?.held ?? [];
  for (const h of held) if (h.sheet.caseId !== caseId || scoresheetDigest(h.sheet) !== h.sha256) return err({ kind: "store-damaged" });
  return ok(held);
}

/** The write that keeps `held` as the case's scoresheets (in the caller's transaction). */
export function heldChange(v: UnlockedVault, caseId: CaseId, held: readonly HeldSheet[]): Result<RecordChange, VaultError> {
  return HeldScoresheetsRecord.changeKeyed(v, [caseId], { format: "attribution-panel/held-scoresheets", version: 1, caseId, held: held.map((h) => ({ sheet: h.sheet, sha256: h.sha256, receivedAt: h.receivedAt })) });
}

/** The quorum declared for a case and round, or null. */
export async function loadQuorum(v: UnlockedVault, caseId: string, round: number): Promise<Result<QuorumDeclaration | null, MergeError>> {
  const found = await QuorumRecord.findKeyed(v, [caseId, round]);
  if (!found.ok) return vaultFailed(found.error);
  if (!found.value) return ok(null);
  const { declaredAt, submitted, seats, fingerprints } = found.value;
  return ok({ round: found.value.round, declaredAt, submitted, seats, fingerprints });
}

/** The write that records a quorum declaration (in the caller's transaction). */
export function quorumChange(v: UnlockedVault, caseId: CaseId, q: QuorumDeclaration): Result<RecordChange, VaultError> {
  return QuorumRecord.changeKeyed(v, [caseId, q.round], { format: "attribution-panel/quorum", version: 1, caseId, round: q.round, declaredAt: q.declaredAt, submitted: q.submitted, seats: q.seats, fingerprints: [...q.fingerprints] });
}

/** The round open for a case: 1 with no record, else the record's round, when it was opened and the note. */
export type RoundState = { readonly round: number; readonly opened: OpenRound | null };

/** The round open for `caseId` on this machine. */
export async function loadOpenRound(v: Pick<UnlockedVault, "keyedId" | "get">, caseId: string): Promise<Result<RoundState, MergeError>> {
  const found = await OpenRoundRecord.findKeyed(v, [caseId]);
  if (!found.ok) return vaultFailed(found.error);
  if (!found.value) return ok({ round: 1, opened: null });
  if (found.value.caseId !== caseId) return err({ kind: "store-damaged" });
  return ok({ round: found.value.round, opened: found.value });
}
