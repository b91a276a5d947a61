/**
 * A personal identity: what one person signs and decrypts with. An Ed25519
 * key pair signs (SSHSIG) and an X25519 key pair receives age files. The two
 * are independent random keys, so that a signature scheme and an encryption
 * scheme never share secret material.
 *
 * Pure values: the caller stores them, only ever inside the encrypted vault
 * (see StoredIdentitySchema), and calls wipeIdentity when done.
 */
import { z } from "../validation/zod";
import { bytesEqual } from "../encoding/bytes";
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SECRET_KEY_BYTES,
  ED25519_SEED_BYTES,
  X25519_KEY_BYTES,
  ed25519KeyPair,
  fromBase64,
  randomBytes,
  toBase64,
  toHex,
  wipe,
  x25519Base,
  type Ed25519KeyPair,
} from "../crypto/sodium";
import { err, ok, type Result } from "../result";
import {
  IdentityDetailsSchema,
  RecordedIdentityDetailsSchema,
  TimestampSchema,
  changedDetails,
  normalizeDetails,
  timestampOf,
  type IdentityDetails,
  type IdentityDetailsInput,
} from "./identity-details";
import { issuesOf, type Issue } from "../validation/issues";

/** 16 random bytes in lowercase hex. */
export type IdentityId = string & { readonly __brand: "IdentityId" };
export type X25519KeyPair = { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };

export type PersonalIdentity = {
  readonly id: IdentityId;
  /** ISO 8601 UTC, from the clock value given at creation. */
  readonly created: string;
  readonly details: IdentityDetails;
  readonly signing: Ed25519KeyPair;
  readonly encryption: X25519KeyPair;
};

export type IdentityError =
  | { readonly kind: "invalid-details"; readonly issues: readonly Issue[] }
  | { readonly kind: "unchanged" }
  | { readonly kind: "malformed-record"; readonly issues: readonly Issue[] }
  /** The Ed25519 public key stored with the secret does not belong to it. */
  | { readonly kind: "inconsistent-keys" };

const ID_BYTES = 16;
const IdentityIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

// Padded base64 of a fixed number of bytes has a fixed length; decoding
// (strict, canonical) happens in identityFromParsed.
const base64Of = (bytes: number) => z.string().length(4 * Math.ceil(bytes / 3), `expected ${bytes} bytes in base64`);

export const STORED_IDENTITY_FORMAT = "attribution-panel/identity";

/** The stored form; it holds secret keys, so it exists only inside the encrypted vault. */
export const StoredIdentitySchema = z.strictObject({
  format: z.literal(STORED_IDENTITY_FORMAT),
  version: z.literal(1),
  id: IdentityIdSchema,
  created: TimestampSchema,
  // Read as recorded (an old nationality code stays readable); new details are checked by IdentityDetailsSchema.
  details: RecordedIdentityDetailsSchema,
  /** libsodium's 64 bytes: seed then public key. */
  signingSecretKey: base64Of(ED25519_SECRET_KEY_BYTES),
  encryptionSecretKey: base64Of(X25519_KEY_BYTES),
});

export type StoredIdentity = z.infer<typeof StoredIdentitySchema>;

/** A new identity with fresh keys; `now` comes from the caller's clock. */
export function createIdentity(input: IdentityDetailsInput, now: Date): Result<PersonalIdentity, IdentityError> {
  const details = IdentityDetailsSchema.safeParse(normalizeDetails(input));
  if (!details.success) return err({ kind: "invalid-details", issues: issuesOf(details.error) });
  const created = timestampOf(now);
  const encryptionSecret = randomBytes(X25519_KEY_BYTES);
  return ok({
    id: toHex(randomBytes(ID_BYTES)) as IdentityId,
    created,
    details: details.data,
    signing: ed25519KeyPair(),
    encryption: { publicKey: x25519Base(encryptionSecret), secretKey: encryptionSecret },
  });
}

/**
 * The same identity (same id, keys and creation time) with new details, for
 * its owner to correct or update what the card says. The card is signed
 * anew when exported; a card handed over earlier keeps the old details.
 * The returned identity shares the key arrays of `identity`.
 */
export function reviseIdentity(identity: PersonalIdentity, input: IdentityDetailsInput): Result<{ identity: PersonalIdentity; changed: readonly (keyof IdentityDetails)[] }, IdentityError> {
  const details = IdentityDetailsSchema.safeParse(normalizeDetails(input));
  if (!details.success) return err({ kind: "invalid-details", issues: issuesOf(details.error) });
  const changed = changedDetails(identity.details, details.data);
  if (changed.length === 0) return err({ kind: "unchanged" });
  return ok({ identity: { ...identity, details: details.data }, changed });
}

/** Overwrites both secret keys; the identity is unusable afterwards. */
export function wipeIdentity(identity: PersonalIdentity): void {
  wipe(identity.signing.secretKey, identity.encryption.secretKey);
}

/**
 * The stored form. Its base64 strings cannot be wiped (JavaScript strings
 * are immutable), so hand it straight to the vault's encryption and drop it.
 */
export function identityToStored(identity: PersonalIdentity): StoredIdentity {
  return {
    format: STORED_IDENTITY_FORMAT,
    version: 1,
    id: identity.id,
    created: identity.created,
    details: identity.details,
    signingSecretKey: toBase64(identity.signing.secretKey),
    encryptionSecretKey: toBase64(identity.encryption.secretKey),
  };
}

/**
 * Reads a stored identity back, re-deriving both public keys from the
 * secrets: a record whose Ed25519 public half does not belong to its seed
 * would sign under one key while naming another, so it is refused.
 */
export function identityFromStored(value: unknown): Result<PersonalIdentity, IdentityError> {
  const parsed = StoredIdentitySchema.safeParse(value);
  return parsed.success ? identityFromParsed(parsed.data) : err({ kind: "malformed-record", issues: issuesOf(parsed.error) });
}

/** `identityFromStored` for a record already parsed (as the vault's identity record kind reads it). */
export function identityFromParsed(record: StoredIdentity): Result<PersonalIdentity, IdentityError> {
  const storedSigning = fromBase64(record.signingSecretKey);
  const encryptionSecret = fromBase64(record.encryptionSecretKey);
  if (storedSigning?.length !== ED25519_SECRET_KEY_BYTES || encryptionSecret?.length !== X25519_KEY_BYTES) {
    wipe(storedSigning, encryptionSecret);
    return err({ kind: "malformed-record", issues: [{ code: "custom", path: ["signingSecretKey"], reason: "not-canonical-base64" }] });
  }
  const signing = ed25519KeyPair(storedSigning.subarray(0, ED25519_SEED_BYTES));
  const consistent = bytesEqual(signing.publicKey, storedSigning.subarray(ED25519_SEED_BYTES, ED25519_SEED_BYTES + ED25519_PUBLIC_KEY_BYTES));
  wipe(storedSigning);
  if (!consistent) {
    wipe(signing.secretKey, encryptionSecret);
    return err({ kind: "inconsistent-keys" });
  }
  return ok({
    id: record.id as IdentityId,
    created: record.created,
    details: record.details,
    signing,
    encryption: { publicKey: x25519Base(encryptionSecret), secretKey: encryptionSecret },
  });
}
