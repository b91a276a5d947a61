/**
 * The identity card: the public half of a PersonalIdentity, signed by its
 * own Ed25519 key, which a person hands to others (on removable media) so
 * that they can check this person's signatures and encrypt to them.
 *
 * File format (one UTF-8 text file, version 1):
 *
 *   <RFC 8785 canonical JSON of { "card": <card>, "signature": <armor> }> LF
 *
 * - `card` is the object { type: "attribution-panel/identity-card",
 *   version: 1, displayName, region, nationality, affiliation, signingKey
 *   ("ssh-ed25519 AAAA…", no comment), ageRecipient ("age1…"), fingerprint
 *   ("SHA256:…", as `ssh-keygen -lf` prints it), created (ISO 8601 UTC) }.
 * - `signature` is the armored SSHSIG (namespace identity-card@attribution-panel,
 *   SHA-512) of the canonical bytes of `card`, exactly as ssh-keygen writes it.
 * - The whole file is canonical JSON followed by one line feed. JCS orders
 *   keys, so the file always starts with `{"card":` followed by the card's
 *   canonical bytes and then `,"signature":`; JCS escapes every line break,
 *   so the file is a single line.
 *
 * How the signed bytes are obtained: the whole file (less its final LF) must
 * pass parseCanonicalJson, i.e. be byte-for-byte its own canonical form, so
 * one card has exactly one file. The signature is then verified over the
 * received bytes themselves, sliced out of the file after `{"card":`; the
 * slice's end comes from re-serialising the parsed card, and that
 * re-serialisation is REQUIRED to equal the received slice byte for byte
 * (it must, since JCS is compositional; a difference is refused as
 * malformed). Nothing is verified over bytes this app produced itself.
 *
 * Anyone can check a card without this app: the bytes between `{"card":` and
 * `,"signature":"` are the message and the (unescaped) signature string is the
 * .sig file for `ssh-keygen -Y verify -n identity-card@attribution-panel`.
 */
import { z } from "../validation/zod";
import { bytesEqual, fromUtf8, utf8 } from "../encoding/bytes";
import { X25519_KEY_BYTES, wipe, x25519 } from "../crypto/sodium";
import { encodeRecipient, parseRecipient, type AgeError, type AgeRecipient } from "../formats/age/age";
import { mustCanonicalJson, parseCanonicalJson, parseStrictJson, type JsonError } from "../formats/jcs";
import { parseOpenSshPublicKey, type OpenSshKeyError, sshFingerprint, toOpenSshPublicKey, type SshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, armorSshsig, dearmorSshsig, signSshsig, verifySshsig, type ArmoredSshSignature, type SignatureError } from "../formats/sshsig";
import { err, ok, type Result } from "../result";
import { RecordedCountryCodeSchema } from "./countries";
import { AffiliationSchema, DisplayNameSchema, RecordedAffiliationSchema, RecordedDisplayNameSchema, TimestampSchema } from "./identity-details";
import { issuesOf, type Issue } from "../validation/issues";
import type { PersonalIdentity } from "./identity";
import { UnRegionSchema } from "./un-regions";

export const IDENTITY_CARD_TYPE = "attribution-panel/identity-card";
export const IDENTITY_CARD_VERSION = 1;
/** A card is under 1 KiB; this only bounds the work done on junk. */
export const MAX_CARD_FILE_BYTES = 16 * 1024;

export const IdentityCardSchema = z.strictObject({
  type: z.literal(IDENTITY_CARD_TYPE),
  version: z.literal(IDENTITY_CARD_VERSION),
  // As stored cards were written: a card imported anew is also held to
  // DisplayNameSchema and AffiliationSchema (importReceivedCard).
  displayName: RecordedDisplayNameSchema,
  region: UnRegionSchema,
  // The shape only: a card signed by an earlier version may carry an unknown
  // code, which only its owner can correct; enrolment checks the code.
  nationality: RecordedCountryCodeSchema,
  affiliation: RecordedAffiliationSchema,
  // Only bounded here; their content is checked against the keys below.
  signingKey: z.string().max(200),
  ageRecipient: z.string().max(200),
  fingerprint: z.string().max(200),
  created: TimestampSchema,
});

export type IdentityCard = z.infer<typeof IdentityCardSchema>;

/** The text of a card file, as exportIdentityCard writes it. */
export type IdentityCardFile = string & { readonly __brand: "IdentityCardFile" };

/** A card whose self-signature and key-derived fields have been checked; only importIdentityCard makes one. */
export type VerifiedCard = {
  readonly card: IdentityCard;
  readonly signingPublicKey: Uint8Array;
  readonly fingerprint: SshFingerprint;
  readonly agePublicKey: Uint8Array;
  readonly ageRecipient: AgeRecipient;
  /** The exact bytes the signature covers, as received. */
  readonly cardBytes: Uint8Array;
  readonly signature: ArmoredSshSignature;
  /** The whole file as received, to store or pass on unchanged. */
  readonly file: IdentityCardFile;
} & { readonly __brand: "VerifiedCard" };

export type CardError =
  | { readonly kind: "malformed"; readonly problem: CardMalformation }
  | { readonly kind: "not-canonical"; readonly offset: number }
  | { readonly kind: "unsupported-version"; readonly version: string }
  | { readonly kind: "bad-signature"; readonly cause: SignatureError }
  | { readonly kind: "fingerprint-mismatch"; readonly stated: string; readonly actual: SshFingerprint }
  | { readonly kind: "invalid-age-recipient"; readonly cause: AgeError | { readonly kind: "low-order-point" } }
  /** A card imported anew whose name or affiliation holds invisible characters (identity-details.ts, confirmedText). */
  | { readonly kind: "invisible-characters"; readonly fields: readonly ConfirmedCardField[] };

/** The card's fields that a person reads and confirms. */
export type ConfirmedCardField = "displayName" | "affiliation";

/** Why a file is not a well-formed identity card. */
export type CardMalformation =
  | { readonly kind: "not-unicode" }
  | { readonly kind: "too-large" }
  | { readonly kind: "not-one-line" }
  | { readonly kind: "json"; readonly error: JsonError }
  | { readonly kind: "not-a-card-file"; readonly issues: readonly Issue[] }
  | { readonly kind: "other-type" }
  | { readonly kind: "invalid-fields"; readonly issues: readonly Issue[] }
  | { readonly kind: "card-bytes-not-found" }
  | { readonly kind: "armor-layout" }
  | { readonly kind: "signing-key"; readonly error: OpenSshKeyError }
  | { readonly kind: "signing-key-form" };

const NAMESPACE = SIGNATURE_NAMESPACES.identityCard;
const CARD_PREFIX = utf8('{"card":');
const SIGNATURE_INFIX = utf8(',"signature":');
const LF = 0x0a;

// The outer shape only; the card itself is checked once its version is known.
const CardFileSchema = z.strictObject({ card: z.record(z.string(), z.unknown()), signature: z.string() });

const malformed = (problem: CardMalformation) => err({ kind: "malformed", problem } as const);

/** The card describing `identity`, unsigned. */
export function identityCardOf(identity: PersonalIdentity): IdentityCard {
  const { displayName, region, nationality, affiliation } = identity.details;
  return {
    type: IDENTITY_CARD_TYPE,
    version: IDENTITY_CARD_VERSION,
    displayName,
    region,
    nationality,
    affiliation,
    signingKey: toOpenSshPublicKey(identity.signing.publicKey),
    ageRecipient: encodeRecipient(identity.encryption.publicKey),
    fingerprint: sshFingerprint(identity.signing.publicKey),
    created: identity.created,
  };
}

/** The card file for `identity`, signed by its own key. */
export function exportIdentityCard(identity: PersonalIdentity): IdentityCardFile {
  const card = identityCardOf(identity);
  const signature = signSshsig(mustCanonicalJson(card, "an identity card"), identity.signing, NAMESPACE);
  const text = fromUtf8(mustCanonicalJson({ card, signature }, "a card file"));
  if (text === undefined) throw new Error("canonical JSON was not UTF-8");
  return `${text}\n` as IdentityCardFile;
}

type ReadCardFile = { readonly bytes: Uint8Array; readonly card: IdentityCard; readonly cardBytes: Uint8Array; readonly signature: string };

/** The file's layout and the card's fields; nothing about keys or signature yet. */
function readCardFile(input: string | Uint8Array): Result<ReadCardFile, CardError> {
  // A lone surrogate would be silently replaced when encoding to UTF-8.
  if (typeof input === "string" && /[\uD800-\uDFFF]/u.test(input)) return malformed({ kind: "not-unicode" });
  const bytes = typeof input === "string" ? utf8(input) : input;
  if (bytes.length > MAX_CARD_FILE_BYTES) return malformed({ kind: "too-large" });
  // Anything else before the final LF (a CR, a second LF) fails the canonical check below.
  if (bytes[bytes.length - 1] !== LF) return malformed({ kind: "not-one-line" });
  const body = bytes.subarray(0, bytes.length - 1);

  const json = parseStrictJson(body);
  if (!json.ok) return malformed({ kind: "json", error: json.error });
  const envelope = CardFileSchema.safeParse(json.value);
  if (!envelope.success) return malformed({ kind: "not-a-card-file", issues: issuesOf(envelope.error) });
  const { type, version } = envelope.data.card;
  if (type !== IDENTITY_CARD_TYPE) return malformed({ kind: "other-type" });
  // Checked before the fields, since another version may define other fields.
  if (version !== IDENTITY_CARD_VERSION) return err({ kind: "unsupported-version", version: JSON.stringify(version ?? null).slice(0, 20) });
  const canonical = parseCanonicalJson(body);
  if (!canonical.ok) return canonical.error.kind === "not-canonical" ? err({ kind: "not-canonical", offset: canonical.error.offset }) : malformed({ kind: "json", error: canonical.error });
  const parsedCard = IdentityCardSchema.safeParse(envelope.data.card);
  if (!parsedCard.success) return malformed({ kind: "invalid-fields", issues: issuesOf(parsedCard.error) });
  const cardBytes = receivedCardBytes(body, parsedCard.data);
  if (cardBytes === undefined) return malformed({ kind: "card-bytes-not-found" });
  return ok({ bytes, card: parsedCard.data, cardBytes, signature: envelope.data.signature });
}

/** Checks a received card file; see the file comment for what is required. */
export function importIdentityCard(input: string | Uint8Array): Result<VerifiedCard, CardError> {
  const read = readCardFile(input);
  if (!read.ok) return read;
  const { bytes, card, cardBytes, signature } = read.value;
  const blob = dearmorSshsig(signature);
  if (!blob.ok) return err({ kind: "bad-signature", cause: blob.error });
  // One card, one file: the armor must be exactly what ssh-keygen and we write.
  if (armorSshsig(blob.value) !== signature) return malformed({ kind: "armor-layout" });

  const key = parseOpenSshPublicKey(card.signingKey);
  if (!key.ok) return malformed({ kind: "signing-key", error: key.error });
  const publicKey = key.value.publicKey;
  if (toOpenSshPublicKey(publicKey) !== card.signingKey) return malformed({ kind: "signing-key-form" });

  // Self-signed: the only key accepted is the one the card names.
  const verified = verifySshsig(signature, cardBytes, { namespace: NAMESPACE, trustedKeys: [publicKey] });
  if (!verified.ok) return err({ kind: "bad-signature", cause: verified.error });
  const fingerprint = sshFingerprint(publicKey);
  if (card.fingerprint !== fingerprint) return err({ kind: "fingerprint-mismatch", stated: card.fingerprint, actual: fingerprint });
  const agePublicKey = checkAgeRecipient(card.ageRecipient);
  if (!agePublicKey.ok) return agePublicKey;

  return ok({
    card,
    signingPublicKey: publicKey,
    fingerprint,
    agePublicKey: agePublicKey.value,
    ageRecipient: card.ageRecipient as AgeRecipient,
    cardBytes,
    signature: signature as ArmoredSshSignature,
    // Valid UTF-8: the JSON parser accepted it.
    file: (fromUtf8(bytes) ?? "") as IdentityCardFile,
  } as VerifiedCard);
}

/**
 * A card file received now (a contact imported, an expert examined or
 * enrolled): importIdentityCard, and the name and affiliation must also be
 * what a person may type today (no invisible characters). Cards already
 * stored are re-read with importIdentityCard alone, so what was accepted
 * earlier stays readable.
 */
export function importReceivedCard(input: string | Uint8Array): Result<VerifiedCard, CardError> {
  const verified = importIdentityCard(input);
  if (!verified.ok) return verified;
  const card = verified.value.card;
  // The card passed the recorded rules, so the stricter schema can only add the invisible characters.
  const strict = { displayName: DisplayNameSchema, affiliation: AffiliationSchema } as const;
  const fields = (["displayName", "affiliation"] as const).filter((field) => !strict[field].safeParse(card[field]).success);
  return fields.length > 0 ? err({ kind: "invisible-characters", fields }) : verified;
}

/**
 * The received bytes of `card` inside the canonical file body. The length
 * comes from re-serialising the parsed card, which must equal the received
 * slice and be followed by the signature member.
 */
function receivedCardBytes(body: Uint8Array, card: IdentityCard): Uint8Array | undefined {
  const expected = mustCanonicalJson(card, "a received card");
  const start = CARD_PREFIX.length;
  const end = start + expected.length;
  if (!bytesEqual(body.subarray(0, start), CARD_PREFIX)) return undefined;
  if (!bytesEqual(body.subarray(start, end), expected)) return undefined;
  if (!bytesEqual(body.subarray(end, end + SIGNATURE_INFIX.length), SIGNATURE_INFIX)) return undefined;
  return body.slice(start, end);
}

// Clamped to a multiple of 8, any scalar maps every low-order point, and
// only those, to zero; this one is public and fixed.
const LOW_ORDER_PROBE = new Uint8Array(X25519_KEY_BYTES).fill(0x5a);

/**
 * The X25519 key is independent of the signing key, so "matching" means: the
 * text is the one canonical age encoding of a 32-byte key (parseRecipient
 * refuses capitals, bad checksums and non-zero padding bits), and that key is
 * not a low-order point (files encrypted to one could be read by anyone).
 */
function checkAgeRecipient(text: string): Result<Uint8Array, CardError> {
  const key = parseRecipient(text);
  if (!key.ok) return err({ kind: "invalid-age-recipient", cause: key.error });
  const shared = x25519(LOW_ORDER_PROBE, key.value);
  if (shared === undefined) return err({ kind: "invalid-age-recipient", cause: { kind: "low-order-point" } });
  wipe(shared);
  return ok(key.value);
}
