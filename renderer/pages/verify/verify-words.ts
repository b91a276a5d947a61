/** The sentences of the Verify page: why a publication is unusable or not valid, and the names of what was checked. */
import { t } from "@lingui/core/macro";
import type { AggregateCheck } from "../../../shared/publication/aggregates";
import type { PublicationProblem, SignatureCheck } from "../../../shared/publication/verify";
import type { PublicationCheck } from "../../../shared/worker/contract";

export function unusableSentence(reason: Extract<PublicationCheck, { outcome: "unusable" }>["reason"]): string {
  switch (reason) {
    case "no-opinion-json":
      return t`There is no opinion.json here. Open the folder of a publication, or its opinion.json.`;
    case "not-json":
      return t`This opinion.json is not valid JSON: it is damaged, or not a publication.`;
    case "not-a-publication":
      return t`This file is not a published opinion of Attribution Panel.`;
    case "too-large":
      return t`This is larger than any publication (512 MiB): open the publication's folder, not a folder above it.`;
    case "bad-path":
      return t`A file's name in this folder cannot be part of a publication. Open the publication's own folder.`;
    case "bad-zip":
      return t`This zip archive is damaged. Download it again, or open the publication's folder.`;
  }
}

/** Who signed: the seat's role. */
export const signerName = (s: Pick<SignatureCheck, "role">): string => (s.role === "chair" ? t`The chair` : s.role === "member" ? t`A member` : t`The secretariat`);

/** What a signature signs, by its namespace (and the stance of a co-signature). */
export function signedName(s: Pick<SignatureCheck, "namespace" | "stance">): string {
  if (s.namespace === "opinion@attribution-panel") return t`The opinion`;
  if (s.namespace === "publication@attribution-panel") return t`The publication statement`;
  if (s.namespace === "separate-opinion@attribution-panel") return s.stance === "dissent" ? t`A dissenting opinion` : t`A separate opinion`;
  if (s.stance === "concur") return t`Co-signature: concurs`;
  if (s.stance === "concur-separate") return t`Co-signature: concurs, with a separate opinion`;
  if (s.stance === "dissent") return t`Co-signature: dissents`;
  return t`Co-signature`;
}

/** The outcome of one recomputed figure. */
export function resultName(a: Pick<AggregateCheck, "recomputable" | "matches">): string {
  if (!a.recomputable) return t`Not recomputable: its inputs were withheld`;
  return a.matches ? t`Matches` : t`Differs`;
}

/** The figure of an aggregate, as a reader names it. */
export function figureName(c: Pick<AggregateCheck, "figure">): string {
  switch (c.figure) {
    case "n":
      return t`Number of estimates`;
    case "median":
      return t`Median`;
    case "p25":
      return t`25th percentile`;
    case "p75":
      return t`75th percentile`;
    case "iqr":
      return t`Interquartile range`;
    case "pool":
      return t`Pooled estimate`;
    case "normalised":
      return t`Pooled, normalised across the claims`;
    case "regional-n":
      return t`Estimates from the regional group`;
    case "regional-median":
      return t`Median of the regional group`;
  }
}

export function problemSentence(p: PublicationProblem, claimName: (claim: string) => string): string {
  switch (p.kind) {
    case "invalid-publication":
      return t`opinion.json does not have the shape of a publication.`;
    case "payload":
      switch (p.error.kind) {
        case "signature":
          return t`The chair's signature does not verify over the opinion: it was changed after signing, or signed with another key.`;
        case "disclosures":
          return t`The released parts do not fit the signed opinion: one was added, changed, duplicated or does not belong to it.`;
        case "not-on-roster":
        case "not-the-chair":
          return t`The opinion was not signed by the chair's seat on the roster it carries.`;
        case "separate-opinion":
        case "invalid-separate-opinion-entry":
        case "two-opinions-one-seat":
          return t`A separate or dissenting opinion does not verify against its author's seat.`;
        default:
          return t`The signed opinion is not a valid opinion.`;
      }
    case "opinion-differs":
      return t`The opinion shown in opinion.json is not the signed opinion with the released parts: it was changed.`;
    case "redaction-not-withheld":
    case "redaction-twice": {
      const digest = p.digest;
      return p.kind === "redaction-twice" ? t`A withheld part (${digest}) is declared twice.` : t`A declared redaction (${digest}) names no withheld part of the signed opinion.`;
    }
    case "co-signature": {
      const n = p.index + 1;
      return t`Co-signature ${n} does not verify for this opinion and a member's seat.`;
    }
    case "co-signature-listing": {
      const n = p.index + 1;
      return t`The seat or stance shown beside co-signature ${n} is not what the member signed.`;
    }
    case "seat-twice":
    case "seat-unaccounted":
    case "not-a-member": {
      const seat = p.seat;
      if (p.kind === "seat-twice") return t`The seat ${seat} is counted twice among those who co-signed or did not.`;
      if (p.kind === "not-a-member") return t`${seat} is listed as not signing but holds no member seat.`;
      return t`The member seat ${seat} neither co-signed nor is listed as not signing.`;
    }
    case "separate-opinions-listing":
      return t`The list of separate opinions does not match those the signed opinion carries.`;
    case "signed-file-missing":
    case "signed-file-differs": {
      const path = p.path;
      return p.kind === "signed-file-missing" ? t`${path} is missing: stock tools could not check that signature.` : t`${path} is not the exact signed file that opinion.json carries.`;
    }
    case "allowed-signers": {
      const key = p.fingerprint;
      return t`allowed_signers does not list the key ${key} for what it signed: ssh-keygen would refuse that signature.`;
    }
    case "statement-missing":
      return t`The secretariat's publication statement is missing.`;
    case "statement-signature":
    case "statement-invalid":
    case "statement-signer":
      return t`The secretariat's publication statement does not verify: it was changed after signing, or signed with another key.`;
    case "statement-differs":
      return t`The secretariat's statement does not describe this release: the parts released or withheld, the seats or the date differ.`;
    case "file-changed":
    case "file-missing":
    case "file-not-listed": {
      const path = p.path;
      if (p.kind === "file-changed") return t`${path} is not the file the secretariat published.`;
      if (p.kind === "file-missing") return t`${path} is missing from the publication.`;
      return t`${path} is not part of the publication: the secretariat's statement does not list it.`;
    }
    case "sums-missing":
      return t`SHA256SUMS is missing.`;
    case "sums-differ": {
      const path = p.path;
      return t`SHA256SUMS does not agree with ${path}.`;
    }
    case "aggregate": {
      const claim = claimName(p.check.claim);
      const figure = figureName(p.check);
      const stated = p.check.stated ?? "—";
      const recomputed = p.check.recomputed ?? "—";
      return t`${claim}, ${figure}: the opinion states ${stated}, but the released estimates give ${recomputed}.`;
    }
  }
}
