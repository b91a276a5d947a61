/** The sentences of the member's co-signing: why a request was refused, why a co-signature was not signed. */
import { t } from "@lingui/core/macro";
import type { CosignImportRefusal, CosignSigned } from "../../../../shared/worker/contract";

export function describeCosignRefusal(r: CosignImportRefusal): string {
  switch (r.kind) {
    case "not-on-roster":
      return t`None of your identities holds a member seat on this case's roster, so you cannot co-sign its opinion.`;
    case "not-from-chair":
      return t`This request is not signed by the chair of this case's panel, as the roster of your case packet lists them. Do not sign it; tell the chair.`;
    case "other-case":
      return t`This request is for another case. Import it on that case.`;
    case "not-for-this-seat":
      return t`This request was made for another member of the panel. Ask the chair for yours.`;
    case "my-opinion":
      switch (r.problem) {
        case "missing":
          return t`The opinion sent for signature does not carry the separate or dissenting opinion you sent with your latest answer. Do not sign it; tell the chair.`;
        case "other-version":
          return t`The opinion sent for signature carries another version of your separate or dissenting opinion than the one you sent last. Do not sign it; tell the chair which one stands.`;
        case "other-draft":
          return t`The opinion sent for signature was built from another draft than the one you answered last. Ask the chair which draft is current.`;
      }
      break;
    case "opinion-not-sent":
      return t`The opinion sent for signature carries a separate opinion in your name, but your latest answer sent none. Do not sign it; tell the chair.`;
    case "unreadable":
      switch (r.reason) {
        case "not-encrypted":
          return t`This file is not encrypted: it is not a request for co-signature from the chair.`;
        case "not-addressed-to-you":
          return t`This file is encrypted to other people, not to you. Ask the chair for the request made for you.`;
        case "not-a-cosign-request":
          return t`This file is not a request for co-signature.`;
        case "newer-version":
          return t`This request was made by a newer version of the app. Update the app, then import it again.`;
        case "damaged":
          return t`This file is damaged or cut short. Ask the chair to send it again.`;
        case "tampered":
          return t`This file was altered after the chair signed it. Do not use it; tell the chair.`;
        case "cancelled":
          return t`The import was cancelled.`;
        case "invalid-opinion":
          return t`The opinion in this request does not hold together: a part is hidden from you, or what it shows does not match what the chair signed. Do not sign it; tell the chair.`;
      }
  }
  return "";
}

export function describeCosignSignRefusal(r: Extract<CosignSigned, { outcome: "invalid" }>["refusal"]): string {
  switch (r.kind) {
    case "no-request":
      return t`Import the chair's request for co-signature first.`;
    case "stance-not-allowed":
      return t`This stance does not fit what the opinion carries for you: a dissent names your dissenting opinion in it, a concurrence with a separate opinion names your separate opinion, and a plain concurrence is for a member with no opinion of their own in it.`;
    case "already-signed":
      return t`You have already co-signed this opinion with another stance; your first statement stands.`;
    case "not-on-roster":
      return t`None of your identities holds a member seat on this case's roster.`;
    case "no-chair-key":
      return t`The roster of your case packet gives no key for the chair to encrypt your co-signature to.`;
  }
}
