/**
 * Which of a person's own identities acts (signs a packet, a scoresheet):
 * the one whose signing-key fingerprint the caller names, never "the first".
 * A vault may hold several identities; a packet signed with the wrong one
 * would be refused by every panelist who pinned the other.
 */
import { sshFingerprint } from "../formats/openssh-key";
import { err, ok, type Result } from "../result";
import type { PersonalIdentity } from "./identity";

/** Why no identity acts: the vault holds none, or none with the fingerprint named. Values; the interface words them. */
export type ActingIdentityError = { readonly kind: "no-identity" } | { readonly kind: "identity-not-found"; readonly fingerprint: string };

/** The signing-key fingerprint (SHA256:…) of one of the person's identities. */
export const fingerprintOf = (identity: PersonalIdentity): string => sshFingerprint(identity.signing.publicKey);

/** The identity whose signing key has `fingerprint`. */
export function identityByFingerprint(identities: readonly PersonalIdentity[], fingerprint: string): Result<PersonalIdentity, ActingIdentityError> {
  if (identities.length === 0) return err({ kind: "no-identity" });
  const found = identities.find((i) => fingerprintOf(i) === fingerprint);
  return found ? ok(found) : err({ kind: "identity-not-found", fingerprint });
}
