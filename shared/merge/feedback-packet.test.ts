import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseIdSchema, ClaimIdSchema, SeatIdSchema } from "../case/model";
import { loadCrypto } from "../crypto/sodium";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { fixedIdentity, testIdentity } from "../identity/identity.testing";
import { FeedbackSchema, feedbackFileName, openFeedback, sealFeedback, type Feedback } from "./feedback-packet";

let chair: PersonalIdentity;
let panelist: PersonalIdentity;
let other: PersonalIdentity;
let stranger: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  chair = fixedIdentity();
  panelist = testIdentity({ displayName: "Member Tanaka" });
  other = testIdentity({ displayName: "Member Silva" });
  stranger = testIdentity({ displayName: "Not Onpanel" });
});

const NOW = new Date("2026-12-02T10:00:00.000Z");
const fp = (p: PersonalIdentity) => sshFingerprint(p.signing.publicKey);

const feedback = (overrides: Partial<Feedback> = {}): Feedback => ({
  format: "attribution-panel/feedback",
  version: 1,
  caseId: CaseIdSchema.parse("case-0000000000000001"),
  packetManifest: "b".repeat(64),
  round: 2,
  fromRound: 1,
  recipient: { fingerprint: SeatIdSchema.parse(fp(panelist)) },
  deadline: "2026-12-20T17:00:00.000Z",
  note: "Please look again at claim 2.",
  claims: [
    {
      claim: ClaimIdSchema.parse("claim-0000000001"),
      estimates: [70, 55, 90],
      own: 1,
      aggregates: { n: 3, median: 70, p25: 62.5, p75: 80, iqr: 17.5, linearPool: { value: 71.6667, normalised: 60 }, logOddsPool: { value: 74.1 } },
      rationales: ["The infrastructure overlaps."],
    },
  ],
  createdAt: NOW.toISOString(),
  ...overrides,
});

const key = (who: PersonalIdentity) => ({ kind: "age" as const, identity: who.encryption.secretKey, myRecipient: encodeRecipient(who.encryption.publicKey) });
const expected = () => ({ chair: fp(chair), seat: fp(panelist) });

describe("the feedback packet", () => {
  it("round trip: encrypted to the one panelist, signed by the chair seat; the panelist reads exactly what was sealed", async () => {
    const file = await sealFeedback(feedback(), chair.signing, panelist.encryption.publicKey, NOW);
    const opened = await openFeedback(file, key(panelist), expected());
    expect(opened.ok && opened.value.feedback).toEqual(feedback());
    expect(opened.ok && opened.value.signer.fingerprint).toBe(fp(chair));
    // The digest the manifest lists is the SHA-256 of feedback.json's canonical bytes, as sha256sum would print it.
    expect(opened.ok && opened.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(feedbackFileName(feedback())).toMatch(/^feedback-case-0000000-round2-[A-Za-z0-9]{8}\.age$/);
  });

  it("an age v1 file: sealed twice, the bytes differ (a fresh file key each time) and both open to the same feedback", async () => {
    const a = await sealFeedback(feedback(), chair.signing, panelist.encryption.publicKey, NOW);
    const b = await sealFeedback(feedback(), chair.signing, panelist.encryption.publicKey, NOW);
    expect(new TextDecoder().decode(a.subarray(0, 21))).toBe("age-encryption.org/v1");
    expect(createHash("sha256").update(a).digest("hex")).not.toBe(createHash("sha256").update(b).digest("hex"));
    const [x, y] = [await openFeedback(a, key(panelist), expected()), await openFeedback(b, key(panelist), expected())];
    expect(x.ok && y.ok && x.value.sha256 === y.value.sha256 && x.value.feedback).toEqual(feedback());
  });

  it("wrong recipient: another panelist's key cannot open it (age), and a packet made for another seat is refused", async () => {
    const file = await sealFeedback(feedback(), chair.signing, panelist.encryption.publicKey, NOW);
    expect(await openFeedback(file, key(other), { chair: fp(chair), seat: fp(other) })).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
    // Sealed to `other`'s key but naming `panelist` as its recipient seat.
    const misaddressed = await sealFeedback(feedback(), chair.signing, other.encryption.publicKey, NOW);
    expect(await openFeedback(misaddressed, key(other), { chair: fp(chair), seat: fp(other) })).toEqual({ ok: false, error: { kind: "not-for-this-seat" } });
  });

  it("wrong signer: a packet signed by anyone but the roster's chair seat is refused before its content is read", async () => {
    const file = await sealFeedback(feedback(), stranger.signing, panelist.encryption.publicKey, NOW);
    expect(await openFeedback(file, key(panelist), expected())).toEqual({ ok: false, error: { kind: "not-from-chair", fingerprint: fp(stranger) } });
  });

  it("refuses content that is not a valid feedback: the round it reports on must be the one before, the own index within the estimates", async () => {
    for (const bad of [feedback({ fromRound: 2 }), feedback({ round: 1, fromRound: 1 }), feedback({ claims: [{ ...feedback().claims[0]!, own: 3 }] })]) {
      const file = await sealFeedback(bad, chair.signing, panelist.encryption.publicKey, NOW);
      const opened = await openFeedback(file, key(panelist), expected());
      expect(!opened.ok && opened.error.kind === "invalid-content" && opened.error.reason).toBe("feedback-invalid");
    }
    expect(FeedbackSchema.safeParse(feedback()).success).toBe(true);
    expect(FeedbackSchema.safeParse({ ...feedback(), seatNames: ["Member Silva"] }).success).toBe(false);
  });

  it("property: any byte changed, any truncation, any extension is refused with a typed error", async () => {
    const file = await sealFeedback(feedback(), chair.signing, panelist.encryption.publicKey, NOW);
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
          fc.record({ op: fc.constant("cut" as const), at: fc.nat() }),
          fc.record({ op: fc.constant("extend" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
        ),
        async (change) => {
          let bytes: Uint8Array;
          if (change.op === "flip") {
            bytes = file.slice();
            const i = change.at % bytes.length;
            bytes[i] = (bytes[i] as number) ^ (1 << change.bit);
          } else if (change.op === "cut") bytes = file.slice(0, change.at % file.length);
          else bytes = new Uint8Array([...file, ...change.bytes]);
          const opened = await openFeedback(bytes, key(panelist), expected());
          expect(opened.ok).toBe(false);
          if (!opened.ok) kinds.add(opened.error.kind);
        },
      ),
      { numRuns: 150 },
    );
    expect(kinds.size).toBeGreaterThanOrEqual(2);
  });
});
