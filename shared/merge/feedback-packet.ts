/**
 * The feedback packet of the Delphi / IDEA second round: what the chair
 * sends each panelist who submitted in the round before, encrypted to that
 * panelist alone:
 *
 *   feedback-….age = age v1, X25519, to one panelist (their card's age recipient)
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/feedback),
 *              manifest.json.sig (SSHSIG, namespace feedback@attribution-panel, the chair seat's key),
 *              feedback.json (canonical JSON, FeedbackSchema below)
 *
 * feedback.json names the case, the digest of the case packet's manifest the
 * chair holds, the round it opens (`round`) and the one it reports on
 * (`fromRound` = round − 1), the recipient's seat, an optional note from the
 * chair, and per claim: every seat's final best estimate of `fromRound` in a
 * fresh random order, the index of the recipient's own estimate in it (the
 * file is for them alone), the aggregates (shared/merge/stats, never by
 * hand), and the rationales of the seats that consented, in random order.
 * No name, seat or region of anyone else is in it.
 *
 * Anyone holding the panelist's identity checks one with stock tools:
 *   age -d -i panelist.txt feedback.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n feedback@attribution-panel -s manifest.json.sig < manifest.json
 *   sha256sum feedback.json   (the manifest lists it)
 */
import { z } from "../validation/zod";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { CaseIdSchema, ClaimIdSchema, SeatIdSchema, prose } from "../case/model";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { defineSignedArchive, type SignedArchiveError } from "../formats/signed-archive";
import { packJsonArchive, unpackJsonArchive, type JsonArchiveError, type JsonArchiveKey } from "../formats/signed-archive-json";
import { err, ok, type Result } from "../result";
import { MAX_NOTE, MAX_RATIONALE, PercentSchema, RoundSchema, Sha256HexSchema } from "../scoring/scoresheet";
import { issuesOf, type Issue } from "../validation/issues";

export const FEEDBACK_FORMAT = "attribution-panel/feedback";
export const FEEDBACK_VERSION = 1;
export const FEEDBACK_PATH = "feedback.json";
/** A panel has at most 51 seats: so many estimates and rationales per claim at most. */
export const MAX_SEATS = 51;
export const MAX_CLAIMS = 50;

export const FEEDBACK_FILE = defineSignedArchive({
  name: FEEDBACK_FORMAT,
  version: FEEDBACK_VERSION,
  namespace: SIGNATURE_NAMESPACES.feedback,
  extra: {
    caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    round: RoundSchema,
  },
});

const Finite = z.number().finite();
/** A pool: its value in percent, and normalised across the claims (absent when a claim has no pool). */
const PoolSchema = z.strictObject({ value: PercentSchema, normalised: PercentSchema.optional() });

/** The aggregates of one claim's best estimates in `fromRound` (claimSummaries in shared/merge/stats/panel-summary.ts). */
export const FeedbackAggregatesSchema = z.strictObject({
  n: z.number().int().nonnegative().max(MAX_SEATS),
  median: PercentSchema.optional(),
  p25: PercentSchema.optional(),
  p75: PercentSchema.optional(),
  iqr: Finite.min(0).max(100).optional(),
  linearPool: PoolSchema.optional(),
  logOddsPool: PoolSchema.optional(),
  /** The pooled lowest and highest plausible values (IDEA), over the `n` who gave a range. */
  range: z.strictObject({ n: z.number().int().positive().max(MAX_SEATS), lowest: PercentSchema, highest: PercentSchema }).optional(),
});
export type FeedbackAggregates = z.infer<typeof FeedbackAggregatesSchema>;

export const FeedbackClaimSchema = z
  .strictObject({
    claim: ClaimIdSchema,
    /** Every seat's final best estimate, in a random order (no seat, name or region). */
    estimates: z.array(PercentSchema).max(MAX_SEATS),
    /** The index of the recipient's own estimate in `estimates`; absent when they gave none. */
    own: z.number().int().nonnegative().max(MAX_SEATS).optional(),
    aggregates: FeedbackAggregatesSchema,
    /** The rationales of the seats that consented to share them, in a random order, anonymous. */
    rationales: z.array(prose(MAX_RATIONALE)).max(MAX_SEATS),
  })
  .superRefine((c, ctx) => {
    if (c.own !== undefined && c.own >= c.estimates.length) ctx.addIssue({ code: "custom", path: ["own"], params: { reason: "out-of-range" } });
  });
export type FeedbackClaim = z.infer<typeof FeedbackClaimSchema>;

export const FeedbackSchema = z
  .strictObject({
    format: z.literal(FEEDBACK_FORMAT),
    version: z.literal(FEEDBACK_VERSION),
    caseId: CaseIdSchema,
    /** The SHA-256 of the case packet's manifest the chair holds. */
    packetManifest: Sha256HexSchema,
    /** The round this feedback opens. */
    round: RoundSchema.refine((r) => r >= 2, { params: { reason: "not-a-later-round" } }),
    /** The round it reports on: round − 1. */
    fromRound: RoundSchema,
    /** The seat it is for (its signing-key fingerprint as the roster lists it). */
    recipient: z.strictObject({ fingerprint: SeatIdSchema }),
    /** When the round's scoresheets are due, as the chair set it. */
    deadline: z.iso.datetime().optional(),
    /** A note or question from the chair, plain text. */
    note: prose(MAX_NOTE).optional(),
    claims: z.array(FeedbackClaimSchema).max(MAX_CLAIMS),
    createdAt: z.iso.datetime(),
  })
  .superRefine((f, ctx) => {
    if (f.fromRound !== f.round - 1) ctx.addIssue({ code: "custom", path: ["fromRound"], params: { reason: "not-the-round-before" } });
    const ids = f.claims.map((c) => c.claim);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["claims"], params: { reason: "duplicate-ids" } });
  });
export type Feedback = z.infer<typeof FeedbackSchema>;

/** The file name a feedback packet is saved under: case, round and the recipient's seat (a fingerprint's first letters), so a folder of them reads. */
export function feedbackFileName(feedback: Pick<Feedback, "caseId" | "round" | "recipient">): string {
  const seat = feedback.recipient.fingerprint
    .replace(/^SHA256:/, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 8);
  return `feedback-${feedback.caseId.slice(0, 12)}-round${feedback.round}-${seat}.age`;
}

/** Signs `feedback` with the chair seat's key and encrypts it to the one panelist it is for (their X25519 public key). */
export function sealFeedback(feedback: Feedback, chair: Ed25519KeyPair, recipient: Uint8Array, createdAt: Date): Promise<Uint8Array> {
  return packJsonArchive(
    FEEDBACK_FILE,
    { sender: chair, recipients: [recipient], createdAt, fields: { caseId: feedback.caseId, round: feedback.round }, files: [{ path: FEEDBACK_PATH, value: feedback }] },
    "encrypted",
  );
}

export type FeedbackContentProblem =
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "feedback-invalid"; readonly issues: readonly Issue[] }
  /** The feedback's case or round is not what the signed manifest says. */
  | { readonly kind: "invalid-content"; readonly reason: "manifest-mismatch" }
  /** Signed by another key than the chair seat of the roster the panelist holds (`fingerprint`: the signer's). */
  | { readonly kind: "not-from-chair"; readonly fingerprint: string }
  /** Made for another seat than the one opening it. */
  | { readonly kind: "not-for-this-seat" };
export type FeedbackFileError = SignedArchiveError | JsonArchiveError | FeedbackContentProblem;

export type OpenedFeedback = { readonly feedback: Feedback; readonly sha256: string; readonly signer: { readonly fingerprint: string; readonly signingKey: string } };

/**
 * Opens a feedback packet with `key` (the panelist's X25519 identity and age
 * recipient): every check of the signed archive, then signed by the chair
 * seat (`expected.chair`, the roster's chair fingerprint, checked before any
 * file is read), one file feedback.json, a valid feedback whose case and
 * round are the manifest's, made for `expected.seat`.
 */
export async function openFeedback(bytes: Uint8Array, key: Extract<JsonArchiveKey, { kind: "age" }>, expected: { readonly chair: string; readonly seat: string }): Promise<Result<OpenedFeedback, FeedbackFileError>> {
  const opened = await unpackJsonArchive(FEEDBACK_FILE, bytes, key, (manifest, signer): Result<void, FeedbackContentProblem> => {
    if (signer.fingerprint !== expected.chair) return err({ kind: "not-from-chair", fingerprint: signer.fingerprint });
    return manifest.files.length === 1 && manifest.files[0]?.path === FEEDBACK_PATH ? ok(undefined) : err({ kind: "invalid-content", reason: "wrong-files" });
  });
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;
  const parsed = FeedbackSchema.safeParse(files.get(FEEDBACK_PATH));
  if (!parsed.success) return err({ kind: "invalid-content", reason: "feedback-invalid", issues: issuesOf(parsed.error) });
  const feedback = parsed.data;
  if (feedback.caseId !== manifest.caseId || feedback.round !== manifest.round) return err({ kind: "invalid-content", reason: "manifest-mismatch" });
  if (feedback.recipient.fingerprint !== expected.seat) return err({ kind: "not-for-this-seat" });
  return ok({ feedback, sha256: manifest.files[0]?.sha256 as string, signer: manifest.sender });
}
