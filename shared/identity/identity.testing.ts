/**
 * Fixtures for the identity tests (here and in tests/interop): ready-made
 * identities, and a card-file writer that signs whatever it is given, so
 * tests can build cards that are validly signed yet wrong.
 */
import { ed25519KeyPair, fromHex, x25519Base, type Ed25519KeyPair } from "../crypto/sodium";
import { fromUtf8 } from "../encoding/bytes";
import { canonicalJson } from "../formats/jcs";
import { SIGNATURE_NAMESPACES, signSshsig, type SignatureNamespace } from "../formats/sshsig";
import { createIdentity, type IdentityId, type PersonalIdentity } from "./identity";
import type { IdentityDetailsInput } from "./identity-details";

export const TEST_NOW = new Date("2025-03-14T09:26:53.589Z");

export const TEST_DETAILS: IdentityDetailsInput = {
  displayName: "Amina Diallo",
  region: "african-states",
  nationality: "SN",
  affiliation: "Université Cheikh Anta Diop",
};

/** A fresh identity with random keys. */
export function testIdentity(details: Partial<IdentityDetailsInput> = {}): PersonalIdentity {
  const created = createIdentity({ ...TEST_DETAILS, ...details }, TEST_NOW);
  if (!created.ok) throw new Error(`test identity refused: ${JSON.stringify(created.error)}`);
  return created.value;
}

/** An identity with fixed keys (RFC 8032 §7.1 test 1 seed, RFC 7748 §6.1 Alice), for known answers. */
export function fixedIdentity(): PersonalIdentity {
  const encryptionSecret = fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  return {
    id: "00112233445566778899aabbccddeeff" as IdentityId,
    created: "2025-01-02T03:04:05.006Z",
    details: { displayName: "Test Panelist", region: "western-european-and-others-states", nationality: "CH", affiliation: "Example Institute" },
    signing: ed25519KeyPair(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
    encryption: { publicKey: x25519Base(encryptionSecret), secretKey: encryptionSecret },
  };
}

/** A card file in the exact layout, signed by `keyPair` over whatever `card` holds. */
export function signCardFile(card: Record<string, unknown>, keyPair: Ed25519KeyPair, namespace: SignatureNamespace = SIGNATURE_NAMESPACES.identityCard): string {
  const cardBytes = canonicalJson(card);
  if (!cardBytes.ok) throw new Error("test card has no canonical form");
  const file = canonicalJson({ card, signature: signSshsig(cardBytes.value, keyPair, namespace) });
  if (!file.ok) throw new Error("test card file has no canonical form");
  return `${fromUtf8(file.value) ?? ""}\n`;
}
