/**
 * The sealed opinion (issue 15, "Sealing"): what the chair sends the
 * secretariat once the co-signing deadline has passed, encrypted to it:
 *
 *   sealed-opinion-….age = age v1, X25519, to the secretariat
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/sealed-opinion: case, the payload's SHA-256),
 *              manifest.json.sig (SSHSIG, namespace sealed-opinion@attribution-panel, the chair seat's key),
 *              opinion.json, opinion.json.sig, disclosures.json (sealed-archive.ts: the payload, the chair's
 *                             signature, every disclosure with its reason),
 *              seal.json (canonical JSON, SealSchema below),
 *              co-signatures/01.json, co-signatures/01.json.sig, …  (each co-signature statement's exact bytes
 *                             and the member's SSHSIG, namespace co-signature@attribution-panel)
 *
 * seal.json lists every co-signature carried (seat and files), and every
 * member seat that did NOT co-sign by the deadline, recorded as such: the
 * opinion never claims a signature it does not have, and never leaves a
 * seat unaccounted. The separate and dissenting opinions travel inside the
 * payload (each a concealed element of `separateOpinions`, its disclosure in
 * disclosures.json, carrying its author's statement and signature).
 *
 * The aggregates' input: the released estimates (every counted seat's final
 * best estimate per claim, with its region when released) are in the
 * payload, and recompute every median, quartile, pool and regional median
 * the findings report; with the region disclosures the secretariat holds
 * here, the regional figures too. What they do not recompute is the group
 * ACH summary (it comes from each member's ACH matrix), and which seat gave
 * which estimate: both are in the final round's scoresheets, which every
 * member already encrypted to the secretariat. seal.json names them
 * (`inputs`: the round and the SHA-256 of each counted scoresheet's
 * canonical bytes, scoresheet-file.ts scoresheetDigest), so the secretariat
 * matches them against its own copies rather than receiving them again from
 * the chair.
 *
 * The secretariat's app opens it with openSealedOpinion and the roster from
 * its OWN records, and stores it only if everything verifies: the chair
 * seat signed the archive and the payload, every disclosure fits, every
 * separate opinion verifies against its author's seat, every co-signature
 * statement verifies, names this payload's SHA-256, comes from a member seat
 * and its stance fits the payload; no seat is listed twice, none both
 * signed and not signed, and every member seat is one or the other; and a
 * seat is recorded as not signing only once the deadline has passed.
 *
 *   age -d -i secretariat.txt sealed-opinion-….age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n sealed-opinion@attribution-panel -s manifest.json.sig < manifest.json
 *   ssh-keygen -Y verify -f allowed_signers -I chair -n opinion@attribution-panel -s opinion.json.sig < opinion.json
 *   ssh-keygen -Y verify -f allowed_signers -I member -n co-signature@attribution-panel -s co-signatures/01.json.sig < co-signatures/01.json
 *   sha256sum opinion.json   (equals every statement's payloadSha256)
 */
import { z } from "../validation/zod";
import { CaseIdSchema, SeatIdSchema } from "../case/model";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { readAllBytes, utf8 } from "../encoding/bytes";
import { parseStrictJson } from "../formats/jcs";
import { archiveJsonFile, defineSignedArchive, writeSignedArchive, type ArchiveBuild, type SignedArchiveError } from "../formats/signed-archive";
import { unpackArchiveBytes, type ArchiveFileTooLarge } from "../formats/signed-archive-json";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { err, ok, type Result } from "../result";
import { RoundSchema } from "../scoring/scoresheet";
import { issuesOf, type Issue } from "../validation/issues";
import { Sha256DigestSchema, sha256Hex, type RosterSeat } from "./co-signature";
import { checkCoSignature, type ArchiveKey, type CheckedCoSignature, type CoSignatureProblem } from "./cosign-exchange";
import { MAX_SEATS } from "./opinion";
import type { VerifiedPayload } from "./payload";
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

export const SEALED_OPINION_FORMAT = "attribution-panel/sealed-opinion";
export const SEALED_OPINION_VERSION = 1;
export const SEAL_PATH = "seal.json";
const CO_SIGNATURE_PATH = /^co-signatures\/[0-9]{2}\.json$/;
/** The path of the i-th co-signature statement (its signature: the same with `.sig`). */
export const coSignaturePath = (i: number): string => `co-signatures/${String(i + 1).padStart(2, "0")}.json`;

export const SEALED_OPINION_FILE = defineSignedArchive({
  name: SEALED_OPINION_FORMAT,
  version: SEALED_OPINION_VERSION,
  namespace: SIGNATURE_NAMESPACES.sealedOpinion,
  extra: { caseId: CaseIdSchema, payloadSha256: Sha256DigestSchema },
});

export const SealSchema = z.strictObject({
  format: z.literal(SEALED_OPINION_FORMAT),
  version: z.literal(SEALED_OPINION_VERSION),
  caseId: CaseIdSchema,
  /** The SHA-256 of opinion.json. */
  payloadSha256: Sha256DigestSchema,
  /** The co-signing deadline the chair set. */
  deadline: z.iso.datetime(),
  sealedAt: z.iso.datetime(),
  /** Every co-signature carried: the seat, and the statement's file (its signature: the same path with `.sig`). */
  coSignatures: z.array(z.strictObject({ fingerprint: SeatIdSchema, statement: z.string().regex(CO_SIGNATURE_PATH) })).max(MAX_SEATS),
  /** Every member seat that did not co-sign by the deadline. */
  notSigned: z.array(z.strictObject({ fingerprint: SeatIdSchema })).max(MAX_SEATS),
  /** The aggregates' input beyond the released estimates (see the module comment). */
  inputs: z.strictObject({
    round: RoundSchema,
    scoresheets: z
      .array(Sha256DigestSchema)
      .max(MAX_SEATS)
      .refine((d) => new Set(d).size === d.length, { params: { reason: "duplicate-scoresheets" } }),
  }),
});
export type Seal = z.infer<typeof SealSchema>;

export const sealedOpinionFileName = (caseId: string): string => `sealed-opinion-${caseId.slice(0, 12)}.age`;

export type SealInput = {
  readonly caseId: string;
  readonly payload: SignedPayload;
  /** Every co-signature received by the deadline, each checked when it came in (cosign-exchange.ts, openCosignReturn). */
  readonly coSignatures: readonly Pick<CheckedCoSignature, "statement" | "bytes" | "signature">[];
  /** The roster the payload was built for: its member seats that did not co-sign are recorded as not signing. */
  readonly roster: readonly RosterSeat[];
  readonly deadline: Date;
  /** The round of the released estimates, and the SHA-256 of each counted scoresheet of it. */
  readonly inputs: Seal["inputs"];
};

/** The seal.json of an input: co-signatures in the order given, then every other member seat as not signing. */
export function sealOf(input: SealInput, sealedAt: Date): Seal {
  const signed: string[] = input.coSignatures.map((c) => c.statement.fingerprint);
  if (new Set(signed).size !== signed.length) throw new Error("two co-signatures of one seat: the chair's app keeps one per seat");
  const missing = input.roster.some((s) => s.role === "member" && !signed.includes(s.fingerprint));
  if (missing && sealedAt.getTime() < input.deadline.getTime()) throw new Error("sealed before the deadline with a member yet to co-sign: the chair's app waits for the deadline");
  return {
    format: SEALED_OPINION_FORMAT,
    version: SEALED_OPINION_VERSION,
    caseId: input.caseId as Seal["caseId"],
    payloadSha256: sha256Hex(input.payload.bytes),
    deadline: input.deadline.toISOString(),
    sealedAt: sealedAt.toISOString(),
    coSignatures: signed.map((fingerprint, i) => ({ fingerprint: fingerprint as Seal["coSignatures"][number]["fingerprint"], statement: coSignaturePath(i) })),
    notSigned: input.roster.filter((s) => s.role === "member" && !signed.includes(s.fingerprint)).map((s) => ({ fingerprint: s.fingerprint as Seal["notSigned"][number]["fingerprint"] })),
    inputs: input.inputs,
  };
}

/** What sealOpinion writes (its manifest is fixed bytes for fixed inputs: buildArchiveManifest). */
export function sealedOpinionBuild(input: SealInput, chair: Ed25519KeyPair, secretariat: Uint8Array, sealedAt: Date): ArchiveBuild<typeof SEALED_OPINION_FILE> {
  const seal = sealOf(input, sealedAt);
  return {
    sender: chair,
    recipients: [secretariat],
    createdAt: sealedAt,
    fields: { caseId: input.caseId, payloadSha256: seal.payloadSha256 },
    files: [
      ...payloadFiles(input.payload),
      archiveJsonFile(SEAL_PATH, seal),
      ...input.coSignatures.flatMap((c, i) => [
        { path: coSignaturePath(i), kind: "json" as const, bytes: c.bytes },
        { path: `${coSignaturePath(i)}.sig`, kind: "json" as const, bytes: utf8(c.signature) },
      ]),
    ],
  };
}

/** Signs the sealed opinion with the chair seat's key and encrypts it to the secretariat (its X25519 public key). */
export const sealOpinion = (input: SealInput, chair: Ed25519KeyPair, secretariat: Uint8Array, sealedAt: Date): Promise<Uint8Array> =>
  readAllBytes(writeSignedArchive(SEALED_OPINION_FILE, sealedOpinionBuild(input, chair, secretariat, sealedAt)));

export type SealedOpinionProblem =
  /** Signed by another key than the chair seat of the secretariat's roster (`fingerprint`: the signer's). */
  | { readonly kind: "not-from-chair"; readonly fingerprint: string }
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "seal-invalid"; readonly issues: readonly Issue[] }
  /** seal.json names another case, payload or sealing time than the signed manifest. */
  | { readonly kind: "invalid-content"; readonly reason: "seal-mismatch" }
  | { readonly kind: "invalid-content"; readonly reason: "not-text"; readonly path: string }
  | PayloadFilesProblem
  /** The inputs' round is not the payload's. */
  | { readonly kind: "other-round"; readonly payload: number; readonly inputs: number }
  /** The co-signature at `index` of seal.json does not verify or does not fit the payload. */
  | { readonly kind: "co-signature"; readonly index: number; readonly problem: CoSignatureProblem }
  /** seal.json lists the co-signature at `index` under another seat than the statement's. */
  | { readonly kind: "co-signature-seat"; readonly index: number; readonly listed: string; readonly signed: string }
  | { readonly kind: "duplicate-seat"; readonly fingerprint: string }
  | { readonly kind: "signed-and-not-signed"; readonly fingerprint: string }
  /** Listed as not signing, but not a member seat of the roster. */
  | { readonly kind: "not-a-member"; readonly fingerprint: string }
  /** A member seat neither signed nor listed as not signing. */
  | { readonly kind: "seat-unaccounted"; readonly fingerprint: string }
  /** Members recorded as not signing, sealed before the deadline they had to sign by. */
  | { readonly kind: "sealed-before-deadline"; readonly deadline: string; readonly sealedAt: string };
export type SealedOpinionError = SignedArchiveError | ArchiveFileTooLarge | SealedOpinionProblem;

export type OpenedSealedOpinion = {
  readonly seal: Seal;
  readonly bytes: Uint8Array;
  readonly signature: string;
  readonly disclosures: DisclosuresFile;
  /** Verified with every disclosure: the full text and every separate opinion. */
  readonly payload: VerifiedPayload;
  /** In seal.json's order. */
  readonly coSignatures: readonly CheckedCoSignature[];
  readonly signer: { readonly fingerprint: string; readonly signingKey: string };
};

/** The secretariat's verification of a sealed opinion, against the roster from its own records (see the module comment). */
export async function openSealedOpinion(bytes: Uint8Array, key: ArchiveKey, roster: readonly RosterSeat[]): Promise<Result<OpenedSealedOpinion, SealedOpinionError>> {
  const chair = roster.find((s) => s.role === "chair")?.fingerprint;
  const opened = await unpackArchiveBytes(SEALED_OPINION_FILE, bytes, key, (manifest, signer): Result<void, SealedOpinionProblem> => {
    if (signer.fingerprint !== chair) return err({ kind: "not-from-chair", fingerprint: signer.fingerprint });
    const fixed = [PAYLOAD_PATH, PAYLOAD_SIGNATURE_PATH, DISCLOSURES_PATH, SEAL_PATH];
    const others = manifest.files.map((f) => f.path).filter((p) => !fixed.includes(p));
    const pairs = others.filter((p) => CO_SIGNATURE_PATH.test(p));
    const wellFormed = fixed.every((p) => manifest.files.some((f) => f.path === p)) && listsExactly(manifest, [...fixed, ...pairs, ...pairs.map((p) => `${p}.sig`)]);
    return wellFormed ? ok(undefined) : err({ kind: "invalid-content", reason: "wrong-files" });
  });
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;

  const json = parseStrictJson(files.get(SEAL_PATH) ?? new Uint8Array());
  const parsed = SealSchema.safeParse(json.ok ? json.value : undefined);
  if (!parsed.success) return err({ kind: "invalid-content", reason: "seal-invalid", issues: issuesOf(parsed.error) });
  const seal = parsed.data;
  if (seal.caseId !== manifest.caseId || seal.payloadSha256 !== manifest.payloadSha256 || Date.parse(seal.sealedAt) !== Date.parse(manifest.createdAt)) return err({ kind: "invalid-content", reason: "seal-mismatch" });
  const listed = seal.coSignatures.map((c) => c.statement);
  const carried = manifest.files.map((f) => f.path).filter((p) => CO_SIGNATURE_PATH.test(p));
  if (new Set(listed).size !== listed.length || listed.length !== carried.length || !carried.every((p) => listed.includes(p))) return err({ kind: "invalid-content", reason: "wrong-files" });

  const payload = checkPayloadFiles(files, manifest, roster);
  if (!payload.ok) return payload;
  const verified = payload.value.verified;
  const round = verified.document["round"];
  if (typeof round === "number" && round !== seal.inputs.round) return err({ kind: "other-round", payload: round, inputs: seal.inputs.round });

  const seen = new Set<string>();
  const coSignatures: CheckedCoSignature[] = [];
  for (const [index, entry] of seal.coSignatures.entries()) {
    const signature = signatureText(files.get(`${entry.statement}.sig`));
    if (signature === undefined) return err({ kind: "invalid-content", reason: "not-text", path: `${entry.statement}.sig` });
    const checked = checkCoSignature(files.get(entry.statement) ?? new Uint8Array(), signature, verified, roster);
    if (!checked.ok) return err({ kind: "co-signature", index, problem: checked.error });
    const signed = checked.value.statement.fingerprint;
    if (signed !== entry.fingerprint) return err({ kind: "co-signature-seat", index, listed: entry.fingerprint, signed });
    if (seen.has(signed)) return err({ kind: "duplicate-seat", fingerprint: signed });
    seen.add(signed);
    coSignatures.push(checked.value);
  }
  const notSigned = new Set<string>();
  for (const { fingerprint } of seal.notSigned) {
    if (seen.has(fingerprint)) return err({ kind: "signed-and-not-signed", fingerprint });
    if (notSigned.has(fingerprint)) return err({ kind: "duplicate-seat", fingerprint });
    if (!roster.some((s) => s.role === "member" && s.fingerprint === fingerprint)) return err({ kind: "not-a-member", fingerprint });
    notSigned.add(fingerprint);
  }
  const unaccounted = roster.find((s) => s.role === "member" && !seen.has(s.fingerprint) && !notSigned.has(s.fingerprint));
  if (unaccounted !== undefined) return err({ kind: "seat-unaccounted", fingerprint: unaccounted.fingerprint });
  if (notSigned.size > 0 && Date.parse(seal.sealedAt) < Date.parse(seal.deadline)) return err({ kind: "sealed-before-deadline", deadline: seal.deadline, sealedAt: seal.sealedAt });

  return ok({ seal, bytes: payload.value.bytes, signature: payload.value.signature, disclosures: payload.value.disclosures, payload: verified, coSignatures, signer: manifest.sender });
}
