import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { hrefTo } from "../../app/routes";
import { describeWorkerError } from "../../i18n/problems";
import { NewPassphraseField, PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { useVault, type LockReason, type VaultPhase } from "../../vault/VaultContext";
import { lockReasonSentence, retrySentence } from "./lock-sentences";
import { repeatDiffers } from "./repeat-check";
import { UnlockProblems } from "./UnlockReport";

/** No vault yet: create one, or restore a backup into this empty profile. */
export function CreateVault({ interruptedRestore }: { interruptedRestore: boolean }) {
  const { t } = useLingui();
  const { opened, refresh } = useVault();
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const mismatch = repeatDiffers(passphrase, confirm, submitted);
  const operation = useOperation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (passphrase !== confirm) return;
    const vault = await operation.run(t`Measuring this computer and deriving the vault key (a few seconds)…`, (o) => cryptoWorker.call("vault:create", { passphrase }, o));
    if (vault) {
      setPassphrase("");
      setConfirm("");
      setSubmitted(false);
      await opened(vault);
    } else await refresh();
  };

  return (
    <section aria-labelledby="create-heading">
      <h2 id="create-heading">
        <Trans>Create your vault</Trans>
      </h2>
      {interruptedRestore && (
        <p className="notice">
          <Trans>A restore was interrupted earlier; what it wrote will be cleared first.</Trans>
        </p>
      )}
      <p>
        <Trans>
          Everything you work on is stored encrypted on this computer under one passphrase. It cannot be recovered if you forget it: keep a backup and write the
          passphrase down somewhere safe.
        </Trans>
      </p>
      <form onSubmit={submit} aria-busy={operation.running !== undefined}>
        <NewPassphraseField label={t`New passphrase`} value={passphrase} onChange={setPassphrase} />
        <PassphraseField label={t`Repeat the passphrase`} value={confirm} onChange={setConfirm} />
        {mismatch && (
          <div className="alert" role="alert" data-testid="passphrase-mismatch">
            <Trans>The two passphrases differ; type them again.</Trans>
          </div>
        )}
        <button type="submit" disabled={operation.running !== undefined}>
          <Trans>Create vault</Trans>
        </button>
      </form>
      <OperationStatus operation={operation} />
      <RestoreVault />
    </section>
  );
}

export function RestoreVault() {
  const { t } = useLingui();
  const { opened, refresh } = useVault();
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState("");
  const operation = useOperation();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const fileName = file.name;
    const restored = await operation.run(t`Restoring ${fileName}…`, (o) => cryptoWorker.call("vault:restore", { file, passphrase }, o), { cancellable: true });
    setPassphrase("");
    // Whatever happened (even a cancel that came too late), show the vault as the worker has it.
    if (restored) await opened(restored);
    else await refresh();
  };
  return (
    <section aria-labelledby="restore-heading" className="subsection">
      <h2 id="restore-heading">
        <Trans>Or restore a backup</Trans>
      </h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="restore-file">
            <Trans>Backup file (.age)</Trans>
          </label>
          <input id="restore-file" type="file" accept=".age,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
        <PassphraseField label={t`The vault's passphrase`} value={passphrase} onChange={setPassphrase} />
        <button type="submit" disabled={!file || operation.running !== undefined}>
          <Trans context="verb, button">Restore</Trans>
        </button>
      </form>
      <OperationStatus operation={operation} unit="items" />
    </section>
  );
}

/** The vault's store while it opens, or why it could not be opened. */
export function VaultUnavailable({ state }: { state: Extract<VaultPhase, { phase: "starting" | "failed" }> }) {
  return state.phase === "starting" ? (
    <p role="status">
      <Trans>Opening the vault store…</Trans>
    </p>
  ) : (
    <div className="alert" role="alert">
      {describeWorkerError(state.error)}
    </div>
  );
}

/**
 * A page that needs the open vault: its content once unlocked; until then the
 * unlock form (or the way to create a vault) right here, so that unlocking
 * shows the page without going anywhere. `purpose` says why the vault is needed.
 */
export function RequireVault({ purpose, children }: { purpose: string; children: ReactNode }) {
  const { state } = useVault();
  // The unlock form held the focus and is gone once unlocked: hand it to the page's heading, as navigation does.
  const gated = useRef(false);
  useEffect(() => {
    if (state.phase === "locked" || state.phase === "none") gated.current = true;
    else if (gated.current) {
      gated.current = false;
      document.querySelector<HTMLElement>("main h1")?.focus();
    }
  }, [state.phase]);
  switch (state.phase) {
    case "starting":
    case "failed":
      return <VaultUnavailable state={state} />;
    case "none":
      return (
        <section aria-labelledby="no-vault-heading" data-testid="vault-required">
          <h2 id="no-vault-heading">
            <Trans>Create your vault first</Trans>
          </h2>
          <p>{purpose}</p>
          <p>
            <Trans>
              <a href={hrefTo("vault")}>Create your vault in My vault</a>, then come back here.
            </Trans>
          </p>
        </section>
      );
    case "locked":
      return <UnlockVault failedAttempts={state.failedAttempts} retryAfterMs={state.retryAfterMs} reason={state.reason} purpose={purpose} />;
    case "unlocked":
      // Tampering found at unlock is said wherever the vault was unlocked, not only in My vault.
      return (
        <>
          <UnlockProblems audit={state.audit} integrity={state.integrity} />
          {children}
        </>
      );
  }
}

export function UnlockVault({ failedAttempts, retryAfterMs, reason, purpose }: { failedAttempts: number; retryAfterMs: number; reason: LockReason | undefined; purpose?: string }) {
  const { t } = useLingui();
  const { opened } = useVault();
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [waitUntil, setWaitUntil] = useState(() => (retryAfterMs > 0 ? Date.now() + retryAfterMs : 0));
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  // Once typing starts, the key derivation readies its memory while the rest is typed, so the unlock itself is quicker.
  const prepared = useRef(false);
  const onPassphrase = (value: string) => {
    setPassphrase(value);
    if (!prepared.current && value !== "") {
      prepared.current = true;
      void cryptoWorker.call("vault:prepare-unlock", {});
    }
  };

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
    // Each derivation uses up its worker: the next attempt prepares a new one.
    prepared.current = false;
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
      <h2 id="unlock-heading">
        <Trans>Unlock your vault</Trans>
      </h2>
      {purpose && <p data-testid="vault-required">{purpose}</p>}
      {reason && (
        <p className="notice" role="status">
          {lockReasonSentence(reason)}
        </p>
      )}
      {failedAttempts > 0 && !error && (
        <p className="notice">{plural(failedAttempts, { one: "# failed attempt since the last unlock.", other: "# failed attempts since the last unlock." })}</p>
      )}
      <form onSubmit={submit} aria-busy={busy}>
        <PassphraseField label={t`Passphrase`} value={passphrase} onChange={onPassphrase} autoFocus />
        <button type="submit" disabled={busy || waiting}>
          {busy ? t`Unlocking…` : t({ message: "Unlock", context: "verb, button" })}
        </button>
        {waiting && <span className="muted"> {retrySentence((waitUntil - now) / 1000)}</span>}
      </form>
      {error && (
        <div className="alert" role="alert" data-testid="unlock-error">
          {error}
        </div>
      )}
    </section>
  );
}
