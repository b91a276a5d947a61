import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent, type ReactNode } from "react";
import { isCountryCode } from "../../../shared/identity/countries";
import { hasInvisibleCharacters } from "../../../shared/identity/invisible-characters";
import { nameScriptWarnings } from "../../../shared/identity/name-scripts";
import { UN_REGIONS } from "../../../shared/identity/un-regions";
import type { IdentitySummary } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { countryLabel, useCountries } from "../../components/country-names";
import { CountryPicker } from "../../components/CountryPicker";
import { Fingerprint } from "../../components/Fingerprint";
import { Ltr } from "../../components/Ltr";
import { NameScriptWarnings } from "../../components/NameScriptWarnings";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { regionLabel } from "../../i18n/vocabulary";

type Details = { displayName: string; region: string; nationality: string; affiliation: string };
const EMPTY: Details = { displayName: "", region: "", nationality: "", affiliation: "" };

export function IdentityPanel() {
  const { t } = useLingui();
  const operation = useOperation();
  const [identities, load] = useWorkerList(operation, t`Reading your identities…`, "identity:list");

  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">
        <Trans>Your identities</Trans>
      </h2>
      <p className="muted">
        <Trans>
          An identity is a signing key (Ed25519) and a decryption key (X25519). Others know it by its card, which you export and hand over; they check the
          fingerprint with you out of band.
        </Trans>
      </p>
      <OperationStatus operation={operation} />
      {identities?.length === 0 && (
        <p>
          <Trans>You have no identity yet. Create one to sign and receive files.</Trans>
        </p>
      )}
      {identities?.map((identity) => <IdentityCardView key={identity.id} identity={identity} onEdited={load} />)}
      <CreateIdentity onCreated={load} />
    </section>
  );
}

function IdentityCardView({ identity, onEdited }: { identity: IdentitySummary; onEdited: () => Promise<void> }) {
  const { t, i18n } = useLingui();
  const displayName = identity.displayName;
  const nationality = identity.nationality;
  const operation = useOperation();
  const countries = useCountries();
  const [confirmingAge, setConfirmingAge] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reissued, setReissued] = useState(false);
  const save = async (details: Details) => {
    const edited = await operation.run(t`Saving the new details…`, (o) => cryptoWorker.call("identity:edit", { id: identity.id, ...details }, o));
    if (!edited) return;
    setEditing(false);
    setReissued(true);
    await onEdited();
  };
  const exportCard = async () => {
    const file = await operation.run(t`Signing your card…`, (o) => cryptoWorker.call("identity:export-card", { id: identity.id }, o));
    if (file) saveFile(file);
  };
  const exportAge = async () => {
    const file = await operation.run(t`Exporting…`, (o) => cryptoWorker.call("identity:export-age", { id: identity.id, acknowledged: true }, o));
    if (file) saveFile(file);
    setConfirmingAge(false);
    setAcknowledged(false);
  };
  return (
    <article className="card" aria-label={t`Identity ${displayName}`} data-testid="identity">
      <h3>{identity.displayName}</h3>
      <dl className="facts">
        <dt>
          <Trans>Regional group</Trans>
        </dt>
        <dd>{regionLabel(i18n, identity.region)}</dd>
        <dt>
          <Trans>Nationality</Trans>
        </dt>
        <dd data-testid="identity-nationality">{countryLabel(identity.nationality, countries)}</dd>
        <dt>
          <Trans>Affiliation</Trans>
        </dt>
        <dd>{identity.affiliation}</dd>
        <dt>
          <Trans>Age recipient</Trans>
        </dt>
        <dd className="mono">
          <Ltr>{identity.ageRecipient}</Ltr>
        </dd>
        <dt>
          <Trans>Signing key</Trans>
        </dt>
        <dd className="mono wrap">
          <Ltr>{identity.signingKey}</Ltr>
        </dd>
      </dl>
      {!isCountryCode(identity.nationality) && (
        <p className="warning" role="note">
          <Trans>
            The nationality “{nationality}” is not a country code (an earlier version accepted it). Edit the details to choose the country, then hand the new
            card over.
          </Trans>
        </p>
      )}
      {(hasInvisibleCharacters(identity.displayName) || hasInvisibleCharacters(identity.affiliation)) && (
        <p className="warning" role="note">
          <Trans>
            The name or affiliation of this identity contains invisible characters (an earlier version accepted them), so others now refuse its card. Edit the
            details to remove them, then hand the new card over.
          </Trans>
        </p>
      )}
      <Fingerprint fingerprint={identity.fingerprint} groups={identity.fingerprintGroups} />
      {reissued && (
        <div className="notice" role="status" data-testid="card-reissued">
          <p>
            <Trans>
              Your details are saved and your card has changed: export it and hand it over again. Contacts and secretariats who imported your earlier card
              still see the earlier details until they import the new one. Your keys and fingerprint are unchanged.
            </Trans>
          </p>
          <div className="actions">
            <button type="button" onClick={() => void exportCard()}>
              <Trans>Export the new card</Trans>
            </button>
            <button type="button" className="secondary" onClick={() => setReissued(false)}>
              <Trans context="verb, button: close a notice">Close</Trans>
            </button>
          </div>
        </div>
      )}
      {editing && (
        <DetailsForm
          idPrefix={`edit-${identity.id}`}
          heading={t`Edit the details of ${displayName}`}
          initial={{ displayName: identity.displayName, region: identity.region, nationality: isCountryCode(identity.nationality) ? identity.nationality : "", affiliation: identity.affiliation }}
          submitLabel={t`Save and re-issue the card`}
          busy={operation.running !== undefined}
          onSubmit={save}
          onCancel={() => setEditing(false)}
          note={t`Your keys stay the same; your card is signed anew with these details, and you hand it over again.`}
        />
      )}
      <div className="actions">
        <button type="button" onClick={() => void exportCard()}>
          <Trans>Export identity card</Trans>
        </button>
        {!editing && (
          <button type="button" className="secondary" onClick={() => { setReissued(false); setEditing(true); }}>
            <Trans>Edit details…</Trans>
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setConfirmingAge(true)} aria-expanded={confirmingAge}>
          <Trans>Export secret key for the age tool…</Trans>
        </button>
      </div>
      {confirmingAge && (
        <div className="warning" role="alertdialog" aria-labelledby={`age-warning-${identity.id}`} tabIndex={-1} ref={(node) => node?.focus()}>
          <p id={`age-warning-${identity.id}`}>
            <Trans>
              <strong>Warning.</strong> This is your secret decryption key in plain text: anyone who obtains it can read every file ever encrypted to you. Export
              it only for an emergency, keep it offline, and never send it to anyone. The export is recorded in your audit log.
            </Trans>
          </p>
          <label>
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> <Trans>I understand; this is an emergency.</Trans>
          </label>
          <div className="actions">
            <button type="button" className="danger" disabled={!acknowledged} onClick={() => void exportAge()}>
              <Trans>Export secret key</Trans>
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmingAge(false)}>
              <Trans>Cancel</Trans>
            </button>
          </div>
        </div>
      )}
      <OperationStatus operation={operation} />
    </article>
  );
}

function CreateIdentity({ onCreated }: { onCreated: () => Promise<void> }) {
  const { t } = useLingui();
  const operation = useOperation();
  const [formKey, setFormKey] = useState(0);
  const create = async (details: Details) => {
    const created = await operation.run(t`Creating keys…`, (o) => cryptoWorker.call("identity:create", details, o));
    if (!created) return;
    setFormKey((k) => k + 1); // a fresh, empty form
    await onCreated();
  };
  return (
    <DetailsForm key={formKey} idPrefix="id" heading={t`New identity`} initial={EMPTY} submitLabel={t`Create identity`} busy={operation.running !== undefined} onSubmit={create} status={<OperationStatus operation={operation} />} />
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
  const { i18n } = useLingui();
  const [details, setDetails] = useState(initial);
  const set = (field: keyof Details) => (value: string) => setDetails((d) => ({ ...d, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(details);
  };
  const headingId = `${idPrefix}-heading`;
  const nameWarningId = `${idPrefix}-name-warning`;
  const nameWarned = nameScriptWarnings(details.displayName).length > 0;
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>
          <Trans>Display name</Trans>
        </label>
        <input
          id={`${idPrefix}-name`}
          value={details.displayName}
          onChange={(e) => set("displayName")(e.target.value)}
          required
          autoComplete="name"
          aria-describedby={nameWarned ? nameWarningId : undefined}
        />
        <NameScriptWarnings name={details.displayName} about="own" id={nameWarningId} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-region`}>
          <Trans>UN regional group</Trans>
        </label>
        <select id={`${idPrefix}-region`} value={details.region} onChange={(e) => set("region")(e.target.value)} required>
          <option value="">
            <Trans context="an empty choice in a list">Choose…</Trans>
          </option>
          {UN_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {regionLabel(i18n, r.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-nationality`}>
          <Trans>Nationality</Trans>
        </label>
        <CountryPicker id={`${idPrefix}-nationality`} value={details.nationality} onChange={set("nationality")} required describedBy={`${idPrefix}-nationality-hint`} />
        <span id={`${idPrefix}-nationality-hint`} className="muted small">
          <Trans>Type the country's name and choose it from the list; the card records its ISO 3166-1 code.</Trans>
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-affiliation`}>
          <Trans>Affiliation</Trans>
        </label>
        <input id={`${idPrefix}-affiliation`} value={details.affiliation} onChange={(e) => set("affiliation")(e.target.value)} required />
      </div>
      {note && <p className="muted">{note}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </button>
        )}
      </div>
      {status}
    </form>
  );
}
