/**
 * Fixtures for co-signing and sealing (cosign-exchange.ts, sealed.ts),
 * shared by their unit tests and tests/interop/opinion-sealing.interop.test.ts:
 *
 * - fivePanel(): a panel of five seats (a chair and four members, fresh
 *   keys): the known-answer opinion (payload.testing.ts) with a five-seat
 *   roster, a dissent by member 1 and a separate concurring opinion by
 *   member 2 carried in the final payload, signed by the chair.
 * - katSeal(): the known answer with fixed keys (payload.testing.ts's
 *   katPayload: RFC 8032 test keys; the secretariat's X25519 key is
 *   RFC 7748 Alice's), co-signed by both members at a fixed time: the
 *   statements, their signatures, seal.json and the sealed archive's
 *   manifest are fixed bytes (only the age layer is random).
 */
import type { SeatId } from "../case/model";
import { fromHex, x25519Base } from "../crypto/sodium";
import { fromUtf8 } from "../encoding/bytes";
import { mustCanonicalJson } from "../formats/jcs";
import { concealPayload, cryptoRandom, type JsonObject, type JsonValue } from "../formats/selective-disclosure";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { sha256Hex, signCoSignature, type RosterSeat, type Sha256Hex, type SignedCoSignature, type Stance } from "./co-signature";
import { OpinionSchema, type Opinion } from "./opinion";
import { SEPARATE_OPINIONS_KEY, buildPayload, concealDraft, signPayload, verifyPayload } from "./payload";
import { KAT_CASE_ID, KAT_MARKS, KAT_SIGNED_AT, katOpinion, katPayload } from "./payload.testing";
import type { SignedPayload } from "./sealed-archive";
import type { Seal, SealInput } from "./sealed";
import { signSeparateOpinion, type SignedSeparateOpinion } from "./separate-opinion";

export const SIGNED_AT = new Date(KAT_SIGNED_AT);
export const DEADLINE = new Date("2026-12-09T17:00:00.000Z");
export const SEALED_AT = new Date("2026-12-10T09:00:00.000Z");
export const INPUTS: Seal["inputs"] = { round: 1, scoresheets: ["1".repeat(64), "2".repeat(64)] as Sha256Hex[] };

const fp = (p: PersonalIdentity) => sshFingerprint(p.signing.publicKey) as SeatId;

/** A co-signature by `who` on the payload of digest `payloadSha256`, naming `opinion` (its signed bytes) when the stance needs one. */
export function coSign(who: PersonalIdentity | { readonly signing: PersonalIdentity["signing"] }, payloadSha256: string, stance: Stance, opinion?: SignedSeparateOpinion, at = SIGNED_AT): SignedCoSignature {
  return signCoSignature(
    { payloadSha256: payloadSha256 as SignedCoSignature["statement"]["payloadSha256"], caseId: KAT_CASE_ID, seat: "member", stance, ...(opinion === undefined ? {} : { opinion: sha256Hex(opinion.bytes) }) },
    who.signing,
    at,
  );
}

/**
 * The five-seat panel of the module comment: chair, m1 (dissents), m2 (concurs separately), m3, m4; the secretariat
 * and a stranger besides. `adjust` changes the opinion before it is concealed and signed (a publication test signs a
 * wrong aggregate).
 */
export function fivePanel(adjust: (opinion: Opinion) => Opinion = (o) => o) {
  const chair = testIdentity({ displayName: "Chair Mensah" });
  const members = ["Member Tanaka", "Member Kowalska", "Member Silva", "Member Haddad"].map((displayName) => testIdentity({ displayName }));
  const [m1, m2, m3, m4] = members as [PersonalIdentity, PersonalIdentity, PersonalIdentity, PersonalIdentity];
  const secretariat = testIdentity({ displayName: "Secretariat" });
  const stranger = testIdentity({ displayName: "Not Onpanel" });
  const roster: RosterSeat[] = [{ role: "chair", fingerprint: fp(chair) }, ...members.map((m) => ({ role: "member" as const, fingerprint: fp(m) }))];
  const base = katOpinion(roster.slice(0, 3));
  const opinion = adjust(OpinionSchema.parse({
    ...base,
    roster: [
      ...base.roster,
      { seat: fp(m3), role: "member", name: "Member Silva", region: "latin-american-and-caribbean-states", affiliation: "FGV" },
      { seat: fp(m4), role: "member", name: "Member Haddad", region: "western-european-and-others-states", affiliation: "EPFL" },
    ],
  }));
  const draft = concealDraft(opinion, KAT_MARKS, { random: cryptoRandom });
  if (!draft.ok) throw new Error(`fivePanel draft: ${draft.error.kind}`);
  const opinionBy = (who: PersonalIdentity, kind: "dissent" | "separate", text: string) =>
    signSeparateOpinion({ caseId: KAT_CASE_ID, seat: "member", kind, draftSha256: draft.value.sha256, text: [text] }, who.signing, SIGNED_AT);
  const dissent = opinionBy(m1, "dissent", "I dissent: the partner's report is **uncorroborated**.");
  const separate = opinionBy(m2, "separate", "I concur, on the technical evidence alone.");
  const built = buildPayload(draft.value.bytes, [dissent, separate], roster, cryptoRandom);
  if (!built.ok) throw new Error(`fivePanel payload: ${built.error.kind}`);
  const payload: SignedPayload = {
    bytes: built.value.bytes,
    signature: signPayload(built.value.bytes, chair.signing),
    draftDisclosures: draft.value.disclosures,
    separateOpinionDisclosures: built.value.disclosures,
    decoys: [...draft.value.decoys, ...built.value.decoys],
  };
  const all = [...draft.value.disclosures, ...built.value.disclosures].map((d) => d.encoded);
  const verified = verifyPayload(payload.bytes, payload.signature, roster, all);
  if (!verified.ok) throw new Error(`fivePanel verify: ${verified.error.kind}`);
  const sha = built.value.sha256;
  const coSignatures = [coSign(m1, sha, "dissent", dissent), coSign(m2, sha, "concur-separate", separate), coSign(m3, sha, "concur")];
  const sealInput: SealInput = { caseId: KAT_CASE_ID, payload, coSignatures, roster, deadline: DEADLINE, inputs: INPUTS };
  return { chair, members, m1, m2, m3, m4, secretariat, stranger, roster, opinion, draft: draft.value, dissent, separate, built: built.value, payload, verified: verified.value, coSignatures, sealInput };
}

/** RFC 7748 §6.1 Alice's secret: the secretariat's X25519 key in the known answer. */
export const KAT_SECRETARIAT_SECRET_HEX = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";

/** The known answer of the module comment. */
export function katSeal() {
  const kat = katPayload();
  const { member, other } = kat.keys;
  const payload: SignedPayload = {
    bytes: kat.payload.bytes,
    signature: kat.signature,
    draftDisclosures: kat.draft.disclosures,
    separateOpinionDisclosures: kat.payload.disclosures,
    decoys: [...kat.draft.decoys, ...kat.payload.decoys],
  };
  const coSignatures = [coSign({ signing: member }, kat.payload.sha256, "dissent", kat.dissent), coSign({ signing: other }, kat.payload.sha256, "concur")];
  const sealInput: SealInput = { caseId: KAT_CASE_ID, payload, coSignatures, roster: kat.keys.roster, deadline: DEADLINE, inputs: INPUTS };
  const secretariatSecret = fromHex(KAT_SECRETARIAT_SECRET_HEX);
  return { kat, payload, coSignatures, sealInput, secretariat: { secretKey: secretariatSecret, publicKey: x25519Base(secretariatSecret) } };
}

// --- the known answers (katSeal()) ---------------------------------------------

/** Member Tanaka's co-signature (a dissent, naming the dissent of payload.testing.ts) of the known-answer payload, and its signature. */
export const KAT_DISSENT_STATEMENT =
  '{"caseId":"case-0000000000000001","fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","format":"attribution-panel/co-signature",' +
  '"opinion":"6d91b4e4a85288a511e9cb8381a154803912b5ed465afe49d14caa7134be342e","payloadSha256":"7d3a74e32ad50bb5c287f3a7e130f8d970cafb561cc2beddc48eb596e95a6118",' +
  '"seat":"member","signedAt":"2026-12-02T13:00:00.000Z","stance":"dissent","version":1}';
export const KAT_DISSENT_STATEMENT_SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv
PapiMlrwIaaPcHURoAAAAeY28tc2lnbmF0dXJlQGF0dHJpYnV0aW9uLXBhbmVsAAAAAAAA
AAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5AAAAQFG4BdZ+RAh+UDPSIT9MwUT7RXWBF/
hSeRTUXoVKUNDSulf22DJelj2QXznRaN50B+bzWrCgLb4fRmC/dW0h4Qw=
-----END SSH SIGNATURE-----
`;
/** Member Kowalska's (a concurrence). */
export const KAT_CONCUR_STATEMENT =
  '{"caseId":"case-0000000000000001","fingerprint":"SHA256:s3Z2A+mldeflHo5TMMEUA7MlkMg96xvtqH9DGLHHZmE","format":"attribution-panel/co-signature",' +
  '"payloadSha256":"7d3a74e32ad50bb5c287f3a7e130f8d970cafb561cc2beddc48eb596e95a6118","seat":"member","signedAt":"2026-12-02T13:00:00.000Z","stance":"concur","version":1}';
/** seal.json. */
export const KAT_SEAL =
  '{"caseId":"case-0000000000000001","coSignatures":[{"fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","statement":"co-signatures/01.json"},' +
  '{"fingerprint":"SHA256:s3Z2A+mldeflHo5TMMEUA7MlkMg96xvtqH9DGLHHZmE","statement":"co-signatures/02.json"}],"deadline":"2026-12-09T17:00:00.000Z",' +
  '"format":"attribution-panel/sealed-opinion","inputs":{"round":1,"scoresheets":["1111111111111111111111111111111111111111111111111111111111111111",' +
  '"2222222222222222222222222222222222222222222222222222222222222222"]},"notSigned":[],' +
  '"payloadSha256":"7d3a74e32ad50bb5c287f3a7e130f8d970cafb561cc2beddc48eb596e95a6118","sealedAt":"2026-12-10T09:00:00.000Z","version":1}';
/** The SHA-256 of the sealed archive's manifest.json (sender, recipient, time, every file's digest). */
export const KAT_SEALED_MANIFEST_SHA256 = "d6f303974f00c46891b45f423d8b65ab36f127bcf8ad7772af6f249496d91658";

/** A final payload as a dishonest chair would build it from fivePanel's draft: the entries carried as given, nothing checked (as payload.test.ts forges one). */
export function forgedPayload(panel: ReturnType<typeof fivePanel>, entries: readonly JsonValue[]): SignedPayload {
  const draft = JSON.parse(fromUtf8(panel.draft.bytes) ?? "") as JsonObject;
  const c = concealPayload({ [SEPARATE_OPINIONS_KEY]: entries }, entries.map((_, i) => `/${SEPARATE_OPINIONS_KEY}/${i}`), { random: cryptoRandom });
  if (!c.ok) throw new Error(c.error.kind);
  const bytes = mustCanonicalJson({ ...draft, [SEPARATE_OPINIONS_KEY]: c.value.payload[SEPARATE_OPINIONS_KEY] as JsonValue }, "a forged payload");
  return { bytes, signature: signPayload(bytes, panel.chair.signing), draftDisclosures: panel.draft.disclosures, separateOpinionDisclosures: c.value.disclosures, decoys: [...panel.draft.decoys, ...c.value.decoys] };
}

/** An element of `separateOpinions` carrying a signed opinion, its text replaced by `text` when given (the signature kept). */
export const opinionEntry = (s: SignedSeparateOpinion, text = fromUtf8(s.bytes) ?? "") => ({ statement: text, signature: s.signature });
