import { useState, type FormEvent } from "react";
import { regionLabel } from "../../../shared/identity/un-regions";
import type { ContactImportSummary, ContactSummary } from "../../../shared/worker/contract";
import { countryLabel, useCountries } from "../../components/country-names";
import { Fingerprint } from "../../components/Fingerprint";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

const TRUST_LABEL = { unverified: "Unverified", trusted: "Trusted", revoked: "Revoked" } as const;

export function ContactsPanel() {
  const [pending, setPending] = useState<{ file: File; result: ContactImportSummary } | undefined>();
  const operation = useOperation();
  const [contacts, load] = useWorkerList(operation, "Reading contacts…", "contact:list");

  const importCard = async (file: File) => {
    const result = await operation.run(`Verifying ${file.name}…`, (o) => cryptoWorker.call("contact:import", { file }, o));
    if (!result) return;
    setPending(result.outcome === "details-changed" ? { file, result } : undefined);
    await load();
  };
  const acceptUpdate = async () => {
    if (!pending) return;
    const updated = await operation.run("Updating the contact…", (o) => cryptoWorker.call("contact:accept-update", { file: pending.file }, o));
    if (updated) setPending(undefined);
    await load();
  };

  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      <p className="muted">
        Import a colleague's identity card. Its signature is checked at once, but the contact stays <em>unverified</em> until you compare the
        fingerprint with its owner in person or by telephone.
      </p>
      <FilePicker id="card-file" label="Import an identity card (.card.json)" accept=".json,application/json" onFile={(file) => void importCard(file)} />
      <OperationStatus operation={operation} />
      {pending && (
        <div className="notice" role="status">
          This card is signed by the key of <strong>{pending.result.contact.displayName}</strong> but changes: {pending.result.changes.join(", ")}.{" "}
          <button type="button" onClick={() => void acceptUpdate()}>
            Apply the changes
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setPending(undefined)}>
            Keep the old card
          </button>
        </div>
      )}
      {contacts?.length === 0 && <p>No contacts yet.</p>}
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

function ContactView({ contact, onChanged }: { contact: ContactSummary; onChanged: () => Promise<void> }) {
  const operation = useOperation();
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const countries = useCountries();
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (await operation.run("Checking…", (o) => cryptoWorker.call("contact:confirm", { id: contact.id, fingerprint: typed }, o))) await onChanged();
  };
  const revoke = async (event: FormEvent) => {
    event.preventDefault();
    if (await operation.run("Revoking…", (o) => cryptoWorker.call("contact:revoke", { id: contact.id, reason }, o))) await onChanged();
  };
  return (
    <article className="card" aria-label={`Contact ${contact.displayName}`} data-testid="contact">
      <h3>
        {contact.displayName} <span className={`badge trust-${contact.trust.state}`}>{TRUST_LABEL[contact.trust.state]}</span>
      </h3>
      <p className="muted">
        {contact.affiliation} · {countryLabel(contact.nationality, countries)} · {regionLabel(contact.region)}
      </p>
      {contact.trust.state === "revoked" && <p>Revoked: {contact.trust.reason}</p>}
      {contact.trust.state === "unverified" ? (
        <form onSubmit={confirm}>
          <FingerprintCheck
            id={`fp-${contact.id}`}
            label="Type the fingerprint as its owner reads it to you"
            fingerprint={contact.fingerprint}
            groups={contact.fingerprintGroups}
            typed={typed}
            onTyped={setTyped}
          />
          <button type="submit" disabled={!fingerprintConfirmed(contact.fingerprint, typed) || operation.running !== undefined}>
            Confirm and trust
          </button>
        </form>
      ) : (
        <Fingerprint fingerprint={contact.fingerprint} groups={contact.fingerprintGroups} />
      )}
      {contact.trust.state !== "revoked" && (
        <form onSubmit={revoke}>
          <div className="field">
            <label htmlFor={`rv-${contact.id}`}>Reason for revoking</label>
            <input id={`rv-${contact.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="danger" disabled={reason.trim() === ""}>
            Revoke
          </button>
        </form>
      )}
      <OperationStatus operation={operation} />
    </article>
  );
}
