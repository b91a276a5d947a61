/**
 * The emergency exit: an identity's X25519 secret as an age identity, so its
 * owner can decrypt files sent to them with the `age` tool if this app is
 * unavailable. The caller shows AGE_IDENTITY_EXPORT_WARNING and asks for an
 * explicit confirmation first, and records the export in the audit log.
 *
 * The result is a JavaScript string, which cannot be wiped: show or save it
 * once and drop every reference to it.
 */
import { encodeIdentity, encodeRecipient, type AgeIdentity } from "../formats/age/age";
import type { PersonalIdentity } from "./identity";

export const AGE_IDENTITY_EXPORT_WARNING =
  "This is your secret decryption key in plain text: anyone who obtains it can read every file ever encrypted to you. Export it only for an emergency, keep it offline, and never send it to anyone.";

/** `AGE-SECRET-KEY-1…`, for `age -d -i`. */
export function exportAgeIdentity(identity: PersonalIdentity): AgeIdentity {
  return encodeIdentity(identity.encryption.secretKey);
}

/** The same key as an identity file in age-keygen's layout (comments, then the key), with a final line break. */
export function exportAgeIdentityFile(identity: PersonalIdentity): string {
  return [
    `# created: ${identity.created}`,
    `# public key: ${encodeRecipient(identity.encryption.publicKey)}`,
    exportAgeIdentity(identity),
    "",
  ].join("\n");
}
