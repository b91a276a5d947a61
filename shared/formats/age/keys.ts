/**
 * age's key strings: recipients `age1…` (bech32, lowercase) and identities
 * `AGE-SECRET-KEY-1…` (bech32, uppercase), each holding a 32-byte X25519 key.
 * bech32 comes from @scure/base; age lifts BIP 173's 90-character limit.
 */
import { bech32 } from "@scure/base";
import { wipe, X25519_KEY_BYTES, x25519Base } from "../../crypto/sodium";
import { err, ok, type Result } from "../../result";
import type { AgeError } from "./errors";

export type AgeRecipient = string & { readonly __brand: "AgeRecipient" };
export type AgeIdentity = string & { readonly __brand: "AgeIdentity" };

const RECIPIENT_HRP = "age";
const IDENTITY_HRP = "age-secret-key-";

function decode(text: string, hrp: string): Uint8Array | undefined {
  try {
    const { prefix, words } = bech32.decode(text as `${string}1${string}`, false);
    if (prefix !== hrp) return undefined;
    const bytes = bech32.fromWords(words);
    return bytes.length === X25519_KEY_BYTES ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export function encodeRecipient(publicKey: Uint8Array): AgeRecipient {
  return bech32.encode(RECIPIENT_HRP, bech32.toWords(publicKey), false) as AgeRecipient;
}

export function parseRecipient(text: string): Result<Uint8Array, AgeError> {
  if (text !== text.toLowerCase()) return err({ kind: "invalid-recipient", reason: "not-lowercase" });
  const key = decode(text, RECIPIENT_HRP);
  return key ? ok(key) : err({ kind: "invalid-recipient", reason: "bad-encoding" });
}

export function encodeIdentity(secretKey: Uint8Array): AgeIdentity {
  return bech32.encode(IDENTITY_HRP, bech32.toWords(secretKey), false).toUpperCase() as AgeIdentity;
}

export function parseIdentity(text: string): Result<Uint8Array, AgeError> {
  if (text !== text.toUpperCase()) return err({ kind: "invalid-identity", reason: "not-uppercase" });
  const key = decode(text.toLowerCase(), IDENTITY_HRP);
  return key ? ok(key) : err({ kind: "invalid-identity", reason: "bad-encoding" });
}

/** The recipient string that an identity decrypts for. */
export function recipientOf(identitySecret: Uint8Array): AgeRecipient {
  const publicKey = x25519Base(identitySecret);
  const recipient = encodeRecipient(publicKey);
  wipe(publicKey);
  return recipient;
}
