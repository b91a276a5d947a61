import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { concealPayload, cryptoRandom, disclosureOf, parseDisclosure, type JsonObject, type JsonValue } from "../formats/selective-disclosure";
import { SIGNATURE_NAMESPACES, signSshsig } from "../formats/sshsig";
import { sha256Hex } from "./co-signature";
import { OpinionSchema } from "./opinion";
import {
  PAYLOAD_NAMESPACE,
  SEPARATE_OPINIONS_KEY,
  buildPayload,
  concealDraft,
  draftSha256Of,
  findMySeparateOpinion,
  signPayload,
  verifyPayload,
  type SeparateOpinionEntry,
} from "./payload";
import {
  KAT_AFFILIATION_DIGEST,
  KAT_AFFILIATION_DISCLOSURE,
  KAT_CASE_ID,
  KAT_CHAIR_SIGNATURE,
  KAT_DRAFT_SHA256,
  KAT_MARKS,
  KAT_PAYLOAD_SHA256,
  KAT_SEPARATE_OPINION,
  KAT_SIGNED_AT,
  katDissent,
  katOpinion,
  katPayload,
} from "./payload.testing";
import { signSeparateOpinion, type SignedSeparateOpinion } from "./separate-opinion";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const kat = katPayload();
const { keys } = kat;
const ROSTER = keys.roster;
const AT = new Date(KAT_SIGNED_AT);
const DIGEST = /^[A-Za-z0-9_-]{43}$/;

const draftOf = (opinion = katOpinion(ROSTER), marks = KAT_MARKS) => {
  const d = concealDraft(opinion, marks, { random: cryptoRandom });
  if (!d.ok) throw new Error(d.error.kind);
  return d.value;
};
const payloadOf = (draftBytes: Uint8Array, opinions: readonly SignedSeparateOpinion[]) => {
  const p = buildPayload(draftBytes, opinions, ROSTER, cryptoRandom);
  if (!p.ok) throw new Error(p.error.kind);
  return p.value;
};
/** A payload built as a dishonest chair would: entries carried as given, no check. */
function forge(draftBytes: Uint8Array, entries: readonly JsonValue[]) {
  const draft = JSON.parse(fromUtf8(draftBytes)!) as JsonObject;
  const c = concealPayload({ [SEPARATE_OPINIONS_KEY]: entries }, entries.map((_, i) => `/${SEPARATE_OPINIONS_KEY}/${i}`), { random: cryptoRandom });
  if (!c.ok) throw new Error(c.error.kind);
  const bytes = mustCanonicalJson({ ...draft, [SEPARATE_OPINIONS_KEY]: c.value.payload[SEPARATE_OPINIONS_KEY] as JsonValue }, "a forged payload");
  return { bytes, signature: signPayload(bytes, keys.chair), disclosures: c.value.disclosures.map((d) => d.encoded) };
}
const entryOf = (s: SignedSeparateOpinion): SeparateOpinionEntry => ({ statement: fromUtf8(s.bytes)!, signature: s.signature });
const parsed = (bytes: Uint8Array) => JSON.parse(fromUtf8(bytes)!) as Record<string, unknown> & { separateOpinions: { "...": string }[] };

describe("the payload's known answer", () => {
  it("makes the draft, the dissent, the payload and the chair's signature byte for byte", () => {
    expect(kat.draft.sha256).toBe(KAT_DRAFT_SHA256);
    expect(sha256Hex(kat.draft.bytes)).toBe(KAT_DRAFT_SHA256);
    expect(fromUtf8(kat.dissent.bytes)).toBe(KAT_SEPARATE_OPINION);
    expect(kat.payload.sha256).toBe(KAT_PAYLOAD_SHA256);
    expect(kat.payload.draftSha256).toBe(KAT_DRAFT_SHA256);
    expect(kat.signature).toBe(KAT_CHAIR_SIGNATURE);
  });

  it("conceals each marked part with its reason, the affiliation as the known disclosure", () => {
    expect(kat.draft.disclosures.map((d) => [d.pointer, d.reason])).toEqual([
      ["/reasoning/1", "sources-and-methods"],
      ["/evidence/0", "third-party-confidentiality"],
      ["/roster/2/affiliation", "personal-data"],
      ["/estimates/0/values/0/region", "personal-data"],
    ]);
    const affiliation = kat.draft.disclosures.find((d) => d.pointer === "/roster/2/affiliation");
    expect(affiliation).toMatchObject({ encoded: KAT_AFFILIATION_DISCLOSURE, digest: KAT_AFFILIATION_DIGEST });
    const content = parseDisclosure(KAT_AFFILIATION_DISCLOSURE);
    expect(content).toMatchObject({ ok: true, value: { kind: "property", name: "affiliation", value: "NASK" } });
    expect(content.ok && disclosureOf(content.value.salt, "affiliation", "NASK").encoded).toBe(KAT_AFFILIATION_DISCLOSURE);
    const seat = (parsed(kat.payload.bytes).roster as Record<string, unknown>[]).find((s) => s.seat === sshFingerprint(keys.other.publicKey));
    expect(seat).toMatchObject({ name: "Member Kowalska" });
    expect(seat).not.toHaveProperty("affiliation");
    expect(seat?._sd).toContain(KAT_AFFILIATION_DIGEST);
  });

  it("is the draft with separateOpinions added: removing it gives the draft's exact bytes", () => {
    const final = parsed(kat.payload.bytes);
    expect(final._sd_alg).toBe("sha-256");
    const { separateOpinions, ...rest } = final;
    expect(mustCanonicalJson(rest, "the draft")).toEqual(kat.draft.bytes);
    expect(draftSha256Of(final as unknown as JsonObject)).toBe(KAT_DRAFT_SHA256);
    // One element per seat, every one a digest: the dissent among decoys.
    expect(separateOpinions).toHaveLength(ROSTER.length);
    for (const e of separateOpinions) expect(Object.keys(e)).toEqual(["..."]);
    expect(separateOpinions.map((e) => e["..."])).toContain(kat.payload.disclosures[0]?.digest);
  });

  it("verifies with every disclosure and gives back the opinion and the dissent as signed", () => {
    const v = verifyPayload(kat.payload.bytes, kat.signature, ROSTER, kat.encoded, { caseId: KAT_CASE_ID });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    expect(v.value).toMatchObject({ caseId: KAT_CASE_ID, sha256: KAT_PAYLOAD_SHA256, draftSha256: KAT_DRAFT_SHA256, signer: { fingerprint: sshFingerprint(keys.chair.publicKey) } });
    const { separateOpinions, ...opinion } = v.value.document;
    expect(OpinionSchema.parse(opinion)).toEqual(katOpinion(ROSTER));
    expect(separateOpinions).toEqual([{ statement: KAT_SEPARATE_OPINION, signature: kat.dissent.signature }]);
    expect(v.value.separateOpinions.map((e) => fromUtf8(e.bytes))).toEqual([KAT_SEPARATE_OPINION]);
    expect(v.value.separateOpinions[0]?.opinion.kind).toBe("dissent");
  });

  it("verifies without any disclosure, showing only what is not withholdable", () => {
    const v = verifyPayload(kat.payload.bytes, kat.signature, ROSTER);
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    expect(v.value.document.reasoning).toEqual(["The panel finds the intrusion **likely** state-conducted."]);
    expect(v.value.document.evidence).toEqual([]);
    expect(v.value.document.separateOpinions).toEqual([]);
    expect(v.value.separateOpinions).toEqual([]);
  });
});

describe("what the payload does not tell", () => {
  it("has as many separate-opinion digests with no dissent as with one", () => {
    const draft = draftOf();
    const none = parsed(payloadOf(draft.bytes, []).bytes).separateOpinions;
    const one = parsed(payloadOf(draft.bytes, [signSeparateOpinion(katDissent(draft.sha256), keys.member, AT)]).bytes).separateOpinions;
    expect(none).toHaveLength(ROSTER.length);
    expect(one).toHaveLength(ROSTER.length);
    for (const e of [...none, ...one]) expect(e["..."]).toMatch(DIGEST);
  });

  it("adds decoys among withheld evidence, and pads every seat and released estimate to the same number of digests", () => {
    // Twenty fresh drafts: the decoy counts are random, the guarantees are not.
    for (let run = 0; run < 20; run++) {
      const draft = parsed(draftOf().bytes);
      const evidence = draft.evidence as Record<string, unknown>[];
      const seats = draft.roster as Record<string, unknown>[];
      const values = (draft.estimates as { values: Record<string, unknown>[] }[])[0]!.values;
      const sdLengths = (objects: Record<string, unknown>[]) => new Set(objects.filter((o) => !("..." in o)).map((o) => (o._sd as string[]).length));
      // One evidence item, withheld: at least one decoy beside it.
      expect(evidence.length).toBeGreaterThanOrEqual(2);
      for (const e of evidence) expect(e["..."]).toMatch(DIGEST);
      expect(sdLengths(seats).size).toBe(1);
      expect(sdLengths(values).size).toBe(1);
      expect((draft._sd as string[]).length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("the payload's properties", () => {
  it("verifies with any subset of its disclosures, revealing exactly those", () => {
    fc.assert(
      fc.property(fc.subarray(kat.encoded), (subset) => {
        const v = verifyPayload(kat.payload.bytes, kat.signature, ROSTER, subset);
        if (!v.ok) return false;
        const dissentShown = subset.includes(kat.payload.disclosures[0]!.encoded);
        const evidenceShown = subset.includes(kat.draft.disclosures.find((d) => d.pointer === "/evidence/0")!.encoded);
        return v.value.separateOpinions.length === (dissentShown ? 1 : 0) && (v.value.document.evidence as unknown[]).length === (evidenceShown ? 1 : 0);
      }),
    );
  });

  it("refuses any changed byte of the payload", () => {
    fc.assert(
      fc.property(fc.nat({ max: kat.payload.bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = kat.payload.bytes.slice();
        changed[at]! ^= flip;
        const r = verifyPayload(changed, kat.signature, ROSTER, kat.encoded);
        return !r.ok && r.error.kind === "signature" && r.error.error.kind === "bad-signature";
      }),
    );
  });

  it("refuses any changed character of any disclosure", () => {
    fc.assert(
      fc.property(fc.nat({ max: kat.encoded.length - 1 }), fc.nat(), fc.constantFrom(..."AQgw_-9z"), (which, at, c) => {
        const encoded = kat.encoded[which]!;
        const i = at % encoded.length;
        fc.pre(encoded[i] !== c);
        const changed = kat.encoded.map((e, j) => (j === which ? e.slice(0, i) + c + e.slice(i + 1) : e));
        const r = verifyPayload(kat.payload.bytes, kat.signature, ROSTER, changed);
        return !r.ok && r.error.kind === "disclosures";
      }),
    );
  });
});

describe("nested marks", () => {
  it("verifies a part withheld inside a withheld part with both disclosures or the outer one, and refuses the inner one alone", () => {
    const marks = [...KAT_MARKS, { pointer: "/evidence/0/sha256/0", reason: "sources-and-methods" as const }];
    const draft = draftOf(katOpinion(ROSTER), marks);
    const payload = payloadOf(draft.bytes, []);
    const signature = signPayload(payload.bytes, keys.chair);
    const outer = draft.disclosures.find((d) => d.pointer === "/evidence/0")!.encoded;
    const inner = draft.disclosures.find((d) => d.pointer === "/evidence/0/sha256/0")!.encoded;
    const both = verifyPayload(payload.bytes, signature, ROSTER, [outer, inner]);
    expect(both.ok && both.value.document.evidence).toEqual(katOpinion(ROSTER).evidence);
    const outerOnly = verifyPayload(payload.bytes, signature, ROSTER, [outer]);
    expect(outerOnly.ok && outerOnly.value.document.evidence).toEqual([{ ...katOpinion(ROSTER).evidence[0], sha256: [] }]);
    expect(verifyPayload(payload.bytes, signature, ROSTER, [inner])).toMatchObject({ ok: false, error: { kind: "disclosures", error: { kind: "unreferenced-disclosure" } } });
  });
});

describe("the payload's refusals, each a value", () => {
  it("refuses a signature in another namespace, by another seat, or by a key off the roster", () => {
    const coSigned = signSshsig(kat.payload.bytes, keys.chair, SIGNATURE_NAMESPACES.coSignature);
    expect(verifyPayload(kat.payload.bytes, coSigned, ROSTER)).toMatchObject({ ok: false, error: { kind: "signature", error: { kind: "wrong-namespace", expected: PAYLOAD_NAMESPACE } } });
    const byMember = signPayload(kat.payload.bytes, keys.member);
    expect(verifyPayload(kat.payload.bytes, byMember, ROSTER)).toEqual({ ok: false, error: { kind: "not-the-chair", fingerprint: sshFingerprint(keys.member.publicKey) } });
    const chairless = ROSTER.filter((s) => s.role !== "chair");
    expect(verifyPayload(kat.payload.bytes, kat.signature, chairless)).toEqual({ ok: false, error: { kind: "not-on-roster", fingerprint: sshFingerprint(keys.chair.publicKey) } });
  });

  it("refuses bytes that are not canonical, and a draft signed as if it were the final payload", () => {
    const spaced = utf8(JSON.stringify(JSON.parse(fromUtf8(kat.payload.bytes)!), null, 1));
    expect(verifyPayload(spaced, signPayload(spaced, keys.chair), ROSTER)).toMatchObject({ ok: false, error: { kind: "not-canonical" } });
    expect(verifyPayload(kat.draft.bytes, signPayload(kat.draft.bytes, keys.chair), ROSTER)).toMatchObject({ ok: false, error: { kind: "invalid-payload" } });
  });

  it("refuses another case than the one expected", () => {
    expect(verifyPayload(kat.payload.bytes, kat.signature, ROSTER, [], { caseId: "case-0000000000000002" })).toEqual({ ok: false, error: { kind: "other-case", expected: "case-0000000000000002", actual: KAT_CASE_ID } });
  });

  it("refuses a dissent altered by one byte inside the payload the chair signed", () => {
    const statement = KAT_SEPARATE_OPINION.replace("premature", "prematur3");
    const forged = forge(kat.draft.bytes, [{ statement, signature: kat.dissent.signature }]);
    expect(verifyPayload(forged.bytes, forged.signature, ROSTER, [...kat.draft.disclosures.map((d) => d.encoded), ...forged.disclosures])).toMatchObject({
      ok: false,
      error: { kind: "separate-opinion", index: 0, error: { kind: "signature", error: { kind: "bad-signature" } } },
    });
    // Without that disclosure the payload verifies, and the member's own check says their opinion is missing.
    const v = verifyPayload(forged.bytes, forged.signature, ROSTER, kat.draft.disclosures.map((d) => d.encoded));
    expect(v.ok && findMySeparateOpinion(v.value, kat.dissent)).toEqual({ ok: false, error: { kind: "missing" } });
  });

  it("refuses a dissent carried under a majority text changed after it was written", () => {
    const opinion = katOpinion(ROSTER);
    const changed = draftOf({ ...opinion, reasoning: ["The panel finds the intrusion **almost certain**."] }, []);
    const forged = forge(changed.bytes, [entryOf(kat.dissent)]);
    expect(verifyPayload(forged.bytes, forged.signature, ROSTER, forged.disclosures)).toEqual({
      ok: false,
      error: { kind: "separate-opinion", index: 0, error: { kind: "other-draft", expected: changed.sha256, actual: KAT_DRAFT_SHA256 } },
    });
    expect(buildPayload(changed.bytes, [kat.dissent], ROSTER, cryptoRandom)).toEqual({
      ok: false,
      error: { kind: "separate-opinion", index: 0, error: { kind: "other-draft", expected: changed.sha256, actual: KAT_DRAFT_SHA256 } },
    });
  });

  it("refuses an element of separateOpinions that is not a signed statement, and two opinions of one seat", () => {
    const junk = forge(kat.draft.bytes, [{ statement: 42 } as unknown as JsonValue]);
    expect(verifyPayload(junk.bytes, junk.signature, ROSTER, junk.disclosures)).toMatchObject({ ok: false, error: { kind: "invalid-separate-opinion-entry", index: 0 } });
    const again = signSeparateOpinion({ ...katDissent(KAT_DRAFT_SHA256), kind: "separate" }, keys.member, AT);
    const twice = forge(kat.draft.bytes, [entryOf(kat.dissent), entryOf(again)]);
    expect(verifyPayload(twice.bytes, twice.signature, ROSTER, twice.disclosures)).toEqual({ ok: false, error: { kind: "two-opinions-one-seat", fingerprint: sshFingerprint(keys.member.publicKey) } });
    expect(buildPayload(kat.draft.bytes, [kat.dissent, again], ROSTER, cryptoRandom)).toEqual({ ok: false, error: { kind: "two-opinions-one-seat", fingerprint: sshFingerprint(keys.member.publicKey) } });
  });

  it("refuses disclosures that do not fit (RFC 9901 §7.1)", () => {
    expect(verifyPayload(kat.payload.bytes, kat.signature, ROSTER, [kat.encoded[0]!, kat.encoded[0]!])).toMatchObject({ ok: false, error: { kind: "disclosures", error: { kind: "duplicate-disclosure" } } });
    const foreign = disclosureOf("c2FsdHNhbHRzYWx0c2FsdA", "affiliation", "NASK").encoded;
    expect(verifyPayload(kat.payload.bytes, kat.signature, ROSTER, [foreign])).toMatchObject({ ok: false, error: { kind: "disclosures", error: { kind: "unreferenced-disclosure", index: 0 } } });
  });

  it("refuses to build on bytes that are not a canonical draft", () => {
    expect(buildPayload(utf8(`${fromUtf8(kat.draft.bytes)!}\n`), [], ROSTER, cryptoRandom)).toMatchObject({ ok: false, error: { kind: "draft-not-canonical" } });
    expect(buildPayload(mustCanonicalJson({ format: "attribution-panel/opinion" }, "x"), [], ROSTER, cryptoRandom)).toMatchObject({ ok: false, error: { kind: "invalid-draft" } });
    expect(buildPayload(kat.payload.bytes, [], ROSTER, cryptoRandom)).toEqual({ ok: false, error: { kind: "draft-has-separate-opinions" } });
  });

  it("refuses a separate opinion that does not verify when the chair builds the payload", () => {
    const changed = kat.dissent.bytes.slice();
    changed[10]! ^= 1;
    expect(buildPayload(kat.draft.bytes, [{ bytes: changed, signature: kat.dissent.signature }], ROSTER, cryptoRandom)).toMatchObject({
      ok: false,
      error: { kind: "separate-opinion", index: 0, error: { kind: "signature", error: { kind: "bad-signature" } } },
    });
  });

  it("refuses marks that are not withholdable, and an opinion its schema refuses", () => {
    expect(concealDraft(katOpinion(ROSTER), [{ pointer: "/format", reason: "personal-data" }], { random: cryptoRandom })).toEqual({
      ok: false,
      error: { kind: "marks", problems: [{ kind: "not-withholdable", pointer: "/format" }] },
    });
    expect(concealDraft({ ...katOpinion(ROSTER), reasoning: [" "] }, [], { random: cryptoRandom })).toMatchObject({ ok: false, error: { kind: "invalid-opinion" } });
  });
});

describe("a member's check before co-signing", () => {
  const all = verifyPayload(kat.payload.bytes, kat.signature, ROSTER, kat.encoded);
  if (!all.ok) throw new Error(all.error.kind);

  it("finds the member's opinion exactly as signed", () => {
    expect(findMySeparateOpinion(all.value, kat.dissent)).toEqual({ ok: true, value: { index: 0 } });
  });

  it("says when the payload carries an earlier version instead", () => {
    const revised = signSeparateOpinion({ ...katDissent(KAT_DRAFT_SHA256), text: ["I dissent, revised."] }, keys.member, AT);
    expect(findMySeparateOpinion(all.value, revised)).toEqual({ ok: false, error: { kind: "other-version", index: 0 } });
  });

  it("says when the payload answers another draft than the member's opinion", () => {
    const onOther = signSeparateOpinion(katDissent(sha256Hex(utf8("an earlier draft"))), keys.other, AT);
    expect(findMySeparateOpinion(all.value, onOther)).toEqual({ ok: false, error: { kind: "other-draft", mine: sha256Hex(utf8("an earlier draft")), payload: KAT_DRAFT_SHA256 } });
  });

  it("says when the member's opinion is not there", () => {
    const other = signSeparateOpinion({ ...katDissent(KAT_DRAFT_SHA256), kind: "separate" }, keys.other, AT);
    expect(findMySeparateOpinion(all.value, other)).toEqual({ ok: false, error: { kind: "missing" } });
  });
});
