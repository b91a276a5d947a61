/**
 * The contract between the UI thread and the crypto Web Worker, declared
 * once like the IPC contract: each method names zod request and response
 * schemas. Messages are validated on both sides; failures are values.
 */
import { z } from "../validation/zod";
import { ReceivedCaseSchema } from "../case/case-records";
import { CaseDraftSchema } from "../case/case-draft";
import { CaseSchema, PanelSchema, TlpSchema } from "../case/model";
import { OutboxEntrySchema } from "../case/outbox";
import { UnRegionSchema } from "../identity/un-regions";
import { CryptoLoadErrorSchema, KdfFailureSchema, PacketProblemSchema, ProblemSchema } from "./problem";
import { IssueSchema } from "../validation/issues";
import { IDLE_LOCK_MINUTES } from "../vault/settings-limits";

export { PacketProblemSchema, type PacketProblem, type Problem } from "./problem";

export const CryptoBackendSchema = z.strictObject({ library: z.literal("libsodium"), version: z.string().min(1), webAssembly: z.literal(true) });

const Empty = z.strictObject({});
const Passphrase = z.string().max(1024);
const Id = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const FileInput = z.instanceof(Blob);

export const AuditStatusSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), count: z.number().int().nonnegative() }),
  /** The audit log is broken at entry `seq`; `reason` says how (shared/vault/audit-log.ts AuditBreak). */
  z.strictObject({ ok: z.literal(false), seq: z.number().int().nonnegative(), reason: z.enum(["missing", "tampered", "malformed", "out-of-sequence", "hash-mismatch", "unexpected-entry", "head-missing", "head-tampered"]) }),
]);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;

export const VaultStatusSchema = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("none"), interruptedRestore: z.boolean() }),
  z.strictObject({ state: z.literal("locked"), failedAttempts: z.number().int().nonnegative(), retryAfterMs: z.number().nonnegative() }),
  z.strictObject({ state: z.literal("unlocked"), vaultId: z.string() }),
]);
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const OpenedVaultSchema = z.strictObject({ vaultId: z.string(), audit: AuditStatusSchema, sweptImports: z.number().int().nonnegative() });
export type OpenedVault = z.infer<typeof OpenedVaultSchema>;

/** The interface languages a vault may remember (the six UN languages; "pseudo" is the development pseudo-locale). */
export const InterfaceLanguageSchema = z.enum(["ar", "zh", "en", "fr", "ru", "es", "pseudo"]);
export const SettingsSchema = z.strictObject({ idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max), language: InterfaceLanguageSchema.optional() });
export type Settings = z.infer<typeof SettingsSchema>;

const PersonFields = {
  displayName: z.string(),
  region: z.string(),
  nationality: z.string(),
  affiliation: z.string(),
  fingerprint: z.string(),
  fingerprintGroups: z.array(z.string()),
  signingKey: z.string(),
  ageRecipient: z.string(),
};
export const IdentitySummarySchema = z.strictObject({ id: z.string(), created: z.string(), ...PersonFields });
export type IdentitySummary = z.infer<typeof IdentitySummarySchema>;

export const TrustSchema = z.strictObject({ state: z.enum(["unverified", "trusted", "revoked"]), confirmedAt: z.string().optional(), revokedAt: z.string().optional(), reason: z.string().optional() });
export const ContactSummarySchema = z.strictObject({ id: z.string(), importedAt: z.string(), trust: TrustSchema, ...PersonFields });
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const ContactImportSchema = z.strictObject({ outcome: z.enum(["new", "already-known", "details-changed"]), contact: ContactSummarySchema, changes: z.array(z.string()) });
export type ContactImportSummary = z.infer<typeof ContactImportSchema>;

export const AuditEntryViewSchema = z.strictObject({ seq: z.number(), time: z.string(), event: z.string(), prevHash: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() });
export const AuditViewSchema = z.strictObject({ status: AuditStatusSchema, entries: z.array(AuditEntryViewSchema) });
export type AuditView = z.infer<typeof AuditViewSchema>;

export const AttachmentInfoSchema = z.strictObject({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), importedAt: z.string() });
export type AttachmentInfoView = z.infer<typeof AttachmentInfoSchema>;

/** A file for the person to save: the UI offers it as a download. */
export const ExportFileSchema = z.strictObject({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob) });
export type ExportFile = z.infer<typeof ExportFileSchema>;

export const IdentityInputSchema = z.strictObject({ displayName: z.string().max(1000), region: z.string().max(100), nationality: z.string().max(10), affiliation: z.string().max(1000) });

export const RegistryViewSchema = z.strictObject({
    id: z.string(),
    displayName: z.string(),
    region: UnRegionSchema,
    nationality: z.string(),
    affiliations: z.array(z.string()),
    affiliationStates: z.array(z.string()),
    declaredInterests: z.string(),
    fingerprint: z.string(),
    fingerprintGroups: z.array(z.string()),
    verifiedAt: z.string(),
  });
export type RegistryView = z.infer<typeof RegistryViewSchema>;

export const CardPreviewSchema = z.strictObject({ displayName: z.string(), region: z.string(), nationality: z.string(), affiliation: z.string(), fingerprint: z.string(), fingerprintGroups: z.array(z.string()) });
export type CardPreview = z.infer<typeof CardPreviewSchema>;

export const CaseSummarySchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    marking: TlpSchema,
    deadline: z.string(),
    updated: z.string(),
    claims: z.number(),
    evidence: z.number(),
    attachments: z.number(),
    panel: z.boolean(),
    /** When the case's unsaved draft was last kept, if it has one. */
    draftSavedAt: z.string().optional(),
  });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const StixResultSchema = z.strictObject({ case: CaseSchema, claims: z.number(), evidence: z.number(), skipped: z.record(z.string(), z.number()), /** Claims' state codes no country has, left out. */ unknownStates: z.array(z.string()) });

export const PacketExportSchema = z.strictObject({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob), sequence: z.number(), packetId: z.string(), recipient: z.string(), outbox: OutboxEntrySchema });

export const InboxImportSchema = z.discriminatedUnion("outcome", [
  z.strictObject({
      outcome: z.literal("imported"),
      caseId: z.string(),
      title: z.string(),
      sequence: z.number(),
      senderFingerprint: z.string(),
      newlyPinned: z.boolean(),
      /** When it replaced an earlier packet of the case: that one's number and how many changes the reader lists. */
      replaced: z.strictObject({ sequence: z.number(), changes: z.number() }).optional(),
    }),
  z.strictObject({ outcome: z.literal("confirm-signer"), fingerprint: z.string(), fingerprintGroups: z.array(z.string()), signingKey: z.string() }),
  z.strictObject({ outcome: z.literal("refused"), problem: PacketProblemSchema }),
]);
export type InboxImport = z.infer<typeof InboxImportSchema>;

export const ReceivedSummarySchema = z.strictObject({ caseId: z.string(), title: z.string(), marking: TlpSchema, deadline: z.string(), importedAt: z.string(), sequence: z.number(), senderFingerprint: z.string(), evidence: z.number() });
export type ReceivedSummary = z.infer<typeof ReceivedSummarySchema>;

export const PreviewSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("text"), text: z.string(), truncated: z.boolean() }),
  z.strictObject({ kind: z.literal("image"), blob: z.instanceof(Blob), mediaType: z.string() }),
  /** No preview: the file is too large for one, or of a kind the app never renders. */
  z.strictObject({ kind: z.literal("none"), reason: z.enum(["too-large", "unsupported-type"]), mediaType: z.string() }),
]);
export type Preview = z.infer<typeof PreviewSchema>;

export const WORKER_CONTRACT = {
  "crypto:status": { request: Empty, response: CryptoBackendSchema },
  "vault:status": { request: Empty, response: VaultStatusSchema },
  "vault:create": { request: z.strictObject({ passphrase: Passphrase }), response: OpenedVaultSchema },
  "vault:unlock": { request: z.strictObject({ passphrase: Passphrase }), response: OpenedVaultSchema },
  "vault:lock": { request: Empty, response: Empty },
  /** The person has started typing the passphrase: ready the key derivation (its memory) for the vault's parameters. */
  "vault:prepare-unlock": { request: Empty, response: Empty },
  "vault:change-passphrase": { request: z.strictObject({ oldPassphrase: Passphrase, newPassphrase: Passphrase }), response: Empty },
  "vault:settings": { request: Empty, response: SettingsSchema },
  // Only the settings named change; the others keep their stored values.
  "vault:set-settings": { request: SettingsSchema.partial().strict(), response: SettingsSchema },
  "vault:digest": { request: Empty, response: z.strictObject({ digest: z.string() }) },
  "vault:backup": { request: z.strictObject({ passphrase: Passphrase }), response: ExportFileSchema },
  "vault:restore": { request: z.strictObject({ file: FileInput, passphrase: Passphrase }), response: OpenedVaultSchema },
  "audit:list": { request: Empty, response: AuditViewSchema },
  "identity:list": { request: Empty, response: z.array(IdentitySummarySchema) },
  "identity:create": { request: IdentityInputSchema, response: IdentitySummarySchema },
  /** New details for an identity; same keys, its card is signed anew when next exported. */
  "identity:edit": { request: IdentityInputSchema.extend({ id: Id }).strict(), response: IdentitySummarySchema },
  "identity:export-card": { request: z.strictObject({ id: Id }), response: ExportFileSchema },
  "identity:export-age": { request: z.strictObject({ id: Id, acknowledged: z.literal(true) }), response: ExportFileSchema },
  "contact:list": { request: Empty, response: z.array(ContactSummarySchema) },
  "contact:import": { request: z.strictObject({ file: FileInput }), response: ContactImportSchema },
  "contact:accept-update": { request: z.strictObject({ file: FileInput }), response: ContactSummarySchema },
  "contact:confirm": { request: z.strictObject({ id: Id, fingerprint: z.string().max(200) }), response: ContactSummarySchema },
  "contact:revoke": { request: z.strictObject({ id: Id, reason: z.string().max(2000) }), response: ContactSummarySchema },
  "attachment:import": { request: z.strictObject({ file: FileInput }), response: AttachmentInfoSchema },
  "attachment:list": { request: Empty, response: z.array(AttachmentInfoSchema) },
  "attachment:verify": { request: z.strictObject({ id: Id }), response: AttachmentInfoSchema },
  "attachment:export": { request: z.strictObject({ id: Id }), response: ExportFileSchema },
  "attachment:delete": { request: z.strictObject({ id: Id }), response: Empty },
  "attachment:preview": { request: z.strictObject({ id: Id }), response: PreviewSchema },
  "registry:list": { request: Empty, response: z.array(RegistryViewSchema) },
  "registry:examine": { request: z.strictObject({ file: FileInput }), response: CardPreviewSchema },
  "registry:enrol": {
    request: z.strictObject({ file: FileInput, fingerprint: z.string().max(200), affiliationStates: z.array(z.string().max(10)).max(20), declaredInterests: z.string().max(5000) }),
    response: RegistryViewSchema,
  },
  "registry:remove": { request: z.strictObject({ id: Id }), response: Empty },
  "registry:load-sample": { request: Empty, response: z.array(RegistryViewSchema) },
  "case:list": { request: Empty, response: z.array(CaseSummarySchema) },
  "case:create": { request: z.strictObject({ title: z.string().max(200) }), response: CaseSchema },
  "case:get": { request: z.strictObject({ id: Id }), response: CaseSchema },
  // The case is checked by the service, which answers with a case refusal (invalid-case, with the first issues).
  "case:save": { request: z.strictObject({ case: z.unknown() }), response: CaseSchema },
  "case:delete": { request: z.strictObject({ id: Id }), response: Empty },
  "case:load-sample": { request: Empty, response: CaseSchema },
  "case:attach": { request: z.strictObject({ caseId: Id, evidenceId: Id, file: FileInput }), response: CaseSchema },
  "case:import-stix": { request: z.strictObject({ caseId: Id, file: FileInput }), response: StixResultSchema },
  "panel:get": { request: z.strictObject({ caseId: Id }), response: PanelSchema.nullable() },
  "panel:save": { request: z.strictObject({ panel: z.unknown() }), response: PanelSchema },
  "case:draft-get": { request: z.strictObject({ caseId: Id }), response: CaseDraftSchema.nullable() },
  // The draft is checked by the service; an empty one (nothing unsaved) deletes the stored draft.
  "case:draft-keep": { request: z.strictObject({ draft: z.unknown() }), response: z.strictObject({ savedAt: z.string().nullable() }) },
  "case:draft-discard": { request: z.strictObject({ caseId: Id }), response: Empty },
  "packet:export": { request: z.strictObject({ caseId: Id, memberId: Id }), response: PacketExportSchema },
  "packet:outbox": { request: z.strictObject({ caseId: Id }), response: z.array(OutboxEntrySchema) },
  "inbox:import": {
    request: z.strictObject({ file: FileInput, confirmSigner: z.string().max(200).optional(), confirmSequence: z.number().int().positive().optional() }),
    response: InboxImportSchema,
  },
  "inbox:list": { request: Empty, response: z.array(ReceivedSummarySchema) },
  "inbox:get": { request: z.strictObject({ caseId: Id }), response: ReceivedCaseSchema },
} as const;

export type WorkerMethod = keyof typeof WORKER_CONTRACT;
export type WorkerRequestOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["request"]>;
export type WorkerResponseOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["response"]>;

export const WorkerErrorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("crypto-unavailable"), error: CryptoLoadErrorSchema }),
  z.strictObject({ kind: z.literal("unknown-method"), method: z.string() }),
  z.strictObject({ kind: z.literal("invalid-request"), issues: z.array(IssueSchema) }),
  z.strictObject({ kind: z.literal("invalid-response"), issues: z.array(IssueSchema) }),
  z.strictObject({ kind: z.literal("cancelled") }),
  /**
   * The call ended without an answer (`reason`): the handler threw (a bug), the worker did not start, the vault was locked
   * while it ran, or the key derivation gave no key. `detail`: the runtime's own text (technical, not ours; shown inside the
   * interface's sentence).
   */
  z.discriminatedUnion("reason", [
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.enum(["exception", "could-not-start"]), detail: z.string() }),
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.literal("vault-locked") }),
    z.strictObject({ kind: z.literal("worker-failed"), reason: z.literal("key-derivation"), failure: KdfFailureSchema }),
  ]),
  /** The operation was refused or failed for a reason the person can act on; `retryAfterMs`: when unlocking may be tried again. */
  z.strictObject({ kind: z.literal("refused"), problem: ProblemSchema, retryAfterMs: z.number().nonnegative().optional() }),
]);
export type WorkerError = z.infer<typeof WorkerErrorSchema>;
export type WorkerFailure = Extract<WorkerError, { kind: "worker-failed" }>;

/** UI → worker. */
export const WorkerCallSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("call"), id: z.number().int().nonnegative(), method: z.string(), payload: z.unknown() }),
  z.strictObject({ type: z.literal("cancel"), id: z.number().int().nonnegative() }),
]);
export type WorkerCall = z.infer<typeof WorkerCallSchema>;

/** Worker → UI: a final answer, or progress on a long operation. */
const WorkerResultSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: WorkerErrorSchema }),
]);
export const WorkerReplySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("result"), id: z.number().int(), result: WorkerResultSchema }),
  z.strictObject({ type: z.literal("progress"), id: z.number().int(), done: z.number().nonnegative(), total: z.number().nonnegative().optional() }),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;

export const isWorkerMethod = (name: string): name is WorkerMethod => Object.hasOwn(WORKER_CONTRACT, name);
