import { useState, type FormEvent } from "react";
import { AGE_IDENTITY_EXPORT_WARNING } from "../../../shared/identity/age-identity-export";
import { regionLabel, UN_REGIONS } from "../../../shared/identity/un-regions";
import type { IdentitySummary } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { Fingerprint } from "../../components/Fingerprint";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

const EMPTY = { displayName: "", region: "", nationality: "", affiliation: "" };

export function IdentityPanel() {
  const operation = useOperation();
  const [identities, load] = useWorkerList(operation, "Reading your identities…", "identity:list");

  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">Your identities</h2>
      <p className="muted">
        An identity is a signing key (Ed25519) and a decryption key (X25519). Others know it by its card, which you export and hand over; they
        check the fingerprint with you out of band.
      </p>
      <OperationStatus operation={operation} />
      {identities?.length === 0 && <p>You have no identity yet. Create one to sign and receive files.</p>}
      {identities?.map((identity) => <IdentityCardView key={identity.id} identity={identity} />)}
      <CreateIdentity onCreated={load} />
    </section>
  );
}

function IdentityCardView({ identity }: { identity: IdentitySummary }) {
  const operation = useOperation();
  const [confirmingAge, setConfirmingAge] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const exportCard = async () => {
    const file = await operation.run("Signing your card…", (o) => cryptoWorker.call("identity:export-card", { id: identity.id }, o));
    if (file) saveFile(file);
  };
  const exportAge = async () => {
    const file = await operation.run("Exporting…", (o) => cryptoWorker.call("identity:export-age", { id: identity.id, acknowledged: true }, o));
    if (file) saveFile(file);
    setConfirmingAge(false);
    setAcknowledged(false);
  };
  return (
    <article className="card" aria-label={`Identity ${identity.displayName}`} data-testid="identity">
      <h3>{identity.displayName}</h3>
      <dl className="facts">
        <dt>Regional group</dt>
        <dd>{regionLabel(identity.region)}</dd>
        <dt>Nationality</dt>
        <dd>{identity.nationality}</dd>
        <dt>Affiliation</dt>
        <dd>{identity.affiliation}</dd>
        <dt>Age recipient</dt>
        <dd className="mono">{identity.ageRecipient}</dd>
        <dt>Signing key</dt>
        <dd className="mono wrap">{identity.signingKey}</dd>
      </dl>
      <Fingerprint fingerprint={identity.fingerprint} groups={identity.fingerprintGroups} />
      <div className="actions">
        <button type="button" onClick={() => void exportCard()}>
          Export identity card
        </button>
        <button type="button" className="secondary" onClick={() => setConfirmingAge(true)} aria-expanded={confirmingAge}>
          Export secret key for the age tool…
        </button>
      </div>
      {confirmingAge && (
        <div className="warning" role="alertdialog" aria-labelledby={`age-warning-${identity.id}`} tabIndex={-1} ref={(node) => node?.focus()}>
          <p id={`age-warning-${identity.id}`}>
            <strong>Warning.</strong> {AGE_IDENTITY_EXPORT_WARNING} The export is recorded in your audit log.
          </p>
          <label>
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> I understand; this is an
            emergency.
          </label>
          <div className="actions">
            <button type="button" className="danger" disabled={!acknowledged} onClick={() => void exportAge()}>
              Export secret key
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmingAge(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <OperationStatus operation={operation} />
    </article>
  );
}

function CreateIdentity({ onCreated }: { onCreated: () => Promise<void> }) {
  const [details, setDetails] = useState(EMPTY);
  const operation = useOperation();
  const set = (field: keyof typeof EMPTY) => (value: string) => setDetails((d) => ({ ...d, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await operation.run("Creating keys…", (o) => cryptoWorker.call("identity:create", details, o));
    if (created) {
      setDetails(EMPTY);
      await onCreated();
    }
  };
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby="new-identity-heading">
      <h3 id="new-identity-heading">New identity</h3>
      <div className="field">
        <label htmlFor="id-name">Display name</label>
        <input id="id-name" value={details.displayName} onChange={(e) => set("displayName")(e.target.value)} required autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor="id-region">UN regional group</label>
        <select id="id-region" value={details.region} onChange={(e) => set("region")(e.target.value)} required>
          <option value="">Choose…</option>
          {UN_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.abbreviation})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="id-nationality">Nationality (ISO 3166-1 code, e.g. FR)</label>
        <input id="id-nationality" value={details.nationality} onChange={(e) => set("nationality")(e.target.value.toUpperCase())} required maxLength={2} pattern="[A-Z]{2}" />
      </div>
      <div className="field">
        <label htmlFor="id-affiliation">Affiliation</label>
        <input id="id-affiliation" value={details.affiliation} onChange={(e) => set("affiliation")(e.target.value)} required />
      </div>
      <button type="submit" disabled={operation.running !== undefined}>
        Create identity
      </button>
      <OperationStatus operation={operation} />
    </form>
  );
}
