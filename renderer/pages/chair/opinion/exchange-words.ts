/**
 * The sentences of the chair's side of the opinion after drafting: why an
 * answer or a co-signature file was refused, why the payload could not be
 * sent for co-signing, why the opinion cannot be sealed yet, and the names
 * of the stances (shared/worker/contracts/opinion-exchange.ts).
 */
import { plural, t } from "@lingui/core/macro";
import type { Stance } from "../../../../shared/opinion/co-signature";
import type { AnswerRefusal, AnswerResult, CoSignRefusal, CoSignResult, Prepared, Sealed } from "../../../../shared/worker/contract";
import { formatDateTime, formatNumber } from "../../../i18n/format";

type Unreadable = Extract<AnswerRefusal, { kind: "unreadable" }>["reason"];

function describeUnreadable(reason: Unreadable, what: "answer" | "co-signature"): string {
  switch (reason) {
    case "not-encrypted":
      return t`This file is not encrypted: a member's file for you is always encrypted to you.`;
    case "not-addressed-to-you":
      return t`This file is encrypted to someone else, not to your chair key.`;
    case "not-this-kind":
      return what === "answer" ? t`This file is not a member's answer to a draft opinion.` : t`This file is not a member's co-signature of the opinion.`;
    case "newer-version":
      return t`This file was written by a newer version of the app. Update the app, then import it again.`;
    case "damaged":
      return t`This file is damaged or cut short. Ask the member for it again.`;
    case "tampered":
      return t`This file was altered after it was signed: a signature or digest does not hold.`;
    case "cancelled":
      return t`The import was cancelled; nothing changed.`;
    case "invalid-content":
      return t`This file is signed, but what it carries is not valid.`;
  }
}

export function describeAnswerRefusal(r: AnswerRefusal): string {
  switch (r.kind) {
    case "unreadable":
      return describeUnreadable(r.reason, "answer");
    case "not-from-member":
      return t`Signed by someone who holds no member seat on this panel.`;
    case "other-case":
      return t`This answer is for another case.`;
    case "other-draft":
      return t`This answer is to a draft you did not send for this case.`;
    case "earlier-draft": {
      const answered = formatNumber(r.answered);
      const round = formatNumber(r.round);
      return t`This answer is to draft ${answered}; you have since sent draft ${round}. Ask the member to answer the latest draft.`;
    }
    case "invalid-separate-opinion":
      return t`The separate or dissenting opinion in this answer does not verify: it was altered, or is not the sender's own on this draft. Nothing of it was kept.`;
    case "no-draft-sent":
      return t`You have not sent a draft for comment on this case yet.`;
  }
}

export function describeCoSignRefusal(r: CoSignRefusal): string {
  switch (r.kind) {
    case "unreadable":
      return describeUnreadable(r.reason, "co-signature");
    case "not-from-member":
      return t`Signed by someone who holds no member seat on this panel.`;
    case "other-case":
      return t`This co-signature is for another case.`;
    case "other-payload":
      return t`This co-signature is of another text of the opinion than the one you sent for signature (changed since, or an earlier one). It does not count.`;
    case "invalid-statement":
      return t`The co-signature statement does not verify, or is not the sender's own.`;
    case "stance":
      switch (r.reason) {
        case "opinion-not-in-payload":
          return t`This co-signature names a separate or dissenting opinion that the opinion does not carry for that member.`;
        case "stance-not-the-opinions-kind":
          return t`This co-signature calls the member's opinion a dissent when it is a separate opinion, or the reverse.`;
        case "concur-with-opinion-in-payload":
          return t`This co-signature concurs without naming the member's own opinion, which the opinion carries.`;
      }
      break;
    case "already-signed":
      return t`This member has already co-signed with another statement; the first one counts.`;
    case "not-prepared":
      return t`You have not sent the opinion for co-signing yet.`;
  }
  return "";
}

export function describePrepareRefusal(r: Extract<Prepared, { outcome: "invalid" }>["refusal"]): string {
  switch (r.kind) {
    case "no-draft-sent":
      return t`Send the draft for comment first: the opinion is built from the draft the members saw.`;
    case "deadline-passed":
      return t`The deadline for co-signing must be later than now.`;
    case "co-signatures-held":
      return plural(r.count, { one: "# member has already co-signed the opinion sent: it can no longer change.", other: "# members have already co-signed the opinion sent: it can no longer change." });
  }
}

export function describeSealRefusal(r: Extract<Sealed, { outcome: "invalid" }>["refusal"]): string {
  switch (r.kind) {
    case "not-prepared":
      return t`Send the opinion for co-signing first.`;
    case "waiting": {
      const deadline = formatDateTime(r.deadline);
      const missing = plural(r.missing, { one: "# member has not co-signed yet.", other: "# members have not co-signed yet." });
      return t`${missing} You can seal once every member has, or after the deadline (${deadline}); those who have not signed by then are recorded as not signing.`;
    }
    case "no-secretariat-key":
      return t`The case packet names no secretariat key to seal the opinion to. Import the case packet again.`;
  }
}

export function stanceLabel(stance: Stance): string {
  switch (stance) {
    case "concur":
      return t`Concurs`;
    case "concur-separate":
      return t`Concurs, with a separate opinion`;
    case "dissent":
      return t`Dissents`;
  }
}

export function answerSentence(r: Extract<AnswerResult, { outcome: "accepted" | "already-held" }>): string {
  const who = r.displayName;
  if (r.outcome === "already-held") return t`Already held: this answer from ${who} is in your vault; nothing changed.`;
  switch (r.opinion) {
    case "none":
      return t`Accepted: comments from ${who}.`;
    case "separate":
      return t`Accepted: comments and a separate opinion from ${who}.`;
    case "dissent":
      return t`Accepted: comments and a dissenting opinion from ${who}.`;
  }
}

export function coSignSentence(r: Extract<CoSignResult, { outcome: "accepted" | "already-held" }>): string {
  const who = r.displayName;
  const stance = stanceLabel(r.stance);
  if (r.outcome === "already-held") return t`Already held: the co-signature of ${who} is in your vault; nothing changed.`;
  return r.late ? t`Accepted after the deadline: ${who} — ${stance}. It is kept, but not sealed.` : t`Accepted: ${who} — ${stance}.`;
}

