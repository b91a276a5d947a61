/**
 * The opinion payload's known answer, shared by its unit tests and its
 * interoperability test (tests/interop/opinion-payload.interop.test.ts): a
 * small opinion written out by hand (one claim, one evidence item, three
 * seats held by the RFC 8032 §7.1 test keys 1 to 3), the chair's marks, a
 * dissent by the member holding test key 1, and a deterministic random
 * source, so that the draft, the final payload, every disclosure and every
 * signature (Ed25519 is deterministic) are fixed bytes.
 */
import { CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, type SeatId } from "../case/model";
import { ed25519KeyPair, fromHex, sha256 } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { sshFingerprint } from "../formats/openssh-key";
import type { RandomSource } from "../formats/selective-disclosure";
import type { RosterSeat } from "./co-signature";
import { buildPayload, concealDraft, signPayload } from "./payload";
import { OpinionSchema, type Opinion } from "./opinion";
import { signSeparateOpinion, type SeparateOpinionInput } from "./separate-opinion";
import type { WithholdingMark } from "./withholding";

/** RFC 8032 §7.1 test 1 (the member who dissents), test 2 (the chair), test 3 (a member who concurs). */
export const MEMBER_SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
export const CHAIR_SEED_HEX = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
export const OTHER_SEED_HEX = "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7";

/** The three keys (call once crypto is loaded). */
export function katKeys() {
  const member = ed25519KeyPair(fromHex(MEMBER_SEED_HEX));
  const chair = ed25519KeyPair(fromHex(CHAIR_SEED_HEX));
  const other = ed25519KeyPair(fromHex(OTHER_SEED_HEX));
  const seat = (k: typeof member) => sshFingerprint(k.publicKey) as SeatId;
  const roster: RosterSeat[] = [
    { role: "chair", fingerprint: seat(chair) },
    { role: "member", fingerprint: seat(member) },
    { role: "member", fingerprint: seat(other) },
  ];
  return { member, chair, other, roster };
}

/**
 * A random source that repeats: the n-th call's bytes are SHA-256 of
 * "<label>/<n>" (at most 32 bytes a call), and below(b) the next such
 * digest's first four bytes, big-endian, modulo b.
 */
export function fixedRandom(label = "payload-kat"): RandomSource {
  let n = 0;
  const next = (length: number): Uint8Array => {
    if (length > 32) throw new RangeError("fixedRandom gives at most 32 bytes a call");
    return sha256(utf8(`${label}/${n++}`)).slice(0, length);
  };
  return {
    bytes: next,
    below: (bound) => {
      const [a = 0, b = 0, c = 0, d = 0] = next(4);
      return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) % bound;
    },
  };
}

export const KAT_CASE_ID = CaseIdSchema.parse("case-0000000000000001");
export const KAT_CLAIM = ClaimIdSchema.parse("claim-000000000001");
export const KAT_EVIDENCE = EvidenceIdSchema.parse("evidence-0000000001");
export const KAT_DRAFTED_AT = "2026-12-02T12:00:00.000Z";
export const KAT_SIGNED_AT = "2026-12-02T13:00:00.000Z";

/** The opinion (roster in katKeys' order). */
export function katOpinion(roster: readonly RosterSeat[]): Opinion {
  const [chair, member, other] = roster.map((s) => s.fingerprint);
  return OpinionSchema.parse({
    format: "attribution-panel/opinion",
    version: 1,
    caseId: KAT_CASE_ID,
    caseTitle: "Intrusion into a ministry's mail servers",
    round: 1,
    rubric: { id: "default-v1", revision: 1 },
    findings: [
      {
        claim: KAT_CLAIM,
        statement: "State A's intelligence service conducted the intrusion.",
        catchAll: false,
        answered: 2,
        aggregate: { method: "median", n: 2, value: 65, p25: 62.5, p75: 67.5, iqr: 5, term: { kind: "within", term: "likely" } },
        confidence: "moderate",
        legalBasis: "state-organ",
        regional: [{ region: "african-states", n: 1, median: 60 }],
      },
    ],
    ach: { evidence: [{ evidence: KAT_EVIDENCE }], claims: [{ claim: KAT_CLAIM, inconsistency: 1 }] },
    reasoning: ["The panel finds the intrusion **likely** state-conducted.", "A partner's report, withheld, corroborates it."],
    evidence: [{ id: KAT_EVIDENCE, title: "Partner report", kind: "technical-report", grading: { reliability: "B", credibility: "2" }, marking: "RED", sha256: ["0".repeat(64)] }],
    roster: [
      { seat: chair, role: "chair", name: "Chair Mensah", region: "african-states", affiliation: "University of Ghana" },
      { seat: member, role: "member", name: "Member Tanaka", region: "asia-pacific-states", affiliation: "Keio University" },
      { seat: other, role: "member", name: "Member Kowalska", region: "eastern-european-states", affiliation: "NASK" },
    ],
    estimates: [{ claim: KAT_CLAIM, values: [{ value: 70, region: "asia-pacific-states" }, { value: 60, region: "african-states" }] }],
    draftedAt: KAT_DRAFTED_AT,
  });
}

export const KAT_MARKS: readonly WithholdingMark[] = [
  { pointer: "/evidence/0", reason: "third-party-confidentiality" },
  { pointer: "/reasoning/1", reason: "sources-and-methods" },
  { pointer: "/roster/2/affiliation", reason: "personal-data" },
  { pointer: "/estimates/0/values/0/region", reason: "personal-data" },
];

/** The member's dissent on the draft whose digest is given. */
export const katDissent = (draftSha256: string): SeparateOpinionInput => ({
  caseId: KAT_CASE_ID,
  seat: "member",
  kind: "dissent",
  draftSha256: draftSha256 as SeparateOpinionInput["draftSha256"],
  text: ["I dissent: the partner's report is **uncorroborated**.", "Attribution to a state organ is premature."],
});

// --- the known answers (fixedRandom(), the keys and inputs above) -------------

/** `sha256sum draft.json`: the digest the dissent names. */
export const KAT_DRAFT_SHA256 = "99f117e170779616cae1df4800c872a2ac8f6a4231f2b8989e68c33cb83a46d7";
/** `sha256sum opinion.json`: the digest co-signatures name. */
export const KAT_PAYLOAD_SHA256 = "7d3a74e32ad50bb5c287f3a7e130f8d970cafb561cc2beddc48eb596e95a6118";
/** The disclosure of Member Kowalska's affiliation ([salt, "affiliation", "NASK"]) and its digest in the payload. */
export const KAT_AFFILIATION_DISCLOSURE = "WyIzLXktNGFZdjhNX3d0N2p3c2t3VF9BIiwiYWZmaWxpYXRpb24iLCJOQVNLIl0";
export const KAT_AFFILIATION_DIGEST = "3oR980mO9h5exCaB5r5jN_V2iXKVeNTBEXT-UxZ8_oA";
/** The member's signed dissent (opinion.json) and its signature. */
export const KAT_SEPARATE_OPINION =
  '{"caseId":"case-0000000000000001","draftSha256":"99f117e170779616cae1df4800c872a2ac8f6a4231f2b8989e68c33cb83a46d7","fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","format":"attribution-panel/separate-opinion","kind":"dissent","seat":"member","signedAt":"2026-12-02T13:00:00.000Z","text":["I dissent: the partner\'s report is **uncorroborated**.","Attribution to a state organ is premature."],"version":1}';
export const KAT_SEPARATE_OPINION_SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv
PapiMlrwIaaPcHURoAAAAic2VwYXJhdGUtb3BpbmlvbkBhdHRyaWJ1dGlvbi1wYW5lbAAA
AAAAAAAGc2hhNTEyAAAAUwAAAAtzc2gtZWQyNTUxOQAAAECT2al9EC55DCl2MQO/VUS1gb
ZALnZviSnwR3qEtiKgMTJMChgNp6cAFk3jTogoC811qw8osI4ZCSG2M9PZbcUG
-----END SSH SIGNATURE-----
`;
/** The chair's signature over the payload. */
export const KAT_CHAIR_SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgPUAXw+hDiVqStwqnTRt+vJyYLM
8uxJaMwM1V8Sr0ZgwAAAAZb3BpbmlvbkBhdHRyaWJ1dGlvbi1wYW5lbAAAAAAAAAAGc2hh
NTEyAAAAUwAAAAtzc2gtZWQyNTUxOQAAAECpFSi/Q5Us5y8q5WurLfkgVgyTK08it6aBJw
pUGhvhdYSNz7bFcSoxTuMaRIq5jE+e1faQpHu5NwKu2QQVE3EJ
-----END SSH SIGNATURE-----
`;

/** The whole known answer made again: draft, dissent, final payload, the chair's signature and every disclosure (the draft's, then the dissent's). */
export function katPayload() {
  const keys = katKeys();
  const random = fixedRandom();
  const draft = concealDraft(katOpinion(keys.roster), KAT_MARKS, { random });
  if (!draft.ok) throw new Error(`the known-answer draft: ${draft.error.kind}`);
  const dissent = signSeparateOpinion(katDissent(draft.value.sha256), keys.member, new Date(KAT_SIGNED_AT));
  const payload = buildPayload(draft.value.bytes, [dissent], keys.roster, random);
  if (!payload.ok) throw new Error(`the known-answer payload: ${payload.error.kind}`);
  const signature = signPayload(payload.value.bytes, keys.chair);
  const disclosures = [...draft.value.disclosures, ...payload.value.disclosures];
  return { keys, draft: draft.value, dissent, payload: payload.value, signature, disclosures, encoded: disclosures.map((d) => d.encoded) };
}
