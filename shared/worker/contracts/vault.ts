/**
 * The vault's contract: the cryptography's state, the session (create,
 * unlock, lock, restore), and what concerns the vault as a whole: its
 * passphrase, settings, content digest, backup and audit log. Answered by
 * vault-session.ts (the session) and vault-handlers.ts (the rest).
 */
import { z } from "../../validation/zod";
import { IDLE_LOCK_MINUTES } from "../../vault/settings-limits";
import { AUDIT_BREAKS } from "../../vault/audit-break";
import { Empty, ExportFileSchema, FileInput, Passphrase, type HandlersOf } from "./common";

export const CryptoBackendSchema = z.strictObject({ library: z.literal("libsodium"), version: z.string().min(1), webAssembly: z.literal(true) });

export const AuditStatusSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), count: z.number().int().nonnegative() }),
  /** The audit log is broken at entry `seq`; `reason` says how (shared/vault/audit-log.ts AuditBreak). */
  z.strictObject({ ok: z.literal(false), seq: z.number().int().nonnegative(), reason: z.enum(AUDIT_BREAKS) }),
]);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;

const RecordSlot = { table: z.string(), id: z.string() };
/**
 * What the unlock found (shared/vault/unlocked-vault.ts IntegrityAtUnlock):
 * when the vault last changed and its audit head (`hash`: hex SHA-256 of the
 * last entry), the record index's own problem, and the records that are not
 * as the index names them (the first few; `recordCount` all of them).
 */
export const IntegrityReportSchema = z.strictObject({
  lastModifiedAt: z.iso.datetime().nullable(),
  auditHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  index: z
    .discriminatedUnion("kind", [z.strictObject({ kind: z.enum(["index-missing", "index-tampered"]) }), z.strictObject({ kind: z.literal("record-rolled-back"), ...RecordSlot })])
    .nullable(),
  records: z.array(z.strictObject({ kind: z.enum(["record-rolled-back", "tampered", "missing", "unexpected-record"]), ...RecordSlot })),
  recordCount: z.number().int().nonnegative(),
  upgraded: z.boolean(),
});
export type IntegrityReport = z.infer<typeof IntegrityReportSchema>;

export const VaultStatusSchema = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("none"), interruptedRestore: z.boolean() }),
  z.strictObject({ state: z.literal("locked"), failedAttempts: z.number().int().nonnegative(), retryAfterMs: z.number().nonnegative() }),
  z.strictObject({ state: z.literal("unlocked"), vaultId: z.string() }),
]);
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const OpenedVaultSchema = z.strictObject({ vaultId: z.string(), audit: AuditStatusSchema, integrity: IntegrityReportSchema, sweptImports: z.number().int().nonnegative() });
export type OpenedVault = z.infer<typeof OpenedVaultSchema>;

/** The interface languages a vault may remember (the six UN languages; "pseudo" is the development pseudo-locale). */
export const InterfaceLanguageSchema = z.enum(["ar", "zh", "en", "fr", "ru", "es", "pseudo"]);
export const SettingsSchema = z.strictObject({
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
  language: InterfaceLanguageSchema.optional(),
  /** The identity (signing-key fingerprint) last chosen to sign case packets, when the vault holds several. */
  packetSigner: z.string().min(1).max(100).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const AuditEntryViewSchema = z.strictObject({ seq: z.number(), time: z.string(), event: z.string(), prevHash: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() });
export const AuditViewSchema = z.strictObject({ status: AuditStatusSchema, entries: z.array(AuditEntryViewSchema) });
export type AuditView = z.infer<typeof AuditViewSchema>;

export const vaultMethods = {
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
} as const;

export type VaultHandlers = HandlersOf<typeof vaultMethods>;
