/**
 * Every expected failure that crosses the worker boundary, as values: one
 * member per domain, keyed on `kind`, each carrying the domain's own error
 * union with the names, numbers and paths a sentence needs. shared/ writes
 * no sentence; the interface words each kind (renderer/i18n/problems/), and
 * an interface mapping that misses a kind does not compile.
 *
 * The schemas mirror the domain types (annotated `z.ZodType<DomainType>`, so
 * a schema that drifts from its type fails to compile); the client checks
 * every refusal against them.
 */
import { z } from "../validation/zod";
import { IssueSchema, type Issue } from "../validation/issues";
import { AGE_ARMOR_PROBLEMS, AGE_HEADER_PROBLEMS, AGE_TRUNCATIONS, type AgeError } from "../formats/age/errors";
import type { JsonError } from "../formats/jcs";
import { OPENSSH_KEY_PROBLEMS, type OpenSshKeyError, type SshFingerprint } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, SIGNATURE_PROBLEMS, type SignatureError } from "../formats/sshsig";
import { TAR_FIXED_FIELDS, TAR_FORMATS, type TarProblem } from "../formats/tar";
import { PASSPHRASE_WARNINGS } from "../security/passphrase-strength";
import type { CryptoLoadError } from "../crypto/sodium";
import type { CardError, CardMalformation } from "../identity/identity-card";
import type { IdentityError } from "../identity/identity";
import type { ContactError } from "../identity/contacts";
import { UnRegionSchema } from "../identity/un-regions";
import type { KdfFailure } from "../vault/kdf";
import type { VaultError } from "../vault/vault-error";
import { AUDIT_BREAKS } from "../vault/audit-break";
import type { CaseError } from "../case/case-error";
import type { ConflictReason, Violation } from "../case/composition";
import type { StixError } from "../case/stix";
import type { UnknownCountryField } from "../case/case-countries";
import type { ScoringError } from "../scoring/scoring-error";
import type { RevisionProblem } from "../scoring/revision";
import type { RubricError } from "../rubric/rubric-error";

const obj = z.strictObject;
const lit = z.literal;
const issues = z.array(IssueSchema);

export const JsonErrorSchema: z.ZodType<JsonError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("invalid-utf8") }),
  obj({ kind: lit("byte-order-mark") }),
  obj({ kind: lit("syntax"), line: z.number(), column: z.number(), detail: z.string() }),
  obj({ kind: lit("duplicate-key"), path: z.string() }),
  obj({ kind: lit("lone-surrogate"), path: z.string() }),
  obj({ kind: lit("number-out-of-range"), path: z.string(), text: z.string() }),
  obj({ kind: lit("too-deep"), limit: z.number() }),
  obj({ kind: lit("not-canonical"), offset: z.number() }),
  obj({ kind: lit("unsupported-value"), path: z.string(), value: z.string() }),
]);

export const AgeErrorSchema: z.ZodType<AgeError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("malformed-armor"), reason: z.enum(AGE_ARMOR_PROBLEMS) }),
  obj({ kind: lit("unsupported-version"), versionLine: z.string().optional() }),
  z.discriminatedUnion("reason", [
    obj({ kind: lit("malformed-header"), reason: z.enum(AGE_HEADER_PROBLEMS) }),
    obj({ kind: lit("malformed-header"), reason: lit("too-many-stanzas"), limit: z.number() }),
    obj({ kind: lit("malformed-header"), reason: z.enum(["scrypt-work-factor-too-high", "scrypt-work-factor-out-of-memory"]), workFactor: z.number() }),
  ]),
  obj({ kind: lit("header-tampered") }),
  obj({ kind: lit("not-a-recipient") }),
  obj({ kind: lit("malformed-payload"), reason: lit("final-chunk-empty") }),
  obj({ kind: lit("truncated"), part: z.enum(["header", "payload"]), reason: z.enum(AGE_TRUNCATIONS) }),
  obj({ kind: lit("trailing-data") }),
  obj({ kind: lit("tampered"), chunk: z.number() }),
  obj({ kind: lit("invalid-recipient"), reason: z.enum(["not-lowercase", "bad-encoding"]) }),
  obj({ kind: lit("invalid-identity"), reason: z.enum(["not-uppercase", "bad-encoding"]) }),
]);

const fingerprint = z.string().transform((s) => s as SshFingerprint);
const namespaces = Object.values(SIGNATURE_NAMESPACES) as [(typeof SIGNATURE_NAMESPACES)[keyof typeof SIGNATURE_NAMESPACES], ...(typeof SIGNATURE_NAMESPACES)[keyof typeof SIGNATURE_NAMESPACES][]];

export const SignatureErrorSchema: z.ZodType<SignatureError> = z.discriminatedUnion("kind", [
  z.discriminatedUnion("reason", [
    obj({ kind: lit("malformed"), reason: z.enum(SIGNATURE_PROBLEMS) }),
    obj({ kind: lit("malformed"), reason: lit("public-key"), key: z.enum(OPENSSH_KEY_PROBLEMS) }),
  ]),
  obj({ kind: lit("unsupported-version"), version: z.number() }),
  obj({ kind: lit("unsupported-algorithm"), field: z.enum(["key", "hash"]), algorithm: z.string() }),
  obj({ kind: lit("wrong-namespace"), expected: z.enum(namespaces), actual: z.string() }),
  obj({ kind: lit("unknown-key"), fingerprint }),
  obj({ kind: lit("bad-signature") }),
]);

export const OpenSshKeyErrorSchema: z.ZodType<OpenSshKeyError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("malformed"), reason: z.enum(OPENSSH_KEY_PROBLEMS) }),
  obj({ kind: lit("unsupported-key-type"), keyType: z.string() }),
]);

export const CryptoLoadErrorSchema: z.ZodType<CryptoLoadError> = z.discriminatedUnion("kind", [
  z.discriminatedUnion("reason", [
    obj({ kind: lit("webassembly-unavailable"), reason: z.enum(["missing", "not-native"]) }),
    obj({ kind: lit("webassembly-unavailable"), reason: lit("blocked"), detail: z.string() }),
  ]),
  obj({ kind: lit("load-failed"), detail: z.string() }),
  obj({ kind: lit("self-test-failed") }),
]);

/** Why the key-derivation worker gave no key (shared/vault/kdf.ts KdfFailure). */
export const KdfFailureSchema: z.ZodType<KdfFailure> = z.discriminatedUnion("reason", [
  obj({ reason: lit("crypto-unavailable"), error: CryptoLoadErrorSchema }),
  obj({ reason: z.enum(["malformed-request", "params-out-of-range", "malformed-answer", "unexpected-answer"]) }),
  obj({ reason: lit("worker-error"), detail: z.string() }),
]);

const slot = { table: z.string(), id: z.string() };
const backupLine = z.union([z.enum(["start", "end"]), z.number()]);
const attachmentDamage = z.discriminatedUnion("reason", [
  obj({ reason: lit("row-missing"), row: z.number(), rows: z.number() }),
  obj({ reason: z.enum(["row-not-a-chunk", "row-wrong-length"]), row: z.number() }),
  obj({ reason: z.enum(["unit-does-not-decrypt", "unit-short"]), unit: z.number() }),
  obj({ reason: lit("content-mismatch") }),
]);
export const VaultErrorSchema: z.ZodType<VaultError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("vault-exists") }),
  obj({ kind: lit("no-vault") }),
  obj({ kind: lit("header-malformed"), detail: z.string() }),
  obj({ kind: lit("kdf-below-floor"), opsLimit: z.number(), memLimitBytes: z.number() }),
  obj({ kind: lit("kdf-above-ceiling"), opsLimit: z.number(), memLimitBytes: z.number() }),
  /** `warning`: what the strength estimator finds wrong, as its key. */
  obj({ kind: lit("passphrase-weak"), warning: z.enum(PASSPHRASE_WARNINGS) }),
  obj({ kind: lit("wrong-passphrase"), failedAttempts: z.number().optional(), retryAfterMs: z.number().optional() }),
  obj({ kind: lit("unlock-delayed"), retryAfterMs: z.number() }),
  obj({ kind: lit("header-changed") }),
  obj({ kind: lit("locked") }),
  obj({ kind: lit("missing"), ...slot }),
  obj({ kind: lit("unexpected-record"), ...slot }),
  obj({ kind: lit("index-missing") }),
  obj({ kind: lit("index-tampered") }),
  obj({ kind: lit("record-rolled-back"), ...slot }),
  obj({ kind: lit("tampered"), ...slot }),
  obj({ kind: lit("malformed"), ...slot, detail: z.string() }),
  obj({ kind: lit("record-too-new"), ...slot, version: z.number(), supported: z.number() }),
  obj({ kind: lit("unserialisable"), ...slot, detail: z.string() }),
  obj({ kind: lit("audit-chain-broken"), seq: z.number(), reason: z.enum(AUDIT_BREAKS) }),
  obj({ kind: lit("attachment-cancelled") }),
  obj({ kind: lit("attachment-invalid"), reason: z.enum(["empty-name", "long-name", "media-type"]), mediaType: z.string() }),
  obj({ kind: lit("attachment-source-changed"), expected: z.number(), actual: z.number() }),
  obj({ kind: lit("attachment-source-failed"), detail: z.string() }),
  z.discriminatedUnion("reason", [
    obj({ kind: lit("attachment-corrupt"), id: z.string(), reason: lit("row-missing"), row: z.number(), rows: z.number() }),
    obj({ kind: lit("attachment-corrupt"), id: z.string(), reason: z.enum(["row-not-a-chunk", "row-wrong-length"]), row: z.number() }),
    obj({ kind: lit("attachment-corrupt"), id: z.string(), reason: z.enum(["unit-does-not-decrypt", "unit-short"]), unit: z.number() }),
    obj({ kind: lit("attachment-corrupt"), id: z.string(), reason: lit("content-mismatch") }),
  ]),
  obj({ kind: lit("backup-unreadable"), error: AgeErrorSchema }),
  z.discriminatedUnion("reason", [
    obj({ kind: lit("backup-invalid"), reason: z.enum(["line-too-long", "last-line-incomplete", "empty", "lines-after-end", "end-missing"]) }),
    obj({ kind: lit("backup-invalid"), reason: lit("line-not-json"), line: backupLine, error: JsonErrorSchema }),
    obj({ kind: lit("backup-invalid"), reason: lit("line-invalid"), line: backupLine, issues }),
    obj({ kind: lit("backup-invalid"), reason: lit("end-count-mismatch"), endRows: z.number(), startRows: z.number() }),
    obj({ kind: lit("backup-invalid"), reason: lit("more-rows-than-announced"), announced: z.number() }),
    obj({ kind: lit("backup-invalid"), reason: lit("fewer-rows-than-announced"), rows: z.number(), announced: z.number() }),
    obj({ kind: lit("backup-invalid"), reason: lit("vault-check-failed"), error: z.lazy(() => VaultErrorSchema) }),
    obj({ kind: lit("backup-invalid"), reason: lit("record-damaged"), ...slot }),
    obj({ kind: lit("backup-invalid"), reason: lit("attachment-damaged"), id: z.string(), damage: attachmentDamage }),
  ]),
  obj({ kind: lit("backup-changed-during") }),
  obj({ kind: lit("backup-cancelled") }),
  obj({ kind: lit("storage-failed"), detail: z.string() }),
]);

export const CardMalformationSchema: z.ZodType<CardMalformation> = z.discriminatedUnion("kind", [
  obj({ kind: lit("not-unicode") }),
  obj({ kind: lit("too-large") }),
  obj({ kind: lit("not-one-line") }),
  obj({ kind: lit("json"), error: JsonErrorSchema }),
  obj({ kind: lit("not-a-card-file"), issues }),
  obj({ kind: lit("other-type") }),
  obj({ kind: lit("invalid-fields"), issues }),
  obj({ kind: lit("card-bytes-not-found") }),
  obj({ kind: lit("armor-layout") }),
  obj({ kind: lit("signing-key"), error: OpenSshKeyErrorSchema }),
  obj({ kind: lit("signing-key-form") }),
]);

export const CardErrorSchema: z.ZodType<CardError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("malformed"), problem: CardMalformationSchema }),
  obj({ kind: lit("not-canonical"), offset: z.number() }),
  obj({ kind: lit("unsupported-version"), version: z.string() }),
  obj({ kind: lit("bad-signature"), cause: SignatureErrorSchema }),
  obj({ kind: lit("fingerprint-mismatch"), stated: z.string(), actual: fingerprint }),
  obj({ kind: lit("invalid-age-recipient"), cause: z.union([AgeErrorSchema, obj({ kind: lit("low-order-point") })]) }),
  obj({ kind: lit("invisible-characters"), fields: z.array(z.enum(["displayName", "affiliation"])).readonly() }),
]);

/** An identity's failure, or a region that is not one of the five UN regional groups. */
export type IdentityProblem = IdentityError | { readonly kind: "invalid-region" };
export const IdentityProblemSchema: z.ZodType<IdentityProblem> = z.discriminatedUnion("kind", [
  obj({ kind: lit("invalid-details"), issues }),
  obj({ kind: lit("unchanged") }),
  obj({ kind: lit("malformed-record"), issues }),
  obj({ kind: lit("inconsistent-keys") }),
  obj({ kind: lit("invalid-region") }),
]);

/** A contact's failure; a stored contact record that does not parse; a card that brings no change. */
export type ContactProblem = ContactError | { readonly kind: "malformed-record"; readonly issues: readonly Issue[] } | { readonly kind: "no-update" };
const TrustStateName = z.enum(["unverified", "trusted", "revoked"]);
export const ContactProblemSchema: z.ZodType<ContactProblem> = z.discriminatedUnion("kind", [
  obj({ kind: lit("invalid-card"), error: CardErrorSchema }),
  obj({ kind: lit("fingerprint-mismatch"), group: z.number().optional() }),
  obj({ kind: lit("invalid-transition"), from: TrustStateName, action: z.enum(["confirm", "revoke", "update"]) }),
  obj({ kind: lit("invalid-reason"), issues }),
  obj({ kind: lit("different-key") }),
  obj({ kind: lit("malformed-record"), issues }),
  obj({ kind: lit("no-update") }),
]);

const ConflictReasonSchema: z.ZodType<ConflictReason> = z.discriminatedUnion("kind", [obj({ kind: lit("nationality"), state: z.string() }), obj({ kind: lit("affiliation"), state: z.string() })]);
export const ViolationSchema: z.ZodType<Violation> = z.discriminatedUnion("kind", [
  obj({ kind: lit("unknown-person"), memberId: z.string() }),
  obj({ kind: lit("duplicate-seat"), memberId: z.string() }),
  obj({ kind: lit("too-few-regions"), regions: z.number(), required: z.number(), seats: z.number() }),
  obj({ kind: lit("region-over-share"), region: UnRegionSchema, count: z.number(), max: z.number(), seats: z.number() }),
  obj({ kind: lit("conflicted-member"), memberId: z.string(), name: z.string(), reasons: z.array(ConflictReasonSchema) }),
  obj({ kind: lit("conflicted-chair"), memberId: z.string(), name: z.string(), reasons: z.array(ConflictReasonSchema) }),
  obj({ kind: lit("waiver-without-reason"), memberId: z.string() }),
]);

export const StixErrorSchema: z.ZodType<StixError> = obj({
  path: z.string(),
  problem: z.discriminatedUnion("kind", [
    obj({ kind: lit("too-large"), maxBytes: z.number() }),
    obj({ kind: lit("not-json"), error: JsonErrorSchema }),
    obj({ kind: lit("issue"), issue: IssueSchema }),
    obj({ kind: lit("id-type-mismatch"), type: z.string() }),
    obj({ kind: lit("duplicate-version"), previous: z.number() }),
    obj({ kind: lit("not-canonical"), error: JsonErrorSchema }),
    obj({ kind: lit("over-limit"), limit: z.enum(["objects", "values", "claims", "evidence", "originals", "case-claims", "case-evidence"]), max: z.number(), found: z.number().optional() }),
  ]),
});

const UnknownCountryFieldSchema: z.ZodType<UnknownCountryField> = z.discriminatedUnion("field", [
  obj({ field: lit("parties"), role: z.enum(["accusing", "accused", "affected"]), codes: z.array(z.string()) }),
  obj({ field: lit("attributed-state"), claimId: z.string(), position: z.number(), codes: z.array(z.string()) }),
]);

export const CaseErrorSchema: z.ZodType<CaseError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("malformed-record"), record: z.enum(["case", "panel", "registry-entry"]), issues }),
  obj({ kind: lit("registry-card-invalid"), name: z.string() }),
  obj({ kind: lit("no-panel") }),
  obj({ kind: lit("panel-invalid"), violations: z.array(ViolationSchema), names: z.record(z.string(), z.string()) }),
  obj({ kind: lit("not-on-panel") }),
  obj({ kind: lit("unknown-rubric"), rubricId: z.string() }),
  obj({ kind: lit("attachment-missing"), name: z.string(), title: z.string() }),
  obj({ kind: lit("attachment-mismatch"), name: z.string(), title: z.string() }),
  obj({ kind: lit("invalid-card"), error: CardErrorSchema }),
  obj({ kind: lit("fingerprint-mismatch") }),
  obj({ kind: lit("already-enrolled"), name: z.string() }),
  obj({ kind: lit("unknown-nationality"), nationality: z.string(), name: z.string() }),
  obj({ kind: lit("unknown-state-code"), codes: z.array(z.string()) }),
  obj({ kind: lit("invalid-entry"), issues }),
  obj({ kind: lit("on-a-panel") }),
  obj({ kind: lit("invalid-case"), issues }),
  obj({ kind: lit("custody-rewritten"), title: z.string() }),
  obj({ kind: lit("attachment-unknown"), title: z.string(), name: z.string() }),
  obj({ kind: lit("no-such-evidence") }),
  obj({ kind: lit("invalid-stix"), errors: z.array(StixErrorSchema), total: z.number() }),
  obj({ kind: lit("invalid-panel"), issues }),
  obj({ kind: lit("unknown-country-codes"), fields: z.array(UnknownCountryFieldSchema) }),
  obj({ kind: lit("no-identity") }),
  obj({ kind: lit("identity-not-found"), fingerprint: z.string() }),
  obj({ kind: lit("draft-invalid"), issues }),
  obj({ kind: lit("draft-for-another-case") }),
  obj({ kind: lit("blank-claim"), position: z.number() }),
  obj({ kind: lit("outbox-entry-missing") }),
  obj({ kind: lit("export-failed"), detail: z.string() }),
]);

/** What is wrong with a packet's archive (shared/formats/tar.ts TarProblem). */
export const TarProblemSchema: z.ZodType<TarProblem> = z.discriminatedUnion("reason", [
  obj({ reason: z.enum(["header-not-utf8", "checksum-mismatch", "not-ustar", "not-a-regular-file", "prefixed-path", "no-end-marker", "end-marker-truncated", "end-marker-malformed", "data-after-end"]) }),
  obj({ reason: lit("field-not-octal"), field: z.enum(["checksum", "size", "mtime"]) }),
  obj({ reason: lit("unexpected-field"), field: z.enum(TAR_FIXED_FIELDS) }),
  obj({ reason: lit("unsupported-format"), format: z.enum(TAR_FORMATS) }),
  obj({ reason: z.enum(["path-not-allowed", "entry-truncated", "padding-not-zero"]), path: z.string() }),
]);

/** Why a file was not imported as a case packet: values (shared/case/packet.ts PacketError), worded by the UI. */
export const PacketProblemSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("not-an-age-file"), looksLike: z.enum(["empty", "armored-age", "other-age-version", "other"]) }),
  obj({ kind: lit("not-addressed-to-you") }),
  obj({ kind: lit("not-a-case-packet"), reason: z.enum(["not-an-archive", "no-manifest", "other-format"]) }),
  obj({ kind: lit("newer-version"), version: z.number() }),
  z.discriminatedUnion("reason", [
    obj({ kind: lit("truncated"), reason: lit("encryption"), error: AgeErrorSchema }),
    obj({ kind: lit("truncated"), reason: lit("files-missing"), count: z.number() }),
    obj({ kind: lit("truncated"), reason: lit("archive"), problem: TarProblemSchema }),
  ]),
  obj({ kind: lit("unsupported-archive"), format: z.enum(TAR_FORMATS) }),
  z.discriminatedUnion("reason", [
    obj({
      kind: lit("tampered"),
      reason: z.enum(["manifest-too-large", "signature-missing", "manifest-not-canonical", "sender-key-invalid", "signature-not-text", "fingerprint-mismatch", "recipient-invalid", "file-listed-twice"]),
    }),
    obj({ kind: lit("tampered"), reason: z.enum(["file-out-of-order", "file-size-mismatch", "file-hash-mismatch"]), path: z.string() }),
    obj({ kind: lit("tampered"), reason: lit("manifest-malformed"), issues }),
    obj({ kind: lit("tampered"), reason: lit("signature-invalid"), error: SignatureErrorSchema }),
    obj({ kind: lit("tampered"), reason: lit("archive"), problem: TarProblemSchema }),
    obj({ kind: lit("tampered"), reason: lit("encryption"), error: AgeErrorSchema }),
  ]),
  obj({ kind: lit("already-imported"), sequence: z.number(), importedAt: z.string() }),
  obj({ kind: lit("replayed"), sequence: z.number(), lastSeen: z.number() }),
  obj({ kind: lit("case-from-other-sender"), owner: z.string(), sender: z.string() }),
  obj({ kind: lit("sequence-jump"), sequence: z.number(), lastSeen: z.number() }),
  z.discriminatedUnion("reason", [
    obj({ kind: lit("invalid-content"), reason: z.enum(["not-utf8", "not-json", "unknown-file", "file-too-large", "file-missing", "card-invalid", "card-not-listed"]), path: z.string() }),
    obj({ kind: lit("invalid-content"), reason: lit("invalid"), path: z.string(), issues }),
    obj({ kind: lit("invalid-content"), reason: z.enum(["attachment-before-case", "case-mismatch", "rubric-mismatch", "not-on-panel"]) }),
    obj({ kind: lit("invalid-content"), reason: lit("attachment-not-listed"), sha256: z.string() }),
    obj({ kind: lit("invalid-content"), reason: lit("attachment-size-mismatch"), name: z.string() }),
    obj({ kind: lit("invalid-content"), reason: lit("attachment-missing"), name: z.string(), title: z.string() }),
  ]),
  obj({ kind: lit("blank-claims"), positions: z.array(z.number().int().positive()) }),
  obj({ kind: lit("chair-count"), chairs: z.number().int().nonnegative() }),
]);
export type PacketProblem = z.infer<typeof PacketProblemSchema>;

export const RevisionProblemSchema: z.ZodType<RevisionProblem> = z.discriminatedUnion("kind", [
  obj({ kind: lit("not-first") }),
  obj({ kind: lit("previous-round-missing"), round: z.number() }),
  obj({ kind: lit("not-next"), expected: z.number(), found: z.number() }),
  obj({ kind: lit("wrong-predecessor") }),
  obj({ kind: lit("subject-changed"), field: z.enum(["caseId", "round", "seat", "rubric"]) }),
  obj({ kind: lit("older-version"), version: z.number(), previous: z.number() }),
  obj({ kind: lit("nothing-changed") }),
  obj({ kind: lit("reason-missing"), answers: z.array(z.string()) }),
  obj({ kind: lit("reason-for-unchanged"), answers: z.array(z.string()) }),
]);

/** Why a scoresheet was not saved, signed or copied (shared/scoring/scoring-error.ts). */
export const ScoringErrorSchema: z.ZodType<ScoringError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("case-not-received") }),
  obj({ kind: lit("not-on-roster") }),
  obj({ kind: lit("packet-too-old") }),
  obj({ kind: lit("no-recipient"), who: z.enum(["chair", "secretariat"]) }),
  obj({ kind: lit("incomplete"), gaps: z.number() }),
  obj({ kind: lit("revision"), problem: RevisionProblemSchema }),
  obj({ kind: lit("past-deadline"), deadline: z.string() }),
  obj({ kind: lit("round-not-open"), round: z.number() }),
  obj({ kind: lit("no-such-revision"), revision: z.number() }),
  obj({ kind: lit("draft-invalid"), issues }),
  obj({ kind: lit("history-damaged") }),
]);

/** Why the secretariat's rubrics refused an operation (shared/rubric/rubric-error.ts). */
export const RubricErrorSchema: z.ZodType<RubricError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("invalid-rubric"), issues }),
  obj({ kind: z.enum(["invalid-id", "id-reserved", "id-taken", "unknown-rubric", "retired"]), rubricId: z.string() }),
  obj({ kind: lit("no-such-revision"), rubricId: z.string(), revision: z.number() }),
  obj({ kind: lit("read-only") }),
  obj({ kind: lit("stale"), rubricId: z.string(), baseRevision: z.number(), latest: z.number() }),
  obj({ kind: lit("too-many-revisions"), rubricId: z.string(), limit: z.number() }),
]);

/** A file refused by its size before anything was read: what it was supposed to be. */
export const OversizedFileSchema = z.enum(["identity-card", "contact-card", "stix-bundle"]);
export type OversizedFile = z.infer<typeof OversizedFileSchema>;

export const ProblemSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("vault"), error: VaultErrorSchema }),
  obj({ kind: lit("identity"), error: IdentityProblemSchema }),
  obj({ kind: lit("card"), error: CardErrorSchema }),
  obj({ kind: lit("contact"), error: ContactProblemSchema }),
  obj({ kind: lit("case"), error: CaseErrorSchema }),
  obj({ kind: lit("packet"), problem: PacketProblemSchema }),
  obj({ kind: lit("scoring"), error: ScoringErrorSchema }),
  obj({ kind: lit("rubric"), error: RubricErrorSchema }),
  obj({ kind: lit("file-too-large"), file: OversizedFileSchema }),
]);
export type Problem = z.infer<typeof ProblemSchema>;
