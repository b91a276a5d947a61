/**
 * A member's answer to a draft for comment (draft-exchange.ts): their
 * comments, and optionally ONE separate or dissenting opinion of their own,
 * signed by them (separate-opinion.ts) and carried as the exact bytes they
 * signed beside the armored signature, so it reaches the chair byte for
 * byte and enters the opinion as written.
 *
 *   opinion-draft-answer-….age = age v1, X25519, to the chair
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/opinion-draft-answer),
 *              manifest.json.sig (SSHSIG, namespace opinion-draft-answer@attribution-panel, the member seat's key),
 *              answer.json (canonical JSON, DraftAnswerSchema below),
 *              and, with a separate opinion:
 *              separate-opinion.json      (the signed opinion's exact bytes),
 *              separate-opinion.json.sig  (its signature, separate-opinion@attribution-panel)
 *
 * The same archive unencrypted (plain ustar, no recipient) is the member's
 * own signed copy, like a scoresheet's `.signed.tar`.
 *
 * answer.json names the case, the comment round and the draft digest
 * answered (the SHA-256 of the draft payload's exact bytes), the member's
 * seat, their comments (Markdown paragraphs, possibly none), the SHA-256 of
 * separate-opinion.json when there is one, and when they answered.
 *
 * Opening checks, besides the archive's own: signed by a seat (member or
 * chair) of the roster the chair holds, for the chair's case and the draft
 * digest the chair sent (both before any file is read), the files above, a
 * valid answer whose case, round and digest are the manifest's, naming the
 * signer's seat; with a separate opinion, its digest is the one the answer
 * names, and it verifies (verifySeparateOpinion) against the roster, for
 * this case and this draft, by the same seat. Every failure is a value.
 *
 * Anyone holding the chair's identity checks one with stock tools:
 *   age -d -i chair.txt opinion-draft-answer.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I member -n opinion-draft-answer@attribution-panel -s manifest.json.sig < manifest.json
 *   ssh-keygen -Y verify -f allowed_signers -I member -n separate-opinion@attribution-panel -s separate-opinion.json.sig < separate-opinion.json
 *   sha256sum answer.json separate-opinion.json separate-opinion.json.sig   (the manifest lists them)
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson, parseStrictJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { archiveJsonFile, defineSignedArchive, type ArchiveBuild, type ArchiveFile, type SignedArchiveError } from "../formats/signed-archive";
import type { JsonArchiveKey } from "../formats/signed-archive-json";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { TimestampSchema, timestampOf } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { Sha256DigestSchema, sha256Hex, type RosterSeat } from "./co-signature";
import { packArchive, unpackArchiveBytes, type ArchiveFileTooLarge } from "../formats/signed-archive-json";
import { CommentRoundSchema } from "./draft-exchange";
import { MAX_PARAGRAPHS, MAX_REASONING, ReasoningParagraphSchema } from "./opinion";
import { SeparateOpinionSchema, verifySeparateOpinion, type SeparateOpinion, type SeparateOpinionError, type SignedSeparateOpinion } from "./separate-opinion";

export const DRAFT_ANSWER_FORMAT = "attribution-panel/opinion-draft-answer";
export const DRAFT_ANSWER_VERSION = 1;
export const DRAFT_ANSWER_NAMESPACE = SIGNATURE_NAMESPACES.opinionDraftAnswer;
export const ANSWER_PATH = "answer.json";
export const SEPARATE_OPINION_PATH = "separate-opinion.json";
export const SEPARATE_OPINION_SIGNATURE_PATH = "separate-opinion.json.sig";
/** The longest armored signature carried (ours are about 300 bytes). */
const MAX_SIGNATURE_BYTES = 4096;

export const DRAFT_ANSWER_FILE = defineSignedArchive({
  name: DRAFT_ANSWER_FORMAT,
  version: DRAFT_ANSWER_VERSION,
  namespace: DRAFT_ANSWER_NAMESPACE,
  extra: {
    caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    round: CommentRoundSchema,
    draftSha256: z.string().regex(/^[0-9a-f]{64}$/),
  },
});

export const DraftAnswerSchema = z.strictObject({
  format: z.literal(DRAFT_ANSWER_FORMAT),
  version: z.literal(DRAFT_ANSWER_VERSION),
  caseId: CaseIdSchema,
  /** The comment round of the draft answered. */
  round: CommentRoundSchema,
  /** The SHA-256 of the exact bytes of the draft payload answered. */
  draftSha256: Sha256DigestSchema,
  /** The seat answering: the signing-key fingerprint that holds it. */
  seat: z.strictObject({ fingerprint: SeatIdSchema }),
  /** Comments on the draft, Markdown, as paragraphs: possibly none. */
  comments: z
    .array(ReasoningParagraphSchema)
    .max(MAX_PARAGRAPHS)
    .refine((ps) => ps.reduce((n, p) => n + p.length, 0) <= MAX_REASONING),
  /** The SHA-256 of separate-opinion.json's exact bytes, when the answer carries one. */
  separateOpinion: Sha256DigestSchema.optional(),
  answeredAt: TimestampSchema,
});
export type DraftAnswer = z.infer<typeof DraftAnswerSchema>;

/** What the member writes; their seat comes from their key, the time from the clock. */
export type DraftAnswerInput = {
  readonly caseId: string;
  readonly round: number;
  readonly draftSha256: string;
  readonly comments: readonly string[];
  /** Their signed separate or dissenting opinion on this draft (signSeparateOpinion's output). */
  readonly separateOpinion?: SignedSeparateOpinion;
};

/**
 * The answer and the archive's contents (exposed so a test can write the
 * same archive either way). A separate opinion that is not the signer's own
 * on this case and draft, or an answer that does not validate, is a bug of
 * the caller's (the screen checks first) and throws.
 */
export function draftAnswerBuild(input: DraftAnswerInput, member: Ed25519KeyPair, recipients: readonly Uint8Array[], answeredAt: Date): { answer: DraftAnswer; build: ArchiveBuild<typeof DRAFT_ANSWER_FILE> } {
  const fingerprint = sshFingerprint(member.publicKey);
  const separate = input.separateOpinion;
  if (separate !== undefined) {
    const json = parseStrictJson(separate.bytes);
    const opinion = SeparateOpinionSchema.parse(json.ok ? json.value : undefined);
    if (opinion.fingerprint !== fingerprint || opinion.caseId !== input.caseId || opinion.draftSha256 !== input.draftSha256) {
      throw new Error("the separate opinion is not the signer's own on this case and draft");
    }
  }
  const answer = DraftAnswerSchema.parse({
    format: DRAFT_ANSWER_FORMAT,
    version: DRAFT_ANSWER_VERSION,
    caseId: input.caseId,
    round: input.round,
    draftSha256: input.draftSha256,
    seat: { fingerprint },
    comments: [...input.comments],
    ...(separate === undefined ? {} : { separateOpinion: sha256Hex(separate.bytes) }),
    answeredAt: timestampOf(answeredAt),
  });
  const files: ArchiveFile[] = [archiveJsonFile(ANSWER_PATH, answer)];
  if (separate !== undefined) {
    files.push({ path: SEPARATE_OPINION_PATH, kind: "json", bytes: separate.bytes }, { path: SEPARATE_OPINION_SIGNATURE_PATH, kind: "json", bytes: utf8(separate.signature) });
  }
  return { answer, build: { sender: member, recipients, createdAt: answeredAt, fields: { caseId: answer.caseId, round: answer.round, draftSha256: answer.draftSha256 }, files } };
}

/** Signs and packs the answer: encrypted to `recipients` (the chair's X25519 key), or the member's plain signed copy when there are none. */
export function sealDraftAnswer(input: DraftAnswerInput, member: Ed25519KeyPair, recipients: readonly Uint8Array[], answeredAt: Date): Promise<Uint8Array> {
  return packArchive(DRAFT_ANSWER_FILE, draftAnswerBuild(input, member, recipients, answeredAt).build, recipients.length > 0 ? "encrypted" : "plain");
}

/** The file name an answer is saved under: case, round and the answering seat. */
export function draftAnswerFileName(answer: Pick<DraftAnswer, "caseId" | "round" | "seat">, plain: boolean): string {
  const seat = answer.seat.fingerprint
    .replace(/^SHA256:/, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 8);
  return `opinion-draft-answer-${answer.caseId.slice(0, 12)}-round${answer.round}-${seat}${plain ? ".signed.tar" : ".age"}`;
}

export type DraftAnswerProblem =
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "answer-not-json" }
  | { readonly kind: "invalid-content"; readonly reason: "answer-invalid"; readonly issues: readonly Issue[] }
  /** The answer's case, round or draft digest is not what the signed manifest says. */
  | { readonly kind: "invalid-content"; readonly reason: "manifest-mismatch" }
  /** The answer names another seat than the key that signed it. */
  | { readonly kind: "invalid-content"; readonly reason: "not-signed-by-seat" }
  /** The answer names a separate opinion the archive does not carry, or another one than it carries. */
  | { readonly kind: "invalid-content"; readonly reason: "separate-opinion-mismatch" }
  /** Signed by a key that holds no seat on the chair's roster (`fingerprint`: the signer's). */
  | { readonly kind: "not-on-roster"; readonly fingerprint: string }
  /** For another case than the chair's. */
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  /** Answers another draft than the one the chair sent (an earlier one, say). */
  | { readonly kind: "other-draft"; readonly expected: string; readonly actual: string }
  /** The separate opinion carried does not verify (its signature, its seat, its case or draft). */
  | { readonly kind: "separate-opinion"; readonly error: SeparateOpinionError }
  /** The separate opinion verifies, but is another seat's than the answer's signer (`author`). */
  | { readonly kind: "separate-opinion-by-another-seat"; readonly author: string };
export type DraftAnswerError = SignedArchiveError | ArchiveFileTooLarge | DraftAnswerProblem;

export type OpenedDraftAnswer = {
  readonly answer: DraftAnswer;
  /** The separate opinion as carried: its exact signed bytes, signature, and what it says. */
  readonly separateOpinion?: SignedSeparateOpinion & { readonly opinion: SeparateOpinion };
  /** The role of the seat that answered on the chair's roster. */
  readonly role: RosterSeat["role"];
  readonly signer: { readonly fingerprint: string; readonly signingKey: string };
  readonly encryptedTo: readonly string[];
};

export type DraftAnswerExpectation = {
  /** The roster the chair holds. */
  readonly roster: readonly RosterSeat[];
  readonly caseId: string;
  /** The digest of the draft the chair sent for comment. */
  readonly draftSha256: string;
};

const ANSWER_ONLY = [ANSWER_PATH];
const WITH_OPINION = [ANSWER_PATH, SEPARATE_OPINION_PATH, SEPARATE_OPINION_SIGNATURE_PATH];
const samePaths = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((p, i) => p === b[i]);

/** Opens an answer (encrypted to the chair with `key`, or a member's plain signed copy) with every check of the module comment. */
export async function openDraftAnswer(bytes: Uint8Array, key: JsonArchiveKey, expected: DraftAnswerExpectation): Promise<Result<OpenedDraftAnswer, DraftAnswerError>> {
  const opened = await unpackArchiveBytes(
    DRAFT_ANSWER_FILE,
    bytes,
    key,
    (manifest, signer): Result<void, DraftAnswerProblem> => {
      const seat = expected.roster.find((s) => s.fingerprint === signer.fingerprint);
      if (seat === undefined) return err({ kind: "not-on-roster", fingerprint: signer.fingerprint });
      if (manifest.caseId !== expected.caseId) return err({ kind: "other-case", expected: expected.caseId, actual: manifest.caseId });
      if (manifest.draftSha256 !== expected.draftSha256) return err({ kind: "other-draft", expected: expected.draftSha256, actual: manifest.draftSha256 });
      const paths = manifest.files.map((f) => f.path);
      if (!samePaths(paths, ANSWER_ONLY) && !samePaths(paths, WITH_OPINION)) return err({ kind: "invalid-content", reason: "wrong-files" });
      const sig = manifest.files.find((f) => f.path === SEPARATE_OPINION_SIGNATURE_PATH);
      return sig !== undefined && sig.size > MAX_SIGNATURE_BYTES ? err({ kind: "invalid-content", reason: "wrong-files" }) : ok(undefined);
    },
  );
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;

  const json = parseStrictJson(files.get(ANSWER_PATH) as Uint8Array);
  if (!json.ok) return err({ kind: "invalid-content", reason: "answer-not-json" });
  const parsed = DraftAnswerSchema.safeParse(json.value);
  if (!parsed.success) return err({ kind: "invalid-content", reason: "answer-invalid", issues: issuesOf(parsed.error) });
  const answer = parsed.data;
  if (answer.caseId !== manifest.caseId || answer.round !== manifest.round || answer.draftSha256 !== manifest.draftSha256) return err({ kind: "invalid-content", reason: "manifest-mismatch" });
  if (answer.seat.fingerprint !== manifest.sender.fingerprint) return err({ kind: "invalid-content", reason: "not-signed-by-seat" });

  // The check above found the signer on the roster.
  const role = expected.roster.find((s) => s.fingerprint === manifest.sender.fingerprint)?.role ?? "member";
  const base = { answer, role, signer: manifest.sender, encryptedTo: manifest.recipients };
  const opinionBytes = files.get(SEPARATE_OPINION_PATH);
  if (opinionBytes === undefined) return answer.separateOpinion === undefined ? ok(base) : err({ kind: "invalid-content", reason: "separate-opinion-mismatch" });
  if (answer.separateOpinion !== sha256Hex(opinionBytes)) return err({ kind: "invalid-content", reason: "separate-opinion-mismatch" });
  const signature = fromUtf8(files.get(SEPARATE_OPINION_SIGNATURE_PATH) as Uint8Array);
  const verified = verifySeparateOpinion(opinionBytes, signature ?? "", expected.roster, { caseId: expected.caseId, draftSha256: expected.draftSha256 });
  if (!verified.ok) return err({ kind: "separate-opinion", error: verified.error });
  const author = verified.value.opinion.fingerprint;
  if (author !== manifest.sender.fingerprint) return err({ kind: "separate-opinion-by-another-seat", author });
  return ok({ ...base, separateOpinion: { bytes: opinionBytes, signature: signature as SignedSeparateOpinion["signature"], opinion: verified.value.opinion } });
}

/** The canonical bytes of an answer (what the manifest lists). */
export const draftAnswerBytes = (answer: DraftAnswer): Uint8Array => mustCanonicalJson(answer, "the draft answer");
