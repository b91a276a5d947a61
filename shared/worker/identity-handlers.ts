/**
 * The crypto worker's handlers for the person's own identities (created,
 * edited, their card and age identity exported) and for their contacts
 * (cards imported, updated, trusted after a fingerprint check, revoked).
 * Secret keys are wiped as soon as each call is done with them.
 */
import { fileStem } from "../encoding/file-name";
import { exportAgeIdentityFile } from "../identity/age-identity-export";
import { contactFromParsed, contactToRecord } from "../identity/contact-record";
import { acceptCardUpdate, confirmFingerprint, importContact, revokeContact, type Contact, type ContactImport } from "../identity/contacts";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { MAX_CARD_FILE_BYTES, exportIdentityCard, identityCardOf } from "../identity/identity-card";
import { createIdentity, identityToStored, reviseIdentity, wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { ContactRecord } from "../identity/records/contact.record";
import { IdentityRecord } from "../identity/records/identity.record";
import { UnRegionSchema } from "../identity/un-regions";
import { ok, type Result } from "../result";
import { newRecordId } from "../vault/record-slot";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { WorkerError } from "./contracts/envelope";
import type { ContactImportSummary, ContactSummary, IdentityHandlers, IdentitySummary } from "./contracts/identity";
import { refused, refusedWith, type R } from "./refusal";
import { loadIdentities, loadIdentity, readSmallFile } from "./service-kit";
import type { VaultAccess } from "./vault-session";

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

/** One stored contact, its card re-verified. */
async function loadContact(v: UnlockedVault, id: string): Promise<Result<Contact, WorkerError>> {
  const stored = await ContactRecord.read(v, id);
  if (!stored.ok) return stored.error.kind === "malformed-stored" ? refusedWith({ kind: "contact", error: { kind: "malformed-record", issues: stored.error.issues } }) : refused(stored.error);
  const contact = contactFromParsed(stored.value);
  if (contact.ok) return contact;
  return refusedWith({ kind: "contact", error: contact.error });
}

async function loadContacts(v: UnlockedVault): Promise<Result<{ id: string; contact: Contact }[], WorkerError>> {
  const ids = await ContactRecord.list(v);
  if (!ids.ok) return refused(ids.error);
  const contacts: { id: string; contact: Contact }[] = [];
  for (const id of ids.value) {
    const contact = await loadContact(v, id);
    if (!contact.ok) return contact;
    contacts.push({ id, contact: contact.value });
  }
  return ok(contacts);
}

async function saveContact(v: UnlockedVault, id: string, contact: Contact, event: "contact-imported" | "contact-trusted" | "contact-revoked"): R<ContactSummary> {
  const written = await v.write({ put: [ContactRecord.change(id, contactToRecord(contact))] }, { event, detail: { contact: id, fingerprint: contact.card.fingerprint } });
  return written.ok ? ok(contactSummary(id, contact)) : refused(written.error);
}

export function createIdentityHandlers({ withVault, clock }: VaultAccess): IdentityHandlers {
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

  return {
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
            { put: [IdentityRecord.change(identity.value.id, identityToStored(identity.value))] },
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
            { put: [IdentityRecord.change(id, identityToStored(revised.value.identity))] },
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
  };
}
