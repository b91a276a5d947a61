import { ClaimIdSchema, EvidenceIdSchema, type ClaimId, type EvidenceId } from "../../../../shared/case/model";

/** A random id: 16 bytes, base64url (as the vault's record ids). */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The id of a new claim, checked (and branded) as one. */
export const newClaimId = (): ClaimId => ClaimIdSchema.parse(randomId());
/** The id of a new evidence item, checked (and branded) as one. */
export const newEvidenceId = (): EvidenceId => EvidenceIdSchema.parse(randomId());
