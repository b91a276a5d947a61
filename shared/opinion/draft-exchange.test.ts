import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCrypto, sha256, toHex } from "../crypto/sodium";
import { readAllBytes, utf8 } from "../encoding/bytes";
import { decryptBytes, encodeRecipient } from "../formats/age/age";
import { mustCanonicalJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { archiveJsonFile, writePlainSignedArchive, type ArchiveFile } from "../formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import type { Ed25519KeyPair } from "../crypto/sodium";
import type { RosterSeat } from "./co-signature";
import { packArchive } from "../formats/signed-archive-json";
import {
  DRAFT_FOR_COMMENT_FILE,
  DRAFT_FOR_COMMENT_NAMESPACE,
  DRAFT_PAYLOAD_PATH,
  DRAFT_REQUEST_PATH,
  draftForCommentBuild,
  draftForCommentFileName,
  draftRequest,
  draftRequestBytes,
  openDraftForComment,
  sealDraftForComment,
  type DraftRequest,
} from "./draft-exchange";
import { KAT_DRAFT_ARCHIVE_SHA256, KAT_SENT_AT, katExchange } from "./draft-exchange.testing";
import { KAT_CASE_ID, KAT_DRAFT_SHA256, KAT_MARKS, fixedRandom, katOpinion } from "./payload.testing";
import { concealDraft } from "./payload";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const kat = katExchange();
const { keys, x, draft } = kat;
const ROSTER = keys.roster;
const SENT = new Date(KAT_SENT_AT);
const MEMBER_SEAT = sshFingerprint(keys.member.publicKey);
const OTHER_SEAT = sshFingerprint(keys.other.publicKey);
const CHAIR_SEAT = sshFingerprint(keys.chair.publicKey);
const asMember = { kind: "age" as const, identity: x.member.secretKey };
const asChair = { kind: "age" as const, identity: x.chair.secretKey };
const expectMember = { roster: ROSTER, caseId: KAT_CASE_ID, seat: MEMBER_SEAT };
const sha = (bytes: Uint8Array) => toHex(sha256(bytes));

const seal = () => sealDraftForComment(draft, kat.request, keys.chair, { member: x.member.publicKey, chair: x.chair.publicKey }, SENT);
const request = (overrides: Partial<DraftRequest> = {}): DraftRequest => ({ ...draftRequest(draft, kat.request, SENT), ...overrides });

/** An archive of this format, written as a dishonest or buggy chair would: files and fields as given, no check. */
function forge(options: { request?: unknown; draftBytes?: Uint8Array; signer?: Ed25519KeyPair; fields?: { caseId: string; round: number }; files?: ArchiveFile[] } = {}) {
  const r = (options.request ?? request()) as DraftRequest;
  const files = options.files ?? [
    { path: DRAFT_PAYLOAD_PATH, kind: "json" as const, bytes: options.draftBytes ?? draft.bytes },
    archiveJsonFile(DRAFT_REQUEST_PATH, r),
  ];
  return packArchive(
    DRAFT_FOR_COMMENT_FILE,
    { sender: options.signer ?? keys.chair, recipients: [x.member.publicKey, x.chair.publicKey], createdAt: SENT, fields: options.fields ?? { caseId: KAT_CASE_ID, round: 1 }, files },
    "encrypted",
  );
}

describe("the draft for comment", () => {
  it("known answer: the exact plain archive age carries, its draft.json digest, and the file name", async () => {
    const plain = () => readAllBytes(writePlainSignedArchive(DRAFT_FOR_COMMENT_FILE, draftForCommentBuild(request(), draft.bytes, keys.chair, [x.member.publicKey, x.chair.publicKey])));
    const a = await plain();
    expect(sha(a)).toBe(sha(await plain()));
    expect(sha(a)).toBe(KAT_DRAFT_ARCHIVE_SHA256);
    // What age carries to the member (and the chair) is exactly that archive.
    const sealed = await seal();
    for (const key of [x.member, x.chair]) {
      const inner = await decryptBytes(sealed, [{ kind: "x25519", secretKey: key.secretKey }]);
      expect(inner.ok && sha(inner.value)).toBe(KAT_DRAFT_ARCHIVE_SHA256);
    }
    expect(draft.sha256).toBe(KAT_DRAFT_SHA256);
    expect(sha(draftRequestBytes(request()))).toMatch(/^[0-9a-f]{64}$/);
    expect(draftForCommentFileName(request())).toBe(`opinion-draft-case-0000000-round1-${MEMBER_SEAT.slice(7, 15).replace(/[^A-Za-z0-9]/g, "")}.age`);
    expect(DRAFT_FOR_COMMENT_NAMESPACE).toBe("opinion-draft@attribution-panel");
    expect(Object.values(SIGNATURE_NAMESPACES).filter((n) => n === DRAFT_FOR_COMMENT_NAMESPACE)).toHaveLength(1);
  });

  it("round trip: the member reads the whole draft, every disclosure with its reason, the deadline and the note", async () => {
    const opened = await openDraftForComment(await seal(), asMember, expectMember);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const v = opened.value;
    expect(v.draftBytes).toEqual(draft.bytes);
    expect(v.draftSha256).toBe(KAT_DRAFT_SHA256);
    expect(v.opinion).toEqual(katOpinion(ROSTER));
    expect(v.disclosures).toEqual(draft.disclosures);
    expect(v.disclosures.map((d) => d.reason)).toEqual(["sources-and-methods", "third-party-confidentiality", "personal-data", "personal-data"]);
    expect(v.request.recipient.fingerprint).toBe(MEMBER_SEAT);
    expect(v.request.deadline).toBe(kat.request.deadline.toISOString());
    expect(v.request.note).toBe(kat.request.note);
    expect(v.signer.fingerprint).toBe(CHAIR_SEAT);
    expect(v.encryptedTo).toEqual([encodeRecipient(x.member.publicKey), encodeRecipient(x.chair.publicKey)]);
  });

  it("nested disclosures (a seat withheld, and its affiliation within it) open, each checked at its pointer", async () => {
    const nested = concealDraft(katOpinion(ROSTER), [...KAT_MARKS, { pointer: "/roster/2", reason: "personal-data" }], { random: fixedRandom("nested") });
    if (!nested.ok) throw new Error(nested.error.kind);
    const file = await sealDraftForComment(nested.value, kat.request, keys.chair, { member: x.member.publicKey, chair: x.chair.publicKey }, SENT);
    const opened = await openDraftForComment(file, asMember, expectMember);
    expect(opened.ok && opened.value.opinion).toEqual(katOpinion(ROSTER));
    expect(opened.ok && opened.value.disclosures.map((d) => d.pointer)).toEqual(nested.value.disclosures.map((d) => d.pointer));
    // The seat's disclosure said to be the other member's seat: refused.
    const moved = draftRequest(nested.value, kat.request, SENT);
    const lying = { ...moved, disclosures: moved.disclosures.map((d) => (d.pointer === "/roster/2" ? { ...d, pointer: "/roster/1" } : d)) };
    const r = await openDraftForComment(await forge({ request: lying, draftBytes: nested.value.bytes }), asMember, expectMember);
    expect(!r.ok && r.error.kind).toBe("disclosure-mismatch");
  });

  it("the chair opens its own copy (any member seat), another member cannot open it at all", async () => {
    const file = await seal();
    const own = await openDraftForComment(file, asChair, { roster: ROSTER, caseId: KAT_CASE_ID });
    expect(own.ok && own.value.request.recipient.fingerprint).toBe(MEMBER_SEAT);
    expect(await openDraftForComment(file, { kind: "age", identity: x.other.secretKey }, { ...expectMember, seat: OTHER_SEAT })).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("refuses one signed by another key than the roster's chair, or when the roster has no chair", async () => {
    const file = await forge({ signer: keys.other });
    expect(await openDraftForComment(file, asMember, expectMember)).toEqual({ ok: false, error: { kind: "not-from-chair", fingerprint: OTHER_SEAT } });
    const noChair: RosterSeat[] = ROSTER.filter((s) => s.role !== "chair");
    expect(await openDraftForComment(await seal(), asMember, { ...expectMember, roster: noChair })).toEqual({ ok: false, error: { kind: "not-from-chair", fingerprint: CHAIR_SEAT } });
  });

  it("refuses one for another seat, or for a seat that is no member seat", async () => {
    const file = await seal();
    expect(await openDraftForComment(file, asMember, { ...expectMember, seat: OTHER_SEAT })).toEqual({ ok: false, error: { kind: "not-for-this-seat", recipient: MEMBER_SEAT } });
    const toChair = await forge({ request: request({ recipient: { fingerprint: CHAIR_SEAT as DraftRequest["recipient"]["fingerprint"] } }) });
    expect(await openDraftForComment(toChair, asChair, { roster: ROSTER, caseId: KAT_CASE_ID })).toEqual({ ok: false, error: { kind: "not-for-this-seat", recipient: CHAIR_SEAT } });
  });

  it("refuses one for another case, and one whose request or draft disagrees with the signed manifest", async () => {
    const other = "case-0000000000000002";
    expect(await openDraftForComment(await seal(), asMember, { ...expectMember, caseId: other })).toEqual({ ok: false, error: { kind: "other-case", expected: other, actual: KAT_CASE_ID } });
    expect(await openDraftForComment(await forge({ fields: { caseId: KAT_CASE_ID, round: 2 } }), asMember, expectMember)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "manifest-mismatch" } });
    // A draft payload of another case under a request for this one.
    const payload = JSON.parse(new TextDecoder().decode(draft.bytes)) as Record<string, unknown>;
    const elsewhere = mustCanonicalJson({ ...payload, caseId: other }, "test");
    expect(await openDraftForComment(await forge({ draftBytes: elsewhere }), asMember, expectMember)).toEqual({ ok: false, error: { kind: "invalid-draft", reason: "other-case" } });
  });

  it("refuses a draft that is not canonical, not a draft payload, or already carries separate opinions", async () => {
    const spaced = utf8(`${new TextDecoder().decode(draft.bytes)} `);
    const r1 = await openDraftForComment(await forge({ draftBytes: spaced }), asMember, expectMember);
    expect(!r1.ok && r1.error.kind).toBe("draft-not-canonical");
    const notDraft = mustCanonicalJson({ caseId: KAT_CASE_ID, format: "attribution-panel/opinion" }, "test");
    expect(await openDraftForComment(await forge({ draftBytes: notDraft }), asMember, expectMember)).toEqual({ ok: false, error: { kind: "invalid-draft", reason: "not-a-draft-payload" } });
    expect(await openDraftForComment(await forge({ draftBytes: kat.payload.bytes }), asMember, expectMember)).toEqual({ ok: false, error: { kind: "invalid-draft", reason: "has-separate-opinions" } });
  });

  it("refuses an altered disclosure, one given twice, and one that is not the part at its pointer", async () => {
    const altered = request();
    const [first, ...rest] = altered.disclosures;
    if (!first) throw new Error("the known answer has disclosures");
    // Another salt: the digest no longer appears in the draft.
    const reSalted = { ...first, encoded: `${first.encoded.slice(0, 2)}${first.encoded[2] === "A" ? "B" : "A"}${first.encoded.slice(3)}` };
    const r1 = await openDraftForComment(await forge({ request: { ...altered, disclosures: [reSalted, ...rest] } }), asMember, expectMember);
    expect(!r1.ok && r1.error.kind).toBe("disclosures");
    const twice = await openDraftForComment(await forge({ request: { ...altered, disclosures: [first, ...rest, { ...first, pointer: "/reasoning/0" }] } }), asMember, expectMember);
    expect(!twice.ok && twice.error.kind === "disclosures" && twice.error.error.kind).toBe("duplicate-disclosure");
    // Pointers swapped: the member would be told the wrong part may be withheld.
    const [a, b] = [altered.disclosures[0], altered.disclosures[1]];
    if (!a || !b) throw new Error("the known answer has disclosures");
    const swapped = [{ ...a, pointer: b.pointer }, { ...b, pointer: a.pointer }, ...altered.disclosures.slice(2)];
    expect(await openDraftForComment(await forge({ request: { ...altered, disclosures: swapped } }), asMember, expectMember)).toEqual({ ok: false, error: { kind: "disclosure-mismatch", index: 0, pointer: b.pointer } });
    // A property disclosure said to be another property.
    const renamed = altered.disclosures.map((d) => (d.pointer === "/roster/2/affiliation" ? { ...d, pointer: "/roster/2/name" } : d));
    const r3 = await openDraftForComment(await forge({ request: { ...altered, disclosures: renamed } }), asMember, expectMember);
    expect(!r3.ok && r3.error.kind).toBe("disclosure-mismatch");
  });

  it("refuses a request that leaves a part out (a digest neither disclosed nor a listed decoy)", async () => {
    const full = request();
    expect(full.decoys.length).toBeGreaterThan(0);
    // One disclosure left out: without the list of decoys, the part would pass for a decoy and the member would never see it.
    const left = await openDraftForComment(await forge({ request: { ...full, disclosures: full.disclosures.slice(1) } }), asMember, expectMember);
    expect(left).toEqual({ ok: false, error: { kind: "undisclosed-parts", count: 1 } });
    // Two decoys left off the list.
    const fewer = await openDraftForComment(await forge({ request: { ...full, decoys: full.decoys.slice(2) } }), asMember, expectMember);
    expect(fewer).toEqual({ ok: false, error: { kind: "undisclosed-parts", count: 2 } });
  });

  it("refuses an archive with other files, and a request that does not validate", async () => {
    const wrong = await forge({ files: [archiveJsonFile(DRAFT_REQUEST_PATH, request())] });
    expect(await openDraftForComment(wrong, asMember, expectMember)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    const late = await openDraftForComment(await forge({ request: request({ deadline: "2026-12-01T00:00:00.000Z" }) }), asMember, expectMember);
    expect(!late.ok && late.error.kind === "invalid-content" && late.error.reason).toBe("request-invalid");
  });

  it("property: any byte of the file changed is refused with a typed error, never opened, never thrown", async () => {
    const file = await seal();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, flip) => {
        const changed = file.slice();
        changed[index] = (changed[index] as number) ^ flip;
        const opened = await openDraftForComment(changed, asMember, expectMember);
        expect(opened.ok).toBe(false);
        expect(typeof (opened.ok ? undefined : opened.error.kind)).toBe("string");
      }),
      { numRuns: 60 },
    );
  });
});
