/**
 * A separate or dissenting opinion (issue 15, "Drafting"): a member's own
 * opinion on a draft of the consolidated opinion, written and signed by its
 * author so that it enters the opinion exactly as written. Canonical JSON
 * (RFC 8785), signed in SSHSIG under `separate-opinion@attribution-panel`:
 *
 *   { "caseId": …, "draftSha256": "<sha256 hex of the draft payload's exact bytes>",
 *     "fingerprint": "SHA256:…", "format": "attribution-panel/separate-opinion",
 *     "kind": "separate" | "dissent", "seat": "member" | "chair",
 *     "signedAt": "…Z", "text": ["<Markdown paragraph>", …], "version": 1 }
 *
 * Which draft it answers: an opinion is written before the final payload
 * exists (the final payload carries it), so it names the DRAFT PAYLOAD the
 * chair sent for comment: the canonical bytes of the opinion with its
 * withholdable parts already concealed (payload.ts, concealDraft). Naming
 * the concealed draft rather than the plain document matters: the digest
 * of the plain document would let anyone test guesses of a withheld part
 * (a withheld region is one of five), while the concealed draft holds only
 * salted digests of them. The final payload is that draft with the
 * `separateOpinions` array added, so anyone recomputes the draft's digest
 * from the final payload alone (payload.ts, draftSha256Of); a revised
 * draft has another digest, and the opinions on the earlier one no longer
 * fit it: their authors sign again.
 *
 * The text is Markdown paragraphs (blocks), with the limits of the majority
 * reasoning (opinion.ts). Anyone checks one with stock tools:
 *
 *   ssh-keygen -Y verify -f allowed_signers -I member -n separate-opinion@attribution-panel -s opinion.json.sig < opinion.json
 *
 * Verification takes the exact bytes received: the signature is checked
 * over them first, they must be canonical JSON already, then the opinion is
 * parsed with zod; the signer must be the fingerprint it names, holding the
 * seat it names on the roster given. Every failure is a value.
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { mustCanonicalJson, parseCanonicalJson, type JsonError } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig, verifySshsig, type ArmoredSshSignature, type SignatureError } from "../formats/sshsig";
import { TimestampSchema, timestampOf } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { Sha256DigestSchema, type RosterSeat } from "./co-signature";
import { MAX_PARAGRAPHS, MAX_REASONING, ReasoningParagraphSchema } from "./opinion";

export const SEPARATE_OPINION_FORMAT = "attribution-panel/separate-opinion";
export const SEPARATE_OPINION_VERSION = 1;
export const SEPARATE_OPINION_NAMESPACE = SIGNATURE_NAMESPACES.separateOpinion;

export const SEPARATE_OPINION_KINDS = ["separate", "dissent"] as const;
export const SeparateOpinionKindSchema = z.enum(SEPARATE_OPINION_KINDS);
export type SeparateOpinionKind = z.infer<typeof SeparateOpinionKindSchema>;

export const SeparateOpinionSchema = z.strictObject({
  format: z.literal(SEPARATE_OPINION_FORMAT),
  version: z.literal(SEPARATE_OPINION_VERSION),
  caseId: CaseIdSchema,
  /** The role of the author's seat. */
  seat: z.enum(["chair", "member"]),
  /** The author's seat: the signing-key fingerprint that holds it. */
  fingerprint: SeatIdSchema,
  /** A separate (concurring) opinion, or a dissent. */
  kind: SeparateOpinionKindSchema,
  /** The SHA-256 of the exact bytes of the draft payload this opinion answers (see the module comment). */
  draftSha256: Sha256DigestSchema,
  /** The opinion, Markdown, as paragraphs (blocks): at least one. */
  text: z
    .array(ReasoningParagraphSchema)
    .min(1)
    .max(MAX_PARAGRAPHS)
    .refine((ps) => ps.reduce((n, p) => n + p.length, 0) <= MAX_REASONING),
  signedAt: TimestampSchema,
});
export type SeparateOpinion = z.infer<typeof SeparateOpinionSchema>;

/** What the author writes; the rest comes from their key and the clock. */
export type SeparateOpinionInput = Pick<SeparateOpinion, "caseId" | "seat" | "kind" | "draftSha256" | "text">;

/** A signed separate opinion as it travels: the exact canonical bytes signed (opinion.json) and the armored signature. */
export type SignedSeparateOpinion = {
  readonly bytes: Uint8Array;
  readonly signature: ArmoredSshSignature;
};

export type SeparateOpinionError =
  /** The signature does not verify over these bytes under separate-opinion@attribution-panel. */
  | { readonly kind: "signature"; readonly error: SignatureError }
  /** The signed bytes are not canonical JSON (or not JSON). */
  | { readonly kind: "not-canonical"; readonly error: JsonError }
  | { readonly kind: "invalid-opinion"; readonly issues: readonly Issue[] }
  /** Signed by another key than the fingerprint the opinion names. */
  | { readonly kind: "not-the-signer"; readonly signer: string; readonly named: string }
  /** The fingerprint holds no seat on the roster. */
  | { readonly kind: "not-on-roster"; readonly fingerprint: string }
  /** The fingerprint holds a seat of another role than the opinion names. */
  | { readonly kind: "wrong-seat"; readonly fingerprint: string; readonly named: "chair" | "member"; readonly holds: "chair" | "member" }
  /** Another case, or another draft, than the one the verifier expects. */
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  | { readonly kind: "other-draft"; readonly expected: string; readonly actual: string };

export type SeparateOpinionExpectation = { readonly caseId?: string; readonly draftSha256?: string };

export type VerifiedSeparateOpinion = { readonly opinion: SeparateOpinion; readonly signer: { readonly fingerprint: string; readonly publicKey: Uint8Array } };

/** The opinion's canonical bytes, for one the app built (a broken invariant, a paragraph too long say, throws: the screen checks with SeparateOpinionSchema first). */
export const separateOpinionBytes = (opinion: SeparateOpinion): Uint8Array => mustCanonicalJson(SeparateOpinionSchema.parse(opinion), "the separate opinion");

/** Signs the author's separate or dissenting opinion with their key at `signedAt`. */
export function signSeparateOpinion(input: SeparateOpinionInput, signer: Ed25519KeyPair, signedAt: Date): SignedSeparateOpinion & { readonly opinion: SeparateOpinion } {
  const opinion: SeparateOpinion = {
    format: SEPARATE_OPINION_FORMAT,
    version: SEPARATE_OPINION_VERSION,
    caseId: input.caseId,
    seat: input.seat,
    fingerprint: sshFingerprint(signer.publicKey),
    kind: input.kind,
    draftSha256: input.draftSha256,
    text: [...input.text],
    signedAt: timestampOf(signedAt),
  };
  const bytes = separateOpinionBytes(opinion);
  return { opinion, bytes, signature: signSshsig(bytes, signer, SEPARATE_OPINION_NAMESPACE) };
}

/** Verifies a separate opinion (the exact bytes received and its armored signature) against the roster the verifier holds (see the module comment). */
export function verifySeparateOpinion(
  bytes: Uint8Array,
  signature: string,
  roster: readonly RosterSeat[],
  expected: SeparateOpinionExpectation = {},
): Result<VerifiedSeparateOpinion, SeparateOpinionError> {
  const verified = verifySshsig(signature, bytes, { namespace: SEPARATE_OPINION_NAMESPACE });
  if (!verified.ok) return err({ kind: "signature", error: verified.error });
  const json = parseCanonicalJson(bytes);
  if (!json.ok) return err({ kind: "not-canonical", error: json.error });
  const parsed = SeparateOpinionSchema.safeParse(json.value);
  if (!parsed.success) return err({ kind: "invalid-opinion", issues: issuesOf(parsed.error) });
  const opinion = parsed.data;
  const signer = verified.value;
  if (signer.fingerprint !== opinion.fingerprint) return err({ kind: "not-the-signer", signer: signer.fingerprint, named: opinion.fingerprint });
  const seat = roster.find((s) => s.fingerprint === opinion.fingerprint);
  if (seat === undefined) return err({ kind: "not-on-roster", fingerprint: opinion.fingerprint });
  if (seat.role !== opinion.seat) return err({ kind: "wrong-seat", fingerprint: opinion.fingerprint, named: opinion.seat, holds: seat.role });
  if (expected.caseId !== undefined && expected.caseId !== opinion.caseId) return err({ kind: "other-case", expected: expected.caseId, actual: opinion.caseId });
  if (expected.draftSha256 !== undefined && expected.draftSha256 !== opinion.draftSha256) return err({ kind: "other-draft", expected: expected.draftSha256, actual: opinion.draftSha256 });
  return ok({ opinion, signer: { fingerprint: signer.fingerprint, publicKey: signer.publicKey } });
}
