/**
 * What a person says about themselves on their identity card: name, UN
 * regional group, nationality and affiliation, plus the creation time. One
 * schema serves the form, the stored identity and the imported card, so a
 * value accepted in one place is accepted in all three.
 */
import { z } from "../validation/zod";
import { CountryCodeSchema, RecordedCountryCodeSchema } from "./countries";
import { hasInvisibleCharacters } from "./invisible-characters";
import { UnRegionSchema } from "./un-regions";

export const MAX_DISPLAY_NAME_LENGTH = 120;
export const MAX_AFFILIATION_LENGTH = 200;

// Control characters could forge extra lines wherever the text is printed,
// and bidirectional overrides and isolates can make a name display as
// something other than what it is. Other invisible characters are refused
// in what identifies a person (confirmedText below).
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "gu");

/**
 * Free text a person writes and others read: trimmed, NFC, no control or
 * direction-override characters. The interface names the field from the
 * issue's path (renderer/i18n/problems/issues.ts).
 */
export function personText(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, { params: { reason: "surrounding-spaces" } })
    .refine((s) => !FORBIDDEN.test(s), { params: { reason: "control-characters" } })
    // One spelling per name: NFC, so two cards that look alike compare alike.
    .refine((s) => s.normalize("NFC") === s, { params: { reason: "not-nfc" } });
}

/**
 * Text that identifies a person and that others confirm (the name and the
 * affiliation on a card): personText, and no invisible character either
 * (invisible-characters.ts), so that two names that look the same are the
 * same. Checked on what a person types and on every card imported anew;
 * records stored earlier are read with the rules they were written under.
 */
export function confirmedText(max: number) {
  // Direction controls are already "control-characters": one reason each.
  return personText(max).refine((s) => !hasInvisibleCharacters(s.replace(FORBIDDEN_ALL, "")), { params: { reason: "invisible-characters" } });
}

export const DisplayNameSchema = confirmedText(MAX_DISPLAY_NAME_LENGTH);
export const AffiliationSchema = confirmedText(MAX_AFFILIATION_LENGTH);
/** The name and affiliation as a stored identity, a stored contact or a registry holds them (before invisible characters were refused). */
export const RecordedDisplayNameSchema = personText(MAX_DISPLAY_NAME_LENGTH);
export const RecordedAffiliationSchema = personText(MAX_AFFILIATION_LENGTH);
/** ISO 3166-1 alpha-2, one of the known codes: what new input must give (see countries.ts). */
export const NationalitySchema = CountryCodeSchema;
/** A UTC time as Date.prototype.toISOString writes it, milliseconds included. */
export const TimestampSchema = z.iso.datetime({ precision: 3 });

/** The timestamp of a clock value the caller passed in (pure code never reads the clock itself). */
export function timestampOf(now: Date): string {
  const text = now.toISOString(); // throws on an invalid Date: a caller's bug
  if (!TimestampSchema.safeParse(text).success) throw new RangeError(`the clock gave a time outside the years 0000-9999: ${text}`);
  return text;
}

export const IdentityDetailsSchema = z.strictObject({
  displayName: DisplayNameSchema,
  region: UnRegionSchema,
  nationality: NationalitySchema,
  affiliation: AffiliationSchema,
});

export type IdentityDetails = z.infer<typeof IdentityDetailsSchema>;

/**
 * The details as a stored identity or a signed card holds them: earlier
 * versions checked only the nationality's shape, so an identity recorded
 * as "SW" (for Switzerland) is still read, and its owner can correct it;
 * likewise a name with an invisible character.
 */
export const RecordedIdentityDetailsSchema = IdentityDetailsSchema.extend({
  displayName: RecordedDisplayNameSchema,
  nationality: RecordedCountryCodeSchema,
  affiliation: RecordedAffiliationSchema,
});

/** The fields of the details that differ between `a` and `b`. */
export function changedDetails(a: IdentityDetails, b: IdentityDetails): readonly (keyof IdentityDetails)[] {
  return (["displayName", "region", "nationality", "affiliation"] as const).filter((field) => a[field] !== b[field]);
}

/** The same fields as a form delivers them, before validation. */
export type IdentityDetailsInput = { readonly [K in keyof IdentityDetails]: string };

/** Tidies what a person typed (surrounding spaces, Unicode form, letter case of the code) before validation. */
export function normalizeDetails(input: IdentityDetailsInput): IdentityDetailsInput {
  return {
    displayName: input.displayName.trim().normalize("NFC"),
    region: input.region,
    nationality: input.nationality.trim().toUpperCase(),
    affiliation: input.affiliation.trim().normalize("NFC"),
  };
}

