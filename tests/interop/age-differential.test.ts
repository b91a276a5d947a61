/**
 * Differential test against an independent implementation, the
 * `age-encryption` npm package (pure JavaScript): random plaintexts cross in
 * both directions, and random single-byte changes are refused by both alike.
 */
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { decryptBytes, encryptBytes, parseIdentity, parseRecipient } from "../../shared/formats/age/age";

let identity: string;
let secretKey: Uint8Array;
let publicKey: Uint8Array;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  identity = await generateX25519Identity();
  const sk = parseIdentity(identity);
  const pk = parseRecipient(await identityToRecipient(identity));
  if (!sk.ok || !pk.ok) throw new Error("age-encryption keys refused");
  secretKey = sk.value;
  publicKey = pk.value;
});

async function theirsDecrypt(file: Uint8Array): Promise<Uint8Array | undefined> {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    return await d.decrypt(file, "uint8array");
  } catch {
    return undefined;
  }
}

const sizes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 65_530, max: 65_540 }), fc.integer({ min: 130_000, max: 200_000 }));

describe("differential: ours and age-encryption", () => {
  it("each decrypts what the other encrypts", async () => {
    await fc.assert(
      fc.asyncProperty(sizes, fc.integer({ min: 0, max: 255 }), async (size, fill) => {
        const plaintext = new Uint8Array(size).map((_, i) => (i * 31 + fill) & 0xff);
        expect(await theirsDecrypt(await encryptBytes(plaintext, [publicKey]))).toEqual(plaintext);
        const e = new Encrypter();
        e.addRecipient(await identityToRecipient(identity));
        expect(await decryptBytes(await e.encrypt(plaintext), [{ kind: "x25519", secretKey }])).toEqual({ ok: true, value: plaintext });
      }),
      { numRuns: 12 },
    );
  });

  it("agree on refusing single-byte changes", async () => {
    const sealed = await encryptBytes(new Uint8Array(70_000).fill(9), [publicKey]);
    await fc.assert(
      fc.asyncProperty(fc.nat(sealed.length - 1), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const copy = sealed.slice();
        copy[at] = ((copy[at] as number) + delta) % 256;
        const ours = await decryptBytes(copy, [{ kind: "x25519", secretKey }]);
        expect(ours.ok).toBe(false);
        expect(await theirsDecrypt(copy)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});
