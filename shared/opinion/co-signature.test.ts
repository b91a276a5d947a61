import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaseIdSchema, type SeatId } from "../case/model";
import { ed25519KeyPair, fromHex, loadCrypto } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig } from "../formats/sshsig";
import {
  CO_SIGNATURE_NAMESPACE,
  STANCES,
  sha256Hex,
  signCoSignature,
  verifyCoSignature,
  type CoSignature,
  type CoSignatureInput,
  type RosterSeat,
  type Stance,
} from "./co-signature";
import { KAT_CASE_ID, KAT_DISSENT, KAT_DISSENT_SHA256, KAT_FINGERPRINT, KAT_PAYLOAD, KAT_PAYLOAD_SHA256, KAT_SEED_HEX, KAT_SIGNATURE, KAT_SIGNED_AT, KAT_STATEMENT } from "./co-signature.testing";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const kat = ed25519KeyPair(fromHex(KAT_SEED_HEX));
const other = ed25519KeyPair(fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
const CASE = CaseIdSchema.parse(KAT_CASE_ID);
const AT = new Date(KAT_SIGNED_AT);
const PAYLOAD_SHA256 = KAT_PAYLOAD_SHA256;
const DISSENT_SHA256 = KAT_DISSENT_SHA256;

const seatOf = (key: typeof kat, role: "chair" | "member" = "member"): RosterSeat => ({ role, fingerprint: sshFingerprint(key.publicKey) });
const ROSTER: RosterSeat[] = [seatOf(other, "chair"), seatOf(kat)];
const dissent: CoSignatureInput = { payloadSha256: sha256Hex(utf8(KAT_PAYLOAD)), caseId: CASE, seat: "member", stance: "dissent", opinion: sha256Hex(utf8(KAT_DISSENT)) };

/** A statement signed as it stands, even one signCoSignature would never make. */
function signRaw(statement: unknown, key = kat, namespace = CO_SIGNATURE_NAMESPACE) {
  const bytes = mustCanonicalJson(statement, "a test statement");
  return { bytes, signature: signSshsig(bytes, key, namespace) };
}
const base = (over: Partial<Record<keyof CoSignature, unknown>> = {}): Record<string, unknown> => ({ ...signCoSignature(dissent, kat, AT).statement, ...over });

describe("co-signature known answer", () => {
  it("digests its inputs as sha256sum does", () => {
    expect(dissent.payloadSha256).toBe(PAYLOAD_SHA256);
    expect(dissent.opinion).toBe(DISSENT_SHA256);
    expect(sshFingerprint(kat.publicKey)).toBe(KAT_FINGERPRINT);
  });

  it("writes the statement's canonical bytes and signature byte for byte", () => {
    const signed = signCoSignature(dissent, kat, AT);
    expect(fromUtf8(signed.bytes)).toBe(KAT_STATEMENT);
    expect(signed.signature).toBe(KAT_SIGNATURE);
  });

  it("verifies the known statement against the roster, naming the signer", () => {
    const verified = verifyCoSignature(utf8(KAT_STATEMENT), KAT_SIGNATURE, ROSTER, { caseId: CASE, payloadSha256: PAYLOAD_SHA256 });
    expect(verified).toMatchObject({ ok: true, value: { statement: { stance: "dissent", seat: "member", fingerprint: KAT_FINGERPRINT, opinion: DISSENT_SHA256 }, signer: { fingerprint: KAT_FINGERPRINT } } });
  });
});

describe("co-signature round trip", () => {
  it.each<[Stance, string | undefined]>([
    ["concur", undefined],
    ["concur-separate", DISSENT_SHA256],
    ["dissent", DISSENT_SHA256],
  ])("signs and verifies the stance %s", (stance, opinion) => {
    const input = { ...dissent, stance, ...(opinion === undefined ? { opinion: undefined } : { opinion: opinion as CoSignature["opinion"] }) };
    const signed = signCoSignature(input, kat, AT);
    expect(Object.hasOwn(signed.statement, "opinion")).toBe(opinion !== undefined);
    const verified = verifyCoSignature(signed.bytes, signed.signature, ROSTER);
    expect(verified.ok && verified.value.statement).toEqual(signed.statement);
  });

  it("lets the chair co-sign from the chair's seat", () => {
    const signed = signCoSignature({ ...dissent, seat: "chair", stance: "concur", opinion: undefined }, other, AT);
    expect(verifyCoSignature(signed.bytes, signed.signature, ROSTER).ok).toBe(true);
  });

  it("throws when the caller pairs a stance and an opinion wrongly (a bug, not input)", () => {
    expect(() => signCoSignature({ ...dissent, opinion: undefined }, kat, AT)).toThrow();
    expect(() => signCoSignature({ ...dissent, stance: "concur-separate", opinion: undefined }, kat, AT)).toThrow();
    expect(() => signCoSignature({ ...dissent, stance: "concur" }, kat, AT)).toThrow();
    expect(STANCES).toEqual(["concur", "concur-separate", "dissent"]);
  });
});

describe("co-signature refusals, each a value", () => {
  const good = signCoSignature(dissent, kat, AT);

  it("refuses a signature in another namespace", () => {
    const signature = signSshsig(good.bytes, kat, SIGNATURE_NAMESPACES.opinion);
    expect(verifyCoSignature(good.bytes, signature, ROSTER)).toEqual({ ok: false, error: { kind: "signature", error: { kind: "wrong-namespace", expected: CO_SIGNATURE_NAMESPACE, actual: SIGNATURE_NAMESPACES.opinion } } });
  });

  it("refuses any changed byte of the statement", () => {
    fc.assert(
      fc.property(fc.nat({ max: good.bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = good.bytes.slice();
        changed[at]! ^= flip;
        const r = verifyCoSignature(changed, good.signature, ROSTER);
        return !r.ok && r.error.kind === "signature" && r.error.error.kind === "bad-signature";
      }),
    );
  });

  it("refuses signature text that is not a signature", () => {
    expect(verifyCoSignature(good.bytes, "not a signature", ROSTER)).toMatchObject({ ok: false, error: { kind: "signature", error: { kind: "malformed" } } });
  });

  it("refuses signed bytes that are not canonical JSON", () => {
    const bytes = utf8(`${KAT_STATEMENT}\n`);
    expect(verifyCoSignature(bytes, signSshsig(bytes, kat, CO_SIGNATURE_NAMESPACE), ROSTER)).toMatchObject({ ok: false, error: { kind: "not-canonical" } });
    const notJson = utf8("concur");
    expect(verifyCoSignature(notJson, signSshsig(notJson, kat, CO_SIGNATURE_NAMESPACE), ROSTER)).toMatchObject({ ok: false, error: { kind: "not-canonical", error: { kind: "syntax" } } });
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown stance", base({ stance: "abstain" })],
    ["another format", base({ format: "attribution-panel/opinion" })],
    ["a later version", base({ version: 2 })],
    ["an extra field", { ...base(), comment: "late" }],
    ["no payload digest", (({ payloadSha256: _, ...rest }) => rest)(base())],
    ["an upper-case digest", base({ payloadSha256: PAYLOAD_SHA256.toUpperCase() })],
    ["a time without milliseconds", base({ signedAt: "2026-12-02T12:00:00Z" })],
  ])("refuses a statement with %s", (_, statement) => {
    const { bytes, signature } = signRaw(statement);
    expect(verifyCoSignature(bytes, signature, ROSTER)).toMatchObject({ ok: false, error: { kind: "invalid-statement" } });
  });

  it("refuses a statement naming another fingerprint than its signer's", () => {
    const { bytes, signature } = signRaw(base({ fingerprint: sshFingerprint(other.publicKey) }));
    expect(verifyCoSignature(bytes, signature, ROSTER)).toEqual({ ok: false, error: { kind: "not-the-signer", signer: KAT_FINGERPRINT, named: sshFingerprint(other.publicKey) } });
  });

  it("refuses a signer without a seat, and a seat of the other role", () => {
    expect(verifyCoSignature(good.bytes, good.signature, [seatOf(other, "chair")])).toEqual({ ok: false, error: { kind: "not-on-roster", fingerprint: KAT_FINGERPRINT } });
    expect(verifyCoSignature(good.bytes, good.signature, [{ role: "chair", fingerprint: KAT_FINGERPRINT as SeatId }])).toEqual({
      ok: false,
      error: { kind: "wrong-seat", fingerprint: KAT_FINGERPRINT, named: "member", holds: "chair" },
    });
  });

  it("refuses a separate opinion or dissent that names no opinion, and a concurrence that names one", () => {
    for (const stance of ["concur-separate", "dissent"] as const) {
      const { bytes, signature } = signRaw((({ opinion: _, ...rest }) => rest)(base({ stance })));
      expect(verifyCoSignature(bytes, signature, ROSTER)).toEqual({ ok: false, error: { kind: "opinion-missing", stance } });
    }
    const { bytes, signature } = signRaw(base({ stance: "concur" }));
    expect(verifyCoSignature(bytes, signature, ROSTER)).toEqual({ ok: false, error: { kind: "opinion-unexpected" } });
  });

  it("refuses another case or another payload than the one expected", () => {
    expect(verifyCoSignature(good.bytes, good.signature, ROSTER, { caseId: "case-0000000000000002" })).toEqual({ ok: false, error: { kind: "other-case", expected: "case-0000000000000002", actual: CASE } });
    const otherPayload = sha256Hex(utf8("another payload"));
    expect(verifyCoSignature(good.bytes, good.signature, ROSTER, { payloadSha256: otherPayload })).toEqual({ ok: false, error: { kind: "other-payload", expected: otherPayload, actual: PAYLOAD_SHA256 } });
  });
});
