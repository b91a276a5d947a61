/**
 * The publication (issue 16): one folder that anyone checks with stock
 * tools, the Verify page or `attribution-panel verify`.
 *
 *   opinion.json                 PublicationSchema below: the signed payload's exact text and the chair's
 *                                signature, the released disclosures, every co-signature statement and its
 *                                signature, the seats that did not co-sign, the declared redactions (digest and
 *                                reason, never content or place), and the opinion as released (the payload with
 *                                the released disclosures revealed: findings, the anonymised estimates, the
 *                                reasoning, the separate and dissenting opinions).
 *   opinion.schema.json          JSON Schema 2020-12 of opinion.json, generated from the zod schema.
 *   signed/payload.json(.sig)    the exact bytes the chair signed (opinion@attribution-panel), beside the signature;
 *   signed/co-signature-NN.json(.sig), signed/separate-opinion-NN.json(.sig)   the same for each member's statement
 *                                (co-signature@) and each separate or dissenting opinion (separate-opinion@);
 *   signed/publication.json(.sig)   the secretariat's publication statement (publication@attribution-panel):
 *                                the released digests, the redactions, the seats that did not co-sign, the date,
 *                                and the SHA-256 of every other file of the folder;
 *   allowed_signers              OpenSSH's format: one principal per key (chair, member-01…, secretariat), each
 *                                limited to the namespaces it signs in;
 *   VERIFY.md                    the exact commands for this publication;
 *   SHA256SUMS                   `sha256sum -c` input for every file but itself.
 *   opinion.<lang>.html / .pdf   the readable opinion (added by the caller as `extraFiles`, so the statement
 *                                and SHA256SUMS cover them).
 *
 * The publication statement cannot cover itself, its signature or
 * SHA256SUMS (made after it); SHA256SUMS covers the statement.
 */
import { z } from "../validation/zod";
import { type Ed25519KeyPair } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { mustCanonicalJson, parseCanonicalJson } from "../formats/jcs";
import { allowedSignersLine, sshFingerprint } from "../formats/openssh-key";
import { disclosureDigest, revealPayloadWithRest, type JsonObject } from "../formats/selective-disclosure";
import { SSH_FINGERPRINT } from "../formats/ssh-fingerprint";
import { SIGNATURE_NAMESPACES, signSshsig } from "../formats/sshsig";
import { STANCES, sha256Hex, type RosterSeat } from "../opinion/co-signature";
import { checkCoSignature, type CoSignatureProblem } from "../opinion/cosign-exchange";
import { MAX_SEATS } from "../opinion/opinion";
import { verifyPayload, type PayloadError, type VerifiedPayload } from "../opinion/payload";
import { SEPARATE_OPINION_KINDS } from "../opinion/separate-opinion";
import { WITHHOLDING_REASONS } from "../opinion/withholding";
import { err, ok, type Result } from "../result";
import type { HeldForRelease, Release } from "./release";

export const PUBLICATION_FORMAT = "attribution-panel/publication";
export const PUBLICATION_VERSION = 1;
export const STATEMENT_FORMAT = "attribution-panel/publication-statement";
export const STATEMENT_VERSION = 1;

export const OPINION_JSON = "opinion.json";
export const OPINION_SCHEMA = "opinion.schema.json";
export const ALLOWED_SIGNERS = "allowed_signers";
export const SHA256SUMS = "SHA256SUMS";
export const VERIFY_MD = "VERIFY.md";
export const SIGNED_PAYLOAD = "signed/payload.json";
export const STATEMENT = "signed/publication.json";
export const signatureOf = (path: string): string => `${path}.sig`;
export const coSignatureFile = (i: number): string => `signed/co-signature-${String(i + 1).padStart(2, "0")}.json`;
export const separateOpinionFile = (i: number): string => `signed/separate-opinion-${String(i + 1).padStart(2, "0")}.json`;

/** The principal each key signs as in allowed_signers. */
export const CHAIR_PRINCIPAL = "chair";
export const SECRETARIAT_PRINCIPAL = "secretariat";
export const memberPrincipal = (i: number): string => `member-${String(i + 1).padStart(2, "0")}`;

/** The most files a publication holds: its own, two per signature, and an HTML and a PDF per language. */
export const MAX_FILES = 400;

// Plain string shapes (not the app's branded custom types), so the JSON Schema generated from these says them.
const Sha256HexString = z.string().regex(/^[0-9a-f]{64}$/);
const Fingerprint = z.string().regex(SSH_FINGERPRINT);
const DigestString = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const DisclosureString = z.string().regex(/^[A-Za-z0-9_-]+$/).max(8 * 1024 * 1024);
const Armored = z.string().startsWith("-----BEGIN SSH SIGNATURE-----").max(4_096);
/** A relative path inside the folder: plain names, no "..", no leading slash. */
export const PublishedPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/)
  .refine((p) => !p.split("/").includes(".."));
const Timestamp = z.iso.datetime();

export const RedactionSchema = z.strictObject({ digest: DigestString, reason: z.enum(WITHHOLDING_REASONS) });

export const PublicationSchema = z.strictObject({
  format: z.literal(PUBLICATION_FORMAT),
  version: z.literal(PUBLICATION_VERSION),
  caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  publishedAt: Timestamp,
  /** The payload the chair signed: its exact text (canonical JSON, RFC 8785) and the armored SSHSIG. */
  payload: z.strictObject({ file: z.literal(SIGNED_PAYLOAD), text: z.string().max(64 * 1024 * 1024), signature: Armored }),
  /** The released disclosures (RFC 9901 rules), in the sealed opinion's order. */
  disclosures: z.array(DisclosureString).max(20_000),
  /** One per withheld part whose digest is visible: the digest and the reason category. */
  redactions: z.array(RedactionSchema).max(20_000),
  coSignatures: z
    .array(z.strictObject({ seat: Fingerprint, stance: z.enum(STANCES), file: PublishedPathSchema, text: z.string().max(100_000), signature: Armored }))
    .max(MAX_SEATS),
  /** Member seats that did not co-sign by the deadline. */
  notSigned: z.array(z.strictObject({ seat: Fingerprint })).max(MAX_SEATS),
  /** The separate and dissenting opinions (their text is in `opinion.separateOpinions`), and the file of each. */
  separateOpinions: z.array(z.strictObject({ seat: Fingerprint, kind: z.enum(SEPARATE_OPINION_KINDS), file: PublishedPathSchema })).max(MAX_SEATS),
  /** The opinion as released: the payload with the released disclosures revealed (withheld parts and decoys absent). */
  opinion: z.record(z.string(), z.unknown()),
  /** The secretariat's statement of this release. */
  statement: z.strictObject({ file: z.literal(STATEMENT), seat: Fingerprint }),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const StatementSchema = z.strictObject({
  format: z.literal(STATEMENT_FORMAT),
  version: z.literal(STATEMENT_VERSION),
  caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** The SHA-256 of the payload's exact bytes. */
  payloadSha256: Sha256HexString,
  publishedAt: Timestamp,
  /** The digest of every released disclosure, sorted. */
  released: z.array(DigestString).max(20_000),
  redactions: z.array(RedactionSchema).max(20_000),
  notSigned: z.array(Fingerprint).max(MAX_SEATS),
  /** Every file of the folder but this statement, its signature and SHA256SUMS, sorted by path. */
  files: z.array(z.strictObject({ path: PublishedPathSchema, sha256: Sha256HexString })).max(MAX_FILES),
});
export type Statement = z.infer<typeof StatementSchema>;

/** opinion.schema.json: JSON Schema 2020-12 of opinion.json. */
export function publicationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PublicationSchema, { target: "draft-2020-12" }),
    $id: "https://attribution-panel.invalid/schemas/publication-1.json",
    title: "Attribution Panel: a published opinion (opinion.json)",
  };
}

/** The panel's roster as the released opinion shows it (seat and role of each entry shown). */
export function rosterOf(opinion: JsonObject): RosterSeat[] {
  const roster = opinion["roster"];
  if (!Array.isArray(roster)) return [];
  return roster.flatMap((entry: unknown) => {
    const seat = z.looseObject({ seat: Fingerprint, role: z.enum(["chair", "member"]) }).safeParse(entry);
    return seat.success ? [{ role: seat.data.role, fingerprint: seat.data.seat }] : [];
  });
}

/** The payload verified with the given disclosures against the roster it shows itself (the chair signed that roster). */
export function verifyReleasedPayload(bytes: Uint8Array, signature: string, disclosures: readonly string[]): Result<VerifiedPayload, PayloadError> {
  const json = parseCanonicalJson(bytes);
  if (!json.ok) return err({ kind: "not-canonical", error: json.error });
  const revealed = revealPayloadWithRest(json.value, disclosures);
  if (!revealed.ok) return err({ kind: "disclosures", error: revealed.error });
  return verifyPayload(bytes, signature, rosterOf(revealed.value.document), disclosures);
}

/** The opinion as released: the revealed document without `_sd_alg`. */
export function releasedOpinion(verified: Pick<VerifiedPayload, "document">): JsonObject {
  const { _sd_alg: _alg, ...rest } = verified.document;
  return rest;
}

export type PublicationBuildError =
  | { readonly kind: "payload"; readonly error: PayloadError }
  | { readonly kind: "co-signature"; readonly index: number; readonly problem: CoSignatureProblem }
  /** A signer whose seat the release withholds from the roster: nobody could tell whose signature it is. */
  | { readonly kind: "signer-withheld"; readonly fingerprint: string };

export type PublicationInput = {
  readonly held: HeldForRelease;
  readonly release: Release;
  readonly secretariat: Ed25519KeyPair;
  readonly publishedAt: Date;
  /** The readable opinion in each language (HTML and PDF), covered by the statement and SHA256SUMS like every other file. */
  readonly extraFiles?: ReadonlyMap<string, Uint8Array>;
};

const textFile = (text: string): Uint8Array => utf8(text);
const jsonFile = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** The signed files of a publication and who signed each: what VERIFY.md and the verifier go through. */
export type SignedFile = { readonly file: string; readonly principal: string; readonly namespace: string; readonly fingerprint: string };

/**
 * Every file of the publication, by path. The payload is verified with the
 * released disclosures exactly as a reader will, and every co-signature
 * against it, so a publication that would not verify is never written.
 */
export function buildPublication(input: PublicationInput): Result<Map<string, Uint8Array>, PublicationBuildError> {
  const { held, release, secretariat, publishedAt } = input;
  const payloadBytes = utf8(held.payload);
  const verified = verifyReleasedPayload(payloadBytes, held.signature, release.released);
  if (!verified.ok) return err({ kind: "payload", error: verified.error });
  const payload = verified.value;
  const roster = rosterOf(payload.document);
  const members = roster.filter((s) => s.role === "member");

  const coSignatures = [];
  for (const [index, c] of held.coSignatures.entries()) {
    const checked = checkCoSignature(utf8(c.statement), c.signature, payload, roster);
    if (!checked.ok) return err({ kind: "co-signature", index, problem: checked.error });
    coSignatures.push(checked.value);
  }
  const signers = [payload.signer.fingerprint, ...coSignatures.map((c) => c.signer.fingerprint), ...payload.separateOpinions.map((s) => s.signer.fingerprint)];
  const withheld = signers.find((f) => !roster.some((s) => s.fingerprint === f));
  if (withheld !== undefined) return err({ kind: "signer-withheld", fingerprint: withheld });

  const files = new Map<string, Uint8Array>();
  files.set(SIGNED_PAYLOAD, payloadBytes);
  files.set(signatureOf(SIGNED_PAYLOAD), textFile(held.signature));
  coSignatures.forEach((c, i) => {
    files.set(coSignatureFile(i), c.bytes);
    files.set(signatureOf(coSignatureFile(i)), textFile(c.signature));
  });
  payload.separateOpinions.forEach((s, i) => {
    files.set(separateOpinionFile(i), s.bytes);
    files.set(signatureOf(separateOpinionFile(i)), textFile(s.signature));
  });

  const secretariatSeat = sshFingerprint(secretariat.publicKey);
  const publication: Publication = {
    format: PUBLICATION_FORMAT,
    version: PUBLICATION_VERSION,
    caseId: payload.caseId,
    publishedAt: publishedAt.toISOString(),
    payload: { file: SIGNED_PAYLOAD, text: held.payload, signature: held.signature },
    disclosures: [...release.released],
    redactions: release.redactions.map((r) => ({ digest: r.digest, reason: r.reason })),
    coSignatures: coSignatures.map((c, i) => ({ seat: c.statement.fingerprint, stance: c.statement.stance, file: coSignatureFile(i), text: held.coSignatures[i]?.statement ?? "", signature: c.signature })),
    notSigned: held.seal.notSigned.map((n) => ({ seat: n.fingerprint })),
    separateOpinions: payload.separateOpinions.map((s, i) => ({ seat: s.opinion.fingerprint, kind: s.opinion.kind, file: separateOpinionFile(i) })),
    opinion: releasedOpinion(payload),
    statement: { file: STATEMENT, seat: secretariatSeat },
  };
  files.set(OPINION_JSON, jsonFile(publication));
  files.set(OPINION_SCHEMA, jsonFile(publicationJsonSchema()));

  // allowed_signers: each key once, as the principal of its seat, limited to the namespaces it signs in here.
  const keys = new Map<string, { publicKey: Uint8Array; namespaces: Set<string> }>();
  const allow = (fingerprint: string, publicKey: Uint8Array, namespace: string) => {
    const entry = keys.get(fingerprint) ?? { publicKey, namespaces: new Set<string>() };
    entry.namespaces.add(namespace);
    keys.set(fingerprint, entry);
  };
  allow(payload.signer.fingerprint, payload.signer.publicKey, SIGNATURE_NAMESPACES.opinion);
  for (const c of coSignatures) allow(c.signer.fingerprint, c.signer.publicKey, SIGNATURE_NAMESPACES.coSignature);
  for (const s of payload.separateOpinions) allow(s.signer.fingerprint, s.signer.publicKey, SIGNATURE_NAMESPACES.separateOpinion);
  const principalOf = (fingerprint: string): string => {
    const seat = roster.find((s) => s.fingerprint === fingerprint);
    return seat?.role === "chair" ? CHAIR_PRINCIPAL : memberPrincipal(members.findIndex((m) => m.fingerprint === fingerprint));
  };
  const lines = [...keys].map(([fingerprint, k]) => allowedSignersLine(principalOf(fingerprint), k.publicKey, [...k.namespaces].sort()));
  lines.push(allowedSignersLine(SECRETARIAT_PRINCIPAL, secretariat.publicKey, [SIGNATURE_NAMESPACES.publication]));
  files.set(ALLOWED_SIGNERS, textFile(`${lines.join("\n")}\n`));

  const signed: SignedFile[] = [
    { file: SIGNED_PAYLOAD, principal: CHAIR_PRINCIPAL, namespace: SIGNATURE_NAMESPACES.opinion, fingerprint: payload.signer.fingerprint },
    ...coSignatures.map((c, i) => ({ file: coSignatureFile(i), principal: principalOf(c.signer.fingerprint), namespace: SIGNATURE_NAMESPACES.coSignature, fingerprint: c.signer.fingerprint })),
    ...payload.separateOpinions.map((s, i) => ({ file: separateOpinionFile(i), principal: principalOf(s.signer.fingerprint), namespace: SIGNATURE_NAMESPACES.separateOpinion, fingerprint: s.signer.fingerprint })),
    { file: STATEMENT, principal: SECRETARIAT_PRINCIPAL, namespace: SIGNATURE_NAMESPACES.publication, fingerprint: secretariatSeat },
  ];
  files.set(VERIFY_MD, textFile(verifyInstructions(publication, signed)));
  for (const [path, bytes] of input.extraFiles ?? []) files.set(path, bytes);

  const statement: Statement = {
    format: STATEMENT_FORMAT,
    version: STATEMENT_VERSION,
    caseId: payload.caseId,
    payloadSha256: payload.sha256,
    publishedAt: publication.publishedAt,
    released: publishedDigests(release.released),
    redactions: publication.redactions,
    notSigned: publication.notSigned.map((n) => n.seat),
    files: listing(files),
  };
  const statementBytes = mustCanonicalJson(StatementSchema.parse(statement), "the publication statement");
  files.set(STATEMENT, statementBytes);
  files.set(signatureOf(STATEMENT), textFile(signSshsig(statementBytes, secretariat, SIGNATURE_NAMESPACES.publication)));
  files.set(SHA256SUMS, textFile(sha256sums(files)));
  return ok(files);
}

/** The digests of the released disclosures, sorted (as the statement lists them). */
export const publishedDigests = (released: readonly string[]): string[] => released.map(disclosureDigest).sort();

/** Every file with its SHA-256, sorted by path (the statement's `files`). */
export const listing = (files: ReadonlyMap<string, Uint8Array>): { path: string; sha256: string }[] =>
  [...files].map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes) as string })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** `sha256sum` output for every file but SHA256SUMS itself (two spaces: text mode, as sha256sum -c reads it). */
export const sha256sums = (files: ReadonlyMap<string, Uint8Array>): string =>
  listing(new Map([...files].filter(([path]) => path !== SHA256SUMS)))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join("");

/** VERIFY.md: the commands, for this publication's own files and principals. */
export function verifyInstructions(publication: Pick<Publication, "caseId" | "publishedAt">, signed: readonly SignedFile[]): string {
  const verify = (s: SignedFile) => `ssh-keygen -Y verify -f allowed_signers -I ${s.principal} -n ${s.namespace} -s ${signatureOf(s.file)} < ${s.file}`;
  const who = (s: SignedFile) => `- \`${s.principal}\`: \`${s.fingerprint}\``;
  const unique = [...new Map(signed.map((s) => [s.principal, s])).values()];
  return [
    `# Verifying this publication`,
    ``,
    `Case \`${publication.caseId}\`, published ${publication.publishedAt}. Run these commands in this folder.`,
    ``,
    `## 1. The keys`,
    ``,
    `allowed_signers names each key that signed a file here, limited to what it may sign. Compare these fingerprints`,
    `with the ones the panel and the secretariat published elsewhere (their identity cards); everything below proves`,
    `only that these keys signed.`,
    ``,
    ...unique.map(who),
    ``,
    `## 2. Every file is the one the secretariat published`,
    ``,
    "```sh",
    `sha256sum -c SHA256SUMS`,
    verify(signed[signed.length - 1] as SignedFile),
    "```",
    ``,
    `The secretariat's statement (${STATEMENT}) lists the SHA-256 of every other file, which parts were released and`,
    `why each withheld part was withheld.`,
    ``,
    `## 3. The panel signed the opinion`,
    ``,
    "```sh",
    ...signed.slice(0, -1).map(verify),
    "```",
    ``,
    `To find who signed a file: \`ssh-keygen -Y find-principals -f allowed_signers -s FILE.sig\`.`,
    ``,
    `## 4. Everything at once`,
    ``,
    `The Attribution Panel app (Verify page) or its command-line tool checks all of the above, that the released`,
    `parts are exactly those the chair signed (RFC 9901 disclosure rules), every co-signature and its stance, and`,
    `recomputes the stated medians, quartiles and pools from the released anonymised estimates:`,
    ``,
    "```sh",
    `attribution-panel verify .`,
    `attribution-panel verify --json .`,
    "```",
    ``,
  ].join("\n");
}
