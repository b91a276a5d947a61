/** The sentences of the secretariat's import of a sealed opinion: why it was refused. */
import { t } from "@lingui/core/macro";
import type { SealedRefusal } from "../../../../shared/worker/contract";

export function describeSealedRefusal(r: SealedRefusal): string {
  switch (r.kind) {
    case "no-panel":
      return t`This case has no panel in your records, so there is no roster to check the opinion against.`;
    case "not-from-chair":
      return t`This sealed opinion is not signed by the chair of this case's panel, as your records list them. Do not use it.`;
    case "other-case":
      return t`This sealed opinion is for another case. Import it on that case.`;
    case "invalid-opinion":
      return t`The opinion in this file does not verify: its text, the chair's signature or a part that may be withheld does not hold, or a part is hidden. Nothing was kept.`;
    case "invalid-co-signature":
      return t`A co-signature in this file does not verify against its member's seat, names another text, or its stance does not fit the opinion. Nothing was kept.`;
    case "seats-inconsistent":
      return t`The co-signatures and the members recorded as not signing do not add up to the panel in your records. Nothing was kept.`;
    case "sealed-before-deadline":
      return t`This opinion records members as not signing, yet it was sealed before their deadline to sign. Nothing was kept.`;
    case "unreadable":
      switch (r.reason) {
        case "not-encrypted":
          return t`This file is not encrypted: it is not a sealed opinion from the chair.`;
        case "not-addressed-to-you":
          return t`This file is encrypted to other people, not to any of your identities.`;
        case "not-a-sealed-opinion":
          return t`This file is not a sealed opinion.`;
        case "newer-version":
          return t`This file was made by a newer version of the app. Update the app, then import it again.`;
        case "damaged":
          return t`This file is damaged or cut short. Ask the chair to send it again.`;
        case "tampered":
          return t`This file was altered after the chair signed it. Do not use it; tell the chair.`;
        case "cancelled":
          return t`The import was cancelled.`;
      }
  }
}
