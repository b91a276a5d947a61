import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { fingerprintOf, identityByFingerprint } from "./acting-identity";
import type { PersonalIdentity } from "./identity";
import { testIdentity } from "./identity.testing";

let first: PersonalIdentity;
let second: PersonalIdentity;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  first = testIdentity({ displayName: "First Identity" });
  second = testIdentity({ displayName: "Second Identity" });
});

describe("the identity that acts is the one named by fingerprint", () => {
  it("picks the named identity wherever it stands, never the first", () => {
    const named = identityByFingerprint([first, second], sshFingerprint(second.signing.publicKey));
    expect(named.ok && named.value.details.displayName).toBe("Second Identity");
    expect(identityByFingerprint([second, first], fingerprintOf(first))).toEqual({ ok: true, value: first });
  });

  it("refuses, as values, an empty vault and a fingerprint none of the identities has", () => {
    expect(identityByFingerprint([], fingerprintOf(first))).toEqual({ ok: false, error: { kind: "no-identity" } });
    const stranger = testIdentity({ displayName: "Stranger" });
    expect(identityByFingerprint([first, second], fingerprintOf(stranger))).toEqual({ ok: false, error: { kind: "identity-not-found", fingerprint: fingerprintOf(stranger) } });
    // A fingerprint must match whole: a prefix names nothing.
    expect(identityByFingerprint([first], fingerprintOf(first).slice(0, 20)).ok).toBe(false);
  });
});
