import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SeatId } from "../case/model";
import { loadCrypto } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig } from "../formats/sshsig";
import { sha256Hex } from "./co-signature";
import { MAX_PARAGRAPH, ReasoningParagraphSchema } from "./opinion";
import { KAT_CASE_ID, KAT_DRAFT_SHA256, KAT_SEPARATE_OPINION, KAT_SEPARATE_OPINION_SIGNATURE, KAT_SIGNED_AT, katDissent, katKeys } from "./payload.testing";
import { SEPARATE_OPINION_NAMESPACE, separateOpinionBytes, signSeparateOpinion, verifySeparateOpinion, type SeparateOpinion, type SeparateOpinionKind } from "./separate-opinion";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const { member, chair, other, roster: ROSTER } = katKeys();
const AT = new Date(KAT_SIGNED_AT);
const MEMBER = sshFingerprint(member.publicKey);
const dissent = katDissent(KAT_DRAFT_SHA256);

/** An opinion signed as it stands, even one signSeparateOpinion would never make. */
function signRaw(opinion: unknown, key = member, namespace = SEPARATE_OPINION_NAMESPACE) {
  const bytes = mustCanonicalJson(opinion, "a test opinion");
  return { bytes, signature: signSshsig(bytes, key, namespace) };
}
const base = (over: Partial<Record<keyof SeparateOpinion, unknown>> = {}): Record<string, unknown> => ({ ...signSeparateOpinion(dissent, member, AT).opinion, ...over });

describe("separate opinion known answer", () => {
  it("has its own signature namespace", () => {
    expect(SEPARATE_OPINION_NAMESPACE).toBe("separate-opinion@attribution-panel");
    expect(Object.values(SIGNATURE_NAMESPACES).filter((n) => n === SEPARATE_OPINION_NAMESPACE)).toHaveLength(1);
  });

  it("writes the opinion's canonical bytes and signature byte for byte", () => {
    const signed = signSeparateOpinion(dissent, member, AT);
    expect(fromUtf8(signed.bytes)).toBe(KAT_SEPARATE_OPINION);
    expect(signed.signature).toBe(KAT_SEPARATE_OPINION_SIGNATURE);
    expect(signed.opinion).toMatchObject({ fingerprint: MEMBER, kind: "dissent", draftSha256: KAT_DRAFT_SHA256, text: dissent.text });
  });

  it("verifies the known opinion against the roster, the case and the draft, naming the signer", () => {
    const verified = verifySeparateOpinion(utf8(KAT_SEPARATE_OPINION), KAT_SEPARATE_OPINION_SIGNATURE, ROSTER, { caseId: KAT_CASE_ID, draftSha256: KAT_DRAFT_SHA256 });
    expect(verified).toMatchObject({ ok: true, value: { opinion: { kind: "dissent", seat: "member", fingerprint: MEMBER }, signer: { fingerprint: MEMBER, publicKey: member.publicKey } } });
  });
});

describe("separate opinion round trip", () => {
  it.each<SeparateOpinionKind>(["separate", "dissent"])("signs and verifies a %s opinion", (kind) => {
    const signed = signSeparateOpinion({ ...dissent, kind }, other, AT);
    const verified = verifySeparateOpinion(signed.bytes, signed.signature, ROSTER);
    expect(verified.ok && verified.value.opinion).toEqual(signed.opinion);
    expect(verified.ok && verified.value.opinion.kind).toBe(kind);
  });

  it("keeps any paragraph text exactly, Markdown and all", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 200, unit: "binary" }).filter((s) => ReasoningParagraphSchema.safeParse(s).success), { minLength: 1, maxLength: 4 }), (text) => {
        const signed = signSeparateOpinion({ ...dissent, text }, member, AT);
        const verified = verifySeparateOpinion(signed.bytes, signed.signature, ROSTER);
        return verified.ok && JSON.stringify(verified.value.opinion.text) === JSON.stringify(text);
      }),
      { numRuns: 50 },
    );
  });

  it("throws when the app builds an opinion its schema refuses (a bug: the screen checks first)", () => {
    expect(() => signSeparateOpinion({ ...dissent, text: [] }, member, AT)).toThrow();
    expect(() => separateOpinionBytes({ ...signSeparateOpinion(dissent, member, AT).opinion, text: ["x".repeat(MAX_PARAGRAPH + 1)] })).toThrow();
  });
});

describe("separate opinion refusals, each a value", () => {
  const good = signSeparateOpinion(dissent, member, AT);

  it("refuses a signature in another namespace", () => {
    const signature = signSshsig(good.bytes, member, SIGNATURE_NAMESPACES.coSignature);
    expect(verifySeparateOpinion(good.bytes, signature, ROSTER)).toEqual({
      ok: false,
      error: { kind: "signature", error: { kind: "wrong-namespace", expected: SEPARATE_OPINION_NAMESPACE, actual: SIGNATURE_NAMESPACES.coSignature } },
    });
  });

  it("refuses any changed byte of the opinion", () => {
    fc.assert(
      fc.property(fc.nat({ max: good.bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = good.bytes.slice();
        changed[at]! ^= flip;
        const r = verifySeparateOpinion(changed, good.signature, ROSTER);
        return !r.ok && r.error.kind === "signature" && r.error.error.kind === "bad-signature";
      }),
    );
  });

  it("refuses signature text that is not a signature", () => {
    expect(verifySeparateOpinion(good.bytes, "not a signature", ROSTER)).toMatchObject({ ok: false, error: { kind: "signature", error: { kind: "malformed" } } });
  });

  it("refuses signed bytes that are not canonical JSON", () => {
    const spaced = utf8(JSON.stringify(JSON.parse(KAT_SEPARATE_OPINION), null, 1));
    expect(verifySeparateOpinion(spaced, signSshsig(spaced, member, SEPARATE_OPINION_NAMESPACE), ROSTER)).toMatchObject({ ok: false, error: { kind: "not-canonical" } });
    const notJson = utf8("I dissent.");
    expect(verifySeparateOpinion(notJson, signSshsig(notJson, member, SEPARATE_OPINION_NAMESPACE), ROSTER)).toMatchObject({ ok: false, error: { kind: "not-canonical", error: { kind: "syntax" } } });
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown kind", base({ kind: "concur" })],
    ["another format", base({ format: "attribution-panel/co-signature" })],
    ["a later version", base({ version: 2 })],
    ["an extra field", { ...base(), comment: "late" }],
    ["no text", base({ text: [] })],
    ["a blank paragraph", base({ text: ["Fine.", "  "] })],
    ["a paragraph with a control character", base({ text: ["bell \u0007"] })],
    ["a paragraph with a direction override", base({ text: ["\u202eevil"] })],
    ["a paragraph too long", base({ text: ["x".repeat(MAX_PARAGRAPH + 1)] })],
    ["no draft digest", (({ draftSha256: _, ...rest }) => rest)(base())],
    ["an upper-case draft digest", base({ draftSha256: KAT_DRAFT_SHA256.toUpperCase() })],
    ["a time without milliseconds", base({ signedAt: "2026-12-02T13:00:00Z" })],
  ])("refuses an opinion with %s", (_, opinion) => {
    const { bytes, signature } = signRaw(opinion);
    expect(verifySeparateOpinion(bytes, signature, ROSTER)).toMatchObject({ ok: false, error: { kind: "invalid-opinion" } });
  });

  it("refuses an opinion naming another fingerprint than its signer's", () => {
    const { bytes, signature } = signRaw(base({ fingerprint: sshFingerprint(other.publicKey) }));
    expect(verifySeparateOpinion(bytes, signature, ROSTER)).toEqual({ ok: false, error: { kind: "not-the-signer", signer: MEMBER, named: sshFingerprint(other.publicKey) } });
  });

  it("refuses a signer without a seat, and a seat of the other role", () => {
    expect(verifySeparateOpinion(good.bytes, good.signature, ROSTER.filter((s) => s.fingerprint !== MEMBER))).toEqual({ ok: false, error: { kind: "not-on-roster", fingerprint: MEMBER } });
    expect(verifySeparateOpinion(good.bytes, good.signature, [{ role: "chair", fingerprint: MEMBER as SeatId }])).toEqual({
      ok: false,
      error: { kind: "wrong-seat", fingerprint: MEMBER, named: "member", holds: "chair" },
    });
    const byChair = signSeparateOpinion(dissent, chair, AT);
    expect(verifySeparateOpinion(byChair.bytes, byChair.signature, ROSTER)).toMatchObject({ ok: false, error: { kind: "wrong-seat", named: "member", holds: "chair" } });
  });

  it("refuses another case or another draft than the one expected", () => {
    expect(verifySeparateOpinion(good.bytes, good.signature, ROSTER, { caseId: "case-0000000000000002" })).toEqual({ ok: false, error: { kind: "other-case", expected: "case-0000000000000002", actual: KAT_CASE_ID } });
    const revised = sha256Hex(utf8("a revised draft"));
    expect(verifySeparateOpinion(good.bytes, good.signature, ROSTER, { draftSha256: revised })).toEqual({ ok: false, error: { kind: "other-draft", expected: revised, actual: KAT_DRAFT_SHA256 } });
  });
});
