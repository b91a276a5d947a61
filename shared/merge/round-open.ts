/**
 * Which round is open for a case on the chair's machine, and opening the
 * next one (Delphi / IDEA). Round 1 is open until the chair opens round 2;
 * a round n + 1 may be opened only once a quorum is declared for round n.
 * The opening is recorded (records/round.record.ts) with the chair's note
 * and the quorum it was opened on, and audit-logged. From then on the
 * chair's import takes scoresheets of the open round only.
 */
import type { PersonalIdentity } from "../identity/identity";
import { err, ok, type Result } from "../result";
import { MAX_ROUNDS } from "../scoring/scoresheet";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { chairHolding } from "./chair-case";
import { vaultFailed, type MergeError } from "./merge-error";
import { loadOpenRound, loadQuorum, type RoundState } from "./merge-store";
import { OpenRoundRecord, type OpenRound } from "./records/round.record";
import { finalSheets } from "./round-feedback";

export type { RoundState } from "./merge-store";

/** Normalises the chair's note: trimmed, and absent when blank. */
export const noteOf = (note: string | undefined): string | undefined => {
  const trimmed = note?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * Opens round `round` of the case (the one after the open round; opening it
 * again while open is refused as "round-already-open"), due by `deadline`
 * (later than now). Refused unless this vault chairs the case and a quorum
 * is declared for the round before.
 */
export async function openRound(
  v: UnlockedVault,
  input: { readonly caseId: string; readonly round: number; readonly deadline: string; readonly note?: string | undefined; readonly identities: readonly PersonalIdentity[]; readonly now: Date },
): Promise<Result<RoundState, MergeError>> {
  const { caseId, round, now } = input;
  const due = Date.parse(input.deadline);
  if (!(due > now.getTime())) return err({ kind: "deadline-in-past" });
  const holding = await chairHolding(v, caseId, input.identities);
  if (!holding.ok) return holding;
  const state = await loadOpenRound(v, caseId);
  if (!state.ok) return state;
  if (round <= state.value.round) return err({ kind: "round-already-open", round: state.value.round });
  if (round !== state.value.round + 1 || round > MAX_ROUNDS) return err({ kind: "round-not-next", open: state.value.round });
  const quorum = await loadQuorum(v, caseId, round - 1);
  if (!quorum.ok) return quorum;
  if (!quorum.value) return err({ kind: "no-quorum", round: round - 1 });
  const note = noteOf(input.note);
  const record: OpenRound = {
    format: "attribution-panel/open-round",
    version: 1,
    caseId: holding.value.received.case.id,
    round,
    openedAt: now.toISOString(),
    deadline: new Date(due).toISOString(),
    ...(note === undefined ? {} : { note }),
    quorum: { declaredAt: quorum.value.declaredAt, submitted: quorum.value.submitted, seats: quorum.value.seats },
  };
  const change = OpenRoundRecord.changeKeyed(v, [caseId], record);
  if (!change.ok) return vaultFailed(change.error);
  const written = await v.write({ put: [change.value] }, { event: "round-opened", detail: { case: caseId, round, note: note !== undefined, submitted: quorum.value.submitted, seats: quorum.value.seats } });
  if (!written.ok) return vaultFailed(written.error);
  return ok({ round, opened: record });
}

/** What the chair's Round section shows: the open round, its opening, whether the open round has a quorum, and the seats a feedback packet goes to. */
export type RoundOverview = {
  readonly caseId: string;
  readonly round: number;
  readonly opened: { readonly openedAt: string; readonly deadline: string; readonly note?: string; readonly quorum: OpenRound["quorum"] } | null;
  readonly quorumDeclared: boolean;
  /** Seats (roster order) whose scoresheet of round − 1 the chair holds; none while round 1 is open. */
  readonly feedbackSeats: readonly { readonly fingerprint: string; readonly displayName: string; readonly role: "chair" | "member" }[];
};

export async function roundOverview(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[]): Promise<Result<RoundOverview, MergeError>> {
  const holding = await chairHolding(v, caseId, identities);
  if (!holding.ok) return holding;
  const state = await loadOpenRound(v, caseId);
  if (!state.ok) return state;
  const { round, opened } = state.value;
  const quorum = await loadQuorum(v, caseId, round);
  if (!quorum.ok) return quorum;
  const { received, held } = holding.value;
  const seats = round < 2 ? [] : finalSheets(received, held, round - 1).map((h) => h.sheet.seat.fingerprint);
  return ok({
    caseId,
    round,
    opened: opened && { openedAt: opened.openedAt, deadline: opened.deadline, ...(opened.note === undefined ? {} : { note: opened.note }), quorum: opened.quorum },
    quorumDeclared: quorum.value !== null,
    feedbackSeats: received.roster.filter((p) => seats.includes(p.fingerprint)).map((p) => ({ fingerprint: p.fingerprint, displayName: p.displayName, role: p.role })),
  });
}
