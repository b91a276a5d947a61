import { t } from "@lingui/core/macro";
import type { ScoringError } from "../../../shared/scoring/scoring-error";
import type { RevisionProblem } from "../../../shared/scoring/revision";
import { formatDateTime } from "../format";
import { describeIssues } from "./issues";

/** Why a revision was refused, in general terms (the scoring screen names the answers itself). */
function describeRevisionProblem(problem: RevisionProblem): string {
  switch (problem.kind) {
    case "nothing-changed":
      return t`Nothing changed since your last submission: there is nothing to revise.`;
    case "reason-missing":
      return t`Give a reason for each changed answer before signing the revision.`;
    case "reason-for-unchanged":
      return t`A reason was given for an answer that did not change.`;
    case "not-first":
    case "not-next":
    case "wrong-predecessor":
    case "older-version":
    case "subject-changed":
      return t`This revision does not follow your last submitted scoresheet; reopen the case and try again.`;
    case "previous-round-missing": {
      const round = problem.round;
      return t`Your vault holds no scoresheet you signed in round ${round}, which a scoresheet of the next round revises.`;
    }
  }
}

/** Why a scoresheet could not be saved, signed or copied (shared/scoring/scoring-error.ts). */
export function describeScoringError(error: ScoringError): string {
  switch (error.kind) {
    case "case-not-received":
      return t`This case is not in your inbox; import its case packet first.`;
    case "not-on-roster":
      return t`None of your identities holds a seat on this case's panel, so you cannot score it. Check that you use the identity whose card the secretariat enrolled.`;
    case "packet-too-old":
      return t`This case was imported by an earlier version of the app, which did not keep what a scoresheet must name. Import the same case packet again, then score.`;
    case "no-recipient":
      return error.who === "chair"
        ? t`The panel's roster names no chair whose key the scoresheet can be encrypted to; ask the secretariat for a new packet.`
        : t`The packet does not say which secretariat key to encrypt the scoresheet to; ask the secretariat for a new packet.`;
    case "incomplete":
      return t`Some answers are still missing; the list above the Sign button says which.`;
    case "revision":
      return describeRevisionProblem(error.problem);
    case "past-deadline": {
      const deadline = formatDateTime(error.deadline);
      return t`The deadline (${deadline}) has passed: a scoresheet can no longer be revised unless the chair reopens the round.`;
    }
    case "round-not-open": {
      const round = error.round;
      return t`Round ${round} is not open for scoring.`;
    }
    case "no-such-revision": {
      const revision = error.revision;
      return t`Revision ${revision} of this scoresheet was not found in your vault.`;
    }
    case "draft-invalid": {
      const issues = describeIssues(error.issues);
      return t`The draft could not be saved: ${issues}`;
    }
    case "history-damaged":
      return t`The record of the scoresheets you signed for this case does not match their contents; it may have been altered. Restore your vault from a backup.`;
  }
}
