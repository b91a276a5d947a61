/**
 * The co-signature statement (issue 15, "Co-signing"): what each member of
 * the panel signs to put their name to the opinion. Canonical JSON
 * (RFC 8785), signed in SSHSIG under `co-signature@attribution-panel`:
 *
 *   { "caseId": …, "fingerprint": "SHA256:…", "format": "attribution-panel/co-signature",
 *     "opinion": "<sha256 hex of their signed separate opinion>"?,
 *     "payloadSha256": "<sha256 hex of the opinion payload's exact bytes>",
 *     "seat": "member" | "chair", "signedAt": "…Z",
 *     "stance": "concur" | "concur-separate" | "dissent", "version": 1 }
 *
 * The statement names the payload by its digest, the seat by its role and
 * by the signing-key fingerprint that holds it (a seat is its fingerprint:
 * shared/case/model.ts), and the stance; a separate or dissenting opinion is
 * named by the SHA-256 of its signed bytes, and only then (a plain
 * concurrence naming an opinion is refused, so one statement has one
 * reading). Anyone checks one with stock tools:
 *
 *   ssh-keygen -Y verify -f allowed_signers -I member -n co-signature@attribution-panel -s statement.json.sig < statement.json
 *   sha256sum opinion.json   (equals payloadSha256)
 *
 * Verification takes the exact bytes received: the signature is checked
 * over them, they must be canonical JSON already, then the statement is
 * parsed with zod; the signer must be the fingerprint the statement names,
 * holding the seat it names on the roster given. Every failure is a value.
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema } from "../case/model";
import { sha256, toHex, type Ed25519KeyPair } from "../crypto/sodium";
import { mustCanonicalJson, parseCanonicalJson, type JsonError } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig, verifySshsig, type ArmoredSshSignature, type SignatureError } from "../formats/sshsig";
import { TimestampSchema, timestampOf } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";

export const CO_SIGNATURE_FORMAT = "attribution-panel/co-signature";
export const CO_SIGNATURE_VERSION = 1;
export const CO_SIGNATURE_NAMESPACE = SIGNATURE_NAMESPACES.coSignature;

export const STANCES = ["concur", "concur-separate", "dissent"] as const;
export const StanceSchema = z.enum(STANCES);
export type Stance = z.infer<typeof StanceSchema>;
/** The stances that come with a signed opinion of the member's own. */
export const stanceNamesOpinion = (stance: Stance): boolean => stance !== "concur";

/** A SHA-256 digest in lower-case hex (as sha256sum prints it). */
export type Sha256Hex = string & { readonly __brand: "Sha256Hex" };
export const Sha256DigestSchema = z.custom<Sha256Hex>((v) => typeof v === "string" && /^[0-9a-f]{64}$/.test(v));
/** The SHA-256 of exactly these bytes, in hex. */
export const sha256Hex = (bytes: Uint8Array): Sha256Hex => toHex(sha256(bytes)) as Sha256Hex;

export const CoSignatureSchema = z.strictObject({
  format: z.literal(CO_SIGNATURE_FORMAT),
  version: z.literal(CO_SIGNATURE_VERSION),
  /** The SHA-256 of the opinion payload's exact bytes. */
  payloadSha256: Sha256DigestSchema,
  caseId: CaseIdSchema,
  /** The role of the seat signing. */
  seat: z.enum(["chair", "member"]),
  /** The seat: the signing-key fingerprint that holds it. */
  fingerprint: SeatIdSchema,
  stance: StanceSchema,
  /** The SHA-256 of the member's signed separate or dissenting opinion (its signed bytes). */
  opinion: Sha256DigestSchema.optional(),
  signedAt: TimestampSchema,
});
export type CoSignature = z.infer<typeof CoSignatureSchema>;

/** What a member decides; the rest of the statement comes from their key and the clock. */
export type CoSignatureInput = Pick<CoSignature, "payloadSha256" | "caseId" | "seat" | "stance" | "opinion">;

export type SignedCoSignature = {
  readonly statement: CoSignature;
  /** The canonical bytes signed (statement.json). */
  readonly bytes: Uint8Array;
  readonly signature: ArmoredSshSignature;
};

/** The statement's canonical bytes, for one the app built (a broken invariant throws). */
export const coSignatureBytes = (statement: CoSignature): Uint8Array => mustCanonicalJson(CoSignatureSchema.parse(statement), "the co-signature statement");

/**
 * Signs a co-signature statement with the member's key at `signedAt`. A
 * stance that needs an opinion without one, or a concurrence with one, is
 * the caller's bug (the screen asks for the opinion first): it throws.
 */
export function signCoSignature(input: CoSignatureInput, signer: Ed25519KeyPair, signedAt: Date): SignedCoSignature {
  if (stanceNamesOpinion(input.stance) !== (input.opinion !== undefined)) throw new Error(`a co-signature with stance ${input.stance} ${input.opinion === undefined ? "needs" : "names no"} opinion`);
  const statement: CoSignature = {
    format: CO_SIGNATURE_FORMAT,
    version: CO_SIGNATURE_VERSION,
    payloadSha256: input.payloadSha256,
    caseId: input.caseId,
    seat: input.seat,
    fingerprint: sshFingerprint(signer.publicKey),
    stance: input.stance,
    ...(input.opinion === undefined ? {} : { opinion: input.opinion }),
    signedAt: timestampOf(signedAt),
  };
  const bytes = coSignatureBytes(statement);
  return { statement, bytes, signature: signSshsig(bytes, signer, CO_SIGNATURE_NAMESPACE) };
}

/** A seat of the roster the verifier holds (a received case's roster, a panel roster's seats). */
export type RosterSeat = { readonly role: "chair" | "member"; readonly fingerprint: string };

/** The seats of a roster as the checks of this module and the exchanges built on it need them: role and fingerprint. */
export const rosterSeats = (roster: readonly RosterSeat[]): RosterSeat[] => roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));

export type CoSignatureError =
  /** The signature does not verify over these bytes under co-signature@attribution-panel. */
  | { readonly kind: "signature"; readonly error: SignatureError }
  /** The signed bytes are not canonical JSON (or not JSON). */
  | { readonly kind: "not-canonical"; readonly error: JsonError }
  | { readonly kind: "invalid-statement"; readonly issues: readonly Issue[] }
  /** Signed by another key than the fingerprint the statement names. */
  | { readonly kind: "not-the-signer"; readonly signer: string; readonly named: string }
  /** The fingerprint holds no seat on the roster. */
  | { readonly kind: "not-on-roster"; readonly fingerprint: string }
  /** The fingerprint holds a seat of another role than the statement names. */
  | { readonly kind: "wrong-seat"; readonly fingerprint: string; readonly named: "chair" | "member"; readonly holds: "chair" | "member" }
  /** "concur-separate" or "dissent" without an opinion named. */
  | { readonly kind: "opinion-missing"; readonly stance: Stance }
  /** "concur" naming an opinion. */
  | { readonly kind: "opinion-unexpected" }
  /** Another case, or another payload, than the one the verifier expects. */
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  | { readonly kind: "other-payload"; readonly expected: string; readonly actual: string };

export type CoSignatureExpectation = { readonly caseId?: string; readonly payloadSha256?: string };

export type VerifiedCoSignature = { readonly statement: CoSignature; readonly signer: { readonly fingerprint: string; readonly publicKey: Uint8Array } };

/** Verifies a co-signature statement (the exact bytes received and its armored signature) against the roster the verifier holds (see the module comment). */
export function verifyCoSignature(bytes: Uint8Array, signature: string, roster: readonly RosterSeat[], expected: CoSignatureExpectation = {}): Result<VerifiedCoSignature, CoSignatureError> {
  const verified = verifySshsig(signature, bytes, { namespace: CO_SIGNATURE_NAMESPACE });
  if (!verified.ok) return err({ kind: "signature", error: verified.error });
  const json = parseCanonicalJson(bytes);
  if (!json.ok) return err({ kind: "not-canonical", error: json.error });
  const parsed = CoSignatureSchema.safeParse(json.value);
  if (!parsed.success) return err({ kind: "invalid-statement", issues: issuesOf(parsed.error) });
  const statement = parsed.data;
  const signer = verified.value;
  if (signer.fingerprint !== statement.fingerprint) return err({ kind: "not-the-signer", signer: signer.fingerprint, named: statement.fingerprint });
  const seat = roster.find((s) => s.fingerprint === statement.fingerprint);
  if (seat === undefined) return err({ kind: "not-on-roster", fingerprint: statement.fingerprint });
  if (seat.role !== statement.seat) return err({ kind: "wrong-seat", fingerprint: statement.fingerprint, named: statement.seat, holds: seat.role });
  if (stanceNamesOpinion(statement.stance) && statement.opinion === undefined) return err({ kind: "opinion-missing", stance: statement.stance });
  if (!stanceNamesOpinion(statement.stance) && statement.opinion !== undefined) return err({ kind: "opinion-unexpected" });
  if (expected.caseId !== undefined && expected.caseId !== statement.caseId) return err({ kind: "other-case", expected: expected.caseId, actual: statement.caseId });
  if (expected.payloadSha256 !== undefined && expected.payloadSha256 !== statement.payloadSha256) return err({ kind: "other-payload", expected: expected.payloadSha256, actual: statement.payloadSha256 });
  return ok({ statement, signer: { fingerprint: signer.fingerprint, publicKey: signer.publicKey } });
}
