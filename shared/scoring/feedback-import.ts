/**
 * The panelist imports the chair's feedback packet for a case they hold
 * (Delphi / IDEA: the feedback that opens round n ≥ 2 for them). The file is
 * decrypted with the identity that holds their seat (chosen by the roster's
 * fingerprint), its signature checked against the CHAIR's seat on the roster
 * of the case packet they hold (feedback-packet.ts openFeedback), and then:
 * the case is theirs, the feedback is for their seat, it speaks of the case's
 * claims, and it is not older than one already held for that round. A
 * refusal is a value and changes nothing. Accepted, it is stored encrypted
 * (records/feedback.record.ts, keyed by case and round): round n is then
 * open for the panelist (openRoundOf).
 */
import { chairSeat, type ReceivedCase } from "../case/case-records";
import { encodeRecipient } from "../formats/age/age";
import { unreadableArchive } from "../formats/signed-archive";
import type { PersonalIdentity } from "../identity/identity";
import { openFeedback, type FeedbackFileError } from "../merge/feedback-packet";
import { err, ok, type Result } from "../result";
import type { RecordChange } from "../vault/record-kind";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { FeedbackRecord, type ReceivedFeedback } from "./records/feedback.record";
import { MAX_ROUNDS } from "./scoresheet";
import { seatOf } from "./submit";

export const FEEDBACK_UNREADABLE = ["not-encrypted", "not-addressed-to-you", "not-a-feedback-packet", "newer-version", "damaged", "tampered", "invalid-feedback", "cancelled"] as const;
/** Why a file did not open as a feedback packet, in the terms the panelist can act on (see unreadableFeedback). */
export type FeedbackUnreadable = (typeof FEEDBACK_UNREADABLE)[number];

/** Why a feedback packet was refused; nothing was stored. Worded by renderer/i18n/problems/feedback.ts. */
export type FeedbackRefusal =
  | { readonly kind: "unreadable"; readonly reason: FeedbackUnreadable }
  /** None of this vault's identities holds a seat on the case's roster. */
  | { readonly kind: "not-on-roster" }
  /** The roster of the case held names no single chair, so no signature can be checked. */
  | { readonly kind: "no-chair" }
  /** Signed by someone other than the chair of the case's panel as the roster held lists it. */
  | { readonly kind: "not-from-chair" }
  /** Made for another seat of the panel than this vault's. */
  | { readonly kind: "not-for-this-seat" }
  /** The feedback is about another case than the one it was imported on. */
  | { readonly kind: "other-case" }
  /** It names claims the case held does not have. */
  | { readonly kind: "other-claims" }
  /** A feedback packet for the same round, made later (`createdAt`), is already held. */
  | { readonly kind: "superseded"; readonly round: number; readonly createdAt: string };

/** The vault could not be read or written (not the file's fault). */
export type FeedbackVaultFailure = { readonly kind: "vault-failed"; readonly error: VaultError };

export type FeedbackImported = { readonly outcome: "imported" | "replaced" | "already-held"; readonly round: number; readonly record: ReceivedFeedback; readonly change?: RecordChange };

/** The reason a file did not open as a feedback packet. */
export function unreadableFeedback(e: Exclude<FeedbackFileError, { readonly kind: "not-from-chair" | "not-for-this-seat" }>): FeedbackUnreadable {
  if (e.kind !== "invalid-content") return unreadableArchive(e, "not-a-feedback-packet");
  switch (e.reason) {
    case "wrong-files":
    case "not-json":
      return "not-a-feedback-packet";
    case "file-too-large":
      return "damaged";
    case "feedback-invalid":
      return "invalid-feedback";
    case "manifest-mismatch":
      return "tampered";
  }
}

/**
 * Checks a feedback packet's bytes for the case `received` held in `v`, and
 * gives the record to store (`change`, absent when the same packet is
 * already held). Pure but for reading what is held; the caller writes.
 */
export async function checkFeedback(
  v: Pick<UnlockedVault, "keyedId" | "get">,
  input: { readonly received: ReceivedCase; readonly identities: readonly PersonalIdentity[]; readonly bytes: Uint8Array; readonly now: Date },
): Promise<Result<FeedbackImported, FeedbackRefusal | FeedbackVaultFailure>> {
  const { received } = input;
  const seat = seatOf(received, input.identities);
  if (!seat) return err({ kind: "not-on-roster" });
  const chair = chairSeat(received.roster);
  if (!chair) return err({ kind: "no-chair" });
  const key = { kind: "age", identity: seat.identity.encryption.secretKey, myRecipient: encodeRecipient(seat.identity.encryption.publicKey) } as const;
  const opened = await openFeedback(input.bytes, key, { chair: chair.fingerprint, seat: seat.fingerprint });
  if (!opened.ok) {
    const e = opened.error;
    if (e.kind === "not-from-chair" || e.kind === "not-for-this-seat") return err({ kind: e.kind });
    return err({ kind: "unreadable", reason: unreadableFeedback(e) });
  }
  const { feedback, sha256, signer } = opened.value;
  if (feedback.caseId !== received.case.id) return err({ kind: "other-case" });
  const claims = new Set<string>(received.case.claims.map((c) => c.id));
  if (feedback.claims.some((c) => !claims.has(c.claim))) return err({ kind: "other-claims" });

  const held = await FeedbackRecord.findKeyed(v, [received.case.id, feedback.round]);
  if (!held.ok) return err({ kind: "vault-failed", error: held.error });
  if (held.value?.sha256 === sha256) return ok({ outcome: "already-held", round: feedback.round, record: held.value });
  if (held.value && Date.parse(held.value.feedback.createdAt) >= Date.parse(feedback.createdAt)) return err({ kind: "superseded", round: feedback.round, createdAt: held.value.feedback.createdAt });
  const record: ReceivedFeedback = {
    format: "attribution-panel/received-feedback",
    version: 1,
    caseId: received.case.id,
    round: feedback.round,
    feedback,
    sha256,
    signer: signer.fingerprint,
    importedAt: input.now.toISOString(),
  };
  const change = FeedbackRecord.changeKeyed(v, [received.case.id, feedback.round], record);
  if (!change.ok) return err({ kind: "vault-failed", error: change.error });
  return ok({ outcome: held.value ? "replaced" : "imported", round: feedback.round, record, change: change.value });
}

/** Every feedback packet held for a case, by round (2 up to MAX_ROUNDS), oldest round first. */
export async function loadFeedback(v: Pick<UnlockedVault, "keyedId" | "get">, caseId: string): Promise<Result<ReceivedFeedback[], VaultError>> {
  const out: ReceivedFeedback[] = [];
  for (let round = 2; round <= MAX_ROUNDS; round++) {
    const found = await FeedbackRecord.findKeyed(v, [caseId, round]);
    if (!found.ok) return found;
    if (found.value) out.push(found.value);
  }
  return ok(out);
}

/** The round open for the panelist: the latest round a feedback packet they imported opens, else 1. */
export const openRoundOf = (held: readonly Pick<ReceivedFeedback, "round">[]): number => held.reduce((n, f) => Math.max(n, f.round), 1);
