import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { encodeRecipient } from "../formats/age/age";
import { fixedIdentity, testIdentity } from "../identity/identity.testing";
import type { PersonalIdentity } from "../identity/identity";
import { completeAnswers, testScoresheet } from "./scoring.testing";
import { openScoresheet, scoresheetBytes, scoresheetDigest, scoresheetFileName, sealScoresheet } from "./scoresheet-file";
import type { Scoresheet } from "./scoresheet";

let panelist: PersonalIdentity;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let stranger: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panelist = fixedIdentity();
  chair = testIdentity({ displayName: "Chair Person" });
  secretariat = testIdentity({ displayName: "Secretariat" });
  stranger = testIdentity({ displayName: "Stranger" });
});

const NOW = new Date("2026-12-02T10:00:00.000Z");
const sheet = (overrides: Partial<Scoresheet> = {}): Scoresheet => testScoresheet(sshFingerprint(panelist.signing.publicKey), NOW, overrides);

/** The SHA-256 of the plain archive of `sheet()` signed by fixedIdentity() at NOW (checked by hand with tar, ssh-keygen and sha256sum when first written). */
const PLAIN_ARCHIVE_SHA256 = { 1: "1dd34801793b677edd008d976297fc06798ad2213bf4c90a16c542dd91fe8468", 2: "fc006b9751ff0701a3fc560083ffc49dd923cbccd874fdfcecc7b988fb2dd154" } as const;
/** The fixed scoresheet as version 1 wrote it: no content digest. */
const sheetV1 = (): Scoresheet => {
  const { packetContent: _, ...v1 } = sheet();
  return { ...v1, version: 1 };
};

const chairKey = () => ({ kind: "age" as const, identity: chair.encryption.secretKey });

describe("the scoresheet file", () => {
  it("known answer: the canonical bytes and digest of a fixed scoresheet, and the exact plain archive", async () => {
    const bytes = scoresheetBytes(sheet());
    expect(scoresheetDigest(sheet())).toBe(createHash("sha256").update(bytes).digest("hex"));
    // Canonical JSON: keys sorted, no spaces, so the text starts with the answers' first key.
    expect(new TextDecoder().decode(bytes).startsWith('{"answers":{"ach":[{"cells":{"claim-0000000001":"consistent"')).toBe(true);
    // Ed25519 signatures and the tar layout are deterministic: the same inputs give the same file, byte for byte.
    const a = await sealScoresheet(sheet(), panelist.signing, [], NOW);
    const b = await sealScoresheet(sheet(), panelist.signing, [], NOW);
    expect(createHash("sha256").update(a).digest("hex")).toBe(createHash("sha256").update(b).digest("hex"));
    expect(createHash("sha256").update(a).digest("hex")).toBe(PLAIN_ARCHIVE_SHA256[2]);
    expect(a.length % 512).toBe(0);
    // Version 1, still read, is still written byte for byte as it was.
    const old = await sealScoresheet(sheetV1(), panelist.signing, [], NOW);
    expect(createHash("sha256").update(old).digest("hex")).toBe(PLAIN_ARCHIVE_SHA256[1]);
    const opened = await openScoresheet(old, { kind: "plain" });
    expect(opened.ok && opened.value.sheet).toEqual(sheetV1());
    expect(scoresheetFileName(sheet(), false)).toBe("scoresheet-case-0000000-round1-rev1.age");
  });

  it("round trip: encrypted to the chair and the secretariat, each opens it; the digest is the manifest's", async () => {
    const file = await sealScoresheet(sheet(), panelist.signing, [chair.encryption.publicKey, secretariat.encryption.publicKey], NOW);
    for (const who of [chair, secretariat]) {
      const opened = await openScoresheet(file, { kind: "age", identity: who.encryption.secretKey });
      expect(opened.ok && opened.value.sheet).toEqual(sheet());
      expect(opened.ok && opened.value.sha256).toBe(scoresheetDigest(sheet()));
      expect(opened.ok && opened.value.signer.fingerprint).toBe(sshFingerprint(panelist.signing.publicKey));
      expect(opened.ok && opened.value.encryptedTo).toEqual([encodeRecipient(chair.encryption.publicKey), encodeRecipient(secretariat.encryption.publicKey)]);
    }
    expect(await openScoresheet(file, { kind: "age", identity: stranger.encryption.secretKey })).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("the panelist's own plain copy opens without a key, with the same checks", async () => {
    const file = await sealScoresheet(sheet(), panelist.signing, [], NOW);
    const opened = await openScoresheet(file, { kind: "plain" });
    expect(opened.ok && opened.value.sheet).toEqual(sheet());
  });

  it("refuses a scoresheet signed by another key than the seat it names", async () => {
    const file = await sealScoresheet(sheet(), stranger.signing, [chair.encryption.publicKey], NOW);
    expect(await openScoresheet(file, chairKey())).toEqual({ ok: false, error: { kind: "invalid-content", reason: "not-signed-by-seat" } });
  });

  it("refuses a scoresheet that is not valid, naming what is wrong", async () => {
    const answers = completeAnswers();
    const bad = { ...sheet(), answers: { ...answers, claims: [{ ...answers.claims[0]!, best: 150 }, ...answers.claims.slice(1)] } } as Scoresheet;
    const file = await sealScoresheet(bad, panelist.signing, [chair.encryption.publicKey], NOW);
    const opened = await openScoresheet(file, chairKey());
    expect(!opened.ok && opened.error.kind === "invalid-content" && opened.error.reason).toBe("scoresheet-invalid");
  });

  it("property: any byte changed, any truncation, any extension of a file is refused with a typed error", async () => {
    const file = await sealScoresheet(sheet(), panelist.signing, [chair.encryption.publicKey], NOW);
    const plain = await sealScoresheet(sheet(), panelist.signing, [], NOW);
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.oneof(
          fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
          fc.record({ op: fc.constant("cut" as const), at: fc.nat() }),
          fc.record({ op: fc.constant("extend" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
        ),
        async (encrypted, change) => {
          const original = encrypted ? file : plain;
          let bytes: Uint8Array;
          if (change.op === "flip") {
            bytes = original.slice();
            const i = change.at % bytes.length;
            bytes[i] = (bytes[i] as number) ^ (1 << change.bit);
          } else if (change.op === "cut") bytes = original.slice(0, change.at % original.length);
          else bytes = new Uint8Array([...original, ...change.bytes]);
          const opened = await openScoresheet(bytes, encrypted ? chairKey() : { kind: "plain" });
          expect(opened.ok).toBe(false);
          if (!opened.ok) kinds.add(opened.error.kind);
        },
      ),
      { numRuns: 300 },
    );
    // Refusals say what happened, not one catch-all.
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  });
});
