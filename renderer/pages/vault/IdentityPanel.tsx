import { useState, type FormEvent, type ReactNode } from "react";
import { AGE_IDENTITY_EXPORT_WARNING } from "../../../shared/identity/age-identity-export";
import { isCountryCode } from "../../../shared/identity/countries";
import { regionLabel, UN_REGIONS } from "../../../shared/identity/un-regions";
import type { IdentitySummary } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { countryLabel, useCountries } from "../../components/country-names";
import { CountryPicker } from "../../components/CountryPicker";
import { Fingerprint } from "../../components/Fingerprint";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

type Details = { displayName: string; region: string; nationality: string; affiliation: string };
const EMPTY: Details = { displayName: "", region: "", nationality: "", affiliation: "" };

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
      {identities?.map((identity) => <IdentityCardView key={identity.id} identity={identity} onEdited={load} />)}
      <CreateIdentity onCreated={load} />
    </section>
  );
}

function IdentityCardView({ identity, onEdited }: { identity: IdentitySummary; onEdited: () => Promise<void> }) {
  const operation = useOperation();
  const countries = useCountries();
  const [confirmingAge, setConfirmingAge] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reissued, setReissued] = useState(false);
  const save = async (details: Details) => {
    const edited = await operation.run("Saving the new details…", (o) => cryptoWorker.call("identity:edit", { id: identity.id, ...details }, o));
    if (!edited) return;
    setEditing(false);
    setReissued(true);
    await onEdited();
  };
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
        <dd data-testid="identity-nationality">{countryLabel(identity.nationality, countries)}</dd>
        <dt>Affiliation</dt>
        <dd>{identity.affiliation}</dd>
        <dt>Age recipient</dt>
        <dd className="mono">{identity.ageRecipient}</dd>
        <dt>Signing key</dt>
        <dd className="mono wrap">{identity.signingKey}</dd>
      </dl>
      {!isCountryCode(identity.nationality) && (
        <p className="warning" role="note">
          The nationality “{identity.nationality}” is not a country code (an earlier version accepted it). Edit the details to choose the country, then hand
          the new card over.
        </p>
      )}
      <Fingerprint fingerprint={identity.fingerprint} groups={identity.fingerprintGroups} />
      {reissued && (
        <div className="notice" role="status" data-testid="card-reissued">
          <p>
            Your details are saved and your card has changed: export it and hand it over again. Contacts and secretariats who imported your earlier card still
            see the earlier details until they import the new one. Your keys and fingerprint are unchanged.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void exportCard()}>
              Export the new card
            </button>
            <button type="button" className="secondary" onClick={() => setReissued(false)}>
              Close
            </button>
          </div>
        </div>
      )}
      {editing && (
        <DetailsForm
          idPrefix={`edit-${identity.id}`}
          heading={`Edit the details of ${identity.displayName}`}
          initial={{ displayName: identity.displayName, region: identity.region, nationality: isCountryCode(identity.nationality) ? identity.nationality : "", affiliation: identity.affiliation }}
          submitLabel="Save and re-issue the card"
          busy={operation.running !== undefined}
          onSubmit={save}
          onCancel={() => setEditing(false)}
          note="Your keys stay the same; your card is signed anew with these details, and you hand it over again."
        />
      )}
      <div className="actions">
        <button type="button" onClick={() => void exportCard()}>
          Export identity card
        </button>
        {!editing && (
          <button type="button" className="secondary" onClick={() => { setReissued(false); setEditing(true); }}>
            Edit details…
          </button>
        )}
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
  const operation = useOperation();
  const [formKey, setFormKey] = useState(0);
  const create = async (details: Details) => {
    const created = await operation.run("Creating keys…", (o) => cryptoWorker.call("identity:create", details, o));
    if (!created) return;
    setFormKey((k) => k + 1); // a fresh, empty form
    await onCreated();
  };
  return (
    <DetailsForm key={formKey} idPrefix="id" heading="New identity" initial={EMPTY} submitLabel="Create identity" busy={operation.running !== undefined} onSubmit={create} status={<OperationStatus operation={operation} />} />
  );
}

type DetailsFormProps = {
  readonly idPrefix: string;
  readonly heading: string;
  readonly initial: Details;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: (details: Details) => Promise<void>;
  readonly status?: ReactNode;
  readonly note?: string;
  readonly onCancel?: () => void;
};

/** The details a card states, for a new identity or an edit. */
function DetailsForm({ idPrefix, heading, initial, submitLabel, busy, onSubmit, status, note, onCancel }: DetailsFormProps) {
  const [details, setDetails] = useState(initial);
  const set = (field: keyof Details) => (value: string) => setDetails((d) => ({ ...d, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(details);
  };
  const headingId = `${idPrefix}-heading`;
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>Display name</label>
        <input id={`${idPrefix}-name`} value={details.displayName} onChange={(e) => set("displayName")(e.target.value)} required autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-region`}>UN regional group</label>
        <select id={`${idPrefix}-region`} value={details.region} onChange={(e) => set("region")(e.target.value)} required>
          <option value="">Choose…</option>
          {UN_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.abbreviation})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-nationality`}>Nationality</label>
        <CountryPicker id={`${idPrefix}-nationality`} value={details.nationality} onChange={set("nationality")} required describedBy={`${idPrefix}-nationality-hint`} />
        <span id={`${idPrefix}-nationality-hint`} className="muted small">
          Type the country's name and choose it from the list; the card records its ISO 3166-1 code.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-affiliation`}>Affiliation</label>
        <input id={`${idPrefix}-affiliation`} value={details.affiliation} onChange={(e) => set("affiliation")(e.target.value)} required />
      </div>
      {note && <p className="muted">{note}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {status}
    </form>
  );
}
