/**
 * The chair exports one feedback packet for one seat (Delphi / IDEA): once
 * round n ≥ 2 is open, for every seat whose scoresheet of round n − 1 the
 * chair holds. The packet (round-feedback.ts, feedback-packet.ts) is signed
 * with the identity that holds the case's chair seat and encrypted to the
 * seat's age recipient as its roster card gives it; nothing is stored but
 * an audit entry (the packet can be made again: its estimates are shuffled
 * afresh each time, its numbers are the same).
 */
import { seatOf } from "../case/case-records";
import type { SeatId } from "../case/model";
import { sha256, toHex } from "../crypto/sodium";
import { importIdentityCard } from "../identity/identity-card";
import type { PersonalIdentity } from "../identity/identity";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { chairHolding } from "./chair-case";
import { feedbackFileName, sealFeedback } from "./feedback-packet";
import { vaultFailed, type MergeError } from "./merge-error";
import { loadOpenRound } from "./merge-store";
import { buildFeedback, finalSheets } from "./round-feedback";

export type ExportedFeedback = { readonly fileName: string; readonly bytes: Uint8Array; readonly sha256: string; readonly round: number };

export async function exportFeedback(
  v: UnlockedVault,
  input: { readonly caseId: string; readonly seat: string; readonly identities: readonly PersonalIdentity[]; readonly now: Date; readonly shuffle?: <T>(items: readonly T[]) => T[] },
): Promise<Result<ExportedFeedback, MergeError>> {
  const { caseId, now } = input;
  const holding = await chairHolding(v, caseId, input.identities);
  if (!holding.ok) return holding;
  const { received, chair, held } = holding.value;
  const state = await loadOpenRound(v, caseId);
  if (!state.ok) return state;
  const round = state.value.round;
  if (round < 2) return err({ kind: "round-not-opened" });
  const finals = finalSheets(received, held, round - 1).map((h) => h.sheet);
  const person = seatOf(received.roster, input.seat);
  if (!person || !finals.some((s) => s.seat.fingerprint === person.fingerprint)) return err({ kind: "seat-not-submitted", round: round - 1 });
  if (received.packet.manifestSha256 === undefined) return err({ kind: "store-damaged" });
  // The roster's card was verified when the packet was imported; one that no longer reads is a damaged store.
  const card = importIdentityCard(person.cardFile);
  if (!card.ok || card.value.fingerprint !== person.fingerprint) return err({ kind: "store-damaged" });
  const feedback = buildFeedback({
    received,
    finals,
    recipient: person.fingerprint as SeatId,
    round,
    note: state.value.opened?.note,
    deadline: state.value.opened?.deadline,
    createdAt: now,
    ...(input.shuffle ? { shuffle: input.shuffle } : {}),
  });
  const bytes = await sealFeedback(feedback, chair.signing, card.value.agePublicKey, now);
  const digest = toHex(sha256(bytes));
  const logged = await v.audit("feedback-exported", { case: caseId, round, seat: person.fingerprint, sha256: digest });
  if (!logged.ok) return vaultFailed(logged.error);
  return ok({ fileName: feedbackFileName(feedback), bytes, sha256: digest, round });
}
