import { useState, type FormEvent } from "react";
import { saveFile } from "../../app/download";
import { PassphraseField } from "../../components/PassphraseField";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

export function BackupPanel() {
  const [passphrase, setPassphrase] = useState("");
  const [digest, setDigest] = useState<string | undefined>();
  const [made, setMade] = useState<string | undefined>();
  const operation = useOperation();
  const digestOperation = useOperation();
  const backup = async (event: FormEvent) => {
    event.preventDefault();
    const file = await operation.run("Writing the backup…", (o) => cryptoWorker.call("vault:backup", { passphrase }, o), { cancellable: true });
    setPassphrase("");
    if (file) {
      saveFile(file);
      setMade(`Backup written: ${file.fileName}. Keep it on separate, safe media.`);
    }
  };
  const computeDigest = async () => {
    const result = await digestOperation.run("Reading and verifying every record and file…", (o) => cryptoWorker.call("vault:digest", {}, o), { cancellable: true });
    if (result) setDigest(result.digest);
  };
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p>
        The backup is one file, encrypted with your vault passphrase (an <span className="mono">age</span> file). Restore it into an empty profile
        from the unlock screen of a new installation.
      </p>
      <form onSubmit={backup}>
        <PassphraseField label="Your vault passphrase" value={passphrase} onChange={setPassphrase} />
        <button type="submit" disabled={operation.running !== undefined || passphrase === ""}>
          Make a backup
        </button>
      </form>
      <OperationStatus operation={operation} unit="items" />
      {made && (
        <p className="ok" role="status">
          {made}
        </p>
      )}
      <h3>Content digest</h3>
      <p className="muted">A SHA-256 over everything the vault holds (records and files, decrypted and verified). A restored vault shows the same digest.</p>
      <button type="button" onClick={() => void computeDigest()} disabled={digestOperation.running !== undefined || operation.running !== undefined}>
        Compute the content digest
      </button>
      {digest && (
        <p className="mono wrap" data-testid="content-digest">
          {digest}
        </p>
      )}
      <OperationStatus operation={digestOperation} />
    </section>
  );
}
