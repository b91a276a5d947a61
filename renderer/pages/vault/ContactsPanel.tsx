import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import type { ContactImportSummary, ContactSummary } from "../../../shared/worker/contract";
import { countryLabel, useCountries } from "../../components/country-names";
import { Fingerprint } from "../../components/Fingerprint";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { FilePicker } from "../../components/FilePicker";
import { NameScriptWarnings } from "../../components/NameScriptWarnings";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatList } from "../../i18n/format";
import { regionLabel, TRUST_STATE_LABEL } from "../../i18n/vocabulary";

/** The details of an identity card that can change between two imports (shared/identity/contacts.ts compares them). */
const CARD_FIELD_LABEL: Readonly<Record<string, MessageDescriptor>> = {
  displayName: msg({ message: "name", context: "a detail of an identity card, in a list" }),
  region: msg({ message: "regional group", context: "a detail of an identity card, in a list" }),
  nationality: msg({ message: "nationality", context: "a detail of an identity card, in a list" }),
  affiliation: msg({ message: "affiliation", context: "a detail of an identity card, in a list" }),
  ageRecipient: msg({ message: "encryption key", context: "a detail of an identity card, in a list" }),
  created: msg({ message: "date of issue", context: "a detail of an identity card, in a list" }),
};
const OTHER_FIELD = msg({ message: "other details", context: "a detail of an identity card, in a list" });

export function ContactsPanel() {
  const { t, i18n } = useLingui();
  const [pending, setPending] = useState<{ file: File; result: ContactImportSummary } | undefined>();
  const operation = useOperation();
  const [contacts, load] = useWorkerList(operation, t`Reading contacts…`, "contact:list");

  const importCard = async (file: File) => {
    const fileName = file.name;
    const result = await operation.run(t`Verifying ${fileName}…`, (o) => cryptoWorker.call("contact:import", { file }, o));
    if (!result) return;
    setPending(result.outcome === "details-changed" ? { file, result } : undefined);
    await load();
  };
  const acceptUpdate = async () => {
    if (!pending) return;
    const updated = await operation.run(t`Updating the contact…`, (o) => cryptoWorker.call("contact:accept-update", { file: pending.file }, o));
    if (updated) setPending(undefined);
    await load();
  };

  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">
        <Trans>Contacts</Trans>
      </h2>
      <p className="muted">
        <Trans>
          Import a colleague's identity card. Its signature is checked at once, but the contact stays <em>unverified</em> until you compare the fingerprint
          with its owner in person or by telephone.
        </Trans>
      </p>
      <FilePicker id="card-file" label={t`Import an identity card (.card.json)`} accept=".json,application/json" onFile={(file) => void importCard(file)} />
      <OperationStatus operation={operation} />
      {pending && (
        <div className="notice" role="status">
          <CardChanges name={pending.result.contact.displayName} fields={formatList(pending.result.changes.map((field) => i18n._(CARD_FIELD_LABEL[field] ?? OTHER_FIELD)))} />{" "}
          <button type="button" onClick={() => void acceptUpdate()}>
            <Trans>Apply the changes</Trans>
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setPending(undefined)}>
            <Trans>Keep the old card</Trans>
          </button>
        </div>
      )}
      {contacts?.length === 0 && (
        <p>
          <Trans>No contacts yet.</Trans>
        </p>
      )}
      <ul className="plain">
        {contacts?.map((contact) => (
          <li key={contact.id}>
            <ContactView contact={contact} onChanged={load} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CardChanges({ name, fields }: { name: string; fields: string }) {
  return (
    <Trans>
      This card is signed by the key of <strong>{name}</strong> but changes its {fields}.
    </Trans>
  );
}

function ContactView({ contact, onChanged }: { contact: ContactSummary; onChanged: () => Promise<void> }) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const countries = useCountries();
  const displayName = contact.displayName;
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (await operation.run(t`Checking…`, (o) => cryptoWorker.call("contact:confirm", { id: contact.id, fingerprint: typed }, o))) await onChanged();
  };
  const revoke = async (event: FormEvent) => {
    event.preventDefault();
    if (await operation.run(t`Revoking…`, (o) => cryptoWorker.call("contact:revoke", { id: contact.id, reason }, o))) await onChanged();
  };
  return (
    <article className="card" aria-label={t`Contact ${displayName}`} data-testid="contact">
      <h3>
        {contact.displayName} <span className={`badge trust-${contact.trust.state}`}>{i18n._(TRUST_STATE_LABEL[contact.trust.state])}</span>
      </h3>
      <p className="muted">
        {contact.affiliation} · {countryLabel(contact.nationality, countries)} · {regionLabel(i18n, contact.region)}
      </p>
      {contact.trust.state !== "revoked" && <NameScriptWarnings name={contact.displayName} about="card" />}
      {contact.trust.state === "revoked" && <RevokedBecause reason={contact.trust.reason ?? ""} />}
      {contact.trust.state === "unverified" ? (
        <form onSubmit={confirm}>
          <FingerprintCheck
            id={`fp-${contact.id}`}
            label={t`Type the fingerprint as its owner reads it to you`}
            fingerprint={contact.fingerprint}
            groups={contact.fingerprintGroups}
            typed={typed}
            onTyped={setTyped}
          />
          <button type="submit" disabled={!fingerprintConfirmed(contact.fingerprint, typed) || operation.running !== undefined}>
            <Trans>Confirm and trust</Trans>
          </button>
        </form>
      ) : (
        <Fingerprint fingerprint={contact.fingerprint} groups={contact.fingerprintGroups} />
      )}
      {contact.trust.state !== "revoked" && (
        <form onSubmit={revoke}>
          <div className="field">
            <label htmlFor={`rv-${contact.id}`}>
              <Trans>Reason for revoking</Trans>
            </label>
            <input id={`rv-${contact.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="danger" disabled={reason.trim() === ""}>
            <Trans context="verb, button: revoke a contact's card">Revoke</Trans>
          </button>
        </form>
      )}
      <OperationStatus operation={operation} />
    </article>
  );
}

function RevokedBecause({ reason }: { reason: string }) {
  return (
    <p>
      <Trans>Revoked: {reason}</Trans>
    </p>
  );
}
