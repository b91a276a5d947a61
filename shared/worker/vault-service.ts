/**
 * What the crypto worker does with the vault: the handlers behind every
 * vault, identity, contact, audit, attachment and backup call. The unlocked
 * vault (and so the vault key and every secret key) lives only here, inside
 * the worker; the interface receives summaries, sentences and Blobs to save.
 *
 * Free of the worker global and of IndexedDB (the storage is injected), so
 * it runs in unit tests against MemoryVaultStorage.
 */
import { z } from "../validation/zod";
import { fileStem } from "../encoding/file-name";
import { loadCrypto, randomBytes } from "../crypto/sodium";
import { exportAgeIdentityFile } from "../identity/age-identity-export";
import { contactFromRecord, contactToRecord } from "../identity/contact-record";
import { acceptCardUpdate, confirmFingerprint, importContact, revokeContact, type Contact, type ContactImport } from "../identity/contacts";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { MAX_CARD_FILE_BYTES, exportIdentityCard, identityCardOf } from "../identity/identity-card";
import { createIdentity, identityToStored, reviseIdentity, wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { UnRegionSchema } from "../identity/un-regions";
import { err, ok, type Result } from "../result";
import { AttachmentReadError } from "../vault/attachments";
import { BackupStreamError } from "../vault/backup";
import { argon2idTimer, calibrate, checkParams, type KdfCost, type KdfParams, type KeyDeriver } from "../vault/kdf";
import { newRecordId } from "../vault/record-slot";
import type { VaultStorage } from "../vault/storage-port";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { createVault, restoreVault, unlockVault } from "../vault/vault";
import { readHeader } from "../vault/stored-header";
import {
  SettingsSchema,
  type AuditStatus,
  type AuditView,
  type ContactImportSummary,
  type ContactSummary,
  type IdentitySummary,
  type OpenedVault,
  type Settings,
  type WorkerError,
} from "./contract";
import { IDLE_LOCK_MINUTES } from "../vault/settings-limits";
import { CASE_METHODS } from "./case-methods";
import { cryptoStatus, vaultStatusAtRest } from "./start-handlers";
import { lazyHandlers, type WorkerContext, type WorkerHandlers } from "./dispatch";
import { LOCKED, refused, refusedWith, type R } from "./refusal";
import { collectBlob, countedStream, fileSource, IDENTITIES_TABLE, loadIdentities, loadIdentity, progressOptions, readSmallFile, serially } from "./service-kit";


export const CONTACTS_TABLE = "contacts";
export const SETTINGS_TABLE = "settings";
const SETTINGS_ID = "vault-settings-v1";

/** The vault's settings, the defaults while none are stored. */
async function readSettings(v: UnlockedVault): R<Settings> {
  const stored = await v.get(SETTINGS_TABLE, SETTINGS_ID, SettingsSchema);
  if (stored.ok) return ok(stored.value);
  return stored.error.kind === "missing" ? ok({ idleLockMinutes: IDLE_LOCK_MINUTES.default }) : refused(stored.error);
}

export type VaultServiceOptions = {
  readonly storage: VaultStorage;
  /** The Argon2id cost for a new vault; the worker calibrates (in a worker of its own), tests pass KDF_FLOOR. */
  readonly kdfCost?: () => KdfCost | Promise<KdfCost>;
  /** Where derivations run; the app uses a short-lived worker per derivation. */
  readonly derive?: KeyDeriver;
  /**
   * Readies the key derivation for these parameters ahead of the unlock (the
   * KDF worker grows and touches its memory while the passphrase is typed).
   * A hint: nothing depends on it having run.
   */
  readonly prepareDerive?: (params: KdfParams) => void;
  readonly clock?: () => Date;
  /** scrypt work factor of backup files (age's default 18; tests lower it). */
  readonly backupWorkFactor?: number;
};


function auditStatus(status: UnlockedVault["auditAtUnlock"]): AuditStatus {
  return status.ok ? { ok: true, count: status.value.count } : { ok: false, seq: status.error.seq, reason: status.error.reason };
}

function identitySummary(identity: PersonalIdentity): IdentitySummary {
  const card = identityCardOf(identity);
  return {
    id: identity.id,
    created: identity.created,
    displayName: card.displayName,
    region: card.region,
    nationality: card.nationality,
    affiliation: card.affiliation,
    fingerprint: card.fingerprint,
    fingerprintGroups: [...groupFingerprintForReading(card.fingerprint)],
    signingKey: card.signingKey,
    ageRecipient: card.ageRecipient,
  };
}

function contactSummary(id: string, contact: Contact): ContactSummary {
  const card = contact.card.card;
  return {
    id,
    importedAt: contact.importedAt,
    trust: { ...contact.trust },
    displayName: card.displayName,
    region: card.region,
    nationality: card.nationality,
    affiliation: card.affiliation,
    fingerprint: contact.card.fingerprint,
    fingerprintGroups: [...groupFingerprintForReading(contact.card.fingerprint)],
    signingKey: card.signingKey,
    ageRecipient: contact.card.ageRecipient,
  };
}

const textFile = (fileName: string, mediaType: string, text: string) => ({ fileName, mediaType, blob: new Blob([text], { type: mediaType }) });

export function createVaultService(options: VaultServiceOptions): WorkerHandlers & { readonly current: () => UnlockedVault | undefined } {
  const { storage } = options;
  const clock = options.clock ?? (() => new Date());
  let vault: UnlockedVault | undefined;
  const derive = options.derive ? { derive: options.derive } : {};
  // Create, unlock, restore and lock change which vault is open: one at a time,
  // so a restore cannot be cleared by a concurrent create, and the like.
  const oneAtATime = serially();

  const opened = (v: UnlockedVault): OpenedVault => ({ vaultId: v.vaultId, audit: auditStatus(v.auditAtUnlock), sweptImports: v.sweptAtUnlock });

  /** Runs `fn` with the unlocked vault, or answers "locked". */
  const withVault = async <T>(fn: (v: UnlockedVault) => R<T>): R<T> => {
    if (!vault || vault.isLocked()) return LOCKED;
    return fn(vault);
  };

  /** One stored contact, its card re-verified. */
  const loadContact = async (v: UnlockedVault, id: string): Promise<Result<Contact, WorkerError>> => {
    const stored = await v.get(CONTACTS_TABLE, id, z.unknown());
    if (!stored.ok) return refused(stored.error);
    const contact = contactFromRecord(stored.value);
    if (contact.ok) return contact;
    return refusedWith({ kind: "contact", error: contact.error });
  };

  const loadContacts = async (v: UnlockedVault): Promise<Result<{ id: string; contact: Contact }[], WorkerError>> => {
    const ids = await v.list(CONTACTS_TABLE);
    if (!ids.ok) return refused(ids.error);
    const contacts: { id: string; contact: Contact }[] = [];
    for (const id of ids.value) {
      const contact = await loadContact(v, id);
      if (!contact.ok) return contact;
      contacts.push({ id, contact: contact.value });
    }
    return ok(contacts);
  };

  /** A received card file, verified and related to the existing contacts (with their ids). */
  const examineCard = async (v: UnlockedVault, file: Blob): Promise<Result<{ imported: ContactImport; idOf: (contact: Contact) => string }, WorkerError>> => {
    const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "contact-card");
    if (!bytes.ok) return bytes;
    const all = await loadContacts(v);
    if (!all.ok) return all;
    const imported = importContact(all.value.map((c) => c.contact), bytes.value, clock());
    if (!imported.ok) return refusedWith({ kind: "contact", error: imported.error });
    return ok({ imported: imported.value, idOf: (contact) => all.value.find((c) => c.contact === contact)?.id ?? "" });
  };

  const saveContact = async (v: UnlockedVault, id: string, contact: Contact, event: "contact-imported" | "contact-trusted" | "contact-revoked"): R<ContactSummary> => {
    const written = await v.write({ put: [{ table: CONTACTS_TABLE, id, value: contactToRecord(contact) }] }, { event, detail: { contact: id, fingerprint: contact.card.fingerprint } });
    return written.ok ? ok(contactSummary(id, contact)) : refused(written.error);
  };


  const handlers: WorkerHandlers = {
    // The case service (STIX, packets, the sample case) loads on the first case call, not at start-up.
    ...lazyHandlers(CASE_METHODS, () => import("./case-service").then((m) => m.createCaseHandlers({ withVault, clock }))),
    "crypto:status": cryptoStatus,
    "vault:status": async () => (vault && !vault.isLocked() ? ok({ state: "unlocked", vaultId: vault.vaultId }) : vaultStatusAtRest(storage, clock())),

    "vault:prepare-unlock": async () => {
      if (vault && !vault.isLocked()) return ok({});
      const header = await readHeader(storage);
      // Only parameters the unlock would accept: a lowered header is refused there, with its own sentence.
      const params = header.ok ? checkParams(header.value.kdf) : undefined;
      if (params?.ok) options.prepareDerive?.(params.value);
      return ok({});
    },

    "vault:create": ({ passphrase }) =>
      oneAtATime(async () => {
        const kdf = options.kdfCost ? await options.kdfCost() : calibrate(argon2idTimer(() => performance.now(), randomBytes(16)));
        const created = await createVault(storage, passphrase, { kdf: { opsLimit: kdf.opsLimit, memLimitBytes: kdf.memLimitBytes }, clock, ...derive });
        if (!created.ok) return refused(created.error);
        vault = created.value;
        return ok(opened(vault));
      }),

    "vault:unlock": ({ passphrase }) =>
      oneAtATime(async () => {
        // Already open (the interface lost track, say): close it, so the passphrase is checked like any unlock.
        await vault?.lock();
        vault = undefined;
        const unlocked = await unlockVault(storage, passphrase, { clock, ...derive });
        if (!unlocked.ok) return refused(unlocked.error);
        vault = unlocked.value;
        return ok(opened(vault));
      }),

    "vault:lock": () =>
      oneAtATime(async () => {
        await vault?.lock();
        vault = undefined;
        return ok({});
      }),

    "vault:change-passphrase": ({ oldPassphrase, newPassphrase }) =>
      withVault(async (v) => {
        const changed = await v.changePassphrase(oldPassphrase, newPassphrase);
        return changed.ok ? ok({}) : refused(changed.error);
      }),

    "vault:settings": () => withVault(readSettings),

    "vault:set-settings": (changes: Partial<Settings>) =>
      withVault(async (v) => {
        const current = await readSettings(v);
        if (!current.ok) return current;
        const settings: Settings = { ...current.value, ...changes };
        const written = await v.put(SETTINGS_TABLE, SETTINGS_ID, settings);
        return written.ok ? ok(settings) : refused(written.error);
      }),

    "vault:digest": (_request, context) =>
      withVault(async (v) => {
        const digest = await v.contentDigest(progressOptions(context));
        return digest.ok ? ok({ digest: digest.value }) : refused(digest.error);
      }),

    "vault:backup": ({ passphrase }, context) =>
      withVault(async (v) => {
        const stream = await v.backup(passphrase, { ...progressOptions(context), ...(options.backupWorkFactor ? { workFactor: options.backupWorkFactor } : {}) });
        if (!stream.ok) return refused(stream.error);
        try {
          // A Blob is held by the browser (on disk when large), not in this worker's heap.
          const blob = await collectBlob(stream.value, "application/octet-stream", context.signal);
          const day = clock().toISOString().slice(0, 10);
          return ok({ fileName: `attribution-panel-vault-${day}.age`, mediaType: "application/octet-stream", blob });
        } catch (e) {
          if (e instanceof BackupStreamError) return refused(e.error);
          throw e;
        }
      }),

    "vault:restore": ({ file, passphrase }, context) =>
      oneAtATime(async () => {
        if (vault && !vault.isLocked()) return refused({ kind: "vault-exists" });
        const restored = await restoreVault(storage, file.stream(), passphrase, { clock, ...derive, ...progressOptions(context) });
        if (!restored.ok) return refused(restored.error);
        vault = restored.value;
        return ok(opened(vault));
      }),

    "audit:list": () =>
      withVault<AuditView>(async (v) => {
        const log = await v.verifyAudit();
        if (log.ok) return ok({ status: { ok: true, count: log.value.count }, entries: log.value.entries.map((e) => ({ ...e })) });
        if (log.error.kind !== "audit-chain-broken") return refused(log.error);
        return ok({ status: { ok: false, seq: log.error.seq, reason: log.error.reason }, entries: [] });
      }),

    "identity:list": () =>
      withVault(async (v) => {
        const identities = await loadIdentities(v);
        if (!identities.ok) return identities;
        const out = identities.value.map(identitySummary);
        identities.value.forEach(wipeIdentity);
        return ok(out);
      }),

    "identity:create": (input) =>
      withVault(async (v) => {
        const region = UnRegionSchema.safeParse(input.region);
        if (!region.success) return refusedWith({ kind: "identity", error: { kind: "invalid-region" } });
        const identity = createIdentity(input, clock());
        if (!identity.ok) return refusedWith({ kind: "identity", error: identity.error });
        try {
          const summary = identitySummary(identity.value);
          const written = await v.write(
            { put: [{ table: IDENTITIES_TABLE, id: identity.value.id, value: identityToStored(identity.value) }] },
            { event: "identity-created", detail: { identity: identity.value.id, fingerprint: summary.fingerprint } },
          );
          return written.ok ? ok(summary) : refused(written.error);
        } finally {
          wipeIdentity(identity.value);
        }
      }),

    "identity:edit": ({ id, ...input }) =>
      withVault(async (v) => {
        const region = UnRegionSchema.safeParse(input.region);
        if (!region.success) return refusedWith({ kind: "identity", error: { kind: "invalid-region" } });
        const identity = await loadIdentity(v, id);
        if (!identity.ok) return identity;
        try {
          const revised = reviseIdentity(identity.value, input);
          if (!revised.ok) return refusedWith({ kind: "identity", error: revised.error });
          const summary = identitySummary(revised.value.identity);
          const written = await v.write(
            { put: [{ table: IDENTITIES_TABLE, id, value: identityToStored(revised.value.identity) }] },
            { event: "identity-edited", detail: { identity: id, fingerprint: summary.fingerprint, changed: revised.value.changed.join(",") } },
          );
          return written.ok ? ok(summary) : refused(written.error);
        } finally {
          wipeIdentity(identity.value);
        }
      }),

    "identity:export-card": ({ id }) =>
      withVault(async (v) => {
        const identity = await loadIdentity(v, id);
        if (!identity.ok) return identity;
        try {
          const text = exportIdentityCard(identity.value);
          return ok(textFile(`${fileStem(identity.value.details.displayName)}.card.json`, "application/json", text));
        } finally {
          wipeIdentity(identity.value);
        }
      }),

    "identity:export-age": ({ id }) =>
      withVault(async (v) => {
        const identity = await loadIdentity(v, id);
        if (!identity.ok) return identity;
        try {
          // Logged first: an export that cannot be recorded does not happen.
          const logged = await v.audit("identity-exported", { identity: id, what: "age-secret-key" });
          if (!logged.ok) return refused(logged.error);
          return ok(textFile(`${fileStem(identity.value.details.displayName)}.age-identity.txt`, "text/plain", exportAgeIdentityFile(identity.value)));
        } finally {
          wipeIdentity(identity.value);
        }
      }),

    "contact:list": () =>
      withVault(async (v) => {
        const all = await loadContacts(v);
        return all.ok ? ok(all.value.map((c) => contactSummary(c.id, c.contact)).sort((a, b) => a.displayName.localeCompare(b.displayName))) : all;
      }),

    "contact:import": ({ file }) =>
      withVault<ContactImportSummary>(async (v) => {
        const examined = await examineCard(v, file);
        if (!examined.ok) return examined;
        const { imported, idOf } = examined.value;
        switch (imported.kind) {
          case "new": {
            const saved = await saveContact(v, newRecordId(), imported.contact, "contact-imported");
            return saved.ok ? ok({ outcome: "new", contact: saved.value, changes: [] }) : saved;
          }
          case "already-known":
            return ok({ outcome: "already-known", contact: contactSummary(idOf(imported.contact), imported.contact), changes: [] });
          case "details-changed":
            return ok({ outcome: "details-changed", contact: contactSummary(idOf(imported.existing), imported.existing), changes: [...imported.changes] });
        }
      }),

    "contact:accept-update": ({ file }) =>
      withVault(async (v) => {
        const examined = await examineCard(v, file);
        if (!examined.ok) return examined;
        const { imported, idOf } = examined.value;
        if (imported.kind !== "details-changed") return refusedWith({ kind: "contact", error: { kind: "no-update" } });
        const updated = acceptCardUpdate(imported.existing, imported.incoming);
        if (!updated.ok) return refusedWith({ kind: "contact", error: updated.error });
        return saveContact(v, idOf(imported.existing), updated.value, "contact-imported");
      }),

    "contact:confirm": ({ id, fingerprint }) =>
      withVault(async (v) => {
        const contact = await loadContact(v, id);
        if (!contact.ok) return contact;
        const confirmed = confirmFingerprint(contact.value, fingerprint, clock());
        if (!confirmed.ok) return refusedWith({ kind: "contact", error: confirmed.error });
        return saveContact(v, id, confirmed.value, "contact-trusted");
      }),

    "contact:revoke": ({ id, reason }) =>
      withVault(async (v) => {
        const contact = await loadContact(v, id);
        if (!contact.ok) return contact;
        const revoked = revokeContact(contact.value, reason, clock());
        if (!revoked.ok) return refusedWith({ kind: "contact", error: revoked.error });
        return saveContact(v, id, revoked.value, "contact-revoked");
      }),

    "attachment:import": ({ file }, context) =>
      withVault(async (v) => {
        const imported = await v.attachments.import(fileSource(file), progressOptions(context));
        return imported.ok ? ok(imported.value) : refused(imported.error);
      }),

    "attachment:list": () =>
      withVault(async (v) => {
        const list = await v.attachments.list();
        return list.ok ? ok(list.value.sort((a, b) => a.importedAt.localeCompare(b.importedAt))) : refused(list.error);
      }),

    "attachment:verify": ({ id }, context) =>
      withVault(async (v) => {
        const verified = await v.attachments.verify(id, progressOptions(context));
        return verified.ok ? ok(verified.value) : refused(verified.error);
      }),

    "attachment:export": ({ id }, context) =>
      withVault(async (v) => {
        const opened = await v.attachments.open(id);
        if (!opened.ok) return refused(opened.error);
        try {
          const blob = await collectBlob(countedStream(opened.value.stream, opened.value.info.size, context), opened.value.info.mediaType, context.signal);
          return ok({ fileName: opened.value.info.name, mediaType: opened.value.info.mediaType, blob });
        } catch (e) {
          if (e instanceof AttachmentReadError) {
            if (e.error.kind === "attachment-corrupt") await v.audit("tamper-detected", { table: "attachments", id });
            return refused(e.error);
          }
          throw e;
        }
      }),

    "attachment:delete": ({ id }) =>
      withVault(async (v) => {
        const deleted = await v.attachments.delete(id);
        return deleted.ok ? ok({}) : refused(deleted.error);
      }),
  };

  // A fresh worker (after a lock) starts without libsodium: every call first makes sure it is loaded.
  const ready = {} as Record<string, unknown>;
  for (const [method, handler] of Object.entries(handlers) as [string, (request: unknown, context: WorkerContext) => R<unknown>][]) {
    ready[method] = async (request: unknown, context: WorkerContext) => {
      const loaded = await loadCrypto();
      if (!loaded.ok) return err({ kind: "crypto-unavailable", error: loaded.error });
      return handler(request, context);
    };
  }
  return { ...(ready as WorkerHandlers), current: () => vault };
}
