import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { saveFile } from "../../app/download";
import { Ltr } from "../../components/Ltr";
import { PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

export function BackupPanel() {
  const { t } = useLingui();
  const [passphrase, setPassphrase] = useState("");
  const [digest, setDigest] = useState<string | undefined>();
  const [made, setMade] = useState<string | undefined>();
  const operation = useOperation();
  const digestOperation = useOperation();
  const backup = async (event: FormEvent) => {
    event.preventDefault();
    const file = await operation.run(t`Writing the backup…`, (o) => cryptoWorker.call("vault:backup", { passphrase }, o), { cancellable: true });
    setPassphrase("");
    if (file) {
      saveFile(file);
      setMade(file.fileName);
    }
  };
  const computeDigest = async () => {
    const result = await digestOperation.run(t`Reading and verifying every record and file…`, (o) => cryptoWorker.call("vault:digest", {}, o), { cancellable: true });
    if (result) setDigest(result.digest);
  };
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">
        <Trans context="noun, heading">Backup</Trans>
      </h2>
      <p>
        <Trans>
          The backup is one file, encrypted with your vault passphrase (an <span className="mono">age</span> file). Restore it into an empty profile from the
          unlock screen of a new installation.
        </Trans>
      </p>
      <form onSubmit={backup}>
        <PassphraseField label={t`Your vault passphrase`} value={passphrase} onChange={setPassphrase} />
        <button type="submit" disabled={operation.running !== undefined || passphrase === ""}>
          <Trans>Make a backup</Trans>
        </button>
      </form>
      <OperationStatus operation={operation} unit="items" />
      {made && (
        <p className="ok" role="status">
          <Trans>
            Backup written: <Ltr>{made}</Ltr>. Keep it on separate, safe media.
          </Trans>
        </p>
      )}
      <h3>
        <Trans>Content digest</Trans>
      </h3>
      <p className="muted">
        <Trans>A SHA-256 over everything the vault holds (records and files, decrypted and verified). A restored vault shows the same digest.</Trans>
      </p>
      <button type="button" onClick={() => void computeDigest()} disabled={digestOperation.running !== undefined || operation.running !== undefined}>
        <Trans>Compute the content digest</Trans>
      </button>
      {digest && (
        <p className="mono wrap" data-testid="content-digest">
          <Ltr>{digest}</Ltr>
        </p>
      )}
      <OperationStatus operation={digestOperation} />
    </section>
  );
}
