import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ed25519KeyPair, loadCrypto, sha256, toHex, type Ed25519KeyPair } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { archiveJsonFile, type ArchiveFile } from "../formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { sha256Hex } from "./co-signature";
import { packArchive } from "../formats/signed-archive-json";
import {
  ANSWER_PATH,
  DRAFT_ANSWER_FILE,
  DRAFT_ANSWER_NAMESPACE,
  SEPARATE_OPINION_PATH,
  SEPARATE_OPINION_SIGNATURE_PATH,
  draftAnswerBuild,
  draftAnswerBytes,
  draftAnswerFileName,
  openDraftAnswer,
  sealDraftAnswer,
  type DraftAnswer,
} from "./draft-exchange-answer";
import { KAT_ANSWER_ARCHIVE_SHA256, KAT_ANSWERED_AT, KAT_COMMENTS, katExchange } from "./draft-exchange.testing";
import { KAT_CASE_ID, KAT_DRAFT_SHA256, KAT_SEPARATE_OPINION, KAT_SEPARATE_OPINION_SIGNATURE, katDissent } from "./payload.testing";
import { signSeparateOpinion, type SignedSeparateOpinion } from "./separate-opinion";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const kat = katExchange();
const { keys, x } = kat;
const ROSTER = keys.roster;
const AT = new Date(KAT_ANSWERED_AT);
const MEMBER_SEAT = sshFingerprint(keys.member.publicKey);
const OTHER_SEAT = sshFingerprint(keys.other.publicKey);
const asChair = { kind: "age" as const, identity: x.chair.secretKey };
const plain = { kind: "plain" as const };
const expectChair = { roster: ROSTER, caseId: KAT_CASE_ID, draftSha256: KAT_DRAFT_SHA256 };
const sha = (bytes: Uint8Array) => toHex(sha256(bytes));
const OTHER_DRAFT = "1".repeat(64);

const sealToChair = (input = kat.answer, signer = keys.member) => sealDraftAnswer(input, signer, [x.chair.publicKey], AT);
const answerOf = (overrides: Partial<DraftAnswer> = {}): DraftAnswer => ({ ...draftAnswerBuild(kat.answer, keys.member, [], AT).answer, ...overrides });

/** An answer archive written as a dishonest or buggy member would: files and fields as given, no check. */
function forge(options: { answer?: DraftAnswer; opinion?: SignedSeparateOpinion | null; signer?: Ed25519KeyPair; fields?: { caseId: string; round: number; draftSha256: string }; files?: ArchiveFile[] } = {}) {
  const answer = options.answer ?? answerOf();
  const opinion = options.opinion === undefined ? kat.dissent : options.opinion;
  const files: ArchiveFile[] = options.files ?? [
    archiveJsonFile(ANSWER_PATH, answer),
    ...(opinion === null
      ? []
      : [
          { path: SEPARATE_OPINION_PATH, kind: "json" as const, bytes: opinion.bytes },
          { path: SEPARATE_OPINION_SIGNATURE_PATH, kind: "json" as const, bytes: utf8(opinion.signature) },
        ]),
  ];
  const fields = options.fields ?? { caseId: answer.caseId, round: answer.round, draftSha256: answer.draftSha256 };
  return packArchive(DRAFT_ANSWER_FILE, { sender: options.signer ?? keys.member, recipients: [], createdAt: AT, fields, files }, "plain");
}

describe("the member's answer to a draft", () => {
  it("known answer: the member's plain signed copy, byte for byte, carrying the dissent exactly as signed", async () => {
    const a = await sealDraftAnswer(kat.answer, keys.member, [], AT);
    expect(sha(a)).toBe(sha(await sealDraftAnswer(kat.answer, keys.member, [], AT)));
    expect(sha(a)).toBe(KAT_ANSWER_ARCHIVE_SHA256);
    expect(a.length % 512).toBe(0);
    const opened = await openDraftAnswer(a, plain, expectChair);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(fromUtf8(opened.value.separateOpinion?.bytes ?? new Uint8Array())).toBe(KAT_SEPARATE_OPINION);
    expect(opened.value.separateOpinion?.signature).toBe(KAT_SEPARATE_OPINION_SIGNATURE);
    expect(opened.value.answer.separateOpinion).toBe(sha256Hex(utf8(KAT_SEPARATE_OPINION)));
    expect(opened.value.answer.comments).toEqual([...KAT_COMMENTS]);
    expect(sha(draftAnswerBytes(opened.value.answer))).toMatch(/^[0-9a-f]{64}$/);
    expect(draftAnswerFileName(opened.value.answer, true)).toMatch(/^opinion-draft-answer-case-0000000-round1-[A-Za-z0-9]{8}\.signed\.tar$/);
    expect(DRAFT_ANSWER_NAMESPACE).toBe("opinion-draft-answer@attribution-panel");
    expect(Object.values(SIGNATURE_NAMESPACES).filter((n) => n === DRAFT_ANSWER_NAMESPACE)).toHaveLength(1);
  });

  it("round trip: encrypted to the chair, who reads comments, the dissent, and the answering seat's role", async () => {
    const opened = await openDraftAnswer(await sealToChair(), asChair, expectChair);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.role).toBe("member");
    expect(opened.value.signer.fingerprint).toBe(MEMBER_SEAT);
    expect(opened.value.answer.draftSha256).toBe(KAT_DRAFT_SHA256);
    expect(opened.value.separateOpinion?.opinion.kind).toBe("dissent");
    expect(opened.value.separateOpinion?.bytes).toEqual(kat.dissent.bytes);
    expect(opened.value.encryptedTo).toEqual([encodeRecipient(x.chair.publicKey)]);
    expect(await openDraftAnswer(await sealToChair(), { kind: "age", identity: x.member.secretKey }, expectChair)).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("an answer with no comments and no separate opinion opens too", async () => {
    const { separateOpinion: _, ...bare } = kat.answer;
    const opened = await openDraftAnswer(await sealToChair({ ...bare, comments: [] }), asChair, expectChair);
    expect(opened.ok && opened.value.answer.comments).toEqual([]);
    expect(opened.ok && opened.value.separateOpinion).toBeUndefined();
  });

  it("refuses an answer signed by a key with no seat on the chair's roster", async () => {
    const stranger = ed25519KeyPair();
    const file = await forge({ signer: stranger, answer: answerOf({ seat: { fingerprint: sshFingerprint(stranger.publicKey) } }), opinion: null });
    expect(await openDraftAnswer(file, plain, expectChair)).toEqual({ ok: false, error: { kind: "not-on-roster", fingerprint: sshFingerprint(stranger.publicKey) } });
  });

  it("refuses an answer for another case or another draft digest than the chair sent", async () => {
    const file = await sealToChair();
    const other = "case-0000000000000002";
    expect(await openDraftAnswer(file, asChair, { ...expectChair, caseId: other })).toEqual({ ok: false, error: { kind: "other-case", expected: other, actual: KAT_CASE_ID } });
    expect(await openDraftAnswer(file, asChair, { ...expectChair, draftSha256: OTHER_DRAFT })).toEqual({ ok: false, error: { kind: "other-draft", expected: OTHER_DRAFT, actual: KAT_DRAFT_SHA256 } });
  });

  it("refuses a separate opinion by another seat, one altered by one byte, and one on another draft", async () => {
    const theirs = signSeparateOpinion({ ...katDissent(KAT_DRAFT_SHA256) }, keys.other, AT);
    const byOther = await forge({ opinion: theirs, answer: answerOf({ separateOpinion: sha256Hex(theirs.bytes) }) });
    expect(await openDraftAnswer(byOther, plain, expectChair)).toEqual({ ok: false, error: { kind: "separate-opinion-by-another-seat", author: OTHER_SEAT } });

    const bytes = kat.dissent.bytes.slice();
    const at = fromUtf8(bytes)?.indexOf("premature") ?? -1;
    bytes[at] = "P".charCodeAt(0);
    const altered = await forge({ opinion: { ...kat.dissent, bytes }, answer: answerOf({ separateOpinion: sha256Hex(bytes) }) });
    const r = await openDraftAnswer(altered, plain, expectChair);
    expect(!r.ok && r.error.kind === "separate-opinion" && r.error.error.kind).toBe("signature");

    const earlier = signSeparateOpinion(katDissent(OTHER_DRAFT), keys.member, AT);
    const onEarlier = await forge({ opinion: earlier, answer: answerOf({ separateOpinion: sha256Hex(earlier.bytes) }) });
    expect(await openDraftAnswer(onEarlier, plain, expectChair)).toEqual({ ok: false, error: { kind: "separate-opinion", error: { kind: "other-draft", expected: KAT_DRAFT_SHA256, actual: OTHER_DRAFT } } });
  });

  it("refuses an answer that names no, or another, separate opinion than it carries", async () => {
    const { separateOpinion: _, ...unnamed } = answerOf();
    expect(await openDraftAnswer(await forge({ answer: unnamed }), plain, expectChair)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "separate-opinion-mismatch" } });
    expect(await openDraftAnswer(await forge({ opinion: null }), plain, expectChair)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "separate-opinion-mismatch" } });
  });

  it("refuses an answer naming another seat than its signer, disagreeing with its manifest, or with other files", async () => {
    const seat = answerOf({ seat: { fingerprint: OTHER_SEAT as DraftAnswer["seat"]["fingerprint"] } });
    expect(await openDraftAnswer(await forge({ answer: seat }), plain, expectChair)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "not-signed-by-seat" } });
    const round = await forge({ fields: { caseId: KAT_CASE_ID, round: 2, draftSha256: KAT_DRAFT_SHA256 } });
    expect(await openDraftAnswer(round, plain, expectChair)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "manifest-mismatch" } });
    const files = await forge({ files: [archiveJsonFile(ANSWER_PATH, answerOf()), { path: SEPARATE_OPINION_PATH, kind: "json", bytes: kat.dissent.bytes }] });
    expect(await openDraftAnswer(files, plain, expectChair)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    const invalid = await forge({ answer: answerOf({ comments: ["   "] }) });
    const r = await openDraftAnswer(invalid, plain, expectChair);
    expect(!r.ok && r.error.kind === "invalid-content" && r.error.reason).toBe("answer-invalid");
  });

  it("will not seal a separate opinion that is not the signer's own on this draft (a caller's bug)", () => {
    const theirs = signSeparateOpinion(katDissent(KAT_DRAFT_SHA256), keys.other, AT);
    expect(() => draftAnswerBuild({ ...kat.answer, separateOpinion: theirs }, keys.member, [], AT)).toThrow(/not the signer's own/);
    expect(() => draftAnswerBuild({ ...kat.answer, draftSha256: OTHER_DRAFT }, keys.member, [], AT)).toThrow(/not the signer's own/);
  });

  it("property: any byte of the plain copy changed is refused with a typed error, never opened, never thrown", async () => {
    const file = await sealDraftAnswer(kat.answer, keys.member, [], AT);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, flip) => {
        const changed = file.slice();
        changed[index] = (changed[index] as number) ^ flip;
        const opened = await openDraftAnswer(changed, plain, expectChair);
        expect(opened.ok).toBe(false);
        expect(typeof (opened.ok ? undefined : opened.error.kind)).toBe("string");
      }),
      { numRuns: 200 },
    );
  });
});
