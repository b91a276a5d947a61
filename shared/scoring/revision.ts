/**
 * The revision chain of one seat's scoresheets in one round: revision n + 1
 * names the SHA-256 of revision n, keeps its subject (case, round, seat,
 * rubric), is of the same scoresheet version or a later one, changes at
 * least one answer, and gives a reason for each answer it changes and for no
 * other. A revision may be signed on a newer version of the case than
 * revision n (the secretariat sent a new packet after the panelist signed,
 * its content digest differs: movesPacket): it may keep every answer, and
 * may answer the rubric that packet carries (the chair still requires the
 * rubric of the packet the chair holds). The panelist's side checks this
 * before signing; the chair's side checks it on import, where a replayed
 * older revision or a fork (two revisions naming the same predecessor) is
 * refused.
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
  /** Case, round, seat differ from the predecessor's, or the rubric without a move to a new version of the case. */
  | { readonly kind: "subject-changed"; readonly field: "caseId" | "round" | "seat" | "rubric" }
  /** Signed in an older scoresheet version than its predecessor (version 2 names the case's content, version 1 does not: going back would hide it). */
  | { readonly kind: "older-version"; readonly version: number; readonly previous: number }
  | { readonly kind: "nothing-changed" }
  | { readonly kind: "reason-missing"; readonly answers: readonly string[] }
  | { readonly kind: "reason-for-unchanged"; readonly answers: readonly string[] };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type NamesPacket = { readonly packetManifest: string; readonly packetContent?: string | undefined };

/**
 * Whether `next` is signed on another version of the case than `sheet`: their content digests differ. The content is
 * what every seat's packet of one export shares and what the chair checks against the packet the chair holds; the
 * manifest digest is the panelist's own packet's, which nobody else can check, so it decides only when `sheet`
 * predates content digests (scoresheet version 1).
 */
export function movesPacket(sheet: NamesPacket, next: NamesPacket): boolean {
  if (sheet.packetContent !== undefined) return next.packetContent !== undefined && next.packetContent !== sheet.packetContent;
  return next.packetManifest !== sheet.packetManifest;
}

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
  // Never back to an older version: a version 1 revision of a version 2 sheet would drop the content digest the chair checks.
  if (next.version < sheet.version) return err({ kind: "older-version", version: next.version, previous: sheet.version });
  for (const field of ["caseId", "seat"] as const) if (!sameJson(next[field], sheet[field])) return err({ kind: "subject-changed", field });
  // A revision may move to a newer version of the case (the secretariat sent a new packet): the panelist signs again on
  // it, may keep every answer, and answers the rubric that packet carries.
  const moves = movesPacket(sheet, next);
  if (!moves && !sameJson(next.rubric, sheet.rubric)) return err({ kind: "subject-changed", field: "rubric" });
  if (!opensRound && next.round !== sheet.round) return err({ kind: "subject-changed", field: "round" });
  return checkReasons(sheet.answers, next.answers, next.previous.changes, opensRound || moves ? "may-keep-all" : "must-change");
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
