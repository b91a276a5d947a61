/** The words of the secretariat's publishing: what each withholdable part is, and why publishing was refused. */
import { t } from "@lingui/core/macro";
import type { Publish, WithholdablePartView } from "../../../../shared/worker/contract";

/** What a withholdable part is, as the object of "Withhold …" (translators: the form that follows that verb). */
export function partName(p: Pick<WithholdablePartView, "kind" | "position" | "pointer">): string {
  const n = p.position ?? 0;
  // A pointer of two steps (/evidence/0) names a whole item; a longer one, a detail of it.
  const whole = p.pointer.split("/").length <= 3;
  switch (p.kind) {
    case "evidence":
      return whole ? t`evidence item ${n}` : t`a detail of evidence item ${n}`;
    case "reasoning":
      return t`paragraph ${n} of the reasoning`;
    case "roster":
      return whole ? t`the panel member at seat ${n}` : t`a detail of the panel member at seat ${n}`;
    case "estimate":
      return whole ? t`the released estimates of claim ${n}` : t`a detail of the released estimates of claim ${n}`;
    case "other":
      return t`a part of the opinion`;
  }
}

export function publishRefusal(reason: Extract<Publish, { outcome: "refused" }>["reason"]): string {
  switch (reason) {
    case "no-sealed-opinion":
      return t`There is no sealed opinion of this case to publish: import the chair's sealed opinion first.`;
    case "not-withholdable":
      return t`Only the parts the chair marked may be withheld. Nothing was published.`;
    case "unknown-signer":
      return t`The identity chosen to sign is not in this vault. Nothing was published.`;
    case "would-not-verify":
      return t`The publication would not verify for its readers, so nothing was published. Import the sealed opinion again, or ask the chair to seal it again.`;
  }
}
