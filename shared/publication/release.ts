/**
 * What the secretariat releases of a sealed opinion (issue 16, "Redaction"):
 * the parts the chair marked withholdable are the only ones it may withhold
 * (each with the reason the chair gave); everything else, the separate and
 * dissenting opinions included, is always released. By default every marked
 * part is withheld, as the chair proposed; the secretariat may release more.
 *
 * Disclosures nest (a roster entry and its affiliation): withholding a part
 * withholds everything inside it. A redaction is declared for each withheld
 * part whose digest the public can see (in the payload, or inside a released
 * part), never for one inside another withheld part, whose digest nobody
 * outside sees.
 */
import { disclosureDigest } from "../formats/selective-disclosure";
import type { HeldSealedOpinion } from "../opinion/records/sealed-opinion.record";
import type { WithholdingReason } from "../opinion/withholding";
import { err, ok, type Result } from "../result";

/** What a publication is made from: the sealed opinion as the secretariat holds it. */
export type HeldForRelease = Pick<HeldSealedOpinion, "payload" | "signature" | "disclosures" | "seal" | "coSignatures">;

/** A part the chair marked withholdable: where it is in the opinion, why it may be withheld, and its digest. */
export type WithholdablePart = { readonly pointer: string; readonly reason: WithholdingReason; readonly digest: string; readonly encoded: string };

export const withholdableParts = (held: Pick<HeldForRelease, "disclosures">): WithholdablePart[] =>
  held.disclosures.draft.map((d) => ({ pointer: d.pointer, reason: d.reason, digest: disclosureDigest(d.disclosure), encoded: d.disclosure }));

/** A withheld part, as the publication declares it: its digest and the reason, never its content or place. */
export type Redaction = { readonly digest: string; readonly reason: WithholdingReason };

export type Release = {
  /** The released disclosures (encoded), in the sealed opinion's order: the draft's, then every separate opinion. */
  readonly released: readonly string[];
  /** One per withheld part whose digest is visible, in the draft's order. */
  readonly redactions: readonly Redaction[];
  /** Every withheld pointer, nested ones included. */
  readonly withheld: readonly string[];
};

export type ReleaseProblem =
  /** The pointer names no part the chair marked withholdable: it cannot be withheld. */
  | { readonly kind: "not-withholdable"; readonly pointer: string }
  | { readonly kind: "withheld-twice"; readonly pointer: string };

/** Whether `inner` lies inside `outer` (RFC 6901 pointers; "/a/1" is inside "/a", "/a1" is not). */
export const isInside = (inner: string, outer: string): boolean => inner.startsWith(`${outer}/`);

/** Every marked part withheld: what the chair proposed. */
export const proposedWithholding = (held: Pick<HeldForRelease, "disclosures">): string[] => held.disclosures.draft.map((d) => d.pointer);

/** The release that withholds exactly `withhold` (pointers of marked parts) and what lies inside them. */
export function planRelease(held: Pick<HeldForRelease, "disclosures">, withhold: readonly string[]): Result<Release, ReleaseProblem> {
  const parts = withholdableParts(held);
  const seen = new Set<string>();
  for (const pointer of withhold) {
    if (!parts.some((p) => p.pointer === pointer)) return err({ kind: "not-withholdable", pointer });
    if (seen.has(pointer)) return err({ kind: "withheld-twice", pointer });
    seen.add(pointer);
  }
  const chosen = [...seen];
  const withheldParts = parts.filter((p) => chosen.some((w) => w === p.pointer || isInside(p.pointer, w)));
  const hidden = (p: WithholdablePart) => withheldParts.includes(p);
  return ok({
    released: [...parts.filter((p) => !hidden(p)).map((p) => p.encoded), ...held.disclosures.separateOpinions],
    redactions: withheldParts.filter((p) => !withheldParts.some((outer) => outer !== p && isInside(p.pointer, outer.pointer))).map((p) => ({ digest: p.digest, reason: p.reason })),
    withheld: withheldParts.map((p) => p.pointer),
  });
}
