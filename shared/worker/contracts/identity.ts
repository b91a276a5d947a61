/**
 * The contract of the person's own identities (create, edit, export their
 * card and age identity) and of their contacts (cards received, trusted
 * after a fingerprint check, revoked). Answered by identity-handlers.ts.
 */
import { z } from "../../validation/zod";
import { Empty, ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const PersonFields = {
  displayName: z.string(),
  region: z.string(),
  nationality: z.string(),
  affiliation: z.string(),
  fingerprint: z.string(),
  fingerprintGroups: z.array(z.string()),
  signingKey: z.string(),
  ageRecipient: z.string(),
};
export const IdentitySummarySchema = z.strictObject({ id: z.string(), created: z.string(), ...PersonFields });
export type IdentitySummary = z.infer<typeof IdentitySummarySchema>;

export const TrustSchema = z.strictObject({ state: z.enum(["unverified", "trusted", "revoked"]), confirmedAt: z.string().optional(), revokedAt: z.string().optional(), reason: z.string().optional() });
export const ContactSummarySchema = z.strictObject({ id: z.string(), importedAt: z.string(), trust: TrustSchema, ...PersonFields });
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const ContactImportSchema = z.strictObject({ outcome: z.enum(["new", "already-known", "details-changed"]), contact: ContactSummarySchema, changes: z.array(z.string()) });
export type ContactImportSummary = z.infer<typeof ContactImportSchema>;

export const IdentityInputSchema = z.strictObject({ displayName: z.string().max(1000), region: z.string().max(100), nationality: z.string().max(10), affiliation: z.string().max(1000) });

export const identityMethods = {
  "identity:list": { request: Empty, response: z.array(IdentitySummarySchema) },
  "identity:create": { request: IdentityInputSchema, response: IdentitySummarySchema },
  /** New details for an identity; same keys, its card is signed anew when next exported. */
  "identity:edit": { request: IdentityInputSchema.extend({ id: Id }).strict(), response: IdentitySummarySchema },
  "identity:export-card": { request: z.strictObject({ id: Id }), response: ExportFileSchema },
  "identity:export-age": { request: z.strictObject({ id: Id, acknowledged: z.literal(true) }), response: ExportFileSchema },
  "contact:list": { request: Empty, response: z.array(ContactSummarySchema) },
  "contact:import": { request: z.strictObject({ file: FileInput }), response: ContactImportSchema },
  "contact:accept-update": { request: z.strictObject({ file: FileInput }), response: ContactSummarySchema },
  "contact:confirm": { request: z.strictObject({ id: Id, fingerprint: z.string().max(200) }), response: ContactSummarySchema },
  "contact:revoke": { request: z.strictObject({ id: Id, reason: z.string().max(2000) }), response: ContactSummarySchema },
} as const;

export type IdentityHandlers = HandlersOf<typeof identityMethods>;
