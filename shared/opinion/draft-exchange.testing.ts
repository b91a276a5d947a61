/**
 * The draft exchange's known answer, shared by its unit tests and its
 * interoperability test (tests/interop/opinion-draft.interop.test.ts): the
 * opinion payload's known-answer draft (payload.testing.ts: RFC 8032 §7.1
 * keys 1 to 3, fixed salts and decoys) sent for comment to the member
 * holding key 1, and that member's answer carrying their signed dissent.
 * The X25519 keys are fixed too (the SHA-256 of a label each), so the
 * archives' plain ustar bytes are fixed: Ed25519 is deterministic, and the
 * tar layout is (age's layer is not: its file key is random).
 */
import { sha256, x25519Base } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import type { DraftAnswerInput } from "./draft-exchange-answer";
import type { DraftRequestInput } from "./draft-exchange";
import { KAT_CASE_ID, katPayload } from "./payload.testing";

/** When the chair sends the draft, the deadline it sets, when the member answers. */
export const KAT_SENT_AT = "2026-12-02T14:00:00.000Z";
export const KAT_DEADLINE = "2026-12-09T17:00:00.000Z";
export const KAT_ANSWERED_AT = "2026-12-03T09:30:00.000Z";
export const KAT_NOTE = "Please answer by the deadline; mark any factual error.";
export const KAT_COMMENTS = ["Paragraph 2 overstates the partner's report.", "The regional breakdown is *fine*."] as const;

/** The plain ustar archive the draft for comment encrypts (`sha256sum`). */
export const KAT_DRAFT_ARCHIVE_SHA256 = "e7dc11ad6ee763d61798c512f0b9eae437bd534b493cd3e34393b13a4424d707";
/** The member's plain signed copy of their answer, with the dissent (`sha256sum`). */
export const KAT_ANSWER_ARCHIVE_SHA256 = "ba552461f33baada2a5d35341651f1c37fba0021e2f47d64da632b2c66617c0d";

/** An X25519 key pair from a label (its secret key: SHA-256 of the label). */
export function labelledX25519(label: string) {
  const secretKey = sha256(utf8(`draft-exchange-kat/${label}`));
  return { publicKey: x25519Base(secretKey), secretKey };
}

/** The whole known answer: the payload's, the fixed X25519 keys, the request and answer inputs. */
export function katExchange() {
  const base = katPayload();
  const x = { chair: labelledX25519("chair"), member: labelledX25519("member"), other: labelledX25519("other") };
  const request: DraftRequestInput = {
    caseId: KAT_CASE_ID,
    round: 1,
    recipient: base.keys.roster[1]?.fingerprint as string,
    deadline: new Date(KAT_DEADLINE),
    note: KAT_NOTE,
  };
  const answer: DraftAnswerInput = { caseId: KAT_CASE_ID, round: 1, draftSha256: base.draft.sha256, comments: [...KAT_COMMENTS], separateOpinion: base.dissent };
  return { ...base, x, request, answer };
}
