import { describe, expect, it } from "vitest";
import { ED25519_SEED_BYTES, ed25519KeyPair, ed25519Sign, ed25519Verify, fromBase64, loadCrypto, toBase64, x25519Base } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { createIdentity, describeIdentityError, identityFromStored, identityToStored, wipeIdentity, type IdentityError } from "./identity";
import { TEST_DETAILS, TEST_NOW, testIdentity } from "./identity.testing";
import { UN_REGIONS, UnRegionSchema, unRegion } from "./un-regions";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${loaded.error.detail}`);

describe("UN regional groups", () => {
  it("lists the five groups with distinct stable ids", () => {
    expect(UN_REGIONS.map((r) => r.name)).toEqual([
      "African States",
      "Asia-Pacific States",
      "Eastern European States",
      "Latin American and Caribbean States",
      "Western European and Others States",
    ]);
    expect(new Set(UN_REGIONS.map((r) => r.id)).size).toBe(5);
    expect(UnRegionSchema.options).toEqual(UN_REGIONS.map((r) => r.id));
    expect(unRegion("latin-american-and-caribbean-states").abbreviation).toBe("GRULAC");
    expect(UnRegionSchema.safeParse("Africa").success).toBe(false);
  });
});

describe("createIdentity", () => {
  it("makes an Ed25519 pair and an independent X25519 pair", () => {
    const identity = testIdentity();
    expect(identity.id).toMatch(/^[0-9a-f]{32}$/);
    expect(identity.created).toBe(TEST_NOW.toISOString());
    expect(identity.details).toEqual(TEST_DETAILS);
    expect(identity.signing.secretKey).toHaveLength(64);
    expect(identity.signing.publicKey).toEqual(ed25519KeyPair(identity.signing.secretKey.subarray(0, ED25519_SEED_BYTES)).publicKey);
    expect(ed25519Verify(ed25519Sign(utf8("m"), identity.signing.secretKey), utf8("m"), identity.signing.publicKey)).toBe(true);
    expect(identity.encryption.secretKey).toHaveLength(32);
    expect(identity.encryption.publicKey).toEqual(x25519Base(identity.encryption.secretKey));
    expect(identity.encryption.secretKey).not.toEqual(identity.signing.secretKey.subarray(0, 32));
  });

  it("gives every identity its own id and keys", () => {
    const [a, b] = [testIdentity(), testIdentity()];
    expect(a.id).not.toBe(b.id);
    expect(a.signing.publicKey).not.toEqual(b.signing.publicKey);
    expect(a.encryption.publicKey).not.toEqual(b.encryption.publicKey);
  });

  it("tidies what was typed: spaces, Unicode form, letter case of the nationality", () => {
    const identity = testIdentity({ displayName: "  Jose\u0301 Martí ", nationality: "cu", affiliation: " Universidad de La Habana" });
    expect(identity.details).toMatchObject({ displayName: "José Martí", nationality: "CU", affiliation: "Universidad de La Habana" });
  });

  it.each([
    ["an empty name", { displayName: "  " }, "displayName"],
    ["a three-letter nationality", { nationality: "FRA" }, "nationality"],
    ["a nationality with digits", { nationality: "F1" }, "nationality"],
    ["an unknown region", { region: "Europe" }, "region"],
    ["a control character", { affiliation: "Line one\nLine two" }, "affiliation"],
    ["a right-to-left override", { displayName: "Eve\u202Eevil" }, "displayName"],
    ["an overlong affiliation", { affiliation: "x".repeat(201) }, "affiliation"],
  ])("refuses %s", (_name, change, field) => {
    const result = createIdentity({ ...TEST_DETAILS, ...change }, TEST_NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid-details");
    expect(describeIdentityError(result.error)).toContain(field);
  });

  it("keeps zero-width joiners, which ordinary names in several scripts need", () => {
    expect(testIdentity({ displayName: "می\u200Cخواهم" }).details.displayName).toBe("می\u200Cخواهم");
  });

  it("treats an invalid clock value as a bug", () => {
    expect(() => createIdentity(TEST_DETAILS, new Date(Number.NaN))).toThrow();
  });
});

describe("stored form", () => {
  it("round-trips through JSON with secret keys in base64", () => {
    const identity = testIdentity();
    const stored = JSON.parse(JSON.stringify(identityToStored(identity))) as unknown;
    const back = identityFromStored(stored);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value).toEqual(identity);
  });

  it("refuses an Ed25519 secret whose public half belongs to another key", () => {
    const identity = testIdentity();
    const other = testIdentity();
    const spliced = new Uint8Array(64);
    spliced.set(identity.signing.secretKey.subarray(0, 32));
    spliced.set(other.signing.publicKey, 32);
    const result = identityFromStored({ ...identityToStored(identity), signingSecretKey: toBase64(spliced) });
    expect(result.ok || result.error.kind).toBe("inconsistent-keys");
  });

  it.each([
    ["an unknown field", { extra: 1 }],
    ["another format", { format: "attribution-panel/contact" }],
    ["a later version", { version: 2 }],
    ["a short key", { encryptionSecretKey: toBase64(new Uint8Array(31)) }],
    ["non-canonical base64", { encryptionSecretKey: `${toBase64(new Uint8Array(32)).slice(0, 42)}B=` }],
    ["a bad id", { id: "not-an-id" }],
    ["a bad time", { created: "yesterday" }],
    ["bad details", { details: { ...TEST_DETAILS, nationality: "xx" } }],
  ])("refuses a record with %s", (_name, change) => {
    const result = identityFromStored({ ...identityToStored(testIdentity()), ...change });
    expect(result.ok || result.error.kind).toBe("malformed-record");
  });

  it("refuses what is not a record at all", () => {
    for (const junk of [null, "identity", 42, [], {}]) expect(identityFromStored(junk).ok).toBe(false);
  });

  it("decodes the stored secret exactly", () => {
    const identity = testIdentity();
    expect(fromBase64(identityToStored(identity).encryptionSecretKey)).toEqual(identity.encryption.secretKey);
  });
});

describe("wipeIdentity", () => {
  it("zeroes both secret keys", () => {
    const identity = testIdentity();
    wipeIdentity(identity);
    expect(identity.signing.secretKey.every((b) => b === 0)).toBe(true);
    expect(identity.encryption.secretKey.every((b) => b === 0)).toBe(true);
  });
});

describe("describeIdentityError", () => {
  it("has a sentence for every kind", () => {
    const errors: IdentityError[] = [
      { kind: "invalid-details", issues: ["x"] },
      { kind: "malformed-record", issues: ["y"] },
      { kind: "inconsistent-keys", detail: "z" },
    ];
    for (const e of errors) expect(describeIdentityError(e)).toMatch(/\.$/);
  });
});
