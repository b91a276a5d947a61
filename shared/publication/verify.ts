/**
 * Verifying a publication (issue 16, "Verifying"): what the Verify page and
 * `attribution-panel verify` check, from the folder's files alone, without a
 * vault or any identity.
 *
 * - opinion.json is a publication (its schema); the payload verifies under
 *   the chair's seat of the roster it carries (opinion@attribution-panel),
 *   with the released disclosures fitting it (RFC 9901 §7.1: no disclosure
 *   twice, none unreferenced, none malformed); the opinion it shows is
 *   exactly the payload so revealed; every separate opinion verifies
 *   against its author's seat and the draft;
 * - every declared redaction names a digest of the payload left
 *   undisclosed, once; digests neither released nor declared are decoys;
 * - every co-signature verifies against this payload and a member seat,
 *   its stance fitting the opinions released; every member seat co-signed
 *   or is listed as not signing, once;
 * - the files under signed/ are the exact bytes and signatures opinion.json
 *   carries, and allowed_signers lists each signing key for its namespace,
 *   so `ssh-keygen -Y verify` agrees with this verifier;
 * - the secretariat's statement verifies (publication@attribution-panel),
 *   says the same release, and lists the SHA-256 of every other file, each
 *   present and unchanged, and no file beyond them; SHA256SUMS agrees;
 * - every stated aggregate is recomputed from the released estimates.
 *
 * Every problem found is reported (not only the first), as values.
 * Unusable input (no opinion.json, not JSON, not a publication at all) is an
 * error of its own: nothing to verify.
 */
import { z } from "../validation/zod";
import { bytesEqual, fromUtf8, utf8 } from "../encoding/bytes";
import { mustCanonicalJson, parseStrictJson } from "../formats/jcs";
import { parseOpenSshPublicKey } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, verifySshsig, type SignatureError } from "../formats/sshsig";
import { sha256Hex } from "../opinion/co-signature";
import { checkCoSignature, type CoSignatureProblem } from "../opinion/cosign-exchange";
import type { PayloadError } from "../opinion/payload";
import { issuesOf, type Issue } from "../validation/issues";
import { err, ok, type Result } from "../result";
import { checkAggregates, type AggregateCheck } from "./aggregates";
import {
  ALLOWED_SIGNERS,
  OPINION_JSON,
  PUBLICATION_FORMAT,
  PublicationSchema,
  SHA256SUMS,
  STATEMENT,
  StatementSchema,
  listing,
  publishedDigests,
  releasedOpinion,
  rosterOf,
  signatureOf,
  verifyReleasedPayload,
  type Publication,
} from "./publication";

export type UnusablePublication =
  | { readonly kind: "no-opinion-json" }
  | { readonly kind: "not-json" }
  /** JSON, but not an Attribution Panel publication (another format). */
  | { readonly kind: "not-a-publication" };

export type PublicationProblem =
  /** opinion.json has the publication's format but not its shape. */
  | { readonly kind: "invalid-publication"; readonly issues: readonly Issue[] }
  | { readonly kind: "payload"; readonly error: PayloadError }
  /** The opinion shown in opinion.json is not the payload revealed with the released disclosures. */
  | { readonly kind: "opinion-differs" }
  | { readonly kind: "redaction-not-withheld"; readonly digest: string }
  | { readonly kind: "redaction-twice"; readonly digest: string }
  | { readonly kind: "co-signature"; readonly index: number; readonly problem: CoSignatureProblem }
  /** The seat or stance listed beside a co-signature is not what its statement says. */
  | { readonly kind: "co-signature-listing"; readonly index: number }
  | { readonly kind: "seat-twice"; readonly seat: string }
  | { readonly kind: "seat-unaccounted"; readonly seat: string }
  | { readonly kind: "not-a-member"; readonly seat: string }
  /** The list of separate opinions beside the opinion does not match those it carries. */
  | { readonly kind: "separate-opinions-listing" }
  /** A file under signed/ is missing, or not the bytes (or signature) opinion.json carries. */
  | { readonly kind: "signed-file-missing"; readonly path: string }
  | { readonly kind: "signed-file-differs"; readonly path: string }
  /** allowed_signers does not list a signing key as its principal for its namespace: ssh-keygen would refuse. */
  | { readonly kind: "allowed-signers"; readonly fingerprint: string; readonly namespace: string }
  | { readonly kind: "statement-missing" }
  | { readonly kind: "statement-signature"; readonly error: SignatureError }
  | { readonly kind: "statement-invalid"; readonly issues: readonly Issue[] }
  /** The statement's signer is not the key opinion.json names as the secretariat's. */
  | { readonly kind: "statement-signer"; readonly named: string; readonly signed: string }
  | { readonly kind: "statement-differs"; readonly field: "caseId" | "payloadSha256" | "publishedAt" | "released" | "redactions" | "notSigned" }
  | { readonly kind: "file-changed"; readonly path: string }
  | { readonly kind: "file-missing"; readonly path: string }
  /** A file in the folder that the statement does not list. */
  | { readonly kind: "file-not-listed"; readonly path: string }
  | { readonly kind: "sums-missing" }
  | { readonly kind: "sums-differ"; readonly path: string }
  | { readonly kind: "aggregate"; readonly check: AggregateCheck };

export type SignatureCheck = {
  readonly file: string;
  readonly role: "chair" | "member" | "secretariat";
  readonly fingerprint: string | undefined;
  readonly namespace: string;
  readonly valid: boolean;
  readonly stance?: string;
};

export type PublicationReport = {
  readonly valid: boolean;
  readonly scope: PublicationScope;
  readonly caseId: string | undefined;
  readonly publishedAt: string | undefined;
  readonly caseTitle: string | undefined;
  readonly signatures: readonly SignatureCheck[];
  readonly released: readonly string[];
  readonly redactions: Publication["redactions"];
  /** Digests neither released nor declared withheld: decoys (RFC 9901 §4.2.5). */
  readonly decoys: number;
  readonly notSigned: readonly string[];
  readonly aggregates: readonly AggregateCheck[];
  readonly problems: readonly PublicationProblem[];
  /** The opinion as released, when the payload verified. */
  readonly opinion?: Readonly<Record<string, unknown>>;
};

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : fromUtf8(bytes));

/** allowed_signers lines: principal, namespaces and key of each. */
function allowedSigners(bytes: Uint8Array | undefined): { principal: string; namespaces: string[]; publicKey: Uint8Array }[] {
  return (text(bytes) ?? "").split("\n").flatMap((line) => {
    const m = /^(\S+) namespaces="([^"]*)" (ssh-ed25519 \S+)\s*$/.exec(line);
    if (!m) return [];
    const key = parseOpenSshPublicKey(m[3] as string);
    return key.ok ? [{ principal: m[1] as string, namespaces: (m[2] as string).split(","), publicKey: key.value.publicKey }] : [];
  });
}

/**
 * What was given: the whole folder (or zip), or opinion.json alone, whose
 * own content is checked (payload, disclosures, co-signatures, aggregates)
 * but not the files beside it nor the secretariat's statement.
 */
export type PublicationScope = "folder" | "opinion-json";

/** Checks a publication given as its files (path relative to the folder → bytes). */
export function verifyPublication(files: ReadonlyMap<string, Uint8Array>, scope: PublicationScope = "folder"): Result<PublicationReport, UnusablePublication> {
  const folder = scope === "folder";
  const raw = files.get(OPINION_JSON);
  if (raw === undefined) return err({ kind: "no-opinion-json" });
  const json = parseStrictJson(raw);
  if (!json.ok) return err({ kind: "not-json" });
  const format = z.looseObject({ format: z.literal(PUBLICATION_FORMAT) }).safeParse(json.value);
  if (!format.success) return err({ kind: "not-a-publication" });

  const problems: PublicationProblem[] = [];
  const signatures: SignatureCheck[] = [];
  const parsed = PublicationSchema.safeParse(json.value);
  const base = { caseId: undefined, publishedAt: undefined, caseTitle: undefined, released: [], redactions: [], decoys: 0, notSigned: [], aggregates: [] };
  if (!parsed.success) return ok({ ...base, scope, valid: false, signatures, problems: [{ kind: "invalid-publication", issues: issuesOf(parsed.error) }] });
  const pub = parsed.data;

  // The signed files beside their signatures are exactly what opinion.json carries.
  const sameFile = (path: string, bytes: Uint8Array) => {
    if (!folder) return;
    const held = files.get(path);
    if (held === undefined) problems.push({ kind: "signed-file-missing", path });
    else if (!bytesEqual(held, bytes)) problems.push({ kind: "signed-file-differs", path });
  };
  sameFile(pub.payload.file, utf8(pub.payload.text));
  sameFile(signatureOf(pub.payload.file), utf8(pub.payload.signature));

  const payloadBytes = utf8(pub.payload.text);
  const verified = verifyReleasedPayload(payloadBytes, pub.payload.signature, pub.disclosures);
  if (!verified.ok) {
    problems.push({ kind: "payload", error: verified.error });
    signatures.push({ file: pub.payload.file, role: "chair", fingerprint: undefined, namespace: SIGNATURE_NAMESPACES.opinion, valid: false });
  }
  const payload = verified.ok ? verified.value : undefined;
  const opinion = payload === undefined ? undefined : releasedOpinion(payload);
  const roster = opinion === undefined ? [] : rosterOf(opinion);
  const keys = allowedSigners(files.get(ALLOWED_SIGNERS));
  const allowed = (publicKey: Uint8Array, fingerprint: string, namespace: string) => {
    if (folder && !keys.some((k) => bytesEqual(k.publicKey, publicKey) && k.namespaces.includes(namespace))) problems.push({ kind: "allowed-signers", fingerprint, namespace });
  };

  if (payload !== undefined && opinion !== undefined) {
    signatures.push({ file: pub.payload.file, role: "chair", fingerprint: payload.signer.fingerprint, namespace: SIGNATURE_NAMESPACES.opinion, valid: true });
    allowed(payload.signer.publicKey, payload.signer.fingerprint, SIGNATURE_NAMESPACES.opinion);
    if (!bytesEqual(mustCanonicalJson(opinion, "the released opinion"), mustCanonicalJson(pub.opinion, "the opinion shown"))) problems.push({ kind: "opinion-differs" });

    // Redactions: each a digest left undisclosed, once.
    const undisclosed = new Set(payload.undisclosed);
    const declared = new Set<string>();
    for (const r of pub.redactions) {
      if (declared.has(r.digest)) problems.push({ kind: "redaction-twice", digest: r.digest });
      else if (!undisclosed.has(r.digest)) problems.push({ kind: "redaction-not-withheld", digest: r.digest });
      declared.add(r.digest);
    }

    // Separate opinions: the listing matches, each file is its exact statement and signature.
    const listed = pub.separateOpinions;
    if (listed.length !== payload.separateOpinions.length || listed.some((l, i) => l.seat !== payload.separateOpinions[i]?.opinion.fingerprint || l.kind !== payload.separateOpinions[i]?.opinion.kind))
      problems.push({ kind: "separate-opinions-listing" });
    payload.separateOpinions.forEach((s, i) => {
      const file = listed[i]?.file;
      if (file !== undefined) {
        sameFile(file, s.bytes);
        sameFile(signatureOf(file), utf8(s.signature));
      }
      signatures.push({ file: file ?? "", role: "member", fingerprint: s.signer.fingerprint, namespace: SIGNATURE_NAMESPACES.separateOpinion, valid: true, stance: s.opinion.kind });
      allowed(s.signer.publicKey, s.signer.fingerprint, SIGNATURE_NAMESPACES.separateOpinion);
    });

    // Co-signatures and the seats that did not sign: every member seat once.
    const seen = new Set<string>();
    pub.coSignatures.forEach((c, index) => {
      sameFile(c.file, utf8(c.text));
      sameFile(signatureOf(c.file), utf8(c.signature));
      const checked = checkCoSignature(utf8(c.text), c.signature, payload, roster);
      if (!checked.ok) {
        problems.push({ kind: "co-signature", index, problem: checked.error });
        signatures.push({ file: c.file, role: "member", fingerprint: c.seat, namespace: SIGNATURE_NAMESPACES.coSignature, valid: false, stance: c.stance });
        return;
      }
      const { statement, signer } = checked.value;
      if (statement.fingerprint !== c.seat || statement.stance !== c.stance) problems.push({ kind: "co-signature-listing", index });
      if (seen.has(statement.fingerprint)) problems.push({ kind: "seat-twice", seat: statement.fingerprint });
      seen.add(statement.fingerprint);
      signatures.push({ file: c.file, role: "member", fingerprint: signer.fingerprint, namespace: SIGNATURE_NAMESPACES.coSignature, valid: true, stance: statement.stance });
      allowed(signer.publicKey, signer.fingerprint, SIGNATURE_NAMESPACES.coSignature);
    });
    for (const { seat } of pub.notSigned) {
      if (seen.has(seat)) problems.push({ kind: "seat-twice", seat });
      else if (!roster.some((s) => s.role === "member" && s.fingerprint === seat)) problems.push({ kind: "not-a-member", seat });
      seen.add(seat);
    }
    for (const s of roster) if (s.role === "member" && !seen.has(s.fingerprint)) problems.push({ kind: "seat-unaccounted", seat: s.fingerprint });
  }

  // The secretariat's statement.
  const statementBytes = files.get(STATEMENT);
  const statementSignature = text(files.get(signatureOf(STATEMENT)));
  if (!folder) {
    // opinion.json alone does not carry the statement: nothing to say of it but that it was not checked.
  } else if (statementBytes === undefined || statementSignature === undefined) {
    problems.push({ kind: "statement-missing" });
    signatures.push({ file: STATEMENT, role: "secretariat", fingerprint: undefined, namespace: SIGNATURE_NAMESPACES.publication, valid: false });
  } else {
    const signed = verifySshsig(statementSignature, statementBytes, { namespace: SIGNATURE_NAMESPACES.publication });
    if (!signed.ok) {
      problems.push({ kind: "statement-signature", error: signed.error });
      signatures.push({ file: STATEMENT, role: "secretariat", fingerprint: undefined, namespace: SIGNATURE_NAMESPACES.publication, valid: false });
    } else {
      signatures.push({ file: STATEMENT, role: "secretariat", fingerprint: signed.value.fingerprint, namespace: SIGNATURE_NAMESPACES.publication, valid: true });
      allowed(signed.value.publicKey, signed.value.fingerprint, SIGNATURE_NAMESPACES.publication);
      if (signed.value.fingerprint !== pub.statement.seat) problems.push({ kind: "statement-signer", named: pub.statement.seat, signed: signed.value.fingerprint });
      const sj = parseStrictJson(statementBytes);
      const statement = StatementSchema.safeParse(sj.ok ? sj.value : undefined);
      if (!statement.success) problems.push({ kind: "statement-invalid", issues: issuesOf(statement.error) });
      else {
        const st = statement.data;
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        if (st.caseId !== pub.caseId) problems.push({ kind: "statement-differs", field: "caseId" });
        if (st.payloadSha256 !== sha256Hex(payloadBytes)) problems.push({ kind: "statement-differs", field: "payloadSha256" });
        if (st.publishedAt !== pub.publishedAt) problems.push({ kind: "statement-differs", field: "publishedAt" });
        if (!same(st.released, publishedDigests(pub.disclosures))) problems.push({ kind: "statement-differs", field: "released" });
        if (!same(st.redactions, pub.redactions)) problems.push({ kind: "statement-differs", field: "redactions" });
        if (!same(st.notSigned, pub.notSigned.map((n) => n.seat))) problems.push({ kind: "statement-differs", field: "notSigned" });
        const present = new Map(listing(files).map((f) => [f.path, f.sha256]));
        for (const f of st.files) {
          const sha = present.get(f.path);
          if (sha === undefined) problems.push({ kind: "file-missing", path: f.path });
          else if (sha !== f.sha256) problems.push({ kind: "file-changed", path: f.path });
        }
        const exempt = [STATEMENT, signatureOf(STATEMENT), SHA256SUMS];
        for (const path of present.keys()) if (!exempt.includes(path) && !st.files.some((f) => f.path === path)) problems.push({ kind: "file-not-listed", path });
      }
    }
  }

  // SHA256SUMS agrees with the files (what `sha256sum -c` checks).
  const sums = text(files.get(SHA256SUMS));
  if (!folder) {
    // Nothing beside opinion.json to check.
  } else if (sums === undefined) problems.push({ kind: "sums-missing" });
  else {
    const present = new Map(listing(files).map((f) => [f.path, f.sha256]));
    const lines = sums.split("\n").filter((l) => l !== "");
    const named = new Set<string>();
    for (const line of lines) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      const path = m?.[2] ?? line;
      named.add(path);
      if (m === null || present.get(path) !== m[1]) problems.push({ kind: "sums-differ", path });
    }
    for (const path of present.keys()) if (path !== SHA256SUMS && !named.has(path)) problems.push({ kind: "sums-differ", path });
  }

  const aggregates = opinion === undefined ? [] : checkAggregates(opinion);
  for (const check of aggregates) if (check.recomputable && !check.matches) problems.push({ kind: "aggregate", check });

  return ok({
    valid: problems.length === 0,
    scope,
    caseId: pub.caseId,
    publishedAt: pub.publishedAt,
    caseTitle: typeof opinion?.["caseTitle"] === "string" ? opinion["caseTitle"] : undefined,
    signatures,
    released: publishedDigests(pub.disclosures),
    redactions: pub.redactions,
    decoys: payload === undefined ? 0 : payload.undisclosed.filter((d) => !pub.redactions.some((r) => r.digest === d)).length,
    notSigned: pub.notSigned.map((n) => n.seat),
    aggregates,
    problems,
    ...(opinion === undefined ? {} : { opinion }),
  });
}
