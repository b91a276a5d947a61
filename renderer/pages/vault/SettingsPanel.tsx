import { useState, type FormEvent } from "react";
import { IDLE_LOCK_MINUTES } from "../../../shared/worker/contract";
import { NewPassphraseField, PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { useVault } from "../../vault/VaultContext";
import { repeatDiffers } from "./repeat-check";

export function SettingsPanel({ idleLockMinutes }: { idleLockMinutes: number }) {
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Security settings</h2>
      <IdleLockSetting current={idleLockMinutes} />
      <ChangePassphrase />
    </section>
  );
}

function IdleLockSetting({ current }: { current: number }) {
  const { setIdleLockMinutes } = useVault();
  const [minutes, setMinutes] = useState(String(current));
  const [saved, setSaved] = useState(false);
  const operation = useOperation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const settings = await operation.run("Saving…", (o) => cryptoWorker.call("vault:set-settings", { idleLockMinutes: Number(minutes) }, o));
    if (settings) {
      setIdleLockMinutes(settings.idleLockMinutes);
      setSaved(true);
    }
  };
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby="idle-heading">
      <h3 id="idle-heading">Lock when idle</h3>
      <div className="field">
        <label htmlFor="idle-minutes">
          Lock the vault after this many minutes without keyboard or pointer activity ({IDLE_LOCK_MINUTES.min}–{IDLE_LOCK_MINUTES.max})
        </label>
        <input id="idle-minutes" type="number" min={IDLE_LOCK_MINUTES.min} max={IDLE_LOCK_MINUTES.max} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} required />
      </div>
      <button type="submit">Save</button>
      {saved && (
        <span className="ok" role="status">
          {" "}
          Saved.
        </span>
      )}
      <OperationStatus operation={operation} />
    </form>
  );
}

function ChangePassphrase() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const mismatch = repeatDiffers(next, repeat, submitted);
  const operation = useOperation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setSubmitted(true);
    if (next !== repeat) return;
    const changed = await operation.run("Deriving the new key…", (o) => cryptoWorker.call("vault:change-passphrase", { oldPassphrase: current, newPassphrase: next }, o));
    setCurrent("");
    if (changed) {
      setNext("");
      setRepeat("");
      setSubmitted(false);
      setDone(true);
    }
  };
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby="passphrase-heading">
      <h3 id="passphrase-heading">Change the passphrase</h3>
      <p className="muted">Only the wrapped vault key is rewritten; nothing else changes. Backups made earlier still open with the old passphrase.</p>
      <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} />
      <NewPassphraseField label="New passphrase" value={next} onChange={setNext} />
      <PassphraseField label="Repeat the new passphrase" value={repeat} onChange={setRepeat} />
      {mismatch && (
        <div className="alert" role="alert" data-testid="passphrase-mismatch">
          The two new passphrases differ; type them again.
        </div>
      )}
      <button type="submit">Change passphrase</button>
      {done && (
        <span className="ok" role="status">
          {" "}
          The passphrase was changed.
        </span>
      )}
      <OperationStatus operation={operation} />
    </form>
  );
}
