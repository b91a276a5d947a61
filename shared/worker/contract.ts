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

export { PacketProblemSchema, type PacketProblem, type Problem } from "./problem";

export const CryptoBackendSchema = z
  .object({ library: z.literal("libsodium"), version: z.string().min(1), webAssembly: z.literal(true) })
  .strict();

const Empty = z.object({}).strict();
const Passphrase = z.string().max(1024);
const Id = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const FileInput = z.instanceof(Blob);

export const AuditStatusSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), count: z.number().int().nonnegative() }).strict(),
  /** The audit log is broken at entry `seq`; `reason` says how (shared/vault/audit-log.ts AuditBreak). */
  z.object({ ok: z.literal(false), seq: z.number().int().nonnegative(), reason: z.enum(["missing", "tampered", "malformed", "out-of-sequence", "hash-mismatch", "unexpected-entry", "head-missing", "head-tampered"]) }).strict(),
]);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;

export const VaultStatusSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("none"), interruptedRestore: z.boolean() }).strict(),
  z.object({ state: z.literal("locked"), failedAttempts: z.number().int().nonnegative(), retryAfterMs: z.number().nonnegative() }).strict(),
  z.object({ state: z.literal("unlocked"), vaultId: z.string() }).strict(),
]);

export const OpenedVaultSchema = z.object({ vaultId: z.string(), audit: AuditStatusSchema, sweptImports: z.number().int().nonnegative() }).strict();
export type OpenedVault = z.infer<typeof OpenedVaultSchema>;

export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;
/** The interface languages a vault may remember (the six UN languages; "pseudo" is the development pseudo-locale). */
export const InterfaceLanguageSchema = z.enum(["ar", "zh", "en", "fr", "ru", "es", "pseudo"]);
export const SettingsSchema = z
  .object({ idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max), language: InterfaceLanguageSchema.optional() })
  .strict();
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
export const IdentitySummarySchema = z.object({ id: z.string(), created: z.string(), ...PersonFields }).strict();
export type IdentitySummary = z.infer<typeof IdentitySummarySchema>;

export const TrustSchema = z.object({ state: z.enum(["unverified", "trusted", "revoked"]), confirmedAt: z.string().optional(), revokedAt: z.string().optional(), reason: z.string().optional() }).strict();
export const ContactSummarySchema = z.object({ id: z.string(), importedAt: z.string(), trust: TrustSchema, ...PersonFields }).strict();
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const ContactImportSchema = z.object({ outcome: z.enum(["new", "already-known", "details-changed"]), contact: ContactSummarySchema, changes: z.array(z.string()) }).strict();
export type ContactImportSummary = z.infer<typeof ContactImportSchema>;

export const AuditEntryViewSchema = z.object({ seq: z.number(), time: z.string(), event: z.string(), prevHash: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() }).strict();
export const AuditViewSchema = z.object({ status: AuditStatusSchema, entries: z.array(AuditEntryViewSchema) }).strict();
export type AuditView = z.infer<typeof AuditViewSchema>;

export const AttachmentInfoSchema = z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), importedAt: z.string() }).strict();
export type AttachmentInfoView = z.infer<typeof AttachmentInfoSchema>;

/** A file for the person to save: the UI offers it as a download. */
export const ExportFileSchema = z.object({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob) }).strict();
export type ExportFile = z.infer<typeof ExportFileSchema>;

export const IdentityInputSchema = z.object({ displayName: z.string().max(1000), region: z.string().max(100), nationality: z.string().max(10), affiliation: z.string().max(1000) }).strict();

export const RegistryViewSchema = z
  .object({
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
  })
  .strict();
export type RegistryView = z.infer<typeof RegistryViewSchema>;

export const CardPreviewSchema = z.object({ displayName: z.string(), region: z.string(), nationality: z.string(), affiliation: z.string(), fingerprint: z.string(), fingerprintGroups: z.array(z.string()) }).strict();
export type CardPreview = z.infer<typeof CardPreviewSchema>;

export const CaseSummarySchema = z
  .object({
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
  })
  .strict();
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const StixResultSchema = z
  .object({ case: CaseSchema, claims: z.number(), evidence: z.number(), skipped: z.record(z.string(), z.number()), /** Claims' state codes no country has, left out. */ unknownStates: z.array(z.string()) })
  .strict();

export const PacketExportSchema = z
  .object({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob), sequence: z.number(), packetId: z.string(), recipient: z.string(), outbox: OutboxEntrySchema })
  .strict();

export const InboxImportSchema = z.discriminatedUnion("outcome", [
  z
    .object({
      outcome: z.literal("imported"),
      caseId: z.string(),
      title: z.string(),
      sequence: z.number(),
      senderFingerprint: z.string(),
      newlyPinned: z.boolean(),
      /** When it replaced an earlier packet of the case: that one's number and how many changes the reader lists. */
      replaced: z.object({ sequence: z.number(), changes: z.number() }).strict().optional(),
    })
    .strict(),
  z.object({ outcome: z.literal("confirm-signer"), fingerprint: z.string(), fingerprintGroups: z.array(z.string()), signingKey: z.string() }).strict(),
  z.object({ outcome: z.literal("refused"), problem: PacketProblemSchema }).strict(),
]);
export type InboxImport = z.infer<typeof InboxImportSchema>;

export const ReceivedSummarySchema = z
  .object({ caseId: z.string(), title: z.string(), marking: TlpSchema, deadline: z.string(), importedAt: z.string(), sequence: z.number(), senderFingerprint: z.string(), evidence: z.number() })
  .strict();
export type ReceivedSummary = z.infer<typeof ReceivedSummarySchema>;

export const PreviewSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string(), truncated: z.boolean() }).strict(),
  z.object({ kind: z.literal("image"), blob: z.instanceof(Blob), mediaType: z.string() }).strict(),
  /** No preview: the file is too large for one, or of a kind the app never renders. */
  z.object({ kind: z.literal("none"), reason: z.enum(["too-large", "unsupported-type"]), mediaType: z.string() }).strict(),
]);
export type Preview = z.infer<typeof PreviewSchema>;

export const WORKER_CONTRACT = {
  "crypto:status": { request: Empty, response: CryptoBackendSchema },
  "vault:status": { request: Empty, response: VaultStatusSchema },
  "vault:create": { request: z.object({ passphrase: Passphrase }).strict(), response: OpenedVaultSchema },
  "vault:unlock": { request: z.object({ passphrase: Passphrase }).strict(), response: OpenedVaultSchema },
  "vault:lock": { request: Empty, response: Empty },
  /** The person has started typing the passphrase: ready the key derivation (its memory) for the vault's parameters. */
  "vault:prepare-unlock": { request: Empty, response: Empty },
  "vault:change-passphrase": { request: z.object({ oldPassphrase: Passphrase, newPassphrase: Passphrase }).strict(), response: Empty },
  "vault:settings": { request: Empty, response: SettingsSchema },
  // Only the settings named change; the others keep their stored values.
  "vault:set-settings": { request: SettingsSchema.partial().strict(), response: SettingsSchema },
  "vault:digest": { request: Empty, response: z.object({ digest: z.string() }).strict() },
  "vault:backup": { request: z.object({ passphrase: Passphrase }).strict(), response: ExportFileSchema },
  "vault:restore": { request: z.object({ file: FileInput, passphrase: Passphrase }).strict(), response: OpenedVaultSchema },
  "audit:list": { request: Empty, response: AuditViewSchema },
  "identity:list": { request: Empty, response: z.array(IdentitySummarySchema) },
  "identity:create": { request: IdentityInputSchema, response: IdentitySummarySchema },
  /** New details for an identity; same keys, its card is signed anew when next exported. */
  "identity:edit": { request: IdentityInputSchema.extend({ id: Id }).strict(), response: IdentitySummarySchema },
  "identity:export-card": { request: z.object({ id: Id }).strict(), response: ExportFileSchema },
  "identity:export-age": { request: z.object({ id: Id, acknowledged: z.literal(true) }).strict(), response: ExportFileSchema },
  "contact:list": { request: Empty, response: z.array(ContactSummarySchema) },
  "contact:import": { request: z.object({ file: FileInput }).strict(), response: ContactImportSchema },
  "contact:accept-update": { request: z.object({ file: FileInput }).strict(), response: ContactSummarySchema },
  "contact:confirm": { request: z.object({ id: Id, fingerprint: z.string().max(200) }).strict(), response: ContactSummarySchema },
  "contact:revoke": { request: z.object({ id: Id, reason: z.string().max(2000) }).strict(), response: ContactSummarySchema },
  "attachment:import": { request: z.object({ file: FileInput }).strict(), response: AttachmentInfoSchema },
  "attachment:list": { request: Empty, response: z.array(AttachmentInfoSchema) },
  "attachment:verify": { request: z.object({ id: Id }).strict(), response: AttachmentInfoSchema },
  "attachment:export": { request: z.object({ id: Id }).strict(), response: ExportFileSchema },
  "attachment:delete": { request: z.object({ id: Id }).strict(), response: Empty },
  "attachment:preview": { request: z.object({ id: Id }).strict(), response: PreviewSchema },
  "registry:list": { request: Empty, response: z.array(RegistryViewSchema) },
  "registry:examine": { request: z.object({ file: FileInput }).strict(), response: CardPreviewSchema },
  "registry:enrol": {
    request: z.object({ file: FileInput, fingerprint: z.string().max(200), affiliationStates: z.array(z.string().max(10)).max(20), declaredInterests: z.string().max(5000) }).strict(),
    response: RegistryViewSchema,
  },
  "registry:remove": { request: z.object({ id: Id }).strict(), response: Empty },
  "registry:load-sample": { request: Empty, response: z.array(RegistryViewSchema) },
  "case:list": { request: Empty, response: z.array(CaseSummarySchema) },
  "case:create": { request: z.object({ title: z.string().max(200) }).strict(), response: CaseSchema },
  "case:get": { request: z.object({ id: Id }).strict(), response: CaseSchema },
  // The case is checked by the service, which answers with a case refusal (invalid-case, with the first issues).
  "case:save": { request: z.object({ case: z.unknown() }).strict(), response: CaseSchema },
  "case:delete": { request: z.object({ id: Id }).strict(), response: Empty },
  "case:load-sample": { request: Empty, response: CaseSchema },
  "case:attach": { request: z.object({ caseId: Id, evidenceId: Id, file: FileInput }).strict(), response: CaseSchema },
  "case:import-stix": { request: z.object({ caseId: Id, file: FileInput }).strict(), response: StixResultSchema },
  "panel:get": { request: z.object({ caseId: Id }).strict(), response: PanelSchema.nullable() },
  "panel:save": { request: z.object({ panel: z.unknown() }).strict(), response: PanelSchema },
  "case:draft-get": { request: z.object({ caseId: Id }).strict(), response: CaseDraftSchema.nullable() },
  // The draft is checked by the service; an empty one (nothing unsaved) deletes the stored draft.
  "case:draft-keep": { request: z.object({ draft: z.unknown() }).strict(), response: z.object({ savedAt: z.string().nullable() }).strict() },
  "case:draft-discard": { request: z.object({ caseId: Id }).strict(), response: Empty },
  "packet:export": { request: z.object({ caseId: Id, memberId: Id }).strict(), response: PacketExportSchema },
  "packet:outbox": { request: z.object({ caseId: Id }).strict(), response: z.array(OutboxEntrySchema) },
  "inbox:import": { request: z.object({ file: FileInput, confirmSigner: z.string().max(200).optional() }).strict(), response: InboxImportSchema },
  "inbox:list": { request: Empty, response: z.array(ReceivedSummarySchema) },
  "inbox:get": { request: z.object({ caseId: Id }).strict(), response: ReceivedCaseSchema },
} as const;

export type WorkerMethod = keyof typeof WORKER_CONTRACT;
export type WorkerRequestOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["request"]>;
export type WorkerResponseOf<M extends WorkerMethod> = z.infer<(typeof WORKER_CONTRACT)[M]["response"]>;

export const WorkerErrorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("crypto-unavailable"), error: CryptoLoadErrorSchema }).strict(),
  z.object({ kind: z.literal("unknown-method"), method: z.string() }).strict(),
  z.object({ kind: z.literal("invalid-request"), issues: z.array(IssueSchema) }).strict(),
  z.object({ kind: z.literal("invalid-response"), issues: z.array(IssueSchema) }).strict(),
  z.object({ kind: z.literal("cancelled") }).strict(),
  /**
   * The call ended without an answer (`reason`): the handler threw (a bug), the worker did not start, the vault was locked
   * while it ran, or the key derivation gave no key. `detail`: the runtime's own text (technical, not ours; shown inside the
   * interface's sentence).
   */
  z.discriminatedUnion("reason", [
    z.object({ kind: z.literal("worker-failed"), reason: z.enum(["exception", "could-not-start"]), detail: z.string() }).strict(),
    z.object({ kind: z.literal("worker-failed"), reason: z.literal("vault-locked") }).strict(),
    z.object({ kind: z.literal("worker-failed"), reason: z.literal("key-derivation"), failure: KdfFailureSchema }).strict(),
  ]),
  /** The operation was refused or failed for a reason the person can act on; `retryAfterMs`: when unlocking may be tried again. */
  z.object({ kind: z.literal("refused"), problem: ProblemSchema, retryAfterMs: z.number().nonnegative().optional() }).strict(),
]);
export type WorkerError = z.infer<typeof WorkerErrorSchema>;
export type WorkerFailure = Extract<WorkerError, { kind: "worker-failed" }>;

/** UI → worker. */
export const WorkerCallSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("call"), id: z.number().int().nonnegative(), method: z.string(), payload: z.unknown() }).strict(),
  z.object({ type: z.literal("cancel"), id: z.number().int().nonnegative() }).strict(),
]);
export type WorkerCall = z.infer<typeof WorkerCallSchema>;

/** Worker → UI: a final answer, or progress on a long operation. */
const WorkerResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: WorkerErrorSchema }).strict(),
]);
export const WorkerReplySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("result"), id: z.number().int(), result: WorkerResultSchema }).strict(),
  z.object({ type: z.literal("progress"), id: z.number().int(), done: z.number().nonnegative(), total: z.number().nonnegative().optional() }).strict(),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;

export const isWorkerMethod = (name: string): name is WorkerMethod => Object.hasOwn(WORKER_CONTRACT, name);
