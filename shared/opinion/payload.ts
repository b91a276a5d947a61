/**
 * The signed opinion payload (issue 15, "The signed payload"): the opinion
 * document (opinion.ts) in canonical JSON with every part the chair marked
 * withholdable (withholding.ts) replaced by a salted digest
 * (shared/formats/selective-disclosure.ts, RFC 9901 rules), with the
 * members' signed separate and dissenting opinions carried verbatim. The
 * chair signs its exact bytes under `opinion@attribution-panel`; members
 * co-sign its SHA-256 (co-signature.ts).
 *
 * It is made in two steps, because a separate opinion answers a draft and
 * is written before the final payload exists:
 *
 * 1. concealDraft: the draft payload, the opinion with the marked parts
 *    concealed, decoys added and `_sd_alg` at the top. Its salts and decoys
 *    are fixed here, once: the chair sends these exact bytes (with every
 *    disclosure) to the members for comment, and a separate opinion names
 *    their SHA-256 (separate-opinion.ts says why the concealed draft).
 * 2. buildPayload: the final payload, the draft payload's object with one
 *    key added, `separateOpinions`: an array in which every signed opinion
 *    is one element, always concealed (`{"...": digest}`), whose disclosure
 *    value is
 *
 *      {"signature": "-----BEGIN SSH SIGNATURE-----…", "statement": "<the signed canonical JSON, as a string>"}
 *
 *    so anyone holding the disclosure re-verifies the author's signature
 *    over the exact bytes (the statement's UTF-8). Decoys pad the array to
 *    one element per seat of the roster, at random places, so the payload
 *    does not tell whether a dissent exists or how many there are.
 *
 * Removing `separateOpinions` from the final payload and writing the rest as
 * canonical JSON gives back the draft payload's bytes exactly (canonical
 * JSON sorts keys, nothing else moves): verifyPayload recomputes the draft's
 * digest from the final payload alone and checks that each separate opinion
 * names it, so the chair cannot change the majority text under a dissent.
 * All disclosures of the final payload are the draft's and the separate
 * opinions'.
 *
 * Anyone checks the chair's signature with stock tools:
 *
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n opinion@attribution-panel -s opinion.json.sig < opinion.json
 */
import { z } from "../validation/zod";
import { CaseIdSchema } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { bytesEqual, fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson, parseCanonicalJson, type JsonError } from "../formats/jcs";
import { childPointer, parsePointer, pointerOf, type JsonPointer } from "../formats/json-pointer";
import {
  SD_ALG,
  concealPayload,
  revealPayloadWithRest,
  type ConcealError,
  type ConcealedPart,
  type DecoySpec,
  type JsonObject,
  type JsonValue,
  type RandomSource,
  type RevealError,
} from "../formats/selective-disclosure";
import { SIGNATURE_NAMESPACES, signSshsig, verifySshsig, type ArmoredSshSignature, type SignatureError } from "../formats/sshsig";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { sha256Hex, type RosterSeat, type Sha256Hex } from "./co-signature";
import { MAX_SEATS, OPINION_FORMAT, OPINION_VERSION, OpinionSchema, type Opinion } from "./opinion";
import { SeparateOpinionSchema, verifySeparateOpinion, type SeparateOpinionError, type SignedSeparateOpinion, type VerifiedSeparateOpinion } from "./separate-opinion";
import { checkMarks, estimateRegionPointers, type MarkProblem, type WithholdingMark, type WithholdingReason } from "./withholding";

export const PAYLOAD_NAMESPACE = SIGNATURE_NAMESPACES.opinion;
/** The key of the final payload that carries the signed separate opinions. */
export const SEPARATE_OPINIONS_KEY = "separateOpinions";
/** The longest statement (signed separate opinion) carried, in characters: the text's limit with room for JSON escapes. */
export const MAX_STATEMENT = 1_000_000;
export const MAX_ARMORED_SIGNATURE = 2_000;

/** One element of `separateOpinions` once disclosed: the signed bytes as a string, and the armored signature over them. */
export const SeparateOpinionEntrySchema = z.strictObject({
  statement: z.string().max(MAX_STATEMENT),
  signature: z.string().max(MAX_ARMORED_SIGNATURE),
});
export type SeparateOpinionEntry = z.infer<typeof SeparateOpinionEntrySchema>;

/** What the verifier reads before any disclosure: the fields never withheld, `_sd_alg`, and the (concealed) separate opinions. */
const DraftEnvelopeSchema = z.looseObject({
  format: z.literal(OPINION_FORMAT),
  version: z.literal(OPINION_VERSION),
  caseId: CaseIdSchema,
  _sd_alg: z.literal(SD_ALG),
});
const PayloadEnvelopeSchema = DraftEnvelopeSchema.extend({ [SEPARATE_OPINIONS_KEY]: z.array(z.unknown()).max(MAX_SEATS) });

// --- step 1: the draft payload -----------------------------------------------

/** A disclosure of the draft, with the reason the chair gave for withholding the part. */
export type DraftDisclosure = ConcealedPart & { readonly reason: WithholdingReason };

export type DraftPayload = {
  /** The concealed opinion (what the bytes say). */
  readonly payload: JsonObject;
  /** Its canonical bytes: what the chair sends and every separate opinion names. */
  readonly bytes: Uint8Array;
  readonly sha256: Sha256Hex;
  /** One per mark, in document order (selective-disclosure.ts). */
  readonly disclosures: readonly DraftDisclosure[];
  /** The decoy digests: sent to the members with the disclosures, so each can tell that nothing else of the draft is hidden from them. */
  readonly decoys: readonly string[];
};

export type DraftPayloadError =
  | { readonly kind: "invalid-opinion"; readonly issues: readonly Issue[] }
  | { readonly kind: "marks"; readonly problems: readonly MarkProblem[] }
  | { readonly kind: "conceal"; readonly error: ConcealError };

/** At least one decoy, at most max(size, 3). */
const decoyCount = (random: RandomSource, size: number): number => 1 + random.below(Math.max(size, 3));

const parentOf = (pointer: JsonPointer): JsonPointer => pointerOf((parsePointer(pointer) ?? []).slice(0, -1));

/**
 * The decoys concealDraft adds by default (RFC 9901 §4.2.5), so that the
 * payload says little about how many parts are withheld, and where:
 * - in the top-level `_sd`, and among the reasoning's paragraphs, the
 *   evidence items and the roster's seats: one to max(their number, 3),
 *   at random;
 * - in every object of a family (the findings, the evidence items, the
 *   seats, the released estimates with a region): as many as make every
 *   object of the family hold the same number of digests, the most any of
 *   them withholds plus one to three, so a withheld field of one seat (say
 *   an affiliation) does not single that seat out among its peers.
 * `marks` are the chair's (checked: checkMarks).
 */
export function defaultDecoys(opinion: Opinion, marks: readonly WithholdingMark[], random: RandomSource): DecoySpec[] {
  const parents = marks.map((m) => parentOf(m.pointer));
  const spread = (pointer: JsonPointer, size: number): DecoySpec => ({ pointer, count: decoyCount(random, size) });
  const family = (pointers: readonly JsonPointer[]): DecoySpec[] => {
    const real = (p: JsonPointer) => parents.filter((q) => q === p).length;
    const most = Math.max(0, ...pointers.map(real));
    const total = most + decoyCount(random, 0);
    return pointers.map((pointer) => ({ pointer, count: total - real(pointer) }));
  };
  const each = (key: "findings" | "evidence" | "roster", items: readonly unknown[]) => family(items.map((_, i) => pointerOf([key, i])));
  return [
    spread("", 0),
    spread("/reasoning", opinion.reasoning.length),
    spread("/evidence", opinion.evidence.length),
    spread("/roster", opinion.roster.length),
    ...each("findings", opinion.findings),
    ...each("evidence", opinion.evidence),
    ...each("roster", opinion.roster),
    ...family(estimateRegionPointers(opinion).map(parentOf)),
  ];
}

export type ConcealDraftOptions = {
  readonly random: RandomSource;
  /** Decoys in addition to defaultDecoys. */
  readonly decoys?: readonly DecoySpec[];
};

/** The draft payload (step 1 of the module comment): `marks` are checked (checkMarks) and each marked part concealed with a fresh salt. */
export function concealDraft(opinion: Opinion, marks: readonly WithholdingMark[], options: ConcealDraftOptions): Result<DraftPayload, DraftPayloadError> {
  const parsed = OpinionSchema.safeParse(opinion);
  if (!parsed.success) return err({ kind: "invalid-opinion", issues: issuesOf(parsed.error) });
  const checked = checkMarks(parsed.data, marks);
  if (!checked.ok) return err({ kind: "marks", problems: checked.error });
  const reasons = new Map<JsonPointer, WithholdingReason>(checked.value.map((m) => [pointerOf(parsePointer(m.pointer) ?? []), m.reason]));
  const concealed = concealPayload(
    parsed.data,
    checked.value.map((m) => m.pointer),
    { random: options.random, decoys: [...defaultDecoys(parsed.data, checked.value, options.random), ...(options.decoys ?? [])] },
  );
  if (!concealed.ok) return err({ kind: "conceal", error: concealed.error });
  const bytes = mustCanonicalJson(concealed.value.payload, "the draft payload");
  const disclosures = concealed.value.disclosures.map((d) => {
    const reason = reasons.get(d.pointer);
    if (reason === undefined) throw new Error(`a disclosure at ${d.pointer} answers no mark`);
    return { ...d, reason };
  });
  return ok({ payload: concealed.value.payload, bytes, sha256: sha256Hex(bytes), disclosures, decoys: concealed.value.decoys });
}

// --- step 2: the final payload -----------------------------------------------

export type OpinionPayload = {
  readonly payload: JsonObject;
  /** The canonical bytes the chair signs and the members co-sign (by their SHA-256). */
  readonly bytes: Uint8Array;
  readonly sha256: Sha256Hex;
  /** The draft payload's SHA-256, which every separate opinion names. */
  readonly draftSha256: Sha256Hex;
  /** The separate opinions' disclosures (pointers `/separateOpinions/i`, in the order of the fingerprints); the draft's come with the draft. */
  readonly disclosures: readonly ConcealedPart[];
  /** The decoy digests among `separateOpinions`: sent with every disclosure, so a reader tells that nothing else is hidden. */
  readonly decoys: readonly string[];
};

export type PayloadBuildError =
  /** The draft payload's bytes are not canonical JSON. */
  | { readonly kind: "draft-not-canonical"; readonly error: JsonError }
  /** Not a draft payload: no opinion format, case or `_sd_alg`, or separate opinions already in. */
  | { readonly kind: "invalid-draft"; readonly issues: readonly Issue[] }
  | { readonly kind: "draft-has-separate-opinions" }
  /** The separate opinion at `index` does not verify against the roster for this case and draft. */
  | { readonly kind: "separate-opinion"; readonly index: number; readonly error: SeparateOpinionError }
  /** Two separate opinions from one seat: its author chooses one. */
  | { readonly kind: "two-opinions-one-seat"; readonly fingerprint: string };

const omitSeparateOpinions = (payload: JsonObject): JsonObject => Object.fromEntries(Object.entries(payload).filter(([key]) => key !== SEPARATE_OPINIONS_KEY));

/** The SHA-256 of the draft payload a final payload was built from (see the module comment). */
export const draftSha256Of = (payload: JsonObject): Sha256Hex => sha256Hex(mustCanonicalJson(omitSeparateOpinions(payload), "the draft payload"));

/**
 * The final payload (step 2 of the module comment) from the draft payload's
 * exact bytes and the members' signed separate opinions, each checked
 * against the roster for this case and this draft before it goes in.
 */
export function buildPayload(draftBytes: Uint8Array, separateOpinions: readonly SignedSeparateOpinion[], roster: readonly RosterSeat[], random: RandomSource): Result<OpinionPayload, PayloadBuildError> {
  const json = parseCanonicalJson(draftBytes);
  if (!json.ok) return err({ kind: "draft-not-canonical", error: json.error });
  const envelope = DraftEnvelopeSchema.safeParse(json.value);
  if (!envelope.success) return err({ kind: "invalid-draft", issues: issuesOf(envelope.error) });
  const draft = json.value as JsonObject;
  if (Object.hasOwn(draft, SEPARATE_OPINIONS_KEY)) return err({ kind: "draft-has-separate-opinions" });
  const draftSha256 = sha256Hex(draftBytes);

  const verified: { fingerprint: string; entry: SeparateOpinionEntry }[] = [];
  for (const [index, signed] of separateOpinions.entries()) {
    const checked = verifySeparateOpinion(signed.bytes, signed.signature, roster, { caseId: envelope.data.caseId, draftSha256 });
    if (!checked.ok) return err({ kind: "separate-opinion", index, error: checked.error });
    const { fingerprint } = checked.value.opinion;
    if (verified.some((v) => v.fingerprint === fingerprint)) return err({ kind: "two-opinions-one-seat", fingerprint });
    // Canonical JSON is UTF-8, so the string gives back the exact bytes.
    verified.push({ fingerprint, entry: { statement: fromUtf8(signed.bytes) as string, signature: signed.signature } });
  }
  verified.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const entries = verified.map((v) => v.entry);

  const pointer = childPointer("", SEPARATE_OPINIONS_KEY);
  const decoys = Math.max(roster.length, entries.length) - entries.length;
  const concealed = concealPayload(
    { [SEPARATE_OPINIONS_KEY]: entries },
    entries.map((_, i) => childPointer(pointer, i)),
    { random, decoys: [{ pointer, count: decoys }] },
  );
  // Entries of strings in a one-key object: nothing here can be refused.
  if (!concealed.ok) throw new Error(`the separate opinions could not be concealed: ${concealed.error.kind}`);
  const payload: JsonObject = { ...draft, [SEPARATE_OPINIONS_KEY]: concealed.value.payload[SEPARATE_OPINIONS_KEY] as JsonValue };
  const bytes = mustCanonicalJson(payload, "the opinion payload");
  return ok({ payload, bytes, sha256: sha256Hex(bytes), draftSha256, disclosures: concealed.value.disclosures, decoys: concealed.value.decoys });
}

/** The chair's signature over the final payload's exact bytes. */
export const signPayload = (bytes: Uint8Array, chair: Ed25519KeyPair): ArmoredSshSignature => signSshsig(bytes, chair, PAYLOAD_NAMESPACE);

// --- verifying ---------------------------------------------------------------

export type PayloadError =
  /** The signature does not verify over these bytes under opinion@attribution-panel. */
  | { readonly kind: "signature"; readonly error: SignatureError }
  | { readonly kind: "not-canonical"; readonly error: JsonError }
  /** Not an opinion payload: its format, version, case, `_sd_alg` or `separateOpinions` array is missing or wrong. */
  | { readonly kind: "invalid-payload"; readonly issues: readonly Issue[] }
  /** The signer holds no seat on the roster, or a member's. */
  | { readonly kind: "not-on-roster"; readonly fingerprint: string }
  | { readonly kind: "not-the-chair"; readonly fingerprint: string }
  | { readonly kind: "other-case"; readonly expected: string; readonly actual: string }
  /** The disclosures do not fit the payload (RFC 9901 §7.1). */
  | { readonly kind: "disclosures"; readonly error: RevealError }
  /** A disclosed element of `separateOpinions` that is not {statement, signature}. */
  | { readonly kind: "invalid-separate-opinion-entry"; readonly index: number; readonly issues: readonly Issue[] }
  /** A disclosed separate opinion (at `index` of the revealed array) that does not verify for this case, this draft and the roster. */
  | { readonly kind: "separate-opinion"; readonly index: number; readonly error: SeparateOpinionError }
  | { readonly kind: "two-opinions-one-seat"; readonly fingerprint: string };

export type VerifiedEntry = VerifiedSeparateOpinion & { readonly bytes: Uint8Array; readonly signature: string };

export type VerifiedPayload = {
  readonly caseId: string;
  /** The SHA-256 of the payload's exact bytes (what co-signatures name). */
  readonly sha256: Sha256Hex;
  readonly draftSha256: Sha256Hex;
  readonly signer: { readonly fingerprint: string; readonly publicKey: Uint8Array };
  /** The payload with the given disclosures revealed (RFC 9901 §7.1): withheld parts and decoys removed. */
  readonly document: JsonObject;
  /** The digests no given disclosure answers: the withheld parts and the decoys. */
  readonly undisclosed: readonly string[];
  /** The disclosed separate opinions, each verified, in the payload's order. */
  readonly separateOpinions: readonly VerifiedEntry[];
};

export type PayloadExpectation = { readonly caseId?: string };

/**
 * Verifies a final payload (its exact bytes and the chair's armored
 * signature) with any subset of its disclosures, against the roster the
 * verifier holds: the chair's seat signed these bytes, they are canonical,
 * the disclosures fit (RFC 9901 §7.1), and every disclosed separate opinion
 * verifies against its author's seat and names this payload's draft.
 */
export function verifyPayload(
  bytes: Uint8Array,
  signature: string,
  roster: readonly RosterSeat[],
  disclosures: readonly string[] = [],
  expected: PayloadExpectation = {},
): Result<VerifiedPayload, PayloadError> {
  const verified = verifySshsig(signature, bytes, { namespace: PAYLOAD_NAMESPACE });
  if (!verified.ok) return err({ kind: "signature", error: verified.error });
  const json = parseCanonicalJson(bytes);
  if (!json.ok) return err({ kind: "not-canonical", error: json.error });
  const envelope = PayloadEnvelopeSchema.safeParse(json.value);
  if (!envelope.success) return err({ kind: "invalid-payload", issues: issuesOf(envelope.error) });
  const signer = verified.value;
  const seat = roster.find((s) => s.fingerprint === signer.fingerprint);
  if (seat === undefined) return err({ kind: "not-on-roster", fingerprint: signer.fingerprint });
  if (seat.role !== "chair") return err({ kind: "not-the-chair", fingerprint: signer.fingerprint });
  const { caseId } = envelope.data;
  if (expected.caseId !== undefined && expected.caseId !== caseId) return err({ kind: "other-case", expected: expected.caseId, actual: caseId });

  const payload = json.value as JsonObject;
  const draftSha256 = draftSha256Of(payload);
  const revealed = revealPayloadWithRest(payload, disclosures);
  if (!revealed.ok) return err({ kind: "disclosures", error: revealed.error });
  const { document, undisclosed } = revealed.value;

  const separateOpinions: VerifiedEntry[] = [];
  for (const [index, raw] of (document[SEPARATE_OPINIONS_KEY] as readonly JsonValue[]).entries()) {
    const entry = SeparateOpinionEntrySchema.safeParse(raw);
    if (!entry.success) return err({ kind: "invalid-separate-opinion-entry", index, issues: issuesOf(entry.error) });
    const statement = utf8(entry.data.statement);
    const checked = verifySeparateOpinion(statement, entry.data.signature, roster, { caseId, draftSha256 });
    if (!checked.ok) return err({ kind: "separate-opinion", index, error: checked.error });
    const { fingerprint } = checked.value.opinion;
    if (separateOpinions.some((v) => v.opinion.fingerprint === fingerprint)) return err({ kind: "two-opinions-one-seat", fingerprint });
    separateOpinions.push({ ...checked.value, bytes: statement, signature: entry.data.signature });
  }
  return ok({ caseId, sha256: sha256Hex(bytes), draftSha256, signer: { fingerprint: signer.fingerprint, publicKey: signer.publicKey }, document, undisclosed, separateOpinions });
}

export type MySeparateOpinionError =
  /** The payload answers another draft than the member's opinion does: the chair revised the draft, the member signs again. */
  | { readonly kind: "other-draft"; readonly mine: string; readonly payload: string }
  /** The payload carries another opinion of the member's (an earlier version they signed), not this one. */
  | { readonly kind: "other-version"; readonly index: number }
  /** The payload carries no opinion of the member's among those disclosed. */
  | { readonly kind: "missing" };

/**
 * The check a member runs before co-signing: the payload (verified with
 * ALL its disclosures, as the chair sends it) carries their separate
 * opinion exactly as they signed it, byte for byte. `mine` is the member's
 * own signed opinion (a record of theirs: malformed bytes are a bug and
 * throw).
 */
export function findMySeparateOpinion(verified: VerifiedPayload, mine: SignedSeparateOpinion): Result<{ readonly index: number }, MySeparateOpinionError> {
  const json = parseCanonicalJson(mine.bytes);
  const opinion = SeparateOpinionSchema.parse(json.ok ? json.value : undefined);
  const index = verified.separateOpinions.findIndex((e) => bytesEqual(e.bytes, mine.bytes));
  if (index >= 0) return ok({ index });
  if (opinion.draftSha256 !== verified.draftSha256) return err({ kind: "other-draft", mine: opinion.draftSha256, payload: verified.draftSha256 });
  const other = verified.separateOpinions.findIndex((e) => e.opinion.fingerprint === opinion.fingerprint);
  return other >= 0 ? err({ kind: "other-version", index: other }) : err({ kind: "missing" });
}
