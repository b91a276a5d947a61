import { t } from "@lingui/core/macro";
import type { FeedbackRefusal, FeedbackUnreadable } from "../../../shared/scoring/feedback-import";
import { formatDateTime } from "../format";

/** Why a file did not open as a feedback packet (shared/scoring/feedback-import.ts). */
function describeUnreadable(reason: FeedbackUnreadable): string {
  switch (reason) {
    case "not-encrypted":
      return t`This file is not an encrypted feedback packet. Choose the .age file the chair gave you for this case.`;
    case "not-addressed-to-you":
      return t`This feedback packet is encrypted to someone else: none of your identities can open it. Each panelist receives their own.`;
    case "not-a-feedback-packet":
      return t`This file is not a feedback packet (it may be a case packet or a scoresheet).`;
    case "newer-version":
      return t`This feedback packet was made by a newer version of the app; update the app to read it.`;
    case "damaged":
      return t`This feedback packet is damaged or incomplete; ask the chair for the file again.`;
    case "tampered":
      return t`This feedback packet has been altered since it was signed: a signature or a digest does not hold. Do not use it; tell the chair.`;
    case "invalid-feedback":
      return t`This feedback packet is signed, but its content is not valid feedback; tell the chair.`;
    case "cancelled":
      return t`The import of the feedback packet was cancelled; nothing was changed.`;
  }
}

/** Why a feedback packet was refused (shared/scoring/feedback-import.ts); nothing was stored. */
export function describeFeedbackRefusal(refusal: FeedbackRefusal): string {
  switch (refusal.kind) {
    case "unreadable":
      return describeUnreadable(refusal.reason);
    case "not-on-roster":
      return t`None of your identities holds a seat on this case's panel, so no feedback packet is meant for you.`;
    case "no-chair":
      return t`The panel roster of the case packet you hold names no single chair, so the feedback packet's signature cannot be checked; ask the secretariat.`;
    case "not-from-chair":
      return t`This feedback packet is not signed by the chair of this case's panel, as the roster of your case packet lists them. Do not use it; tell the chair.`;
    case "not-for-this-seat":
      return t`This feedback packet was made for another member of the panel, not for you. Ask the chair for yours.`;
    case "other-case":
      return t`This feedback packet is about another case. Open that case and import it there.`;
    case "other-claims":
      return t`This feedback packet speaks of claims this case does not have; the case packet you hold may be out of date. Ask the secretariat and the chair.`;
    case "superseded": {
      const round = refusal.round;
      const when = formatDateTime(refusal.createdAt);
      return t`You already hold a later feedback packet for round ${round} (made ${when}); this older one was not imported.`;
    }
  }
}
