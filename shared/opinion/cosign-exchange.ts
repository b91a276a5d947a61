/**
 * Co-signing (issue 15, "Co-signing"): the final payload sent to each
 * member for co-signature, and the co-signature the member sends back.
 *
 * The request, from the chair to one member:
 *
 *   cosign-request-….age = age v1, X25519, to the member
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/cosign-request: case, recipient seat,
 *                             the payload's SHA-256, the co-signing deadline),
 *              manifest.json.sig (SSHSIG, namespace cosign-request@attribution-panel, the chair seat's key),
 *              opinion.json, opinion.json.sig, disclosures.json (sealed-archive.ts)
 *
 * The member's app opens it only if the chair seat of the roster it holds
 * signed the archive, it is for this case and addressed to this member's seat, the payload
 * verifies with ALL its disclosures (so the member reads the full text and
 * every separate opinion is checked against its author's key), and, when
 * the member sent a separate or dissenting opinion, the payload carries it
 * byte for byte (findMySeparateOpinion); when they sent none, it carries
 * none of theirs.
 *
 * The return, from the member to the chair:
 *
 *   cosign-return-….age = age v1, X25519, to the chair
 *     └ ustar: manifest.json (format attribution-panel/cosign-return: case, the payload's SHA-256),
 *              manifest.json.sig (SSHSIG, namespace cosign-return@attribution-panel, the member seat's key),
 *              statement.json (the co-signature statement's exact bytes, co-signature.ts),
 *              statement.json.sig (the member's SSHSIG over them, namespace co-signature@attribution-panel)
 *
 * The chair's app accepts it only if a member seat of the roster signed the
 * archive, the statement verifies, is that member's, names THIS payload's
 * SHA-256, and its stance fits the payload (checkCoSignature).
 *
 * Anyone holding the recipient's identity checks either with stock tools:
 *   age -d -i me.txt cosign-….age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n cosign-request@attribution-panel -s manifest.json.sig < manifest.json
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n opinion@attribution-panel -s opinion.json.sig < opinion.json
 *   ssh-keygen -Y verify -f allowed_signers -I member -n co-signature@attribution-panel -s statement.json.sig < statement.json
 *   sha256sum opinion.json   (equals the statement's payloadSha256)
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema, type SeatId } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { readAllBytes, utf8 } from "../encoding/bytes";
import { unpackArchiveBytes, type ArchiveFileTooLarge, type JsonArchiveKey } from "../formats/signed-archive-json";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { defineSignedArchive, writeSignedArchive, type SignedArchiveError } from "../formats/signed-archive";
import { err, ok, type Result } from "../result";
import {
  Sha256DigestSchema,
  sha256Hex,
  stanceNamesOpinion,
  verifyCoSignature,
  type CoSignatureError,
  type RosterSeat,
  type SignedCoSignature,
  type VerifiedCoSignature,
} from "./co-signature";
import { findMySeparateOpinion, type MySeparateOpinionError, type VerifiedPayload } from "./payload";
import {
  DISCLOSURES_PATH,
  PAYLOAD_PATH,
  PAYLOAD_SIGNATURE_PATH,
  checkPayloadFiles,
  listsExactly,
  payloadFiles,
  signatureText,
  type DisclosuresFile,
  type PayloadFilesProblem,
  type SignedPayload,
} from "./sealed-archive";
import type { SignedSeparateOpinion } from "./separate-opinion";

export const COSIGN_REQUEST_FORMAT = "attribution-panel/cosign-request";
export const COSIGN_RETURN_FORMAT = "attribution-panel/cosign-return";
export const STATEMENT_PATH = "statement.json";
export const STATEMENT_SIGNATURE_PATH = "statement.json.sig";

export const COSIGN_REQUEST_FILE = defineSignedArchive({
  name: COSIGN_REQUEST_FORMAT,
  version: 1,
  namespace: SIGNATURE_NAMESPACES.cosignRequest,
  extra: {
    caseId: CaseIdSchema,
    /** The member it is for (their seat's signing-key fingerprint). */
    recipient: SeatIdSchema,
    /** The SHA-256 of opinion.json: what the member co-signs. */
    payloadSha256: Sha256DigestSchema,
    /** When the chair seals the opinion: a member who has not co-signed by then is recorded as not signing. */
    deadline: z.iso.datetime(),
  },
});

export const COSIGN_RETURN_FILE = defineSignedArchive({
  name: COSIGN_RETURN_FORMAT,
  version: 1,
  namespace: SIGNATURE_NAMESPACES.cosignReturn,
  extra: { caseId: CaseIdSchema, payloadSha256: Sha256DigestSchema },
});

/** How a received archive is opened: the recipient's X25519 secret key and age recipient. */
export type ArchiveKey = Extract<JsonArchiveKey, { kind: "age" }>;

const seatTag = (fingerprint: string) =>
  fingerprint
    .replace(/^SHA256:/, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 8);
/** The file names, so a folder of them reads: case, and the member's seat (a fingerprint's first letters). */
export const cosignRequestFileName = (caseId: string, seat: string): string => `cosign-request-${caseId.slice(0, 12)}-${seatTag(seat)}.age`;
export const cosignReturnFileName = (caseId: string, seat: string): string => `cosign-return-${caseId.slice(0, 12)}-${seatTag(seat)}.age`;

// --- the request ----------------------------------------------------------------

export type CosignRequest = {
  readonly caseId: string;
  readonly payload: SignedPayload;
  /** The member: their seat and their X25519 public key (their card's age recipient). */
  readonly recipient: { readonly fingerprint: SeatId; readonly encryptionKey: Uint8Array };
  readonly deadline: Date;
};

/** Signs the request with the chair seat's key and encrypts it to the one member it is for. */
export function sealCosignRequest(request: CosignRequest, chair: Ed25519KeyPair, createdAt: Date): Promise<Uint8Array> {
  return readAllBytes(
    writeSignedArchive(COSIGN_REQUEST_FILE, {
      sender: chair,
      recipients: [request.recipient.encryptionKey],
      createdAt,
      fields: { caseId: request.caseId, recipient: request.recipient.fingerprint, payloadSha256: sha256Hex(request.payload.bytes), deadline: request.deadline.toISOString() },
      files: payloadFiles(request.payload),
    }),
  );
}

export type CosignRequestProblem =
  /** Signed by another key than the chair seat of the roster the member holds (`fingerprint`: the signer's). */
  | { readonly kind: "not-from-chair"; readonly fingerprint: string }
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  | { readonly kind: "not-for-this-seat" }
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | PayloadFilesProblem
  /** The member sent a separate opinion and the payload does not carry it as signed. */
  | { readonly kind: "my-opinion"; readonly error: MySeparateOpinionError }
  /** The member sent no separate opinion, yet the payload carries one of theirs (an earlier one they withdrew). */
  | { readonly kind: "opinion-not-sent"; readonly index: number };
export type CosignRequestError = SignedArchiveError | ArchiveFileTooLarge | CosignRequestProblem;

export type OpenedCosignRequest = {
  readonly caseId: string;
  readonly deadline: string;
  readonly bytes: Uint8Array;
  readonly signature: string;
  readonly disclosures: DisclosuresFile;
  /** Verified with every disclosure. */
  readonly payload: VerifiedPayload;
  /** Where the member's own opinion is among payload.separateOpinions, when they sent one. */
  readonly mine?: number;
};

export type CosignRequestExpectation = {
  readonly roster: readonly RosterSeat[];
  /** The case the member holds this roster for. */
  readonly caseId: string;
  /** The member opening it: their seat's fingerprint. */
  readonly seat: string;
  /** The member's own signed separate or dissenting opinion on this draft, if they sent one. */
  readonly mine?: SignedSeparateOpinion;
};

const chairOf = (roster: readonly RosterSeat[]) => roster.find((s) => s.role === "chair")?.fingerprint;

/** Opens a co-signature request on the member's side (see the module comment for every check). */
export async function openCosignRequest(bytes: Uint8Array, key: ArchiveKey, expected: CosignRequestExpectation): Promise<Result<OpenedCosignRequest, CosignRequestError>> {
  const opened = await unpackArchiveBytes(COSIGN_REQUEST_FILE, bytes, key, (manifest, signer): Result<void, CosignRequestProblem> => {
    if (signer.fingerprint !== chairOf(expected.roster)) return err({ kind: "not-from-chair", fingerprint: signer.fingerprint });
    if (manifest.caseId !== expected.caseId) return err({ kind: "other-case", expected: expected.caseId, actual: manifest.caseId });
    if (manifest.recipient !== expected.seat) return err({ kind: "not-for-this-seat" });
    return listsExactly(manifest, [PAYLOAD_PATH, PAYLOAD_SIGNATURE_PATH, DISCLOSURES_PATH]) ? ok(undefined) : err({ kind: "invalid-content", reason: "wrong-files" });
  });
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;
  const payload = checkPayloadFiles(files, manifest, expected.roster);
  if (!payload.ok) return payload;
  const verified = payload.value.verified;
  let mine: number | undefined;
  if (expected.mine === undefined) {
    const index = verified.separateOpinions.findIndex((e) => e.opinion.fingerprint === expected.seat);
    if (index >= 0) return err({ kind: "opinion-not-sent", index });
  } else {
    const found = findMySeparateOpinion(verified, expected.mine);
    if (!found.ok) return err({ kind: "my-opinion", error: found.error });
    mine = found.value.index;
  }
  return ok({
    caseId: manifest.caseId,
    deadline: manifest.deadline,
    bytes: payload.value.bytes,
    signature: payload.value.signature,
    disclosures: payload.value.disclosures,
    payload: verified,
    ...(mine === undefined ? {} : { mine }),
  });
}

// --- the co-signature and how it fits the payload ------------------------------------

export type StanceProblem =
  /** Dissent or concur-separate naming an opinion the payload does not carry by that seat. */
  | "opinion-not-in-payload"
  /** Naming the seat's opinion in the payload, but a dissent as a concurring opinion or the reverse. */
  | "stance-not-the-opinions-kind"
  /** A plain concurrence from a seat whose separate opinion the payload carries. */
  | "concur-with-opinion-in-payload";

export type CoSignatureProblem =
  | { readonly kind: "co-signature"; readonly error: CoSignatureError }
  /** The chair signs the payload itself; a co-signature is a member's. */
  | { readonly kind: "not-a-member"; readonly fingerprint: string }
  | { readonly kind: "stance"; readonly reason: StanceProblem; readonly fingerprint: string };

export type CheckedCoSignature = VerifiedCoSignature & { readonly bytes: Uint8Array; readonly signature: string };

/**
 * A co-signature statement (exact bytes and armored signature) against a
 * payload verified with all its disclosures and the roster: it verifies
 * (co-signature.ts) for this case and this payload's SHA-256, from a member
 * seat, and its stance fits the payload: a dissent or a concurrence with a
 * separate opinion names, by its SHA-256, that seat's opinion carried in the
 * payload, of the same kind; a plain concurrence comes from a seat with no
 * opinion in it.
 */
export function checkCoSignature(bytes: Uint8Array, signature: string, payload: VerifiedPayload, roster: readonly RosterSeat[]): Result<CheckedCoSignature, CoSignatureProblem> {
  const verified = verifyCoSignature(bytes, signature, roster, { caseId: payload.caseId, payloadSha256: payload.sha256 });
  if (!verified.ok) return err({ kind: "co-signature", error: verified.error });
  const { statement } = verified.value;
  if (statement.seat !== "member") return err({ kind: "not-a-member", fingerprint: statement.fingerprint });
  const own = payload.separateOpinions.find((e) => e.opinion.fingerprint === statement.fingerprint);
  const stance = (reason: StanceProblem) => err({ kind: "stance" as const, reason, fingerprint: statement.fingerprint });
  if (stanceNamesOpinion(statement.stance)) {
    if (own === undefined || sha256Hex(own.bytes) !== statement.opinion) return stance("opinion-not-in-payload");
    if ((own.opinion.kind === "dissent") !== (statement.stance === "dissent")) return stance("stance-not-the-opinions-kind");
  } else if (own !== undefined) return stance("concur-with-opinion-in-payload");
  return ok({ ...verified.value, bytes, signature });
}

// --- the return ---------------------------------------------------------------

/** Signs the return with the member seat's key and encrypts it to the chair (their X25519 public key). */
export function sealCosignReturn(coSignature: Pick<SignedCoSignature, "statement" | "bytes" | "signature">, member: Ed25519KeyPair, chairKey: Uint8Array, createdAt: Date): Promise<Uint8Array> {
  return readAllBytes(
    writeSignedArchive(COSIGN_RETURN_FILE, {
      sender: member,
      recipients: [chairKey],
      createdAt,
      fields: { caseId: coSignature.statement.caseId, payloadSha256: coSignature.statement.payloadSha256 },
      files: [
        { path: STATEMENT_PATH, kind: "json", bytes: coSignature.bytes },
        { path: STATEMENT_SIGNATURE_PATH, kind: "json", bytes: utf8(coSignature.signature) },
      ],
    }),
  );
}

export type CosignReturnProblem =
  /** Signed by a key that holds no member seat of the roster (`fingerprint`: the signer's). */
  | { readonly kind: "not-from-member"; readonly fingerprint: string }
  /** It co-signs another case or another payload than the chair's (a payload changed after co-signing, say). */
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  | { readonly kind: "other-payload"; readonly expected: string; readonly actual: string }
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "not-text"; readonly path: string }
  /** The statement is not the sender's own (another member's, forwarded). */
  | { readonly kind: "not-the-senders-statement"; readonly sender: string; readonly named: string }
  | CoSignatureProblem;
export type CosignReturnError = SignedArchiveError | ArchiveFileTooLarge | CosignReturnProblem;

/** Opens a co-signature return on the chair's side: `payload` is the chair's own, verified with all its disclosures (see the module comment). */
export async function openCosignReturn(
  bytes: Uint8Array,
  key: ArchiveKey,
  expected: { readonly roster: readonly RosterSeat[]; readonly payload: VerifiedPayload },
): Promise<Result<CheckedCoSignature, CosignReturnError>> {
  const { roster, payload } = expected;
  const opened = await unpackArchiveBytes(COSIGN_RETURN_FILE, bytes, key, (manifest, signer): Result<void, CosignReturnProblem> => {
    if (!roster.some((s) => s.role === "member" && s.fingerprint === signer.fingerprint)) return err({ kind: "not-from-member", fingerprint: signer.fingerprint });
    if (manifest.caseId !== payload.caseId) return err({ kind: "other-case", expected: payload.caseId, actual: manifest.caseId });
    if (manifest.payloadSha256 !== payload.sha256) return err({ kind: "other-payload", expected: payload.sha256, actual: manifest.payloadSha256 });
    return listsExactly(manifest, [STATEMENT_PATH, STATEMENT_SIGNATURE_PATH]) ? ok(undefined) : err({ kind: "invalid-content", reason: "wrong-files" });
  });
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;
  const signature = signatureText(files.get(STATEMENT_SIGNATURE_PATH));
  if (signature === undefined) return err({ kind: "invalid-content", reason: "not-text", path: STATEMENT_SIGNATURE_PATH });
  const checked = checkCoSignature(files.get(STATEMENT_PATH) ?? new Uint8Array(), signature, payload, roster);
  if (!checked.ok) return checked;
  if (checked.value.statement.fingerprint !== manifest.sender.fingerprint) return err({ kind: "not-the-senders-statement", sender: manifest.sender.fingerprint, named: checked.value.statement.fingerprint });
  return checked;
}
