import { useState, type FormEvent } from "react";
import { isCountryCode } from "../../../shared/identity/countries";
import { regionLabel } from "../../../shared/identity/un-regions";
import type { CardPreview, RegistryView } from "../../../shared/worker/contract";
import { countryLabel, useCountries } from "../../components/country-names";
import { CountryMultiPicker } from "../../components/CountryPicker";
import { FilePicker } from "../../components/FilePicker";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

/** Experts enrolled only after their card's fingerprint is confirmed out of band. */
export function RegistryPanel() {
  const operation = useOperation();
  const [registry, reload] = useWorkerList(operation, "Reading the registry…", "registry:list");
  const [pending, setPending] = useState<{ file: File; card: CardPreview } | undefined>();
  const [typed, setTyped] = useState("");
  const [states, setStates] = useState<readonly string[]>([]);
  const countries = useCountries();
  const [interests, setInterests] = useState("");
  const [confirmRemove, setConfirmRemove] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const examine = async (file: File) => {
    setDone(undefined);
    const card = await operation.run(`Verifying ${file.name}…`, (o) => cryptoWorker.call("registry:examine", { file }, o));
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
    const entry = await operation.run("Enrolling…", (o) => cryptoWorker.call("registry:enrol", { file: pending.file, fingerprint: typed, affiliationStates: [...states], declaredInterests: interests }, o));
    if (!entry) return;
    setPending(undefined);
    setDone(`${entry.displayName} is enrolled.`);
    await reload();
  };
  const loadSample = async () => {
    const entries = await operation.run("Adding the sample experts…", (o) => cryptoWorker.call("registry:load-sample", {}, o));
    if (entries) setDone(`${entries.length} sample experts added.`);
    await reload();
  };
  const remove = async (entry: RegistryView) => {
    if (confirmRemove !== entry.id) return setConfirmRemove(entry.id);
    setConfirmRemove(undefined);
    if (await operation.run(`Removing ${entry.displayName}…`, (o) => cryptoWorker.call("registry:remove", { id: entry.id }, o))) await reload();
  };

  const matched = pending !== undefined && fingerprintConfirmed(pending.card.fingerprint, typed);
  const nationalityKnown = pending === undefined || isCountryCode(pending.card.nationality);

  return (
    <section aria-labelledby="registry-heading">
      <h2 id="registry-heading">Expert registry</h2>
      <p className="muted">
        Enrol an expert from their identity card. The card's signature is checked at once; the expert is enrolled only once you have compared the fingerprint
        with them out of band (in person, or read aloud on a known telephone number) and typed it here.
      </p>
      <FilePicker id="registry-card" label="Enrol an expert from an identity card (.card.json)" accept=".json,application/json" disabled={operation.running !== undefined} onFile={(file) => void examine(file)} />
      <OperationStatus operation={operation} />
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      {pending && (
        <form className="card" onSubmit={(e) => void enrol(e)} aria-labelledby="enrol-heading" data-testid="enrol-form">
          <h3 id="enrol-heading">Enrol {pending.card.displayName}</h3>
          <p>
            {pending.card.affiliation} · {regionLabel(pending.card.region)} · nationality {countryLabel(pending.card.nationality, countries)}
          </p>
          {!nationalityKnown && (
            <p className="warning" role="alert">
              This card gives the nationality “{pending.card.nationality}”, which is not a country code (an earlier version of the app accepted it), so a conflict of
              interest could not be detected. Ask {pending.card.displayName} to correct it (My vault, Identity, Edit details) and to send you the new card.
            </p>
          )}
          <FingerprintCheck
            id="enrol-fingerprint"
            label="Type the fingerprint as the expert reads it to you"
            fingerprint={pending.card.fingerprint}
            groups={pending.card.fingerprintGroups}
            typed={typed}
            onTyped={setTyped}
          />
          <div className="field">
            <label htmlFor="enrol-states">States the expert's affiliations are tied to (none if empty)</label>
            <CountryMultiPicker id="enrol-states" values={states} onChange={setStates} describedBy="enrol-states-hint" />
            <span id="enrol-states-hint" className="muted small">
              Type a state's name and choose it from the list; add as many as apply.
            </span>
          </div>
          <div className="field">
            <label htmlFor="enrol-interests">Declared interests</label>
            <textarea id="enrol-interests" rows={3} value={interests} onChange={(e) => setInterests(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={operation.running !== undefined || !matched || !nationalityKnown}>
              Enrol
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {registry?.length === 0 && (
        <p>
          No experts yet.{" "}
          <button type="button" className="secondary" onClick={() => void loadSample()} disabled={operation.running !== undefined}>
            Add the sample experts (for a demonstration)
          </button>
        </p>
      )}
      {registry && registry.length > 0 && (
        <table>
          <caption className="visually-hidden">Enrolled experts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Region</th>
              <th scope="col">Nationality</th>
              <th scope="col">Affiliation</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {registry.map((e) => (
              <tr key={e.id} data-testid="registry-entry">
                <td>
                  {e.displayName}
                  {e.declaredInterests && <div className="muted small">Interests: {e.declaredInterests}</div>}
                </td>
                <td>{regionLabel(e.region)}</td>
                <td>{countryLabel(e.nationality, countries)}</td>
                <td>
                  {e.affiliations.join("; ")}
                  {e.affiliationStates.length > 0 && <div className="muted small">Tied to {e.affiliationStates.map((c) => countryLabel(c, countries)).join(", ")}</div>}
                </td>
                <td className="mono small wrap">{e.fingerprint}</td>
                <td>
                  <button type="button" className="danger" onClick={() => void remove(e)} aria-label={confirmRemove === e.id ? `Confirm removal of ${e.displayName}` : `Remove ${e.displayName}`}>
                    {confirmRemove === e.id ? "Confirm removal" : "Remove"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
