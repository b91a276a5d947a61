import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import type { AttachmentInfoView } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { FilePicker } from "../../components/FilePicker";
import { Ltr } from "../../components/Ltr";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatBytes } from "../../i18n/format";

/** How a file's hash was last checked: while importing, or read back from the vault. */
type Check = "imported" | "read-back";

/** Evidence files: imported as a stream, encrypted in chunks, verified on every read. */
export function FilesPanel() {
  const { t } = useLingui();
  const [verified, setVerified] = useState<Record<string, Check>>({});
  const [confirmDelete, setConfirmDelete] = useState<string | undefined>();
  const operation = useOperation();
  const [files, load] = useWorkerList(operation, t`Reading the file list…`, "attachment:list");

  const importFile = async (file: File) => {
    const fileName = file.name;
    const info = await operation.run(t`Importing ${fileName}…`, (o) => cryptoWorker.call("attachment:import", { file }, o), { cancellable: true });
    if (info) setVerified((v) => ({ ...v, [info.id]: "imported" }));
    await load();
  };
  const verify = async (file: AttachmentInfoView) => {
    const fileName = file.name;
    const info = await operation.run(t`Reading back ${fileName}…`, (o) => cryptoWorker.call("attachment:verify", { id: file.id }, o), { cancellable: true });
    if (info) setVerified((v) => ({ ...v, [file.id]: "read-back" }));
    else await load();
  };
  const exportFile = async (file: AttachmentInfoView) => {
    const fileName = file.name;
    const out = await operation.run(t`Decrypting ${fileName}…`, (o) => cryptoWorker.call("attachment:export", { id: file.id }, o), { cancellable: true });
    if (out) saveFile(out);
  };
  const remove = async (file: AttachmentInfoView) => {
    if (confirmDelete !== file.id) return setConfirmDelete(file.id);
    setConfirmDelete(undefined);
    const fileName = file.name;
    if (await operation.run(t`Deleting ${fileName}…`, (o) => cryptoWorker.call("attachment:delete", { id: file.id }, o))) await load();
  };

  const chunk = formatBytes(64 * 1024);
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">
        <Trans>Evidence files</Trans>
      </h2>
      <p className="muted">
        <Trans>Files of any size are read as a stream, hashed (SHA-256) and encrypted in chunks of {chunk}; memory use stays the same whatever the size.</Trans>
      </p>
      <FilePicker id="attachment-file" label={t`Import a file`} disabled={operation.running !== undefined} onFile={(file) => void importFile(file)} />
      <OperationStatus operation={operation} />
      {files?.length === 0 && (
        <p>
          <Trans>No files yet.</Trans>
        </p>
      )}
      {files && files.length > 0 && (
        <table className="files">
          <caption className="visually-hidden">
            <Trans>Stored evidence files</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="a file's name, column heading">Name</Trans>
              </th>
              <th scope="col">
                <Trans context="a file's size, column heading">Size</Trans>
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">
                <Trans context="column heading">Actions</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-testid="attachment">
                <td>
                  <Ltr>{file.name}</Ltr>
                  <div className="muted small">
                    <Ltr>{file.mediaType}</Ltr>
                  </div>
                </td>
                <td>{formatBytes(file.size)}</td>
                <td>
                  <span className="mono small wrap" data-testid="attachment-sha256">
                    <Ltr>{file.sha256}</Ltr>
                  </span>
                  {verified[file.id] && (
                    <div className="ok small" data-testid="attachment-verified" role="status">
                      {verified[file.id] === "imported" ? (
                        <Trans>SHA-256 computed while importing.</Trans>
                      ) : (
                        <Trans>Read back and verified: every chunk authentic, SHA-256 matches.</Trans>
                      )}
                    </div>
                  )}
                </td>
                <td className="actions">
                  <FileActions
                    name={file.name}
                    busy={operation.running !== undefined}
                    confirming={confirmDelete === file.id}
                    onVerify={() => void verify(file)}
                    onExport={() => void exportFile(file)}
                    onRemove={() => void remove(file)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type FileActionsProps = {
  readonly name: string;
  readonly busy: boolean;
  readonly confirming: boolean;
  readonly onVerify: () => void;
  readonly onExport: () => void;
  readonly onRemove: () => void;
};

/** Verify, save a copy, delete (asked twice): each button names its file for screen readers. */
function FileActions({ name, busy, confirming, onVerify, onExport, onRemove }: FileActionsProps) {
  const { t } = useLingui();
  return (
    <>
      <button type="button" onClick={onVerify} disabled={busy} aria-label={t`Verify ${name}`}>
        <Trans context="verb, button: check a stored file">Verify</Trans>
      </button>
      <button type="button" onClick={onExport} disabled={busy} aria-label={t`Save a copy of ${name}`}>
        <Trans>Save a copy</Trans>
      </button>
      <button type="button" className="danger" onClick={onRemove} disabled={busy} aria-label={confirming ? t`Confirm: delete ${name} for good` : t`Delete ${name}`}>
        {confirming ? t`Confirm delete` : t({ message: "Delete", context: "verb, button" })}
      </button>
    </>
  );
}
