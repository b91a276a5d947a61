/**
 * Words for the member's side of the draft for comment: a withholdable part
 * of the draft named for a person, and the sentences for a refused import or
 * answer (shared/ returns their values). Called at render time.
 */
import type { I18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import { parsePointer } from "../../../../shared/formats/json-pointer";
import type { Opinion } from "../../../../shared/opinion/opinion";
import type { CommentAnswered, CommentImportRefusal } from "../../../../shared/worker/contract";
import { formatNumber } from "../../../i18n/format";
import { claimLabel } from "../../chair/statistics/labels";

/** The part of the opinion `pointer` names, in words ("Reasoning, paragraph 2"); the pointer itself for a part the screen does not name. */
export function describePart(i18n: I18n, opinion: Opinion, pointer: string): string {
  const tokens = parsePointer(pointer) ?? [];
  const [area, index, detail] = tokens;
  const i = Number(index);
  const number = Number.isInteger(i) ? formatNumber(i + 1) : "";
  switch (area) {
    case "reasoning":
      return t({ message: `Reasoning, paragraph ${number}`, context: "a part of the draft opinion" });
    case "evidence": {
      const title = opinion.evidence[i]?.title ?? number;
      return t({ message: `Evidence: ${title}`, context: "a part of the draft opinion" });
    }
    case "roster": {
      const name = opinion.roster[i]?.name ?? number;
      if (detail === "affiliation") return t({ message: `Affiliation of ${name}`, context: "a part of the draft opinion" });
      if (detail === "region") return t({ message: `Regional group of ${name}`, context: "a part of the draft opinion" });
      if (detail === "name") return t({ message: `Name of ${name}`, context: "a part of the draft opinion" });
      return t({ message: `Panel seat of ${name}`, context: "a part of the draft opinion" });
    }
    case "findings": {
      const finding = opinion.findings[i];
      const claim = finding ? claimLabel(i18n, finding, i) : number;
      return t({ message: `Finding on ${claim}`, context: "a part of the draft opinion" });
    }
    case "estimates":
      return t({ message: `Regional group of a released estimate`, context: "a part of the draft opinion" });
    default:
      return t({ message: `Part ${pointer}`, context: "a part of the draft opinion, named by its JSON pointer" });
  }
}

/** Why the chair's draft for comment was refused; nothing was stored. */
export function describeCommentRefusal(r: CommentImportRefusal): string {
  switch (r.kind) {
    case "not-on-roster":
      return t`None of your identities holds a member seat on this case's roster, so you cannot comment on its draft opinion.`;
    case "not-from-chair":
      return t`This draft is not signed by the chair of this case's panel, as the roster of your case packet lists them. Do not use it; tell the chair.`;
    case "other-case":
      return t`This draft opinion is for another case. Import it on that case.`;
    case "not-for-this-seat":
      return t`This draft was made for another member of the panel. Ask the chair for yours.`;
    case "round-conflict": {
      const round = r.round;
      return t`You already hold a different draft for comment round ${round}. Nothing was changed; ask the chair which one is current.`;
    }
    case "unreadable":
      switch (r.reason) {
        case "not-encrypted":
          return t`This file is not encrypted: it is not a draft for comment from the chair.`;
        case "not-addressed-to-you":
          return t`This file is encrypted to other people, not to you. Ask the chair for the draft made for you.`;
        case "not-a-draft-for-comment":
          return t`This file is not a draft opinion for comment.`;
        case "newer-version":
          return t`This draft was made by a newer version of the app. Update the app, then import it again.`;
        case "damaged":
          return t`This file is damaged or cut short. Ask the chair to send it again.`;
        case "tampered":
          return t`This file was altered after the chair signed it. Do not use it; tell the chair.`;
        case "cancelled":
          return t`The import was cancelled.`;
        case "invalid-draft":
          return t`This draft does not hold together: what it shows does not match what the chair signed. Do not use it; tell the chair.`;
      }
  }
}

/** Why an answer was not signed; nothing was sent. */
export function describeAnswerRefusal(r: Extract<CommentAnswered, { outcome: "invalid" }>["refusal"]): string {
  switch (r.kind) {
    case "no-draft":
      return t`There is no draft for comment to answer on this case.`;
    case "empty":
      return t`Write a comment or a separate opinion before signing: there is nothing to send.`;
    case "opinion-empty":
      return t`Write the text of your separate or dissenting opinion, or choose "No separate opinion".`;
    case "too-long":
      return t`A paragraph is too long, or there are too many paragraphs. Shorten your answer.`;
    case "not-on-roster":
      return t`None of your identities holds a member seat on this case's roster.`;
    case "no-chair-key":
      return t`The roster of your case packet gives no encryption key for the chair, so your answer cannot be sealed to them.`;
  }
}
