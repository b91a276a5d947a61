/**
 * The revision chain of one seat's scoresheets in one round: revision n + 1
 * names the SHA-256 of revision n, keeps its subject (case, packet, round,
 * seat, rubric), changes at least one answer, and gives a reason for each
 * answer it changes and for no other. The panelist's side checks this before
 * signing; the chair's side checks it on import, where a replayed older
 * revision or a fork (two revisions naming the same predecessor) is refused.
 */
import { err, ok, type Result } from "../result";
import { changedAnswers } from "./answers";
import type { Answers, ChangeReason, Scoresheet } from "./scoresheet";

export type RevisionProblem =
  /** The first scoresheet of a chain names a predecessor, or a later one does not. */
  | { readonly kind: "not-first" }
  | { readonly kind: "not-next"; readonly expected: number; readonly found: number }
  | { readonly kind: "wrong-predecessor" }
  /** Case, packet, round, seat or rubric differ from the predecessor's. */
  | { readonly kind: "subject-changed"; readonly field: "caseId" | "packetManifest" | "round" | "seat" | "rubric" }
  | { readonly kind: "nothing-changed" }
  | { readonly kind: "reason-missing"; readonly answers: readonly string[] }
  | { readonly kind: "reason-for-unchanged"; readonly answers: readonly string[] };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `next` is a valid revision of `previous` (whose canonical bytes hash to `previousSha256`), or a valid first scoresheet when `previous` is undefined. */
export function checkRevision(next: Scoresheet, previous?: { readonly sheet: Scoresheet; readonly sha256: string }): Result<void, RevisionProblem> {
  if (!previous) return next.revision === 1 && next.previous === undefined ? ok(undefined) : err({ kind: "not-first" });
  const { sheet, sha256 } = previous;
  if (next.revision !== sheet.revision + 1) return err({ kind: "not-next", expected: sheet.revision + 1, found: next.revision });
  if (next.previous?.sha256 !== sha256) return err({ kind: "wrong-predecessor" });
  for (const field of ["caseId", "packetManifest", "round", "seat", "rubric"] as const) if (!sameJson(next[field], sheet[field])) return err({ kind: "subject-changed", field });
  return checkReasons(sheet.answers, next.answers, next.previous.changes);
}

/** A reason for every changed answer and for no other; at least one change. */
export function checkReasons(before: Answers, after: Answers, reasons: readonly ChangeReason[]): Result<void, RevisionProblem> {
  const changed = changedAnswers(before, after).map((c) => c.key);
  if (changed.length === 0) return err({ kind: "nothing-changed" });
  const given = new Set(reasons.filter((r) => r.reason.trim() !== "").map((r) => r.answer));
  const missing = changed.filter((k) => !given.has(k));
  if (missing.length > 0) return err({ kind: "reason-missing", answers: missing });
  const changedSet = new Set(changed);
  const extra = [...given].filter((k) => !changedSet.has(k));
  if (extra.length > 0) return err({ kind: "reason-for-unchanged", answers: extra });
  return ok(undefined);
}
