import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { IDLE_LOCK_MINUTES } from "../../../shared/vault/settings-limits";
import { LanguagePicker } from "../../components/LanguagePicker";
import { NewPassphraseField, PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatNumber } from "../../i18n/format";
import { useVault } from "../../vault/VaultContext";
import { repeatDiffers } from "./repeat-check";

export function SettingsPanel({ idleLockMinutes }: { idleLockMinutes: number }) {
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">
        <Trans>Security settings</Trans>
      </h2>
      <IdleLockSetting current={idleLockMinutes} />
      <ChangePassphrase />
      <section className="subsection" aria-labelledby="language-heading">
        <h3 id="language-heading">
          <Trans>Language</Trans>
        </h3>
        <LanguagePicker inSettings />
      </section>
    </section>
  );
}

function IdleLockSetting({ current }: { current: number }) {
  const { t } = useLingui();
  const { setIdleLockMinutes } = useVault();
  const [minutes, setMinutes] = useState(String(current));
  const [saved, setSaved] = useState(false);
  const operation = useOperation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const settings = await operation.run(t`Saving…`, (o) => cryptoWorker.call("vault:set-settings", { idleLockMinutes: Number(minutes) }, o));
    if (settings) {
      setIdleLockMinutes(settings.idleLockMinutes);
      setSaved(true);
    }
  };
  const min = formatNumber(IDLE_LOCK_MINUTES.min);
  const max = formatNumber(IDLE_LOCK_MINUTES.max);
  return (
    <form onSubmit={submit} className="subsection" aria-labelledby="idle-heading">
      <h3 id="idle-heading">
        <Trans>Lock when idle</Trans>
      </h3>
      <div className="field">
        <label htmlFor="idle-minutes">
          <Trans>
            Lock the vault after this many minutes without keyboard or pointer activity ({min}–{max})
          </Trans>
        </label>
        <input id="idle-minutes" type="number" min={IDLE_LOCK_MINUTES.min} max={IDLE_LOCK_MINUTES.max} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} required />
      </div>
      <button type="submit">
        <Trans context="verb, button">Save</Trans>
      </button>
      {saved && (
        <span className="ok" role="status">
          {" "}
          <Trans>Saved.</Trans>
        </span>
      )}
      <OperationStatus operation={operation} />
    </form>
  );
}

function ChangePassphrase() {
  const { t } = useLingui();
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
    const changed = await operation.run(t`Deriving the new key…`, (o) => cryptoWorker.call("vault:change-passphrase", { oldPassphrase: current, newPassphrase: next }, o));
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
      <h3 id="passphrase-heading">
        <Trans>Change the passphrase</Trans>
      </h3>
      <p className="muted">
        <Trans>Only the wrapped vault key is rewritten; nothing else changes. Backups made earlier still open with the old passphrase.</Trans>
      </p>
      <PassphraseField label={t`Current passphrase`} value={current} onChange={setCurrent} />
      <NewPassphraseField label={t`New passphrase`} value={next} onChange={setNext} />
      <PassphraseField label={t`Repeat the new passphrase`} value={repeat} onChange={setRepeat} />
      {mismatch && (
        <div className="alert" role="alert" data-testid="passphrase-mismatch">
          <Trans>The two new passphrases differ; type them again.</Trans>
        </div>
      )}
      <button type="submit">
        <Trans>Change passphrase</Trans>
      </button>
      {done && (
        <span className="ok" role="status">
          {" "}
          <Trans>The passphrase was changed.</Trans>
        </span>
      )}
      <OperationStatus operation={operation} />
    </form>
  );
}
