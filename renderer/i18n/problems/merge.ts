import { t } from "@lingui/core/macro";
import type { IncomingRefusal, MergeError, UnreadableReason } from "../../../shared/merge/merge-error";
import type { RevisionProblem } from "../../../shared/scoring/revision";
import { formatNumber } from "../format";

function describeUnreadable(reason: UnreadableReason): string {
  switch (reason) {
    case "not-encrypted":
      return t`This is not an encrypted scoresheet file. Ask the panelist for the .age file their app saved when they signed (not their own unencrypted copy).`;
    case "not-addressed-to-you":
      return t`This file is not encrypted to your key as chair of this panel. It may be meant for another chair or panel.`;
    case "not-a-scoresheet":
      return t`This file is not a scoresheet.`;
    case "newer-version":
      return t`This scoresheet was made by a newer version of the app. Update the app, then import it again.`;
    case "damaged":
      return t`This file is damaged or incomplete. Ask the panelist to hand it over again.`;
    case "tampered":
      return t`This file was altered after it was signed, or its signature does not match the seat it names. Do not use it; ask the panelist for a new copy.`;
    case "invalid-scoresheet":
      return t`This file is signed, but its content is not a valid scoresheet.`;
    case "cancelled":
      return t`The import of this file was cancelled.`;
  }
}

function describeRevisionRule(problem: RevisionProblem): string {
  switch (problem.kind) {
    case "nothing-changed":
      return t`This revision changes no answer of the revision before it.`;
    case "reason-missing":
      return t`This revision does not give a reason for every answer it changes.`;
    case "reason-for-unchanged":
      return t`This revision gives a reason for an answer it does not change.`;
    case "subject-changed":
      return t`This revision answers another case, round, seat or rubric than the revision before it.`;
    case "older-version":
      return t`This revision was signed by an older version of the app than the revision before it, which would hide the version of the case it scored.`;
    case "not-first":
    case "not-next":
    case "wrong-predecessor":
      return t`This revision does not follow the revision you hold.`;
    case "previous-round-missing": {
      const round = problem.round;
      return t`This scoresheet revises the panelist's final scoresheet of round ${round}, which you do not hold.`;
    }
  }
}

/** Why one scoresheet file was refused (shared/merge/merge-error.ts); nothing of it was stored. */
export function describeIncomingRefusal(refusal: IncomingRefusal): string {
  switch (refusal.kind) {
    case "unreadable":
      return describeUnreadable(refusal.reason);
    case "not-on-panel":
      return t`Signed by someone who holds no seat on this panel's roster.`;
    case "other-case":
      return t`This scoresheet is for another case.`;
    case "other-packet":
      return refusal.own
        ? t`Your own scoresheet names another case packet than the one you hold for this case.`
        : t`This scoresheet was made on another version of the case than the one you hold: the panelist's case packet and yours differ. Ask the secretariat which packet is current, and import it if you do not hold it.`;
    case "round-not-open": {
      const round = formatNumber(refusal.round);
      const open = formatNumber(refusal.open);
      return t`This scoresheet is for round ${round}; round ${open} is the one open.`;
    }
    case "wrong-seat":
      return t`The seat this scoresheet names is not the signer's seat on the roster.`;
    case "other-rubric":
      return t`This scoresheet answers another rubric than the one sent with the case.`;
    case "incomplete":
      return t`This scoresheet does not answer every question of the rubric.`;
    case "replayed": {
      const revision = formatNumber(refusal.revision);
      const held = formatNumber(refusal.held);
      return t`This is revision ${revision}, older than revision ${held} you already hold from this seat.`;
    }
    case "fork": {
      const revision = formatNumber(refusal.revision);
      return t`This revision ${revision} does not follow the revisions you hold from this seat (the chain of revisions forks). Ask the panelist which is their latest scoresheet.`;
    }
    case "gap": {
      const revision = formatNumber(refusal.revision);
      const from = formatNumber(refusal.held + 1);
      const to = formatNumber(refusal.revision - 1);
      return refusal.revision - 1 === refusal.held + 1
        ? t`This is revision ${revision}, but revision ${from} is missing. Import it first (or ask the panelist for it), then this one.`
        : t`This is revision ${revision}, but revisions ${from} to ${to} are missing. Import them first (or ask the panelist for them), then this one.`;
    }
    case "invalid-revision":
      return describeRevisionRule(refusal.problem);
    case "packet-too-old":
      return t`Your copy of this case was imported by an earlier version of the app. Import the same case packet again, then the scoresheets.`;
    case "case-version-unnamed":
      return t`This scoresheet was signed by an earlier version of the app, which did not name the version of the case it scored, so it cannot be checked against yours. Ask the panelist to update the app and sign again.`;
    case "other-previous-round": {
      const round = formatNumber(refusal.round);
      return refusal.held
        ? t`This scoresheet revises another scoresheet of round ${round} than the panelist's final one you hold. Ask the panelist to import their latest feedback packet and score again.`
        : t`This scoresheet revises a scoresheet of round ${round} you do not hold from this seat. Import the panelist's scoresheet of round ${round} first, if you have it.`;
    }
  }
}

/** Why the chair's screen cannot show or change a case (shared/merge/merge-error.ts). */
export function describeMergeError(error: MergeError): string {
  switch (error.kind) {
    case "case-not-received":
      return t`This case is not in your vault; import its case packet in the Panelist inbox first.`;
    case "not-chair":
      return t`None of your identities holds the chair seat of this case's panel.`;
    case "store-damaged":
      return t`The scoresheets stored for this case do not match their digests; they may have been altered. Restore your vault from a backup.`;
    case "nothing-submitted":
      return t`A quorum needs at least one scoresheet.`;
    case "no-quorum": {
      const round = formatNumber(error.round);
      return t`Declare a quorum for round ${round} first.`;
    }
    case "round-already-open": {
      const round = formatNumber(error.round);
      return t`Round ${round} is already open.`;
    }
    case "round-not-next": {
      const open = formatNumber(error.open);
      return t`Round ${open} is open; only the round after it can be opened.`;
    }
    case "deadline-in-past":
      return t`The round's deadline must be later than now.`;
    case "round-not-opened":
      return t`Open the next round first; feedback packets are sent when it opens.`;
    case "seat-not-submitted": {
      const round = formatNumber(error.round);
      return t`This seat submitted no scoresheet in round ${round}, so it gets no feedback packet.`;
    }
    case "vault-failed":
      return t`Your vault could not be read or written.`;
  }
}
