/**
 * The stored form of a contact. It keeps the card file exactly as received,
 * not the parsed card, so every load re-verifies the self-signature and a
 * contact read back is the same VerifiedCard that was first imported.
 */
import { z } from "../validation/zod";
import { err, ok, type Result } from "../result";
import { MAX_CARD_FILE_BYTES, importIdentityCard } from "./identity-card";
import { TimestampSchema } from "./identity-details";
import { issuesOf, type Issue } from "../validation/issues";
import { RevocationReasonSchema, type Contact, type ContactError } from "./contacts";

export const CONTACT_RECORD_FORMAT = "attribution-panel/contact";

const TrustStateSchema = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("unverified") }),
  z.strictObject({ state: z.literal("trusted"), confirmedAt: TimestampSchema }),
  z.strictObject({ state: z.literal("revoked"), reason: RevocationReasonSchema, revokedAt: TimestampSchema, confirmedAt: TimestampSchema.optional() }),
]);

export const ContactRecordSchema = z.strictObject({
  format: z.literal(CONTACT_RECORD_FORMAT),
  version: z.literal(1),
  cardFile: z.string().max(MAX_CARD_FILE_BYTES),
  importedAt: TimestampSchema,
  trust: TrustStateSchema,
});

export type ContactRecord = z.infer<typeof ContactRecordSchema>;

export type ContactRecordError = { readonly kind: "malformed-record"; readonly issues: readonly Issue[] } | ContactError;

export function contactToRecord(contact: Contact): ContactRecord {
  return { format: CONTACT_RECORD_FORMAT, version: 1, cardFile: contact.card.file, importedAt: contact.importedAt, trust: contact.trust };
}

export function contactFromRecord(value: unknown): Result<Contact, ContactRecordError> {
  const record = ContactRecordSchema.safeParse(value);
  return record.success ? contactFromParsed(record.data) : err({ kind: "malformed-record", issues: issuesOf(record.error) });
}

/** `contactFromRecord` for a record already parsed (as the vault's contact record kind reads it): the card re-verified. */
export function contactFromParsed(record: ContactRecord): Result<Contact, ContactRecordError> {
  const card = importIdentityCard(record.cardFile);
  if (!card.ok) return err({ kind: "invalid-card", error: card.error });
  return ok({ card: card.value, importedAt: record.importedAt, trust: record.trust });
}
