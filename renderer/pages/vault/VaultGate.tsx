import { useEffect, useState, type FormEvent } from "react";
import { describeWorkerError } from "../../../shared/worker/contract";
import { formatDuration } from "../../app/progress";
import { NewPassphraseField, PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { useVault } from "../../vault/VaultContext";

/** No vault yet: create one, or restore a backup into this empty profile. */
export function CreateVault({ interruptedRestore }: { interruptedRestore: boolean }) {
  const { opened, refresh } = useVault();
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const operation = useOperation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== confirm) return setMismatch(true);
    setMismatch(false);
    const vault = await operation.run("Measuring this computer and deriving the vault key (a few seconds)…", (o) => cryptoWorker.call("vault:create", { passphrase }, o));
    if (vault) {
      setPassphrase("");
      setConfirm("");
      await opened(vault);
    } else await refresh();
  };

  return (
    <section aria-labelledby="create-heading">
      <h2 id="create-heading">Create your vault</h2>
      {interruptedRestore && <p className="notice">A restore was interrupted earlier; what it wrote will be cleared first.</p>}
      <p>
        Everything you work on is stored encrypted on this computer under one passphrase. It cannot be recovered if you forget it: keep a
        backup and write the passphrase down somewhere safe.
      </p>
      <form onSubmit={submit} aria-busy={operation.running !== undefined}>
        <NewPassphraseField label="New passphrase" value={passphrase} onChange={setPassphrase} />
        <PassphraseField label="Repeat the passphrase" value={confirm} onChange={setConfirm} />
        {mismatch && (
          <div className="alert" role="alert">
            The two passphrases differ; type them again.
          </div>
        )}
        <button type="submit" disabled={operation.running !== undefined}>
          Create vault
        </button>
      </form>
      <OperationStatus operation={operation} />
      <RestoreVault />
    </section>
  );
}

export function RestoreVault() {
  const { opened, refresh } = useVault();
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState("");
  const operation = useOperation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const restored = await operation.run(`Restoring ${file.name}…`, (o) => cryptoWorker.call("vault:restore", { file, passphrase }, o), { cancellable: true });
    setPassphrase("");
    // Whatever happened (even a cancel that came too late), show the vault as the worker has it.
    if (restored) await opened(restored);
    else await refresh();
  };
  return (
    <section aria-labelledby="restore-heading" className="subsection">
      <h2 id="restore-heading">Or restore a backup</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="restore-file">Backup file (.age)</label>
          <input id="restore-file" type="file" accept=".age,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
        <PassphraseField label="The vault's passphrase" value={passphrase} onChange={setPassphrase} />
        <button type="submit" disabled={!file || operation.running !== undefined}>
          Restore
        </button>
      </form>
      <OperationStatus operation={operation} unit="items" />
    </section>
  );
}

export function UnlockVault({ failedAttempts, retryAfterMs, reason }: { failedAttempts: number; retryAfterMs: number; reason: string | undefined }) {
  const { opened } = useVault();
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [waitUntil, setWaitUntil] = useState(() => (retryAfterMs > 0 ? Date.now() + retryAfterMs : 0));
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [waitUntil, now]);
  const waiting = waitUntil > now;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (waiting || busy) return;
    setBusy(true);
    setError(undefined);
    const result = await cryptoWorker.call("vault:unlock", { passphrase });
    setBusy(false);
    if (result.ok) {
      setPassphrase("");
      await opened(result.value);
      return;
    }
    setPassphrase("");
    setError(describeWorkerError(result.error));
    if (result.error.kind === "refused" && result.error.retryAfterMs) setWaitUntil(Date.now() + result.error.retryAfterMs);
    setNow(Date.now());
  };

  return (
    <section aria-labelledby="unlock-heading">
      <h2 id="unlock-heading">Unlock your vault</h2>
      {reason && (
        <p className="notice" role="status">
          {reason}
        </p>
      )}
      {failedAttempts > 0 && !error && <p className="notice">{failedAttempts} failed attempt{failedAttempts === 1 ? "" : "s"} since the last unlock.</p>}
      <form onSubmit={submit} aria-busy={busy}>
        <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} autoFocus />
        <button type="submit" disabled={busy || waiting}>
          {busy ? "Unlocking…" : "Unlock"}
        </button>
        {waiting && <span className="muted"> You can try again in {formatDuration((waitUntil - now) / 1000)}.</span>}
      </form>
      {error && (
        <div className="alert" role="alert" data-testid="unlock-error">
          {error}
        </div>
      )}
    </section>
  );
}
