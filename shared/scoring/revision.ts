/**
 * The revision chain of one seat's scoresheets in one round: revision n + 1
 * names the SHA-256 of revision n, keeps its subject (case, round, seat,
 * rubric), changes at least one answer, and gives a reason for each answer
 * it changes and for no other. A revision may name a newer packet of the
 * case than revision n (the secretariat sent a new version after the
 * panelist signed): it is signed on that version and may keep every answer. The panelist's side checks this before
 * signing; the chair's side checks it on import, where a replayed older
 * revision or a fork (two revisions naming the same predecessor) is refused.
 *
 * Rounds (Delphi / IDEA): the first scoresheet of round 1 names nothing. The
 * first scoresheet of round n ≥ 2 names the seat's FINAL scoresheet of round
 * n − 1 (the caller passes that one: the latest revision it holds of that
 * round), keeps its subject but for the round (n − 1 → n), and gives a reason
 * for each answer it changes and for no other; keeping every answer is
 * allowed (no change, no reason). Later revisions of round n as above.
 */
import { err, ok, type Result } from "../result";
import { changedAnswers } from "./answers";
import type { Answers, ChangeReason, Scoresheet } from "./scoresheet";

export type RevisionProblem =
  /** The first scoresheet of a chain names a predecessor, or a later one does not. */
  | { readonly kind: "not-first" }
  /** The first scoresheet of round n ≥ 2 names a scoresheet of round n − 1 the checker was not given (the seat's final one is not held). */
  | { readonly kind: "previous-round-missing"; readonly round: number }
  | { readonly kind: "not-next"; readonly expected: number; readonly found: number }
  | { readonly kind: "wrong-predecessor" }
  /** Case, round, seat or rubric differ from the predecessor's, or the content digest within the same packet. */
  | { readonly kind: "subject-changed"; readonly field: "caseId" | "packetContent" | "round" | "seat" | "rubric" }
  | { readonly kind: "nothing-changed" }
  | { readonly kind: "reason-missing"; readonly answers: readonly string[] }
  | { readonly kind: "reason-for-unchanged"; readonly answers: readonly string[] };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `next` is a valid revision of `previous` (whose canonical bytes hash to `previousSha256`), or a valid
 * first scoresheet when `previous` is undefined. For the first scoresheet of round n ≥ 2, `previous` is the seat's
 * final scoresheet of round n − 1.
 */
export function checkRevision(next: Scoresheet, previous?: { readonly sheet: Scoresheet; readonly sha256: string }): Result<void, RevisionProblem> {
  const opensRound = next.revision === 1 && next.round > 1;
  if (!previous) {
    if (opensRound) return err({ kind: "previous-round-missing", round: next.round - 1 });
    return next.revision === 1 && next.previous === undefined ? ok(undefined) : err({ kind: "not-first" });
  }
  const { sheet, sha256 } = previous;
  if (opensRound) {
    if (sheet.round !== next.round - 1) return err({ kind: "subject-changed", field: "round" });
  } else {
    if (next.revision === 1) return err({ kind: "not-first" });
    if (next.revision !== sheet.revision + 1) return err({ kind: "not-next", expected: sheet.revision + 1, found: next.revision });
  }
  if (next.previous?.sha256 !== sha256) return err({ kind: "wrong-predecessor" });
  for (const field of ["caseId", "seat", "rubric"] as const) if (!sameJson(next[field], sheet[field])) return err({ kind: "subject-changed", field });
  // A revision may move to a newer packet of the case (the secretariat sent a new version): the panelist signs again on
  // it, and may keep every answer. Within one packet, the content named stays the same (a version 1 predecessor named none).
  const movesPacket = next.packetManifest !== sheet.packetManifest;
  if (!movesPacket && sheet.packetContent !== undefined && next.packetContent !== sheet.packetContent) return err({ kind: "subject-changed", field: "packetContent" });
  if (!opensRound && next.round !== sheet.round) return err({ kind: "subject-changed", field: "round" });
  return checkReasons(sheet.answers, next.answers, next.previous.changes, opensRound || movesPacket ? "may-keep-all" : "must-change");
}

/** A reason for every changed answer and for no other; at least one change, unless `keep` allows none (a new round may keep every answer). */
export function checkReasons(before: Answers, after: Answers, reasons: readonly ChangeReason[], keep: "must-change" | "may-keep-all" = "must-change"): Result<void, RevisionProblem> {
  const changed = changedAnswers(before, after).map((c) => c.key);
  if (changed.length === 0 && keep === "must-change") return err({ kind: "nothing-changed" });
  const given = new Set(reasons.filter((r) => r.reason.trim() !== "").map((r) => r.answer));
  const missing = changed.filter((k) => !given.has(k));
  if (missing.length > 0) return err({ kind: "reason-missing", answers: missing });
  const changedSet = new Set(changed);
  const extra = [...given].filter((k) => !changedSet.has(k));
  if (extra.length > 0) return err({ kind: "reason-for-unchanged", answers: extra });
  return ok(undefined);
}
