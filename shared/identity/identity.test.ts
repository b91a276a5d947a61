import { describe, expect, it } from "vitest";
import { ED25519_SEED_BYTES, ed25519KeyPair, ed25519Sign, ed25519Verify, fromBase64, loadCrypto, toBase64, x25519Base } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { exportIdentityCard, importIdentityCard } from "./identity-card";
import { IdentityProblemSchema } from "../worker/problem";
import { createIdentity, identityFromStored, identityToStored, reviseIdentity, wipeIdentity, type IdentityError } from "./identity";
import { TEST_DETAILS, TEST_NOW, testIdentity } from "./identity.testing";
import { isUnRegion, UN_REGIONS, UnRegionSchema } from "./un-regions";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

describe("UN regional groups", () => {
  it("lists the five groups with distinct stable ids (their names are the interface's)", () => {
    expect(UN_REGIONS.map((r) => r.id)).toEqual([
      "african-states",
      "asia-pacific-states",
      "eastern-european-states",
      "latin-american-and-caribbean-states",
      "western-european-and-others-states",
    ]);
    expect(UnRegionSchema.options).toEqual(UN_REGIONS.map((r) => r.id));
    expect(isUnRegion("latin-american-and-caribbean-states")).toBe(true);
    expect(isUnRegion("Africa")).toBe(false);
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
    ["a nationality that is no country's code (what the old form kept of \"Switzerland\")", { nationality: "SW" }, "nationality"],
    ["an unknown region", { region: "Europe" }, "region"],
    ["a control character", { affiliation: "Line one\nLine two" }, "affiliation"],
    ["a right-to-left override", { displayName: "Eve\u202Eevil" }, "displayName"],
    ["an overlong affiliation", { affiliation: "x".repeat(201) }, "affiliation"],
  ])("refuses %s", (_name, change, field) => {
    const result = createIdentity({ ...TEST_DETAILS, ...change }, TEST_NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid-details");
    expect(result.error.kind === "invalid-details" && result.error.issues.map((i) => i.path[0])).toContain(field);
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

  it("reads back a record whose nationality an earlier version kept unchecked, so its owner can correct it", () => {
    const stored = identityToStored(testIdentity());
    const result = identityFromStored({ ...stored, details: { ...stored.details, nationality: "SW" } });
    expect(result.ok && result.value.details.nationality).toBe("SW");
  });

  it("refuses what is not a record at all", () => {
    for (const junk of [null, "identity", 42, [], {}]) expect(identityFromStored(junk).ok).toBe(false);
  });

  it("decodes the stored secret exactly", () => {
    const identity = testIdentity();
    expect(fromBase64(identityToStored(identity).encryptionSecretKey)).toEqual(identity.encryption.secretKey);
  });
});

describe("reviseIdentity", () => {
  it("keeps the id, keys and creation time, changes the details, and names what changed", () => {
    const identity = testIdentity();
    const revised = reviseIdentity(identity, { ...TEST_DETAILS, nationality: "ch", affiliation: " Université de Genève " });
    if (!revised.ok) throw new Error(revised.error.kind);
    expect(revised.value.changed).toEqual(["nationality", "affiliation"]);
    const next = revised.value.identity;
    expect(next.details).toEqual({ ...TEST_DETAILS, nationality: "CH", affiliation: "Université de Genève" });
    expect([next.id, next.created, next.signing.publicKey, next.encryption.publicKey]).toEqual([identity.id, identity.created, identity.signing.publicKey, identity.encryption.publicKey]);
    expect(identity.details).toEqual(TEST_DETAILS);
  });

  it("re-issues a card that carries the new details under the same key", () => {
    const identity = testIdentity();
    const before = importIdentityCard(exportIdentityCard(identity));
    const revised = reviseIdentity(identity, { ...TEST_DETAILS, displayName: "Amina Diallo-Ba" });
    if (!revised.ok || !before.ok) throw new Error("expected both to succeed");
    const after = importIdentityCard(exportIdentityCard(revised.value.identity));
    if (!after.ok) throw new Error(after.error.kind);
    expect(after.value.card.displayName).toBe("Amina Diallo-Ba");
    expect(after.value.fingerprint).toBe(before.value.fingerprint);
    expect(after.value.signature).not.toBe(before.value.signature);
  });

  it("lets an old unknown nationality be corrected, and refuses to record a new one", () => {
    const stored = identityToStored(testIdentity());
    const old = identityFromStored({ ...stored, details: { ...stored.details, nationality: "SW" } });
    if (!old.ok) throw new Error(old.error.kind);
    expect(reviseIdentity(old.value, { ...TEST_DETAILS, nationality: "CH" }).ok).toBe(true);
    const refused = reviseIdentity(old.value, { ...TEST_DETAILS, nationality: "SW" });
    expect(refused.ok || refused.error.kind).toBe("invalid-details");
  });

  it("says so when nothing changes", () => {
    const result = reviseIdentity(testIdentity(), { ...TEST_DETAILS, displayName: ` ${TEST_DETAILS.displayName} ` });
    expect(result.ok || result.error.kind).toBe("unchanged");
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

describe("identity errors as values", () => {
  it("cross the worker boundary as they are: the schema accepts every kind", () => {
    const errors: IdentityError[] = [
      { kind: "invalid-details", issues: [{ code: "too_small", path: ["displayName"], origin: "string", minimum: 1 }] },
      { kind: "malformed-record", issues: [{ code: "custom", path: ["signingSecretKey"], reason: "not-canonical-base64" }] },
      { kind: "inconsistent-keys" },
      { kind: "unchanged" },
    ];
    for (const e of errors) expect(IdentityProblemSchema.parse(e)).toEqual(e);
  });
});
