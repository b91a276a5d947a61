/**
 * Contacts: other people's verified identity cards and how far this person
 * trusts each one. A card's self-signature proves only that its owner holds
 * the key; that the key belongs to the person named is established out of
 * band, by comparing the fingerprint. So a contact starts "unverified", becomes
 * "trusted" only through confirmFingerprint, and may be "revoked" with a
 * reason. Every transition is a pure function returning a Result; the caller
 * persists the new value and writes the audit-log entry.
 */
import { bytesEqual } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { importReceivedCard, type CardError, type IdentityCard, type VerifiedCard } from "./identity-card";
import { personText, timestampOf } from "./identity-details";
import { issuesOf, type Issue } from "../validation/issues";
import { firstDifferingGroup, normalizeTypedFingerprint } from "./fingerprint-reading";

export type TrustState =
  | { readonly state: "unverified" }
  | { readonly state: "trusted"; readonly confirmedAt: string }
  /** `confirmedAt` is kept when a trusted contact is revoked, for the record. */
  | { readonly state: "revoked"; readonly reason: string; readonly revokedAt: string; readonly confirmedAt?: string };

export type Contact = { readonly card: VerifiedCard; readonly importedAt: string; readonly trust: TrustState };

/** The card fields that can differ between two cards with the same signing key. */
export type CardField = Exclude<keyof IdentityCard, "type" | "version" | "signingKey" | "fingerprint">;
const COMPARED_FIELDS: readonly CardField[] = ["displayName", "region", "nationality", "affiliation", "ageRecipient", "created"];

export type ContactImport =
  | { readonly kind: "new"; readonly contact: Contact }
  /** The very same card is already a contact; nothing to do. */
  | { readonly kind: "already-known"; readonly contact: Contact }
  /** Same signing key, other details: shown to the person, applied only through acceptCardUpdate. */
  | { readonly kind: "details-changed"; readonly existing: Contact; readonly incoming: VerifiedCard; readonly changes: readonly CardField[] };

export type ContactError =
  | { readonly kind: "invalid-card"; readonly error: CardError }
  | { readonly kind: "fingerprint-mismatch"; readonly group?: number }
  | { readonly kind: "invalid-transition"; readonly from: TrustState["state"]; readonly action: "confirm" | "revoke" | "update" }
  | { readonly kind: "invalid-reason"; readonly issues: readonly Issue[] }
  | { readonly kind: "different-key" };

export const MAX_REVOCATION_REASON_LENGTH = 500;
export const RevocationReasonSchema = personText(MAX_REVOCATION_REASON_LENGTH);

const sameKey = (a: VerifiedCard, b: VerifiedCard): boolean => bytesEqual(a.signingPublicKey, b.signingPublicKey);

/** The fields in which two cards differ. */
export function cardChanges(before: IdentityCard, after: IdentityCard): readonly CardField[] {
  return COMPARED_FIELDS.filter((field) => before[field] !== after[field]);
}

/**
 * Verifies a received card file and relates it to the existing contacts,
 * matched by signing key. A known key with other details is reported, never
 * applied silently: an old card of the same person would look the same.
 */
export function importContact(contacts: readonly Contact[], cardFile: string | Uint8Array, now: Date): Result<ContactImport, ContactError> {
  const card = importReceivedCard(cardFile);
  if (!card.ok) return err({ kind: "invalid-card", error: card.error });
  const existing = contacts.find((c) => sameKey(c.card, card.value));
  if (!existing) return ok({ kind: "new", contact: { card: card.value, importedAt: timestampOf(now), trust: { state: "unverified" } } });
  const changes = cardChanges(existing.card.card, card.value.card);
  return changes.length === 0 ? ok({ kind: "already-known", contact: existing }) : ok({ kind: "details-changed", existing, incoming: card.value, changes });
}

/**
 * Replaces a contact's card by a newer one with the same signing key, once
 * the person has seen the changes. The trust state is kept: what was
 * confirmed is the key, and the new card is signed by that key. A revoked
 * contact stays as it was.
 */
export function acceptCardUpdate(contact: Contact, incoming: VerifiedCard): Result<Contact, ContactError> {
  if (!sameKey(contact.card, incoming)) return err({ kind: "different-key" });
  if (contact.trust.state === "revoked") return err({ kind: "invalid-transition", from: "revoked", action: "update" });
  return ok({ ...contact, card: incoming });
}

/**
 * unverified → trusted, when the fingerprint the person read or typed (from
 * the owner, out of band) equals the card's. Spaces and hyphens between
 * groups and the "SHA256:" prefix are optional; letter case is not.
 */
export function confirmFingerprint(contact: Contact, typedOrConfirmed: string, now: Date): Result<Contact, ContactError> {
  if (contact.trust.state !== "unverified") return err({ kind: "invalid-transition", from: contact.trust.state, action: "confirm" });
  const typed = normalizeTypedFingerprint(typedOrConfirmed);
  if (typed !== contact.card.fingerprint) return err({ kind: "fingerprint-mismatch", group: firstDifferingGroup(contact.card.fingerprint, typed) });
  return ok({ ...contact, trust: { state: "trusted", confirmedAt: timestampOf(now) } });
}

/**
 * trusted (or still unverified) → revoked, with the reason given. Revoking
 * an unverified contact is allowed so that a card found to be false is kept
 * as such, and a later re-import shows it as revoked rather than as new.
 */
export function revokeContact(contact: Contact, reason: string, now: Date): Result<Contact, ContactError> {
  if (contact.trust.state === "revoked") return err({ kind: "invalid-transition", from: "revoked", action: "revoke" });
  const checked = RevocationReasonSchema.safeParse(reason.trim().normalize("NFC"));
  if (!checked.success) return err({ kind: "invalid-reason", issues: issuesOf(checked.error) });
  const revokedAt = timestampOf(now);
  const trust: TrustState =
    contact.trust.state === "trusted" ? { state: "revoked", reason: checked.data, revokedAt, confirmedAt: contact.trust.confirmedAt } : { state: "revoked", reason: checked.data, revokedAt };
  return ok({ ...contact, trust });
}
