/**
 * The draft for comment (issue 15, "Drafting", last bullet): what the chair
 * sends each member so they can comment on the draft opinion and, if they
 * wish, write a separate or dissenting opinion on it (draft-exchange-answer.ts
 * is their answer). One file per member:
 *
 *   opinion-draft-….age = age v1, X25519, to the member AND the chair
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/opinion-draft),
 *              manifest.json.sig (SSHSIG, namespace opinion-draft@attribution-panel, the chair seat's key),
 *              draft.json   (the draft payload's exact bytes: payload.ts concealDraft, canonical JSON),
 *              request.json (canonical JSON, DraftRequestSchema below)
 *
 * request.json names the case, the comment round (1 for the first draft sent
 * for comment, n for its (n−1)-th revision), the member's seat, the deadline
 * for answers, an optional note, EVERY disclosure of the draft with the
 * JSON pointer of the part it reveals and the chair's reason for marking it
 * withholdable, and the draft's decoy digests: the member reads the whole
 * draft, sees what may be withheld, and why, and can tell that no part is
 * left out (a digest with no disclosure would otherwise pass for a decoy). The SHA-256 of draft.json is the draft digest a
 * separate opinion names (separate-opinion.ts), and the manifest lists it.
 *
 * Why the chair is a recipient too: the chair's app keeps the file exactly
 * as it went out, and can open it again with the same checks to show what
 * each member was sent (text, note, deadline) when an answer comes back or
 * a member disputes what they saw. Nothing in it is secret from the chair
 * (it is the chair's own draft), and the manifest lists both recipients, so
 * the member sees who else can read it. No one else is a recipient.
 *
 * Opening checks, besides the archive's own: signed by the chair seat of
 * the roster the member holds (before any file is read), for the case the
 * member expects, two files, a valid request whose case and round are the
 * manifest's, made for the member's seat (a member seat on the roster);
 * draft.json is canonical JSON, an opinion draft payload for the same case
 * without separate opinions; every disclosure reveals against it
 * (revealPayload, RFC 9901 §7.1: none unreferenced, none twice), every
 * digest left undisclosed is one of the listed decoys, the whole revealed
 * draft is a valid opinion, and each disclosure is the part at its
 * pointer — so what the member reads, and what they are told may be
 * withheld, is exactly what is signed. Every failure is a value.
 *
 * Anyone holding the member's (or the chair's) identity checks one with stock tools:
 *   age -d -i member.txt opinion-draft.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n opinion-draft@attribution-panel -s manifest.json.sig < manifest.json
 *   sha256sum draft.json request.json   (the manifest lists them; draft.json's is the draft digest)
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema, prose } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { mustCanonicalJson, parseCanonicalJson, parseStrictJson, type JsonError } from "../formats/jcs";
import { DISCLOSURE_DIGEST, disclosureDigest, firstMisplacedDisclosure, hiddenParts, revealPayloadWithRest, type JsonObject, type RevealError } from "../formats/selective-disclosure";
import { archiveJsonFile, defineSignedArchive, type ArchiveBuild, type SignedArchiveError } from "../formats/signed-archive";
import type { JsonArchiveKey } from "../formats/signed-archive-json";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { err, ok, type Result } from "../result";
import { MAX_NOTE } from "../scoring/scoresheet";
import { issuesOf, type Issue } from "../validation/issues";
import { sha256Hex, type RosterSeat, type Sha256Hex } from "./co-signature";
import { packArchive, unpackArchiveBytes, type ArchiveFileTooLarge } from "../formats/signed-archive-json";
import { OpinionSchema, type Opinion } from "./opinion";
import { SEPARATE_OPINIONS_KEY, type DraftDisclosure } from "./payload";
import { JsonPointerSchema, WithholdingReasonSchema } from "./withholding";

export const DRAFT_FOR_COMMENT_FORMAT = "attribution-panel/opinion-draft";
export const DRAFT_FOR_COMMENT_VERSION = 1;
export const DRAFT_FOR_COMMENT_NAMESPACE = SIGNATURE_NAMESPACES.opinionDraft;
export const DRAFT_PAYLOAD_PATH = "draft.json";
export const DRAFT_REQUEST_PATH = "request.json";
/** The most drafts a chair sends for comment on one opinion (the first and its revisions). */
export const MAX_COMMENT_ROUNDS = 99;
/** The most withholdable parts of one draft (one disclosure each). */
export const MAX_DISCLOSURES = 20_000;
/** The longest disclosure, in characters: a paragraph or an evidence item, base64url-encoded, with room to spare. */
export const MAX_DISCLOSURE = 1_000_000;

/** A list of decoy digests, as a draft, a request for co-signature and a record of what was sent carry it. */
export const DecoysSchema = z.array(z.string().regex(DISCLOSURE_DIGEST)).max(MAX_DISCLOSURES);

export const CommentRoundSchema = z.number().int().min(1).max(MAX_COMMENT_ROUNDS);

export const DRAFT_FOR_COMMENT_FILE = defineSignedArchive({
  name: DRAFT_FOR_COMMENT_FORMAT,
  version: DRAFT_FOR_COMMENT_VERSION,
  namespace: DRAFT_FOR_COMMENT_NAMESPACE,
  extra: {
    caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    round: CommentRoundSchema,
  },
});

/** One disclosure of the draft as sent: what it reveals (`pointer` into the opinion), the disclosure itself, and why it may be withheld. */
export const RequestDisclosureSchema = z.strictObject({
  pointer: JsonPointerSchema,
  encoded: z.string().max(MAX_DISCLOSURE),
  reason: WithholdingReasonSchema,
});

export const DraftRequestSchema = z
  .strictObject({
    format: z.literal(DRAFT_FOR_COMMENT_FORMAT),
    version: z.literal(DRAFT_FOR_COMMENT_VERSION),
    caseId: CaseIdSchema,
    /** The comment round: 1 for the first draft sent for comment, n for its (n−1)-th revision. */
    round: CommentRoundSchema,
    /** The seat it is for (its signing-key fingerprint as the roster lists it). */
    recipient: z.strictObject({ fingerprint: SeatIdSchema }),
    /** When answers are due, as the chair set it. */
    deadline: z.iso.datetime(),
    /** A note or question from the chair, plain text. */
    note: prose(MAX_NOTE).optional(),
    /** Every disclosure of the draft, in document order. */
    disclosures: z.array(RequestDisclosureSchema).max(MAX_DISCLOSURES),
    /** Every decoy digest of the draft: whatever the disclosures leave undisclosed must be one of these. */
    decoys: DecoysSchema,
    createdAt: z.iso.datetime(),
  })
  .superRefine((r, ctx) => {
    if (Date.parse(r.deadline) <= Date.parse(r.createdAt)) ctx.addIssue({ code: "custom", path: ["deadline"], params: { reason: "not-after-creation" } });
    const pointers = r.disclosures.map((d) => d.pointer);
    if (new Set(pointers).size !== pointers.length) ctx.addIssue({ code: "custom", path: ["disclosures"], params: { reason: "duplicate-pointers" } });
  });
export type DraftRequest = z.infer<typeof DraftRequestSchema>;

/** What the chair decides for one member; the disclosures come with the draft, the time from the clock. */
export type DraftRequestInput = {
  readonly caseId: string;
  readonly round: number;
  readonly recipient: string;
  readonly deadline: Date;
  readonly note?: string;
};

/** The draft as concealDraft made it: its exact bytes and every disclosure, with its reason. */
export type DraftToSend = { readonly bytes: Uint8Array; readonly disclosures: readonly DraftDisclosure[]; readonly decoys: readonly string[] };

/** The request for `draft` (a broken invariant, a deadline before `createdAt` say, throws: the screen checks first). */
export function draftRequest(draft: Pick<DraftToSend, "disclosures" | "decoys">, input: DraftRequestInput, createdAt: Date): DraftRequest {
  return DraftRequestSchema.parse({
    format: DRAFT_FOR_COMMENT_FORMAT,
    version: DRAFT_FOR_COMMENT_VERSION,
    caseId: input.caseId,
    round: input.round,
    recipient: { fingerprint: input.recipient },
    deadline: input.deadline.toISOString(),
    ...(input.note === undefined ? {} : { note: input.note }),
    disclosures: draft.disclosures.map((d) => ({ pointer: d.pointer, encoded: d.encoded, reason: d.reason })),
    decoys: [...draft.decoys],
    createdAt: createdAt.toISOString(),
  });
}

/** The archive's contents (exposed so a test can write the same archive unencrypted, byte for byte). */
export function draftForCommentBuild(
  request: DraftRequest,
  draftBytes: Uint8Array,
  chair: Ed25519KeyPair,
  recipients: readonly Uint8Array[],
): ArchiveBuild<typeof DRAFT_FOR_COMMENT_FILE> {
  return {
    sender: chair,
    recipients,
    createdAt: new Date(request.createdAt),
    fields: { caseId: request.caseId, round: request.round },
    files: [
      { path: DRAFT_PAYLOAD_PATH, kind: "json", bytes: draftBytes },
      archiveJsonFile(DRAFT_REQUEST_PATH, request),
    ],
  };
}

/**
 * Signs the draft for comment with the chair seat's key and encrypts it to
 * the one member it is for and to the chair (see the module comment).
 */
export function sealDraftForComment(
  draft: DraftToSend,
  input: DraftRequestInput,
  chair: Ed25519KeyPair,
  to: { readonly member: Uint8Array; readonly chair: Uint8Array },
  createdAt: Date,
): Promise<Uint8Array> {
  const request = draftRequest(draft, input, createdAt);
  return packArchive(DRAFT_FOR_COMMENT_FILE, draftForCommentBuild(request, draft.bytes, chair, [to.member, to.chair]), "encrypted");
}

/** The file name a draft for comment is saved under: case, round and the recipient's seat (a fingerprint's first letters). */
export function draftForCommentFileName(request: Pick<DraftRequest, "caseId" | "round" | "recipient">): string {
  const seat = request.recipient.fingerprint
    .replace(/^SHA256:/, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 8);
  return `opinion-draft-${request.caseId.slice(0, 12)}-round${request.round}-${seat}.age`;
}

export type DraftForCommentProblem =
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "request-not-json" }
  | { readonly kind: "invalid-content"; readonly reason: "request-invalid"; readonly issues: readonly Issue[] }
  /** The request's case or round is not what the signed manifest says. */
  | { readonly kind: "invalid-content"; readonly reason: "manifest-mismatch" }
  /** Signed by another key than the chair seat of the roster the member holds (`fingerprint`: the signer's). */
  | { readonly kind: "not-from-chair"; readonly fingerprint: string }
  /** For another case than the one the member expects. */
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  /** Made for another seat than the one opening it, or for a seat that is no member seat on the roster (`recipient`). */
  | { readonly kind: "not-for-this-seat"; readonly recipient: string }
  /** draft.json is not canonical JSON (or not JSON). */
  | { readonly kind: "draft-not-canonical"; readonly error: JsonError }
  /** draft.json is not an opinion draft payload of this case: `reason` says how. */
  | { readonly kind: "invalid-draft"; readonly reason: "not-a-draft-payload" | "other-case" | "has-separate-opinions" }
  /** The draft revealed with every disclosure is not a valid opinion. */
  | { readonly kind: "invalid-draft"; readonly reason: "not-an-opinion"; readonly issues: readonly Issue[] }
  /** The disclosures do not fit the draft (RFC 9901 §7.1). */
  | { readonly kind: "disclosures"; readonly error: RevealError }
  /** `count` digests of the draft are neither disclosed nor listed decoys: parts of the draft the member would not be shown. */
  | { readonly kind: "undisclosed-parts"; readonly count: number }
  /** The disclosure at `index` of the request does not reveal the part at its pointer. */
  | { readonly kind: "disclosure-mismatch"; readonly index: number; readonly pointer: string };
export type DraftForCommentError = SignedArchiveError | ArchiveFileTooLarge | DraftForCommentProblem;

export type OpenedDraftForComment = {
  readonly request: DraftRequest;
  /** draft.json's exact bytes, and their SHA-256: the draft digest an answer and a separate opinion name. */
  readonly draftBytes: Uint8Array;
  readonly draftSha256: Sha256Hex;
  /** The concealed draft payload (what the bytes say). */
  readonly payload: JsonObject;
  /** The draft revealed with every disclosure: the whole opinion as the chair drafted it. */
  readonly opinion: Opinion;
  /** Every disclosure, with its digest in the payload, its pointer and the chair's reason. */
  readonly disclosures: readonly DraftDisclosure[];
  readonly signer: { readonly fingerprint: string; readonly signingKey: string };
  readonly encryptedTo: readonly string[];
};

export type DraftForCommentExpectation = {
  /** The roster the opener holds (the case packet's). */
  readonly roster: readonly RosterSeat[];
  readonly caseId: string;
  /** The member's own seat; absent when the chair opens its own copy (any member seat of the roster is then accepted). */
  readonly seat?: string;
};

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
/**
 * Opens a draft for comment with `key` (the member's X25519 identity, or the
 * chair's for its own copy) with every check of the module comment.
 */
export async function openDraftForComment(
  bytes: Uint8Array,
  key: Extract<JsonArchiveKey, { kind: "age" }>,
  expected: DraftForCommentExpectation,
): Promise<Result<OpenedDraftForComment, DraftForCommentError>> {
  const chair = expected.roster.find((s) => s.role === "chair");
  const opened = await unpackArchiveBytes(DRAFT_FOR_COMMENT_FILE, bytes, key, (manifest, signer): Result<void, DraftForCommentProblem> => {
    if (chair === undefined || signer.fingerprint !== chair.fingerprint) return err({ kind: "not-from-chair", fingerprint: signer.fingerprint });
    if (manifest.caseId !== expected.caseId) return err({ kind: "other-case", expected: expected.caseId, actual: manifest.caseId });
    const paths = manifest.files.map((f) => f.path);
    return paths.length === 2 && paths[0] === DRAFT_PAYLOAD_PATH && paths[1] === DRAFT_REQUEST_PATH ? ok(undefined) : err({ kind: "invalid-content", reason: "wrong-files" });
  });
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;

  const requestJson = parseStrictJson(files.get(DRAFT_REQUEST_PATH) as Uint8Array);
  if (!requestJson.ok) return err({ kind: "invalid-content", reason: "request-not-json" });
  const parsed = DraftRequestSchema.safeParse(requestJson.value);
  if (!parsed.success) return err({ kind: "invalid-content", reason: "request-invalid", issues: issuesOf(parsed.error) });
  const request = parsed.data;
  if (request.caseId !== manifest.caseId || request.round !== manifest.round) return err({ kind: "invalid-content", reason: "manifest-mismatch" });
  const recipient = request.recipient.fingerprint;
  const seat = expected.roster.find((s) => s.fingerprint === recipient);
  if (seat?.role !== "member" || (expected.seat !== undefined && recipient !== expected.seat)) return err({ kind: "not-for-this-seat", recipient });

  const draftBytes = files.get(DRAFT_PAYLOAD_PATH) as Uint8Array;
  const json = parseCanonicalJson(draftBytes);
  if (!json.ok) return err({ kind: "draft-not-canonical", error: json.error });
  const payload = json.value;
  if (!isObject(payload) || !Object.hasOwn(payload, "_sd_alg") || typeof payload.caseId !== "string") return err({ kind: "invalid-draft", reason: "not-a-draft-payload" });
  if (payload.caseId !== request.caseId) return err({ kind: "invalid-draft", reason: "other-case" });
  if (Object.hasOwn(payload, SEPARATE_OPINIONS_KEY)) return err({ kind: "invalid-draft", reason: "has-separate-opinions" });

  const withRest = revealPayloadWithRest(payload, request.disclosures.map((d) => d.encoded));
  if (!withRest.ok) return err({ kind: "disclosures", error: withRest.error });
  const hidden = hiddenParts(withRest.value.undisclosed, request.decoys);
  if (hidden > 0) return err({ kind: "undisclosed-parts", count: hidden });
  const revealed = { value: withRest.value.document };
  const opinion = OpinionSchema.safeParse(revealed.value);
  if (!opinion.success) return err({ kind: "invalid-draft", reason: "not-an-opinion", issues: issuesOf(opinion.error) });
  // revealPayload checked each disclosure is base64url text, so its digest is defined.
  const disclosures: DraftDisclosure[] = request.disclosures.map((d) => ({ ...d, digest: disclosureDigest(d.encoded) }));
  const misplaced = firstMisplacedDisclosure(revealed.value, disclosures);
  if (misplaced !== undefined) return err({ kind: "disclosure-mismatch", index: misplaced, pointer: disclosures[misplaced]?.pointer ?? "" });

  return ok({
    request,
    draftBytes,
    draftSha256: sha256Hex(draftBytes),
    payload: payload as JsonObject,
    opinion: opinion.data,
    disclosures,
    signer: manifest.sender,
    encryptedTo: manifest.recipients,
  });
}

/** The canonical bytes of a request (what the manifest lists). */
export const draftRequestBytes = (request: DraftRequest): Uint8Array => mustCanonicalJson(request, "the draft request");
