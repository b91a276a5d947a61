import { describe, expect, it } from "vitest";
import { loadCrypto, randomBytes } from "../crypto/sodium";
import { decryptBytes, encryptBytes, parseIdentity, parseRecipient, recipientOf } from "../formats/age/age";
import { AGE_IDENTITY_EXPORT_WARNING, exportAgeIdentity, exportAgeIdentityFile } from "./age-identity-export";
import { identityCardOf } from "./identity-card";
import { testIdentity } from "./identity.testing";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

describe("exportAgeIdentity", () => {
  const identity = testIdentity();
  const card = identityCardOf(identity);

  it("is the X25519 secret as AGE-SECRET-KEY-1…, for the card's recipient", () => {
    const exported = exportAgeIdentity(identity);
    expect(exported).toMatch(/^AGE-SECRET-KEY-1[02-9ACDEFGHJKLMNPQRSTUVWXYZ]{58}$/);
    const secret = parseIdentity(exported);
    expect(secret.ok && secret.value).toEqual(identity.encryption.secretKey);
    expect(recipientOf(identity.encryption.secretKey)).toBe(card.ageRecipient);
  });

  it("decrypts a file encrypted to the card's recipient", async () => {
    const recipient = parseRecipient(card.ageRecipient);
    const secret = parseIdentity(exportAgeIdentity(identity));
    if (!recipient.ok || !secret.ok) throw new Error("key strings refused");
    const plaintext = randomBytes(1000);
    const sealed = await encryptBytes(plaintext, [recipient.value]);
    expect(await decryptBytes(sealed, [{ kind: "x25519", secretKey: secret.value }])).toEqual({ ok: true, value: plaintext });
    expect((await decryptBytes(sealed, [{ kind: "x25519", secretKey: testIdentity().encryption.secretKey }])).ok).toBe(false);
  });

  it("writes an identity file in age-keygen's layout", () => {
    const lines = exportAgeIdentityFile(identity).split("\n");
    expect(lines).toEqual([`# created: ${identity.created}`, `# public key: ${card.ageRecipient}`, exportAgeIdentity(identity), ""]);
  });

  it("comes with a warning that says what is at stake", () => {
    expect(AGE_IDENTITY_EXPORT_WARNING).toMatch(/secret/);
    expect(AGE_IDENTITY_EXPORT_WARNING).toMatch(/anyone/);
  });
});
