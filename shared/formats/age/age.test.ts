import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes, x25519Base } from "../../crypto/sodium";
import { decryptBytes, encodeIdentity, encodeRecipient, encryptBytes, parseIdentity, parseRecipient, recipientOf } from "./age";
import { encodeHeader, parseHeader } from "./header";
import { CHUNK_BYTES } from "./stream";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

// From the age test kit (x25519 vector) and `age-keygen -y` on that identity.
const KIT_IDENTITY = "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6";
const KIT_RECIPIENT = "age1w3tyke4gev25vaxxsvcgqu4484rf6ejpmavs57p6yz6lhy2sfs5swrvwyn";

function keyPair() {
  const secretKey = randomBytes(32);
  return { secretKey, publicKey: x25519Base(secretKey) };
}

describe("age key strings", () => {
  it("match age-keygen for a known identity", () => {
    const parsed = parseIdentity(KIT_IDENTITY);
    if (!parsed.ok) throw new Error("kit identity refused");
    expect(recipientOf(parsed.value)).toBe(KIT_RECIPIENT);
    expect(encodeIdentity(parsed.value)).toBe(KIT_IDENTITY);
    expect(parseRecipient(KIT_RECIPIENT)).toEqual({ ok: true, value: x25519Base(parsed.value) });
  });

  it("round-trip any key", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        expect(parseRecipient(encodeRecipient(key))).toEqual({ ok: true, value: key });
        expect(parseIdentity(encodeIdentity(key))).toEqual({ ok: true, value: key });
      }),
    );
  });

  it.each([
    ["an uppercase recipient", () => parseRecipient(KIT_RECIPIENT.toUpperCase()), "invalid-recipient"],
    ["a recipient with a bad checksum", () => parseRecipient(KIT_RECIPIENT.slice(0, -1) + "q"), "invalid-recipient"],
    ["an identity passed as recipient", () => parseRecipient(KIT_IDENTITY.toLowerCase()), "invalid-recipient"],
    ["a lowercase identity", () => parseIdentity(KIT_IDENTITY.toLowerCase()), "invalid-identity"],
    ["a recipient passed as identity", () => parseIdentity(KIT_RECIPIENT.toUpperCase()), "invalid-identity"],
    ["garbage", () => parseRecipient("hello"), "invalid-recipient"],
  ])("refuse %s", (_label, parse, kind) => {
    expect(parse()).toMatchObject({ ok: false, error: { kind } });
  });
});

describe("age header", () => {
  it("wraps stanza bodies at 64 columns and always ends with a short line", () => {
    const body48 = new Uint8Array(48).fill(7); // exactly one full 64-column line
    const header = encodeHeader([{ type: "test", args: ["a", "b"], body: body48 }], new Uint8Array(32));
    const text = new TextDecoder().decode(header);
    expect(text.split("\n")).toEqual(["age-encryption.org/v1", "-> test a b", expect.stringMatching(/^[A-Za-z0-9+/]{64}$/), "", expect.stringMatching(/^--- [A-Za-z0-9+/]{43}$/), ""]);
    const parsed = parseHeader(header);
    expect(parsed).toMatchObject({ ok: true, value: { stanzas: [{ type: "test", args: ["a", "b"], body: body48 }], length: header.length } });
  });

  it("asks for more input while the header is incomplete", () => {
    const header = encodeHeader([{ type: "test", args: [], body: new Uint8Array(3) }], new Uint8Array(32));
    for (let cut = 0; cut < header.length; cut++) expect(parseHeader(header.subarray(0, cut))).toBeUndefined();
  });
});

describe("age encryption", () => {
  it.each([0, 1, 1000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 77])("round-trips %i bytes to several recipients", async (size) => {
    const people = [keyPair(), keyPair(), keyPair()];
    const plaintext = randomBytes(size);
    const sealed = await encryptBytes(plaintext, people.map((p) => p.publicKey));
    const chunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
    expect(sealed.length).toBeGreaterThan(size + chunks * 16);
    for (const p of people) expect(await decryptBytes(sealed, [{ kind: "x25519", secretKey: p.secretKey }])).toEqual({ ok: true, value: plaintext });
    expect(await decryptBytes(sealed, [{ kind: "x25519", secretKey: keyPair().secretKey }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
  });

  it("round-trips armored files, and detects armor by itself", async () => {
    const me = keyPair();
    const plaintext = randomBytes(100_000);
    const armored = await encryptBytes(plaintext, [me.publicKey], { armor: true });
    const text = new TextDecoder().decode(armored);
    expect(text.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n")).toBe(true);
    expect(text.endsWith("-----END AGE ENCRYPTED FILE-----\n")).toBe(true);
    for (const line of text.split("\n").slice(1, -3)) expect(line).toHaveLength(64);
    expect(await decryptBytes(armored, [{ kind: "x25519", secretKey: me.secretKey }])).toEqual({ ok: true, value: plaintext });
  });

  it("refuses to encrypt to nobody", async () => {
    await expect(encryptBytes(new Uint8Array(1), [])).rejects.toThrow(RangeError);
  });
});

describe("age tamper resistance (property)", () => {
  let keys: { kind: "x25519"; secretKey: Uint8Array }[];
  let sealed: Uint8Array;
  beforeAll(async () => {
    const me = keyPair();
    keys = [{ kind: "x25519", secretKey: me.secretKey }];
    sealed = await encryptBytes(randomBytes(CHUNK_BYTES + 500), [me.publicKey, keyPair().publicKey]);
  });

  it("refuses any single-byte change with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const copy = sealed.slice();
        const i = at % copy.length;
        copy[i] = ((copy[i] as number) + delta) % 256;
        const result = await decryptBytes(copy, keys);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses any truncation or extension with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 70_000 }), fc.boolean(), async (at, extra, truncate) => {
        const changed = truncate ? sealed.subarray(0, at % sealed.length) : new Uint8Array([...sealed, ...extra]);
        const result = await decryptBytes(changed, keys);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(typeof result.error.kind).toBe("string");
      }),
      { numRuns: 60 },
    );
  });

  it("never throws on arbitrary input", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (junk, armorPrefix) => {
        const input = armorPrefix ? new Uint8Array([...new TextEncoder().encode("-----BEGIN AGE ENCRYPTED FILE-----\n"), ...junk]) : junk;
        const result = await decryptBytes(input, keys);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
