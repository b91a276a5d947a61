import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { isCountryCode } from "../../../shared/identity/countries";
import type { CardPreview, RegistryView } from "../../../shared/worker/contract";
import { countryLabel, useCountries } from "../../components/country-names";
import { CountryMultiPicker } from "../../components/CountryPicker";
import { FilePicker } from "../../components/FilePicker";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { Ltr } from "../../components/Ltr";
import { NameScriptWarnings } from "../../components/NameScriptWarnings";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatList } from "../../i18n/format";
import { regionLabel } from "../../i18n/vocabulary";

/** Experts enrolled only after their card's fingerprint is confirmed out of band. */
export function RegistryPanel() {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const [registry, reload] = useWorkerList(operation, t`Reading the registry…`, "registry:list");
  const [pending, setPending] = useState<{ file: File; card: CardPreview } | undefined>();
  const [typed, setTyped] = useState("");
  const [states, setStates] = useState<readonly string[]>([]);
  const countries = useCountries();
  const [interests, setInterests] = useState("");
  const [confirmRemove, setConfirmRemove] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const examine = async (file: File) => {
    setDone(undefined);
    const card = await operation.run(t`Verifying ${file.name}…`, (o) => cryptoWorker.call("registry:examine", { file }, o));
    if (card) {
      setPending({ file, card });
      setTyped("");
      setStates([]);
      setInterests("");
    }
  };
  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    const entry = await operation.run(t`Enrolling…`, (o) => cryptoWorker.call("registry:enrol", { file: pending.file, fingerprint: typed, affiliationStates: [...states], declaredInterests: interests }, o));
    if (!entry) return;
    setPending(undefined);
    const name = entry.displayName;
    setDone(t`${name} is enrolled.`);
    await reload();
  };
  const loadSample = async () => {
    const entries = await operation.run(t`Adding the sample experts…`, (o) => cryptoWorker.call("registry:load-sample", {}, o));
    if (entries) setDone(plural(entries.length, { one: "# sample expert added.", other: "# sample experts added." }));
    await reload();
  };
  const remove = async (entry: RegistryView) => {
    if (confirmRemove !== entry.id) return setConfirmRemove(entry.id);
    setConfirmRemove(undefined);
    const name = entry.displayName;
    if (await operation.run(t`Removing ${name}…`, (o) => cryptoWorker.call("registry:remove", { id: entry.id }, o))) await reload();
  };

  const matched = pending !== undefined && fingerprintConfirmed(pending.card.fingerprint, typed);
  const nationalityKnown = pending === undefined || isCountryCode(pending.card.nationality);
  const pendingName = pending?.card.displayName ?? "";
  const pendingCode = pending?.card.nationality ?? "";
  const pendingNationality = pending ? countryLabel(pending.card.nationality, countries) : "";

  return (
    <section aria-labelledby="registry-heading">
      <h2 id="registry-heading">
        <Trans>Expert registry</Trans>
      </h2>
      <p className="muted">
        <Trans>Enrol an expert from their identity card.</Trans>{" "}
        <Trans>
          The card's signature is checked at once; the expert is enrolled only once you have compared the fingerprint with them out of band (in person, or read aloud on a known
          telephone number) and typed it here.
        </Trans>
      </p>
      <FilePicker id="registry-card" label={t`Enrol an expert from an identity card (.card.json)`} accept=".json,application/json" disabled={operation.running !== undefined} onFile={(file) => void examine(file)} />
      <OperationStatus operation={operation} />
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      {pending && (
        <form className="card" onSubmit={(e) => void enrol(e)} aria-labelledby="enrol-heading" data-testid="enrol-form">
          <h3 id="enrol-heading">
            <Trans>Enrol {pendingName}</Trans>
          </h3>
          <p>
            {pending.card.affiliation} · {regionLabel(i18n, pending.card.region)} · <Trans>nationality {pendingNationality}</Trans>
          </p>
          <NameScriptWarnings name={pendingName} about="card" />
          {!nationalityKnown && (
            <p className="warning" role="alert">
              <Trans>
                This card gives the nationality “<Ltr>{pendingCode}</Ltr>”, which is not a country code (an earlier version of the app accepted it), so a conflict of interest
                could not be detected.
              </Trans>{" "}
              <Trans>Ask {pendingName} to correct it (My vault, Identity, Edit details) and to send you the new card.</Trans>
            </p>
          )}
          <FingerprintCheck
            id="enrol-fingerprint"
            label={t`Type the fingerprint as the expert reads it to you`}
            fingerprint={pending.card.fingerprint}
            groups={pending.card.fingerprintGroups}
            typed={typed}
            onTyped={setTyped}
          />
          <div className="field">
            <label htmlFor="enrol-states">
              <Trans>States the expert's affiliations are tied to (none if empty)</Trans>
            </label>
            <CountryMultiPicker id="enrol-states" values={states} onChange={setStates} describedBy="enrol-states-hint" />
            <span id="enrol-states-hint" className="muted small">
              <Trans>Type a state's name and choose it from the list; add as many as apply.</Trans>
            </span>
          </div>
          <div className="field">
            <label htmlFor="enrol-interests">
              <Trans>Declared interests</Trans>
            </label>
            <textarea id="enrol-interests" rows={3} value={interests} onChange={(e) => setInterests(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={operation.running !== undefined || !matched || !nationalityKnown}>
              <Trans context="verb, button: enrol the expert">Enrol</Trans>
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              <Trans>Cancel</Trans>
            </button>
          </div>
        </form>
      )}
      {registry?.length === 0 && (
        <p>
          <Trans>No experts yet.</Trans>{" "}
          <button type="button" className="secondary" onClick={() => void loadSample()} disabled={operation.running !== undefined}>
            <Trans>Add the sample experts (for a demonstration)</Trans>
          </button>
        </p>
      )}
      {registry && registry.length > 0 && (
        <table>
          <caption className="visually-hidden">
            <Trans>Enrolled experts</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="table column: a person's name">Name</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: UN regional group">Region</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Nationality</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: where the expert works">Affiliation</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: key fingerprint">Fingerprint</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: the buttons of a row">Actions</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {registry.map((e) => {
              const name = e.displayName;
              const interests = e.declaredInterests;
              const tiedTo = formatList(e.affiliationStates.map((c) => countryLabel(c, countries)));
              return (
                <tr key={e.id} data-testid="registry-entry">
                  <td>
                    {name}
                    {interests && (
                      <div className="muted small">
                        <Trans>Interests: {interests}</Trans>
                      </div>
                    )}
                  </td>
                  <td>{regionLabel(i18n, e.region)}</td>
                  <td>{countryLabel(e.nationality, countries)}</td>
                  <td>
                    {e.affiliations.join("; ")}
                    {e.affiliationStates.length > 0 && (
                      <div className="muted small">
                        <Trans>Tied to {tiedTo}</Trans>
                      </div>
                    )}
                  </td>
                  <td className="mono small wrap">
                    <Ltr>{e.fingerprint}</Ltr>
                  </td>
                  <td>
                    <button type="button" className="danger" onClick={() => void remove(e)} aria-label={confirmRemove === e.id ? t`Confirm removal of ${name}` : t`Remove ${name}`}>
                      {confirmRemove === e.id ? t`Confirm removal` : t({ message: "Remove", context: "verb, button" })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
