/**
 * The chair's check of one opened scoresheet against the case packet the
 * chair holds and the scoresheets already held (pure; nothing is stored
 * here). In order:
 *
 * 1. The signer holds a seat on the packet's roster: the signing key's
 *    fingerprint is a seat's, and the key is the one on that seat's card.
 * 2. The scoresheet answers the held case, the round the chair has open, the
 *    signer's seat as the roster lists it (role included), and the packet's
 *    rubric (id and revision).
 * 3. The packet: every panelist receives their own packet (its own packet
 *    id, number and recipients, so its own manifest digest) with the same
 *    content. A scoresheet names both digests of the packet its signer
 *    received; the content's (shared/case/packet.ts packetContentSha256)
 *    must be the held packet's, so every panelist scored the case as the
 *    chair holds it, and for the chair's own seat the manifest's too. A
 *    version 1 scoresheet names no content digest: the chair's own is
 *    compared by its manifest, a member's cannot be checked and is refused
 *    ("case-version-unnamed"). A revision is never of an older version than
 *    the one it replaces (checkRevision).
 * 4. Complete: a submitted scoresheet answers every question of the rubric
 *    (completeness.ts, the same review the panelist's screen runs).
 * 5. The first scoresheet of round n ≥ 2 names the seat's final scoresheet
 *    of round n − 1 as the chair holds it (its latest revision of that
 *    round), and is checked as a revision of it (checkRevision: reasons for
 *    what changed, keeping every answer allowed); any other is refused as
 *    "other-previous-round".
 * 6. The revision chain of the seat in this round (the chair always holds a
 *    contiguous chain 1…h): the very latest held again is "already held",
 *    not an error; an older held one again is "replayed"; any other
 *    revision numbered ≤ h is a fork; h + 1 must name the held h's digest
 *    (otherwise a fork) and pass checkRevision; anything beyond h + 1 is a
 *    gap (the missing revisions are asked for).
 */
import { importIdentityCard } from "../identity/identity-card";
import type { ReceivedCase } from "../case/case-records";
import { chairSeat, seatOf } from "../case/case-records";
import { err, ok, type Result } from "../result";
import { reviewAnswers } from "../scoring/completeness";
import { checkRevision } from "../scoring/revision";
import type { Scoresheet } from "../scoring/scoresheet";
import type { OpenedScoresheet } from "../scoring/scoresheet-file";
import { scoringContextOf } from "../scoring/submit";
import type { IncomingRefusal } from "./merge-error";

/** A scoresheet the chair holds: the sheet, its digest, and when it was accepted. */
export type HeldSheet = { readonly sheet: Scoresheet; readonly sha256: string; readonly receivedAt: string };

export type IncomingVerdict =
  /** A revision the chair did not hold: to be stored. */
  | { readonly outcome: "accepted"; readonly fingerprint: string; readonly revision: number }
  /** The latest held revision of that seat, byte for byte: nothing to do. */
  | { readonly outcome: "already-held"; readonly fingerprint: string; readonly revision: number };

/** The held revisions of one seat in one round, oldest first. */
export const chainOf = (held: readonly HeldSheet[], fingerprint: string, round: number): HeldSheet[] =>
  held.filter((h) => h.sheet.seat.fingerprint === fingerprint && h.sheet.round === round).sort((a, b) => a.sheet.revision - b.sheet.revision);

export function checkIncomingScoresheet(opened: OpenedScoresheet, received: ReceivedCase, held: readonly HeldSheet[], round: number): Result<IncomingVerdict, IncomingRefusal> {
  const { sheet, signer } = opened;
  const person = seatOf(received.roster, signer.fingerprint);
  if (!person) return err({ kind: "not-on-panel", fingerprint: signer.fingerprint });
  const card = importIdentityCard(person.cardFile);
  if (!card.ok || card.value.card.signingKey !== signer.signingKey || card.value.fingerprint !== signer.fingerprint) return err({ kind: "not-on-panel", fingerprint: signer.fingerprint });

  if (sheet.caseId !== received.case.id) return err({ kind: "other-case", caseId: sheet.caseId });
  if (sheet.round !== round) return err({ kind: "round-not-open", round: sheet.round, open: round });
  if (sheet.seat.fingerprint !== person.fingerprint || sheet.seat.role !== person.role) return err({ kind: "wrong-seat" });
  const { manifestSha256: manifest, contentSha256: content } = received.packet;
  if (manifest === undefined || content === undefined) return err({ kind: "packet-too-old" });
  const own = chairSeat(received.roster)?.fingerprint === person.fingerprint;
  if (sheet.packetContent === undefined && !own) return err({ kind: "case-version-unnamed" });
  if (sheet.packetContent !== undefined && sheet.packetContent !== content) return err({ kind: "other-packet", own: false });
  if (own && sheet.packetManifest !== manifest) return err({ kind: "other-packet", own: true });
  if (sheet.rubric.id !== received.rubric.id || sheet.rubric.revision !== received.rubric.revision) return err({ kind: "other-rubric", rubricId: sheet.rubric.id, revision: sheet.rubric.revision });
  const gaps = reviewAnswers(sheet.answers, scoringContextOf(received)).gaps.length;
  if (gaps > 0) return err({ kind: "incomplete", gaps });

  const chain = chainOf(held, person.fingerprint, round);
  const latest = chain.at(-1);
  const n = sheet.revision;
  const h = latest?.sheet.revision ?? 0;
  if (n <= h) {
    const same = chain.find((c) => c.sheet.revision === n);
    if (same?.sha256 !== opened.sha256) return err({ kind: "fork", revision: n });
    return n === h ? ok({ outcome: "already-held", fingerprint: person.fingerprint, revision: n }) : err({ kind: "replayed", revision: n, held: h });
  }
  if (n > h + 1) return err({ kind: "gap", revision: n, held: h });
  if (latest && sheet.previous?.sha256 !== latest.sha256) return err({ kind: "fork", revision: n });
  // The first scoresheet of round n ≥ 2 revises the seat's final scoresheet of round n − 1, as the chair holds it.
  const before = latest ?? (round > 1 ? chainOf(held, person.fingerprint, round - 1).at(-1) : undefined);
  if (!latest && round > 1 && (!before || sheet.previous?.sha256 !== before.sha256)) return err({ kind: "other-previous-round", round: round - 1, held: before !== undefined });
  const valid = checkRevision(sheet, before ? { sheet: before.sheet, sha256: before.sha256 } : undefined);
  if (!valid.ok) return err(valid.error.kind === "wrong-predecessor" ? { kind: "fork", revision: n } : { kind: "invalid-revision", problem: valid.error });
  return ok({ outcome: "accepted", fingerprint: person.fingerprint, revision: n });
}
